// Security headers and the CSRF rule.
#include "server/security_headers.h"

namespace keyledger::server {

bool IsStateChanging(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

void AddSecurityHeaders(const Request& request, Response& response) {
  // 'self' covers the dashboard's own scripts, styles and the same-origin ws:// feed in modern
  // browsers; no inline script is allowed.
  response.With("Content-Security-Policy",
                "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
                "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  response.With("X-Content-Type-Options", "nosniff");
  response.With("X-Frame-Options", "DENY");
  response.With("Referrer-Policy", "no-referrer");
  if (request.path.rfind("/api/", 0) == 0) response.With("Cache-Control", "no-store");
  if (request.tls) response.With("Strict-Transport-Security", "max-age=31536000");
}

bool PassesCsrfCheck(const Request& request, bool authenticated_by_cookie) {
  if (!authenticated_by_cookie || !IsStateChanging(request.method)) return true;
  auto h = request.Header("X-Requested-With");
  return h && EqualsIgnoreCase(*h, "keyledger");
}

}  // namespace keyledger::server
