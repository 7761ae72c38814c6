// Reminder endpoints (API.md "Reminders"), the reminder JSON shared with the feed, and the test
// clock (API.md "Operations": only with --manual-clock).
#pragma once

#include <optional>
#include <string>

#include "projections/manual_clock.h"
#include "projections/reminders_model.h"
#include "server/json_writer.h"
#include "server/ledger.h"
#include "server/router.h"

namespace keyledger::server {

// GET /api/reminders?state=open|acked|all, POST /api/reminders/{id}/ack.
void AddReminderRoutes(Router& router, Ledger& ledger);
// POST /api/test/clock {"now":…} | {"advance_days":N}: moves `clock` forward, raises what fell due.
void AddTestClockRoutes(Router& router, Ledger& ledger, projections::ManualClock& clock);

// The reminder as API.md shows it, with subject_name, owner_name and the owner's unit.
// Call under the read side's lock (it reads `models`).
void WriteReminder(JsonOut& out, const projections::ReminderView& r, const projections::ReadModels& models,
                   const domain::OrgState& org, const domain::DomainConfig& config);

// {"type":"reminder","reminder":{…}} for `user`, or nullopt if the reminder is not addressed to them.
std::optional<std::string> ReminderFrame(Ledger& ledger, std::string_view reminder_id, std::string_view user);

}  // namespace keyledger::server
