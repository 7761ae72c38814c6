// Demo data for `keyledger serve --demo`: a company with two VP areas, six departments, their
// people, ~200 customers, ~600 projects, visits and complaints, written through the real command
// path so that every rule, event and projection is the production one.
#pragma once

#include <string>

#include "projections/clock.h"
#include "server/ledger.h"
#include "server/router.h"

namespace keyledger::server {

// Seeds the demo company when the log holds nothing but the bootstrap (the org has only the
// admin user and there are no accounts or projects); otherwise does nothing. Call after
// ledger.Start succeeded, before serving. Blocks for a few seconds (thousands of appends, run a
// few at a time so the store group-commits them). Failures of single commands are logged and
// skipped: a partial demo is still a demo.
void SeedDemoIfEmpty(Ledger& ledger, const projections::Clock& clock);

// GET /api/demo-users (public): the demo people the sign-in page offers, with the demo password.
// Register only under --demo. The administrator is never listed.
void AddDemoRoutes(Router& router);

}  // namespace keyledger::server
