// The parts of AddAccountRoutes that live in their own files, one concept each. Internal to the
// account handlers; business wiring calls only AddAccountRoutes. `ledger` must outlive the
// router; the routes share ownership of `index`.
#pragma once

#include <memory>

#include "server/ledger.h"
#include "server/router.h"
#include "server/visit_index.h"

namespace keyledger::server {

// GET /api/accounts/{id}: the full file, read-logged (R-A9).
Response GetAccountFile(Ledger& ledger, VisitIndex& index, RequestContext& ctx);

// POST /api/accounts/{id}/named-application, …/review, …/second-review and GET …/named-application.
void AddNamedApplicationRoutes(Router& router, Ledger& ledger);

// POST/GET /api/accounts/{id}/visits and POST/GET /api/accounts/{id}/surveys.
void AddVisitRoutes(Router& router, Ledger& ledger, std::shared_ptr<VisitIndex> index);

}  // namespace keyledger::server
