// Authenticator: who is calling. A bearer token (Authorization: Bearer …) or the `session`
// cookie is looked up in the SessionStore, then the user in the UserDirectory; a disabled or
// vanished user is not authenticated.
#pragma once

#include <optional>
#include <string>

#include "server/http_types.h"
#include "server/session_store.h"
#include "server/user_directory.h"

namespace keyledger::server {

inline constexpr char kSessionCookieName[] = "session";

// Thread-safe. Borrows both arguments; they must outlive it.
class Authenticator {
 public:
  Authenticator(SessionStore& sessions, const UserDirectory& users)
      : sessions_(sessions), users_(users) {}
  // The caller, or nullopt (no credentials, unknown/expired token, disabled user). A present
  // but invalid bearer token is not retried with the cookie.
  std::optional<Caller> Authenticate(const Request& request) const;

 private:
  SessionStore& sessions_;
  const UserDirectory& users_;
};

// Set-Cookie value for a new session: HttpOnly, SameSite=Strict, Path=/, Secure under TLS.
std::string SessionCookie(const std::string& token, bool secure);
// Set-Cookie value that deletes the session cookie.
std::string ClearedSessionCookie(bool secure);

}  // namespace keyledger::server
