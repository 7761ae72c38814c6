// Operational endpoints: GET /healthz, GET /readyz, GET /metrics.
#pragma once

#include "server/metrics.h"
#include "server/readiness.h"
#include "server/router.h"
#include "store/event_store.h"

namespace keyledger::server {

// Borrows all three; they must outlive the router. /readyz is 503 unavailable while the store is
// read-only or projections are catching up.
void AddHealthRoutes(Router& router, const store::EventStore& store, const Readiness& readiness,
                     const ServerMetrics& metrics);

}  // namespace keyledger::server
