// HttpApp: the request pipeline between the socket and the handlers.
#include "server/http_app.h"

#include <exception>

#include "server/http_errors.h"
#include "server/log.h"
#include "server/security_headers.h"

namespace keyledger::server {

namespace {

// Metric labels must stay bounded: unknown methods collapse to one value.
std::string_view MethodLabel(std::string_view m) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    if (m == known) return known;
  return "OTHER";
}

}  // namespace

HttpApp::HttpApp(const Router& router, const Authenticator& auth, ServerMetrics& metrics,
                 HttpAppOptions options)
    : router_(router), auth_(auth), metrics_(metrics), options_(std::move(options)) {}

void HttpApp::Observe(const Request& request, std::string_view route, int status,
                      std::chrono::steady_clock::time_point started) const {
  auto latency = std::chrono::steady_clock::now() - started;
  metrics_.ObserveRequest(route, MethodLabel(request.method), status, latency);
  // Route pattern, never the raw target (it may carry names) nor any header (credentials).
  Log(LogLevel::kInfo, "request",
      {{"method", MethodLabel(request.method)},
       {"route", route},
       {"status", int64_t{status}},
       {"latency_ms", std::chrono::duration<double, std::milli>(latency).count()}});
}

Response HttpApp::Handle(const Request& request) const {
  auto started = std::chrono::steady_clock::now();
  std::string route = "unmatched";
  Response response;
  try {
    response = Dispatch(request, route);
  } catch (const std::exception& e) {
    // A handler broke its no-throw contract: a bug. Answer 500 rather than drop the connection.
    Log(LogLevel::kError, "handler threw", {{"route", route}, {"what", e.what()}});
    response = ErrorResponse({ApiErrorCode::kInternal, "internal error", {}});
  }
  AddSecurityHeaders(request, response);
  Observe(request, route, response.status, started);
  return response;
}

Response HttpApp::Dispatch(const Request& request, std::string& route_label) const {
  RouteMatch match = router_.Match(request.method, request.path);
  if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
    Response r = ErrorResponse({ApiErrorCode::kMethodNotAllowed, "method not allowed", {}});
    r.With("Allow", match.allow);
    return r;
  }
  if (match.kind == RouteMatch::Kind::kNotFound) {
    bool api = request.path == "/api" || request.path.rfind("/api/", 0) == 0;
    if (!api && options_.static_files && (request.method == "GET" || request.method == "HEAD")) {
      route_label = "static";
      return options_.static_files->Serve(request.path);
    }
    return ErrorResponse({ApiErrorCode::kNotFound, "no such resource", {}});
  }
  const Route& route = *match.route;
  route_label = route.pattern;
  RequestContext ctx;
  ctx.params = std::move(match.params);
  if (route.access == Access::kAuthenticated) {
    ctx.caller = auth_.Authenticate(request);
    if (!ctx.caller) return ErrorResponse({ApiErrorCode::kUnauthenticated, "sign in first", {}});
    if (!PassesCsrfCheck(request, ctx.caller->by_cookie)) {
      ApiError e{ApiErrorCode::kForbidden, "missing X-Requested-With: keyledger header", {}};
      e.Detail("reason", "csrf");
      return ErrorResponse(e);
    }
  }
  return route.handler(request, ctx);
}

bool HttpApp::OriginAllowed(const Request& request, std::string_view origin) const {
  for (const auto& allowed : options_.allowed_origins)
    if (EqualsIgnoreCase(origin, allowed)) return true;
  if (auto host = request.Header("Host")) {
    std::string own = std::string(request.tls ? "https://" : "http://") + std::string(*host);
    if (EqualsIgnoreCase(origin, own)) return true;
  }
  return false;
}

FeedAdmission HttpApp::AdmitFeed(const Request& request) const {
  FeedAdmission a;
  auto origin = request.Header("Origin");
  bool bearer = request.Header("Authorization").has_value();
  if (origin ? !OriginAllowed(request, *origin) : !bearer) {
    a.refusal = ErrorResponse({ApiErrorCode::kForbidden, "origin not allowed", {}});
  } else {
    a.caller = auth_.Authenticate(request);
    if (!a.caller) a.refusal = ErrorResponse({ApiErrorCode::kUnauthenticated, "sign in first", {}});
  }
  if (!a.caller) {
    AddSecurityHeaders(request, a.refusal);
    Observe(request, kFeedPath, a.refusal.status, std::chrono::steady_clock::now());
  }
  return a;
}

}  // namespace keyledger::server
