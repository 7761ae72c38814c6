#include "server/mail/mail_handlers.h"

#include <algorithm>
#include <set>

#include "server/api_support.h"
#include "server/json_writer.h"

namespace keyledger::server::mail {
namespace {

Response PreferencesAnswer(Ledger& ledger, MailOutbox& outbox, const std::string& user_id) {
  auto org = ledger.Org().Current();
  auto user = org->users.find(domain::UserId{user_id});
  if (user == org->users.end()) return ErrorResponse({ApiErrorCode::kNotFound, "no such user", {}});
  MailPreferences prefs = outbox.PreferencesOf(user_id);
  JsonOut out;
  out.BeginObject();
  out.Field("user_id", user_id);
  out.Field("email", user->second.email);
  out.Field("language", user->second.language);
  out.Key("kinds");
  out.BeginArray();
  for (const auto& k : prefs.kinds) out.String(k);
  out.EndArray();
  out.Field("weekly_digest", prefs.weekly_digest);
  out.Field("mail_enabled", outbox.Sending());  // false: the server has no mail server configured
  out.EndObject();
  return JsonResponse(out.Take());
}

Response PutPreferences(Ledger& ledger, MailOutbox& outbox, const Request& req, const domain::Actor& actor,
                        const std::string& user_id) {
  auto org = ledger.Org().Current();
  if (!org->users.count(domain::UserId{user_id})) return ErrorResponse({ApiErrorCode::kNotFound, "no such user", {}});
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  auto kinds_element = root.Element("kinds");
  if (!kinds_element || !kinds_element->is_array()) return ErrorResponse(FieldError("kinds", "an array of reminder kinds"));
  std::set<std::string> kinds;
  simdjson::dom::array items = kinds_element->get_array().value_unsafe();
  for (auto k : items) {
    std::string_view name;
    if (k.get(name) != simdjson::SUCCESS || !IsReminderKind(name)) {
      return ErrorResponse(FieldError("kinds", "each one of: project_stale_2w, project_stale_1m, project_on_hold, "
                                               "visit_overdue, key_person_contact_due, complaint_overdue, approval_pending"));
    }
    kinds.emplace(name);
  }
  KL_TRY(digest, root.OptionalBool("weekly_digest"));
  MailPreferences prefs{{kinds.begin(), kinds.end()}, digest.value_or(true)};
  auto set = outbox.SetPreferences(user_id, prefs, actor.user.value);
  if (!set.ok()) return ErrorResponse({ApiErrorCode::kUnavailable, "the event log refused the write: " + set.error(), {}});
  return PreferencesAnswer(ledger, outbox, user_id);
}

std::optional<ApiError> AdminOnly(const domain::Actor& actor) {
  if (actor.role == domain::Role::kAdmin) return std::nullopt;
  return ApiError{ApiErrorCode::kForbidden, "only the admin manages another user's mail preferences", {}};
}

Response Deliveries(MailOutbox& outbox, const Request& req, const domain::Actor& actor) {
  if (actor.role != domain::Role::kAuditor && actor.role != domain::Role::kAdmin) {
    return ErrorResponse({ApiErrorCode::kForbidden, "the mail outbox is for auditors and the admin", {}});
  }
  size_t limit = 100;
  if (auto l = req.QueryParam("limit")) {
    try {
      limit = std::clamp<size_t>(std::stoul(std::string(*l)), 1, 1000);
    } catch (const std::exception&) {
      return ErrorResponse(FieldError("limit", "an integer from 1 to 1000"));
    }
  }
  return ItemsPage([&](JsonOut& out) {
    for (const auto& d : outbox.Deliveries(limit)) {
      out.BeginObject();
      out.Field("delivery_id", d.delivery_id);
      out.Field("recipient", d.recipient);
      out.Field("to", d.to);
      out.Field("kind", d.kind);
      out.Field("message_id", d.message_id);
      out.Field("state", d.state);
      out.Field("attempts", uint64_t{d.attempts});
      out.EndObject();
    }
  });
}

}  // namespace

void AddMailRoutes(Router& router, Ledger& ledger, MailOutbox& outbox) {
  auto& l = ledger;
  auto& o = outbox;
  router.Add("GET", "/api/me/mail-preferences", Access::kAuthenticated, [&l, &o](const Request&, RequestContext& c) {
    KL_TRY(actor, ActorFor(c));
    return PreferencesAnswer(l, o, actor.user.value);
  });
  router.Add("PUT", "/api/me/mail-preferences", Access::kAuthenticated, [&l, &o](const Request& r, RequestContext& c) {
    KL_TRY(actor, ActorFor(c));
    return PutPreferences(l, o, r, actor, actor.user.value);
  });
  router.Add("GET", "/api/users/{id}/mail-preferences", Access::kAuthenticated,
             [&l, &o](const Request&, RequestContext& c) {
               KL_TRY(actor, ActorFor(c));
               if (auto refused = AdminOnly(actor)) return ErrorResponse(*refused);
               return PreferencesAnswer(l, o, std::string(c.Param("id")));
             });
  router.Add("PUT", "/api/users/{id}/mail-preferences", Access::kAuthenticated,
             [&l, &o](const Request& r, RequestContext& c) {
               KL_TRY(actor, ActorFor(c));
               if (auto refused = AdminOnly(actor)) return ErrorResponse(*refused);
               return PutPreferences(l, o, r, actor, std::string(c.Param("id")));
             });
  router.Add("GET", "/api/mail/deliveries", Access::kAuthenticated, [&o](const Request& r, RequestContext& c) {
    KL_TRY(actor, ActorFor(c));
    return Deliveries(o, r, actor);
  });
}

}  // namespace keyledger::server::mail
