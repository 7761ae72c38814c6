// Project endpoints of API.md "Projects". `ledger` must outlive the router.
#pragma once

#include "server/ledger.h"
#include "server/router.h"

namespace keyledger::server {

void AddProjectRoutes(Router& router, Ledger& ledger);

}  // namespace keyledger::server
