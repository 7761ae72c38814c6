// Org units and users. Writes are the admin's (the org decider refuses anyone else); reads of
// the user list are open to every signed-in user, because pickers (credit split, assignee) need
// names, but never show password hashes.
#include "server/org_handlers.h"

#include "server/api_support.h"
#include "server/json_writer.h"
#include "server/mail/mail_address.h"
#include "server/session_handlers.h"

namespace keyledger::server {
namespace {

bool ValidUsername(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Reminder mail goes to this address and in this language (server/mail/): checked on the way in.
std::optional<ApiError> CheckContact(const std::optional<std::string>& email, const std::optional<std::string>& language) {
  if (email && !email->empty() && !mail::IsMailAddress(*email)) return FieldError("email", "an e-mail address (local@domain)");
  if (language && *language != "zh-CN" && *language != "en") return FieldError("language", "zh-CN or en");
  return std::nullopt;
}

Response CreateUnit(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(id, root.RequiredString("id", 64));
  KL_TRY(name, root.RequiredString("name", 200));
  KL_TRY(parent, root.OptionalString("parent_id", 64));
  KL_TRY(kind, RequiredEnum<domain::OrgUnitKind>(root, "kind"));
  KL_TRY(meta, MetaFor(req, actor, ledger));
  std::optional<domain::OrgUnitId> parent_id;
  if (parent && !parent->empty()) parent_id = domain::OrgUnitId{*parent};
  auto result = ledger.Commands().Execute<OrgAggregate>("", domain::CreateOrgUnit{{id}, name, parent_id, kind}, meta);
  return CommandAnswer(ledger, result, id, 201);
}

Response AssignManager(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(body, BodyOf(req));
  KL_TRY(user, body.Root().RequiredString("user_id", 64));
  KL_TRY(meta, MetaFor(req, actor, ledger));
  std::string unit(ctx.Param("id"));
  auto result = ledger.Commands().Execute<OrgAggregate>("", domain::AssignUnitManager{{unit}, {user}}, meta);
  return CommandAnswer(ledger, result, unit);
}

Response CreateUser(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(username, root.RequiredString("username", 64));
  if (!ValidUsername(username)) {
    return ErrorResponse(FieldError("username", "1 to 64 of a-z, 0-9, '.', '_', '-'"));
  }
  KL_TRY(display_name, root.RequiredString("display_name", 200));
  KL_TRY(password, root.RequiredString("password", 1024));
  if (password.size() < 8) return ErrorResponse(FieldError("password", "at least 8 characters"));
  KL_TRY(role, RequiredEnum<domain::Role>(root, "role"));
  KL_TRY(unit, root.RequiredString("org_unit_id", 64));
  KL_TRY(email, root.OptionalString("email", 320));
  KL_TRY(language, root.OptionalString("language", 16));
  if (auto bad = CheckContact(email, language)) return ErrorResponse(*bad);
  KL_TRY(meta, MetaFor(req, actor, ledger));
  // Only an admin's request is worth an Argon2id hash (it costs tens of milliseconds).
  if (actor.role != domain::Role::kAdmin) {
    return ErrorResponse({ApiErrorCode::kForbidden, "only the administrator creates users", {}});
  }
  auto hash = ledger.Hasher().Hash(password);
  if (!hash) return ErrorResponse({ApiErrorCode::kUnavailable, "cannot hash the password now", {}});
  std::string id = "u-" + username;
  domain::CreateUser command{{id}, username, display_name, role, {unit}, email.value_or(""),
                             language.value_or("zh-CN"), *hash};
  auto result = ledger.Commands().Execute<OrgAggregate>("", command, meta);
  return CommandAnswer(ledger, result, id, 201);
}

// PATCH /api/users/{id}: display name, e-mail, language; absent fields keep their value.
Response UpdateProfile(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(display_name, root.OptionalString("display_name", 200));
  KL_TRY(email, root.OptionalString("email", 320));
  KL_TRY(language, root.OptionalString("language", 16));
  if (display_name && display_name->empty()) return ErrorResponse(FieldError("display_name", "must not be empty"));
  if (auto bad = CheckContact(email, language)) return ErrorResponse(*bad);
  KL_TRY(meta, MetaFor(req, actor, ledger));
  std::string id(ctx.Param("id"));
  auto org = ledger.Org().Current();
  auto user = org->users.find(domain::UserId{id});
  if (user == org->users.end()) return ErrorResponse({ApiErrorCode::kNotFound, "no such user", {}});
  domain::UpdateUserProfile command{{id}, display_name.value_or(user->second.display_name),
                                    email.value_or(user->second.email), language.value_or(user->second.language)};
  auto result = ledger.Commands().Execute<OrgAggregate>("", command, meta);
  return CommandAnswer(ledger, result, id);
}

template <class Command>
Response UserSwitch(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(meta, MetaFor(req, actor, ledger));
  std::string id(ctx.Param("id"));
  auto result = ledger.Commands().Execute<OrgAggregate>("", Command{{id}}, meta);
  return CommandAnswer(ledger, result, id);
}

Response ListUnits(Ledger& ledger) {
  auto org = ledger.Org().Current();
  std::vector<const domain::OrgUnit*> units;
  for (const auto& [id, unit] : org->units) units.push_back(&unit);
  std::sort(units.begin(), units.end(), [](auto* a, auto* b) { return a->id.value < b->id.value; });
  return ItemsPage([&](JsonOut& out) {
    for (const auto* u : units) {
      out.BeginObject();
      out.Field("id", u->id.value);
      out.Field("name", u->name);
      out.Key("parent_id");
      if (u->parent) out.String(u->parent->value); else out.Null();
      out.Field("kind", domain::NameOf(u->kind));
      out.Key("manager");
      if (u->manager) out.String(u->manager->value); else out.Null();
      out.EndObject();
    }
  });
}

Response ListUsers(Ledger& ledger, const Request& req) {
  auto org = ledger.Org().Current();
  auto role = req.QueryParam("role");
  std::vector<const domain::User*> users;
  for (const auto& [id, user] : org->users) {
    if (role && domain::NameOf(user.role) != *role) continue;
    users.push_back(&user);
  }
  std::sort(users.begin(), users.end(), [](auto* a, auto* b) { return a->username < b->username; });
  return ItemsPage([&](JsonOut& out) {
    for (const auto* u : users) {
      UserRecord record = ToUserRecord(*u);
      out.BeginObject();
      out.Field("id", record.id);
      out.Field("username", record.username);
      out.Field("display_name", record.display_name);
      out.Field("role", record.role);
      out.Field("org_unit", record.org_unit);
      out.Field("enabled", record.enabled);
      out.EndObject();
    }
  });
}

}  // namespace

void AddOrgRoutes(Router& router, Ledger& ledger, std::function<void(const std::string&)> on_disabled) {
  auto& l = ledger;
  router.Add("POST", "/api/org-units", Access::kAuthenticated,
             [&l](const Request& r, RequestContext& c) { return CreateUnit(l, r, c); });
  router.Add("GET", "/api/org-units", Access::kAuthenticated,
             [&l](const Request&, RequestContext&) { return ListUnits(l); });
  router.Add("POST", "/api/org-units/{id}/manager", Access::kAuthenticated,
             [&l](const Request& r, RequestContext& c) { return AssignManager(l, r, c); });
  router.Add("POST", "/api/users", Access::kAuthenticated,
             [&l](const Request& r, RequestContext& c) { return CreateUser(l, r, c); });
  router.Add("GET", "/api/users", Access::kAuthenticated,
             [&l](const Request& r, RequestContext&) { return ListUsers(l, r); });
  router.Add("PATCH", "/api/users/{id}", Access::kAuthenticated,
             [&l](const Request& r, RequestContext& c) { return UpdateProfile(l, r, c); });
  router.Add("POST", "/api/users/{id}/disable", Access::kAuthenticated,
             [&l, on_disabled](const Request& r, RequestContext& c) {
               Response answer = UserSwitch<domain::DisableUser>(l, r, c);
               if (answer.status == 200 && on_disabled) on_disabled(std::string(c.Param("id")));
               return answer;
             });
  router.Add("POST", "/api/users/{id}/enable", Access::kAuthenticated,
             [&l](const Request& r, RequestContext& c) { return UserSwitch<domain::EnableUser>(l, r, c); });
}

}  // namespace keyledger::server
