// Request and Response as handlers see them: plain values with no Beast types, so that handler
// files compile fast and can be unit-tested without sockets. http_session converts at the edge.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/user_directory.h"

namespace keyledger::server {

// One field of a header block; names are kept as received (compare case-insensitively).
struct HeaderField {
  std::string name;
  std::string value;
};

// An HTTP request after the body limit was enforced. Owned by the session for one exchange.
struct Request {
  std::string method;        // "GET", "POST", ...
  std::string target;        // raw request target, e.g. "/api/accounts?kind=x"
  std::string path;          // target up to '?', not decoded
  std::string query;         // after '?', not decoded ("" if none)
  std::vector<HeaderField> headers;
  std::string body;
  std::string client_address;  // peer IP, for throttling (never logged with credentials)
  bool tls = false;

  // The first header with this name (case-insensitive), or nullopt.
  std::optional<std::string_view> Header(std::string_view name) const;
  // The value of a query parameter (percent-decoded), or nullopt.
  std::optional<std::string> QueryParam(std::string_view name) const;
  // The value of cookie `name` from the Cookie header, or nullopt.
  std::optional<std::string> Cookie(std::string_view name) const;
};

// What a handler answers. The session adds the security headers, Content-Length and keep-alive.
struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<HeaderField> headers;  // extra headers, e.g. Set-Cookie, Retry-After

  Response& With(std::string name, std::string value) {
    headers.push_back({std::move(name), std::move(value)});
    return *this;
  }
};

// The authenticated caller of a request, filled by HttpApp before the handler runs.
struct Caller {
  UserRecord user;
  std::string session_key;  // the session's stored hash (to end this session); "" for none
  bool by_cookie = false;   // authenticated by cookie (CSRF rules apply) rather than bearer
};

// Everything a handler gets besides the request.
struct RequestContext {
  std::vector<std::pair<std::string, std::string>> params;  // {id}-style path parameters
  std::optional<Caller> caller;                              // set when the route needs auth

  // The path parameter `name` ("" if the pattern has none of that name).
  std::string_view Param(std::string_view name) const {
    for (const auto& [k, v] : params)
      if (k == name) return v;
    return {};
  }
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// Percent-decodes `s` ('+' is a space only when form_plus); nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view s, bool form_plus);

}  // namespace keyledger::server
