// Handlers for the session resource: POST /api/session (login), DELETE /api/session (logout),
// GET /api/me.
#pragma once

#include <functional>
#include <string>

#include "domain/core/time.h"
#include "server/auth.h"
#include "server/login_throttle.h"
#include "server/password.h"
#include "server/router.h"

namespace keyledger::server {

// Everything the session handlers borrow; all must outlive the router.
struct SessionDeps {
  UserDirectory& users;
  SessionStore& sessions;
  LoginThrottle& throttle;
  const PasswordHasher& hasher;
  std::function<Instant()> now;        // the server clock (manual under --manual-clock)
  std::string time_zone = "Asia/Shanghai";
};

void AddSessionRoutes(Router& router, SessionDeps& deps);

// {"id","username","display_name","role","org_unit"}: the user as every API answer shows it.
class JsonOut;
void WriteUser(JsonOut& out, const UserRecord& user);
// RFC 3339 UTC text ("2026-11-22T01:30:00.000Z") of an instant.
std::string FormatInstant(Instant t);

}  // namespace keyledger::server
