// Audit endpoints of API.md "Audit". `ledger` must outlive the router.
#pragma once

#include "server/ledger.h"
#include "server/router.h"

namespace keyledger::server {

// GET /api/events, /api/audit/projects/{id}, /api/audit/dashboard, /api/audit/access-log.
void AddAuditRoutes(Router& router, Ledger& ledger);

}  // namespace keyledger::server
