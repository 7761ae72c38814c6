// Login, logout and "who am I". Login takes the same time for unknown users as for wrong
// passwords (dummy-hash verification) and is throttled per username and per client address.
#include "server/session_handlers.h"

#include <cstdio>

#include "server/json_reader.h"
#include "server/json_writer.h"
#include "server/log.h"

namespace keyledger::server {

void WriteUser(JsonOut& out, const UserRecord& user) {
  out.BeginObject();
  out.Field("id", user.id);
  out.Field("username", user.username);
  out.Field("display_name", user.display_name);
  out.Field("role", user.role);
  out.Field("org_unit", user.org_unit);
  out.EndObject();
}

std::string FormatInstant(Instant t) {
  auto days = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd(days);
  auto tod = std::chrono::hh_mm_ss(t - days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), long(tod.hours().count()),
                long(tod.minutes().count()), long(tod.seconds().count()),
                long(std::chrono::duration_cast<std::chrono::milliseconds>(tod.subseconds()).count()));
  return buf;
}

namespace {

Response Login(SessionDeps& deps, const Request& req) {
  auto body = JsonBody::Parse(req.body);
  if (!body.ok()) return ErrorResponse(body.error());
  auto root = body->Root();
  auto username = root.RequiredString("username", 128);
  if (!username.ok()) return ErrorResponse(username.error());
  auto password = root.RequiredString("password", 1024);
  if (!password.ok()) return ErrorResponse(password.error());

  if (auto retry = deps.throttle.Attempt(*username, req.client_address)) {
    Response r = ErrorResponse({ApiErrorCode::kRateLimited, "too many sign-in attempts", {}});
    r.With("Retry-After", std::to_string(*retry));
    return r;
  }

  auto user = deps.users.FindByUsername(*username);
  // Always run exactly one Argon2id verification, so an unknown username costs the same time.
  bool verified = deps.hasher.Verify(user ? user->password_hash : deps.hasher.DummyHash(), *password);
  if (!user || !verified || !user->enabled) {
    Log(LogLevel::kInfo, "login refused", {{"username", *username}});
    return ErrorResponse({ApiErrorCode::kUnauthenticated, "wrong username or password", {}});
  }
  deps.throttle.Succeeded(*username, req.client_address);
  if (deps.hasher.NeedsRehash(user->password_hash)) {
    if (auto fresh = deps.hasher.Hash(*password)) deps.users.UpdatePasswordHash(user->id, *fresh);
  }
  std::string token = deps.sessions.Create(user->id);
  Log(LogLevel::kInfo, "login", {{"user_id", user->id}});

  JsonOut out;
  out.BeginObject();
  out.Key("user");
  WriteUser(out, *user);
  out.Field("token", token);
  out.EndObject();
  Response r;
  r.body = out.Take();
  r.With("Set-Cookie", SessionCookie(token, req.tls));
  return r;
}

Response Logout(SessionDeps& deps, const Request& req, RequestContext& ctx) {
  deps.sessions.End(ctx.caller->session_key);
  Response r;
  r.status = 204;
  r.content_type.clear();
  r.With("Set-Cookie", ClearedSessionCookie(req.tls));
  return r;
}

Response Me(SessionDeps& deps, RequestContext& ctx) {
  JsonOut out;
  out.BeginObject();
  out.Key("user");
  WriteUser(out, ctx.caller->user);
  out.Field("now", FormatInstant(deps.now()));
  out.Field("time_zone", deps.time_zone);
  out.EndObject();
  Response r;
  r.body = out.Take();
  return r;
}

}  // namespace

void AddSessionRoutes(Router& router, SessionDeps& deps) {
  router.Add("POST", "/api/session", Access::kPublic,
             [&deps](const Request& req, RequestContext&) { return Login(deps, req); });
  router.Add("DELETE", "/api/session", Access::kAuthenticated,
             [&deps](const Request& req, RequestContext& ctx) { return Logout(deps, req, ctx); });
  router.Add("GET", "/api/me", Access::kAuthenticated,
             [&deps](const Request&, RequestContext& ctx) { return Me(deps, ctx); });
}

}  // namespace keyledger::server
