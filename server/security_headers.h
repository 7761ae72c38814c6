// Browser-facing protections applied to every exchange: response security headers and the CSRF
// rule for cookie-authenticated state changes.
#pragma once

#include "server/http_types.h"

namespace keyledger::server {

// Adds CSP (default-src 'self'; frame-ancestors 'none'), X-Content-Type-Options: nosniff,
// X-Frame-Options: DENY, Referrer-Policy: no-referrer and Cache-Control for API answers.
void AddSecurityHeaders(const Request& request, Response& response);

// CSRF rule: a POST/PUT/PATCH/DELETE authenticated by the session cookie must carry the header
// `X-Requested-With: keyledger`. A cross-site HTML form cannot set custom headers, and a
// cross-site fetch that sets one needs a CORS preflight this server never grants; SameSite=Strict
// on the cookie is the second line. Bearer-token requests are exempt (a browser never attaches a
// bearer token on its own). Returns true when the request may proceed.
bool PassesCsrfCheck(const Request& request, bool authenticated_by_cookie);

bool IsStateChanging(std::string_view method);

}  // namespace keyledger::server
