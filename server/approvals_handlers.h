// GET /api/approvals: what waits for the caller's decision now. `ledger` must outlive the router.
#pragma once

#include "server/ledger.h"
#include "server/router.h"

namespace keyledger::server {

void AddApprovalRoutes(Router& router, Ledger& ledger);

}  // namespace keyledger::server
