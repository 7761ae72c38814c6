// Admin endpoints for the organisation: org units, users, unit managers (API.md "Session").
#pragma once

#include <functional>
#include <string>

#include "server/ledger.h"
#include "server/router.h"

namespace keyledger::server {

// POST /api/org-units, GET /api/org-units, POST /api/org-units/{id}/manager,
// POST /api/users, GET /api/users, POST /api/users/{id}/disable, POST /api/users/{id}/enable.
// `ledger` must outlive the router. `on_disabled(user_id)` runs after a user is disabled (the
// server ends their sessions and closes their feeds).
void AddOrgRoutes(Router& router, Ledger& ledger, std::function<void(const std::string&)> on_disabled);

}  // namespace keyledger::server
