// GET /api/forecast (R-P10). `ledger` must outlive the router.
#pragma once

#include "server/ledger.h"
#include "server/router.h"

namespace keyledger::server {

void AddForecastRoutes(Router& router, Ledger& ledger);

}  // namespace keyledger::server
