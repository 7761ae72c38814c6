// Shared handler plumbing (see api_support.h).
#include "server/api_support.h"

#include <charconv>

#include "domain/core/enum_names.h"
#include "server/json_writer.h"

namespace keyledger::server {

ApiResult<domain::Actor> ActorFor(const RequestContext& ctx) {
  if (!ctx.caller) return Fail(ApiError{ApiErrorCode::kUnauthenticated, "sign in first", {}});
  auto actor = ActorOf(ctx.caller->user);
  if (!actor) return Fail(ApiError{ApiErrorCode::kForbidden, "unknown role", {}});
  return *actor;
}

ApiResult<CommandMeta> MetaFor(const Request& req, const domain::Actor& actor, const Ledger& ledger) {
  CommandMeta meta;
  meta.actor = actor;
  meta.now = ledger.Now();
  if (auto key = req.Header("Idempotency-Key")) {
    if (key->empty() || key->size() > 200) {
      return Fail(FieldError("Idempotency-Key", "an Idempotency-Key has 1 to 200 characters"));
    }
    meta.idempotency_key = "http:" + actor.user.value + ":" + std::string(*key);
    meta.fingerprint = req.method + " " + req.path + "\n" + req.body;
  }
  if (auto match = req.Header("If-Match")) {
    std::string_view v = *match;
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    uint64_t version = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
    if (ec != std::errc() || end != v.data() + v.size() || v.empty()) {
      return Fail(FieldError("If-Match", "If-Match carries the version number the client last saw"));
    }
    meta.if_match = version;
  }
  return meta;
}

ApiError FromRejection(const domain::Rejection& r) {
  using K = domain::Rejection::Kind;
  switch (r.kind) {
    case K::kValidation: {
      ApiError e = FieldError(r.field, r.message);
      if (!r.rule.empty()) e.Detail("rule", r.rule);
      return e;
    }
    case K::kRuleViolation:
    case K::kConflict: {
      ApiError e{ApiErrorCode::kRuleViolation, r.message, {}};
      e.Detail("rule", r.rule.empty() ? "status_machine" : r.rule);
      return e;
    }
    case K::kForbidden: {
      ApiError e{ApiErrorCode::kForbidden, r.message, {}};
      if (!r.rule.empty()) e.Detail("rule", r.rule);
      return e;
    }
    case K::kNotFound:
      return {ApiErrorCode::kNotFound, r.message.empty() ? "not found" : r.message, {}};
  }
  return {ApiErrorCode::kInternal, r.message, {}};
}

ApiError FromFailure(const CommandFailure& f) {
  using K = CommandFailure::Kind;
  switch (f.kind) {
    case K::kRejected:
      return FromRejection(f.rejection);
    case K::kVersionConflict:
      return ApiError{ApiErrorCode::kVersionConflict, f.message, {}}.Detail("version", std::to_string(f.actual_version));
    case K::kIdempotencyMismatch:
      return ApiError{ApiErrorCode::kRuleViolation, "this Idempotency-Key was used for another request", {}}
          .Detail("rule", "idempotency");
    case K::kUnavailable:
      return {ApiErrorCode::kUnavailable, "the event log cannot accept writes: " + f.message, {}};
    case K::kCorrupt:
      return {ApiErrorCode::kInternal, f.message, {}};
  }
  return {ApiErrorCode::kInternal, f.message, {}};
}

Response CommandAnswer(Ledger& ledger, const CommandResult& result, std::string_view id, int status) {
  if (!result.ok()) return ErrorResponse(FromFailure(result.error()));
  // Read-your-writes: the answer is sent once the read models show the command.
  ledger.WaitApplied(result->seq);
  JsonOut out;
  out.BeginObject();
  out.Field("id", id);
  out.Field("version", result->version);
  out.Field("seq", result->seq.value);
  out.EndObject();
  return JsonResponse(out.Take(), result->duplicate && status == 201 ? 201 : status);
}

ApiResult<JsonBody> BodyOf(const Request& req) {
  return JsonBody::Parse(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
}

std::optional<ApiError> CheckAccess(const Ledger& ledger, const domain::Actor& actor, domain::Action action,
                                    const domain::AccessSubject& subject) {
  auto org = ledger.Org().Current();
  if (domain::MayDo(*org, actor, action, subject)) return std::nullopt;
  return ApiError{ApiErrorCode::kForbidden, "your role and scope do not allow this", {}}.Detail(
      "action", std::string(domain::NameOf(action)));
}

Response JsonResponse(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

}  // namespace keyledger::server
