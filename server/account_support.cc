// Shared account handler plumbing (see account_support.h).
#include "server/account_support.h"

#include <cstdio>

#include "server/json_writer.h"
#include "server/time_text.h"

namespace keyledger::server {

ApiResult<LoadedAccount> LoadAccount(Ledger& ledger, std::string_view id) {
  if (id.empty()) return Fail(ApiError{ApiErrorCode::kNotFound, "no such account", {}});
  auto loaded = ledger.Commands().Load<AccountAggregate>(id);
  if (!loaded.ok()) return Fail(FromFailure(loaded.error()));
  if (loaded->second == 0 || !loaded->first.exists) {
    return Fail(ApiError{ApiErrorCode::kNotFound, "no such account", {}});
  }
  return LoadedAccount{std::move(loaded->first), loaded->second};
}

domain::AccessSubject AccountSubject(const domain::AccountState& account) {
  // A non-named account has no dedicated owner: its opener looks after it (AccountState).
  std::optional<domain::UserId> owner = account.owner;
  if (!owner && !account.opened_by.empty()) owner = account.opened_by;
  return domain::AccessSubject{owner, std::nullopt, {}};
}

bool MaySeeAccountSummary(const domain::OrgState& org, const domain::Actor& actor, const std::string& owner) {
  if (owner.empty()) return true;
  return domain::MayDo(org, actor, domain::Action::kReadEvents, {domain::UserId{owner}, std::nullopt, {}});
}

Response RunOnAccount(Ledger& ledger, const Request& req, RequestContext& ctx, const domain::AccountCommand& command,
                      const CommandMeta* prepared, std::string_view created_id) {
  KL_TRY(actor, ActorFor(ctx));
  std::string id(ctx.Param("id"));
  KL_TRY(account, LoadAccount(ledger, id));
  if (auto denied = CheckAccess(ledger, actor, domain::ActionOf(command), AccountSubject(account.state))) {
    return ErrorResponse(*denied);
  }
  CommandMeta meta;
  if (prepared) {
    meta = *prepared;
  } else {
    KL_TRY(m, MetaFor(req, actor, ledger));
    meta = m;
  }
  auto result = ledger.Commands().Execute<AccountAggregate>(id, command, meta);
  if (!created_id.empty()) return CreatedAnswer(ledger, result, created_id, id);
  return CommandAnswer(ledger, result, id);
}

Response CreatedAnswer(Ledger& ledger, const CommandResult& result, std::string_view id, std::string_view account_id,
                       int status) {
  if (!result.ok()) return ErrorResponse(FromFailure(result.error()));
  ledger.WaitApplied(result->seq);
  JsonOut out;
  out.BeginObject();
  out.Field("id", id);
  out.Field("account_id", account_id);
  out.Field("version", result->version);
  out.Field("seq", result->seq.value);
  out.EndObject();
  return JsonResponse(out.Take(), status);
}

std::string IdAfter(std::string_view stream, std::string_view prefix) {
  if (stream.substr(0, prefix.size()) != prefix) return {};
  return std::string(stream.substr(prefix.size()));
}

std::string EntityIdFor(const CommandMeta& meta, std::string_view prefix) {
  if (meta.idempotency_key.empty()) return std::string(prefix) + NewUuid();
  // Two independent 64-bit FNV-1a hashes of the caller-scoped key: a retry maps to the same id,
  // and distinct keys collide with negligible probability.
  auto fnv = [&](uint64_t basis) {
    uint64_t h = basis;
    for (char ch : prefix) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
    for (char ch : meta.idempotency_key) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
    return h;
  };
  char text[40];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(fnv(14695981039346656037ull)),
                static_cast<unsigned long long>(fnv(0x9e3779b97f4a7c15ull)));
  return std::string(prefix) + text;
}

int NamedAccountsOwnedBy(Ledger& ledger, const domain::UserId& owner) {
  return ledger.Reads().Read([&](const projections::ReadModels& m) {
    int count = 0;
    for (const auto* row : m.accounts.List()) {
      if (row->named && row->owner == owner.value) ++count;
    }
    return count;
  });
}

ApiResult<std::optional<Instant>> OptionalTimeField(const JsonObjectView& obj, std::string_view field,
                                                    const Ledger& ledger) {
  auto text = obj.OptionalString(field, 40);
  if (!text.ok()) return Fail(text.error());
  if (!*text || (*text)->empty()) return std::optional<Instant>();
  auto t = ParseTimeOrDate(**text, ledger.Config().utc_offset);
  if (!t) return Fail(FieldError(obj.PathOf(field), "a date YYYY-MM-DD or an RFC 3339 time"));
  return std::optional<Instant>(*t);
}

}  // namespace keyledger::server
