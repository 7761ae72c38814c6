// HttpApp: one HTTP exchange from Request to Response, without sockets: routing (404/405),
// authentication (401), the CSRF rule (403), the handler, static files for non-API paths,
// security headers, the access log and request metrics. http_session calls Handle per request.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/auth.h"
#include "server/http_types.h"
#include "server/metrics.h"
#include "server/router.h"
#include "server/static_files.h"

namespace keyledger::server {

inline constexpr char kFeedPath[] = "/api/feed";

struct HttpAppOptions {
  // Origins (scheme://host[:port]) allowed to open the feed besides the server's own origin.
  std::vector<std::string> allowed_origins;
  // Dashboard files; nullptr = no static serving (non-API paths are 404).
  std::shared_ptr<const StaticFiles> static_files;
};

// The feed upgrade decision: a caller to attach, or the refusal to send instead.
struct FeedAdmission {
  std::optional<Caller> caller;
  Response refusal;
};

// Thread-safe once constructed (everything it borrows is). Borrows router, authenticator and
// metrics; they must outlive it.
class HttpApp {
 public:
  HttpApp(const Router& router, const Authenticator& auth, ServerMetrics& metrics,
          HttpAppOptions options);

  // Never throws; a handler exception is logged and answered 500. Adds security headers.
  Response Handle(const Request& request) const;

  // For GET /api/feed with an upgrade: 403 unless Origin is the server's own origin (from Host)
  // or an allowed origin — even with a valid session; a request without Origin is only admitted
  // with a bearer token (browsers always send Origin). 401 without a valid session.
  FeedAdmission AdmitFeed(const Request& request) const;

  // Records a finished exchange (also used by http_session for answers it makes itself, e.g. 413).
  void Observe(const Request& request, std::string_view route, int status,
               std::chrono::steady_clock::time_point started) const;

 private:
  Response Dispatch(const Request& request, std::string& route_label) const;
  bool OriginAllowed(const Request& request, std::string_view origin) const;

  const Router& router_;
  const Authenticator& auth_;
  ServerMetrics& metrics_;
  HttpAppOptions options_;
};

}  // namespace keyledger::server
