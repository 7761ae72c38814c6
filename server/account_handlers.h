// Account endpoints of API.md "Accounts", "Visits" and "Surveys" and the named-account
// application (R-A5). `ledger` must outlive the router.
#pragma once

#include "server/ledger.h"
#include "server/router.h"

namespace keyledger::server {

// Adds every /api/accounts… route (account_handlers.cc, account_file_handler.cc,
// named_application_handlers.cc, visit_handlers.cc).
void AddAccountRoutes(Router& router, Ledger& ledger);

}  // namespace keyledger::server
