// Complaint endpoints of API.md "Complaints" (R-C1…R-C4). `ledger` must outlive the router.
#pragma once

#include "server/ledger.h"
#include "server/router.h"

namespace keyledger::server {

void AddComplaintRoutes(Router& router, Ledger& ledger);

}  // namespace keyledger::server
