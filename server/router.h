// Router: method + path pattern ("/api/accounts/{id}/visits") → handler. Patterns are matched
// segment by segment; "{name}" matches one non-empty segment and becomes a path parameter.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http_types.h"

namespace keyledger::server {

// A handler runs on an I/O thread and may block briefly (a store append waits for its group
// commit). It must not throw; errors are answered as ErrorResponse(ApiError).
using Handler = std::function<Response(const Request&, RequestContext&)>;

enum class Access {
  kPublic,         // no session needed
  kAuthenticated,  // 401 without a valid session; RequestContext::caller is set
};

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;
  Access access;
  Handler handler;
};

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const Route* route = nullptr;  // when kFound; owned by the router
  std::vector<std::pair<std::string, std::string>> params;
  std::string allow;             // when kMethodNotAllowed: "GET, POST"
};

// Not thread-safe to Add; Match is safe from many threads once all routes are added.
class Router {
 public:
  // Adds a route; a literal segment beats "{param}" when both would match.
  // Throws std::invalid_argument for a duplicate method+pattern (a startup bug).
  void Add(std::string method, std::string pattern, Access access, Handler handler);
  // Percent-escapes in parameters are decoded; a malformed escape is kNotFound.
  RouteMatch Match(std::string_view method, std::string_view path) const;
  // Every route as (method, pattern), in the order added (docs/openapi.json is checked against it).
  std::vector<std::pair<std::string, std::string>> List() const;

 private:
  std::vector<Route> routes_;
};

}  // namespace keyledger::server
