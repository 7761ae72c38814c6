// Authenticator.
#include "server/auth.h"

namespace keyledger::server {

std::optional<Caller> Authenticator::Authenticate(const Request& request) const {
  std::optional<std::string> token;
  bool by_cookie = false;
  if (auto h = request.Header("Authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (h->size() <= kBearer.size() || !EqualsIgnoreCase(h->substr(0, kBearer.size()), kBearer))
      return std::nullopt;
    token = std::string(h->substr(kBearer.size()));
  } else if (auto c = request.Cookie(kSessionCookieName)) {
    token = std::move(c);
    by_cookie = true;
  }
  if (!token || token->empty() || token->size() > 256) return std::nullopt;
  auto session = sessions_.Lookup(*token);
  if (!session) return std::nullopt;
  auto user = users_.FindById(session->user_id);
  if (!user || !user->enabled) return std::nullopt;
  return Caller{std::move(*user), session->key, by_cookie};
}

std::string SessionCookie(const std::string& token, bool secure) {
  std::string c = std::string(kSessionCookieName) + "=" + token + "; HttpOnly; SameSite=Strict; Path=/";
  if (secure) c += "; Secure";
  return c;
}

std::string ClearedSessionCookie(bool secure) {
  std::string c = std::string(kSessionCookieName) +
                  "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";
  if (secure) c += "; Secure";
  return c;
}

}  // namespace keyledger::server
