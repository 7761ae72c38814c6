// /healthz, /readyz, /metrics.
#include "server/health_handlers.h"

#include "server/http_errors.h"
#include "server/json_writer.h"

namespace keyledger::server {

void AddHealthRoutes(Router& router, const store::EventStore& store, const Readiness& readiness,
                     const ServerMetrics& metrics) {
  router.Add("GET", "/healthz", Access::kPublic, [](const Request&, RequestContext&) {
    Response r;
    r.body = R"({"status":"ok"})";
    return r;
  });
  router.Add("GET", "/readyz", Access::kPublic, [&store, &readiness](const Request&, RequestContext&) {
    if (store.IsReadOnly())
      return ErrorResponse({ApiErrorCode::kUnavailable, "the store is read-only after a failed sync", {}});
    if (!readiness.ProjectionsCaughtUp())
      return ErrorResponse({ApiErrorCode::kUnavailable, "projections are catching up", {}});
    JsonOut out;
    out.BeginObject();
    out.Field("status", "ready");
    out.Field("head_seq", store.HeadSeq().value);
    out.EndObject();
    Response r;
    r.body = out.Take();
    return r;
  });
  router.Add("GET", "/metrics", Access::kPublic, [&metrics](const Request&, RequestContext&) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics.Serialize();
    return r;
  });
}

}  // namespace keyledger::server
