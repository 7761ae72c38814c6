// HTTP side of reminder e-mail: each user's choice of what reaches them by mail (their own, or
// any user's for the admin), and the outbox's deliveries for those who audit (auditor, admin).
#pragma once

#include "server/ledger.h"
#include "server/mail/mail_outbox.h"
#include "server/router.h"

namespace keyledger::server::mail {

// GET/PUT /api/me/mail-preferences, GET/PUT /api/users/{id}/mail-preferences (admin),
// GET /api/mail/deliveries (auditor, admin).
void AddMailRoutes(Router& router, Ledger& ledger, MailOutbox& outbox);

}  // namespace keyledger::server::mail
