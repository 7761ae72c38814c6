// Account endpoints (API.md "Accounts"): opening an account with its code (R-A1), the list from
// the read side, the profile, affiliates, tier (R-A1), key persons (R-A8), owner changes (R-A3,
// R-A4) and revocation (R-A7). Every command is checked against the access policy with the
// account's owner before the domain decides; the rules themselves stay in the decider.
#include "server/account_handlers.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <mutex>

#include "server/account_json.h"
#include "server/account_routes.h"
#include "server/account_support.h"
#include "server/api_support.h"
#include "server/json_writer.h"

namespace keyledger::server {
namespace {

// Account codes "T-NNNNN" (DOMAIN §2): numbered per tier letter, one past the highest number
// the read side knows for that letter or this process has handed out (two openings in flight
// must not both take the number the read side does not show yet). Thread-safe.
class CodeAllocator {
 public:
  // nullopt when the five digits of the letter are used up.
  std::optional<std::string> Next(Ledger& ledger, domain::Tier tier) {
    const char letter = domain::NameOf(tier)[0];
    int highest = ledger.Reads().Read([&](const projections::ReadModels& m) {
      int h = 0;
      for (const auto* row : m.accounts.List()) {
        if (row->code.size() != 7 || row->code[0] != letter || row->code[1] != '-') continue;
        h = std::max(h, std::atoi(row->code.c_str() + 2));
      }
      return h;
    });
    std::lock_guard lock(mu_);
    int& last = last_[letter - 'A'];
    const int next = std::max(highest, last) + 1;
    if (next > 99999) return std::nullopt;
    last = next;
    char text[16];
    std::snprintf(text, sizeof text, "%c-%05d", letter, next);
    return std::string(text);
  }

 private:
  std::mutex mu_;
  int last_[3] = {0, 0, 0};  // GUARDED_BY(mu_), by letter A, B, C
};

bool CodeTaken(Ledger& ledger, const std::string& code) {
  return ledger.Reads().Read([&](const projections::ReadModels& m) {
    for (const auto* row : m.accounts.List()) {
      if (row->code == code) return true;
    }
    return false;
  });
}

Response OpenRoute(Ledger& ledger, CodeAllocator& codes, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(name, root.RequiredString("name", 400));
  KL_TRY(tier, RequiredEnum<domain::Tier>(root, "tier"));
  KL_TRY(given_code, root.OptionalString("code", 16));
  domain::AccountProfile profile;
  KL_TRY(merged, MergeProfileFields(root, profile));
  (void)merged;
  profile.name = name;
  domain::OpenAccount command{"", tier, profile, false};
  if (auto denied = CheckAccess(ledger, actor, domain::ActionOf(domain::AccountCommand(command)),
                                {actor.user, actor.unit, {}})) {
    return ErrorResponse(*denied);
  }
  if (given_code && !given_code->empty()) {
    command.code = *given_code;
  } else {
    auto code = codes.Next(ledger, tier);
    if (!code) {
      return ErrorResponse(ApiError{ApiErrorCode::kRuleViolation, "no account code left for this tier", {}}
                               .Detail("rule", "R-A1"));
    }
    command.code = *code;
  }
  command.code_taken = CodeTaken(ledger, command.code);
  KL_TRY(meta, MetaFor(req, actor, ledger));
  meta.new_id = NewUuid();
  auto result = ledger.Commands().Execute<AccountAggregate>(meta.new_id, command, meta);
  // An idempotent retry answers the first request's account, named by its stream.
  std::string id = result.ok() ? IdAfter(result->stream, "account-") : meta.new_id;
  return CommandAnswer(ledger, result, id, 201);
}

bool ContainsFolded(std::string_view haystack, std::string_view needle) {
  // ASCII case folding only: Chinese names match byte for byte.
  auto fold = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [&](char a, char b) { return fold(a) == fold(b); });
  return it != haystack.end();
}

// The list is the read side's fast path: AccountSummary rows, not the file, so not logged (R-A9
// logs reads of the full file only).
Response ListRoute(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  auto kind = req.QueryParam("kind");
  if (kind && kind->empty()) kind.reset();
  if (kind && *kind != "named" && *kind != "non_named") {
    return ErrorResponse(FieldError("kind", "must be one of: named, non_named"));
  }
  auto tier = req.QueryParam("tier");
  if (tier && tier->empty()) tier.reset();
  if (tier && *tier != "A" && *tier != "B" && *tier != "C") return ErrorResponse(FieldError("tier", "must be one of: A, B, C"));
  auto owner = req.QueryParam("owner");
  if (owner && owner->empty()) owner.reset();
  if (owner && *owner == "me") owner = actor.user.value;
  auto q = req.QueryParam("q");
  if (q && q->empty()) q.reset();
  size_t limit = 200, cursor = 0;
  if (auto l = req.QueryParam("limit")) limit = std::clamp<size_t>(std::strtoul(l->c_str(), nullptr, 10), 1, 1000);
  if (auto c = req.QueryParam("cursor")) cursor = std::strtoul(c->c_str(), nullptr, 10);
  auto org = ledger.Org().Current();

  std::vector<projections::AccountRow> page;
  size_t next = 0;
  ledger.Reads().Read([&](const projections::ReadModels& m) {
    const auto rows = m.accounts.List();
    for (size_t i = cursor; i < rows.size(); ++i) {
      const auto& row = *rows[i];
      if (kind && (row.named ? "named" : "non_named") != *kind) continue;
      if (tier && std::string_view("ABC").substr(static_cast<size_t>(row.tier), 1) != *tier) continue;
      if (owner && row.owner != *owner) continue;
      if (q && !ContainsFolded(row.name, *q) && !ContainsFolded(row.code, *q)) continue;
      if (!MaySeeAccountSummary(*org, actor, row.owner)) continue;
      if (page.size() == limit) {
        next = i;
        break;
      }
      page.push_back(row);
    }
  });
  const AccountJsonContext jctx{*org, ledger.Now(), ledger.Config(), ledger.Reads().Policy()};
  return ItemsPage(
      [&](JsonOut& out) {
      for (const auto& row : page) {
        auto version = ledger.Store().StreamVersion(AccountAggregate::Stream(row.account_id));
        WriteAccountSummary(out, row, version.ok() ? *version : 0, jctx);
      }
      },
      next ? std::optional<std::string>(std::to_string(next)) : std::nullopt);
}

Response PatchRoute(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  KL_TRY(account, LoadAccount(ledger, ctx.Param("id")));
  domain::AccountProfile profile = account.state.profile;
  KL_TRY(merged, MergeProfileFields(body.Root(), profile));
  (void)merged;
  return RunOnAccount(ledger, req, ctx, domain::UpdateAccountProfile{profile});
}

Response AddAffiliateRoute(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(other, root.RequiredString("account_id", 64));
  KL_TRY(relation, OptionalEnum<domain::AffiliateRelation>(root, "relation"));
  auto target = LoadAccount(ledger, other);
  if (!target.ok()) {
    if (target.error().code == ApiErrorCode::kNotFound) return ErrorResponse(FieldError("account_id", "no such account"));
    return ErrorResponse(target.error());
  }
  domain::Affiliate affiliate{domain::AccountId{other}, relation.value_or(domain::AffiliateRelation::kRelated)};
  return RunOnAccount(ledger, req, ctx, domain::AddAffiliate{affiliate});
}

Response RemoveAffiliateRoute(Ledger& ledger, const Request& req, RequestContext& ctx) {
  return RunOnAccount(ledger, req, ctx, domain::RemoveAffiliate{domain::AccountId{std::string(ctx.Param("affiliate"))}});
}

Response ChangeTierRoute(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  KL_TRY(tier, RequiredEnum<domain::Tier>(body.Root(), "tier"));
  KL_TRY(reason, body.Root().OptionalString("reason", 4000));
  return RunOnAccount(ledger, req, ctx, domain::ChangeTier{tier, reason.value_or("")});
}

Response AddKeyPersonRoute(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  for (std::string_view field : {"name", "decision_role", "relationship", "decision_weight"}) {
    if (!root.Has(field)) return ErrorResponse(FieldError(std::string(field), "is required"));
  }
  domain::KeyPerson person;
  person.known_by.push_back(actor.user);  // who records the key person knows them, unless told
  auto org = ledger.Org().Current();
  KL_TRY(merged, MergeKeyPersonFields(root, *org, ledger.Config().utc_offset, person));
  (void)merged;
  KL_TRY(meta, MetaFor(req, actor, ledger));
  meta.new_id = EntityIdFor(meta, "kp-");
  const std::string kp = meta.new_id;
  return RunOnAccount(ledger, req, ctx, domain::AddKeyPerson{person}, &meta, kp);
}

Response UpdateKeyPersonRoute(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  KL_TRY(account, LoadAccount(ledger, ctx.Param("id")));
  const domain::KeyPersonId kp{std::string(ctx.Param("kp"))};
  auto it = std::find_if(account.state.key_persons.begin(), account.state.key_persons.end(),
                         [&](const domain::KeyPerson& k) { return k.id == kp; });
  if (it == account.state.key_persons.end()) {
    return ErrorResponse(ApiError{ApiErrorCode::kNotFound, "no such key person", {}});
  }
  domain::KeyPerson person = *it;
  auto org = ledger.Org().Current();
  KL_TRY(merged, MergeKeyPersonFields(body.Root(), *org, ledger.Config().utc_offset, person));
  (void)merged;
  person.id = kp;
  return RunOnAccount(ledger, req, ctx, domain::UpdateKeyPerson{person});
}

Response ChangeOwnerRoute(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(owner, root.RequiredString("owner", 64));
  KL_TRY(reason, RequiredEnum<domain::OwnerChangeReason>(root, "reason"));
  KL_TRY(note, root.OptionalString("note", 4000));
  const domain::UserId new_owner{owner};
  auto org = ledger.Org().Current();
  if (!org->users.contains(new_owner)) return ErrorResponse(FieldError("owner", "no such user"));
  // R-A4 needs the new owner's current count of named accounts: a fact of the read side.
  const int named = NamedAccountsOwnedBy(ledger, new_owner);
  return RunOnAccount(ledger, req, ctx, domain::ChangeOwner{new_owner, reason, note.value_or(""), named});
}

Response RevokeNamedRoute(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  KL_TRY(reason, body.Root().OptionalString("reason", 4000));
  return RunOnAccount(ledger, req, ctx, domain::RevokeNamed{reason.value_or("")});
}

}  // namespace

void AddAccountRoutes(Router& router, Ledger& ledger) {
  auto& l = ledger;
  auto route = [&](const char* method, const char* path, Response (*fn)(Ledger&, const Request&, RequestContext&)) {
    router.Add(method, path, Access::kAuthenticated,
               [&l, fn](const Request& r, RequestContext& c) { return fn(l, r, c); });
  };
  auto codes = std::make_shared<CodeAllocator>();
  auto index = std::make_shared<VisitIndex>(ledger.Store());
  router.Add("POST", "/api/accounts", Access::kAuthenticated,
             [&l, codes](const Request& r, RequestContext& c) { return OpenRoute(l, *codes, r, c); });
  route("GET", "/api/accounts", ListRoute);
  router.Add("GET", "/api/accounts/{id}", Access::kAuthenticated,
             [&l, index](const Request&, RequestContext& c) { return GetAccountFile(l, *index, c); });
  route("PATCH", "/api/accounts/{id}", PatchRoute);
  route("POST", "/api/accounts/{id}/affiliates", AddAffiliateRoute);
  route("DELETE", "/api/accounts/{id}/affiliates/{affiliate}", RemoveAffiliateRoute);
  route("POST", "/api/accounts/{id}/tier", ChangeTierRoute);
  route("POST", "/api/accounts/{id}/key-persons", AddKeyPersonRoute);
  route("PATCH", "/api/accounts/{id}/key-persons/{kp}", UpdateKeyPersonRoute);
  route("POST", "/api/accounts/{id}/owner", ChangeOwnerRoute);
  route("POST", "/api/accounts/{id}/revoke-named", RevokeNamedRoute);
  AddNamedApplicationRoutes(router, ledger);
  AddVisitRoutes(router, ledger, index);
}

}  // namespace keyledger::server
