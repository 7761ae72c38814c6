// What every business handler shares: the caller as a domain actor, the command metadata taken
// from the request's headers (Idempotency-Key, If-Match), the mapping of command failures and
// domain rejections to API errors, and the standard command answer {"id","version","seq"}.
// Handlers stay thin: JSON in → typed command → Ledger → JSON out.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/access/access_policy.h"
#include "domain/core/enum_names.h"
#include "server/http_errors.h"
#include "server/json_reader.h"
#include "server/json_writer.h"
#include "server/ledger.h"
#include "server/router.h"

namespace keyledger::server {

// The caller as the domain sees them. 401 if the route had no caller (a wiring bug), 403 for a
// user whose role text the domain does not know.
ApiResult<domain::Actor> ActorFor(const RequestContext& ctx);

// Metadata for a command from `req`: the clock's now, the Idempotency-Key scoped to the caller
// (one user's key cannot replay another's answer), the request fingerprint (method, path, body)
// and If-Match. 400 for a malformed If-Match or an over-long key.
ApiResult<CommandMeta> MetaFor(const Request& req, const domain::Actor& actor, const Ledger& ledger);

ApiError FromRejection(const domain::Rejection& r);
ApiError FromFailure(const CommandFailure& f);

// {"id","version","seq"} with `status` (201 for a creation, else 200), after the read side has
// applied the command's last event (read-your-writes). A failure is mapped to its API error.
Response CommandAnswer(Ledger& ledger, const CommandResult& result, std::string_view id, int status = 200);

// Parses `req.body` as a JSON object (400 invalid_json otherwise; an empty body is "{}").
ApiResult<JsonBody> BodyOf(const Request& req);

// 403 unless the access policy lets `actor` do `action` on `subject` (DOMAIN §1, R-A9).
std::optional<ApiError> CheckAccess(const Ledger& ledger, const domain::Actor& actor, domain::Action action,
                                    const domain::AccessSubject& subject);

// An enum field by its wire name (domain/core/enum_names.h): 400 naming the field and the values.
template <class E>
ApiResult<E> RequiredEnum(const JsonObjectView& obj, std::string_view field) {
  auto text = obj.RequiredString(field, 64);
  if (!text.ok()) return Fail(text.error());
  if (auto v = domain::ParseEnum<E>(*text)) return *v;
  std::string names;
  for (const auto& [value, name] : domain::EnumNames<E>::kNames) names += (names.empty() ? "" : ", ") + std::string(name);
  return Fail(FieldError(obj.PathOf(field), "must be one of: " + names));
}
template <class E>
ApiResult<std::optional<E>> OptionalEnum(const JsonObjectView& obj, std::string_view field) {
  if (!obj.Has(field)) return std::optional<E>();
  auto v = RequiredEnum<E>(obj, field);
  if (!v.ok()) return Fail(v.error());
  return std::optional<E>(*v);
}

// A JSON answer with `body` and `status`.
Response JsonResponse(std::string body, int status = 200);

// {"items":[…],"next":…}, every list's answer: `write_items(out)` writes the elements; `next` is
// the cursor of the following page, none on the last one.
template <class WriteItems>
Response ItemsPage(WriteItems&& write_items, std::optional<std::string> next = std::nullopt) {
  JsonOut out;
  out.BeginObject();
  out.Key("items");
  out.BeginArray();
  write_items(out);
  out.EndArray();
  out.Key("next");
  if (next) out.String(*next); else out.Null();
  out.EndObject();
  return JsonResponse(out.Take());
}

// Shorthands: return early from a handler with the error of a failed ApiResult.
#define KL_TRY(var, expr)                                 \
  auto var##_result = (expr);                             \
  if (!var##_result.ok()) return ErrorResponse(var##_result.error()); \
  auto& var = *var##_result

}  // namespace keyledger::server
