// The complaint decider: the R-C2 workflow open → assigned → contacted → planned → resolved →
// followed up → closed, with reopen, and the deadlines the reminder engine watches (R-C3).
#pragma once

#include <optional>
#include <string>

#include "domain/complaint/complaint_commands.h"
#include "domain/complaint/complaint_events.h"
#include "domain/core/context.h"
#include "domain/core/rejection.h"

namespace keyledger::domain {

struct ComplaintState {
  ComplaintStage stage = ComplaintStage::kNone;
  ComplaintId id;
  AccountId account;
  Severity severity = Severity::kMedium;
  std::optional<ComplaintCause> cause;
  std::optional<OrgUnitId> unit;
  std::optional<UserId> assignee;
  std::optional<Instant> first_contact_due;
  std::optional<Instant> first_contact_at;
  std::optional<Instant> plan_deadline;
  std::optional<UserId> responsible;
  bool last_follow_up_satisfied = false;
  int reopen_count = 0;
};

// Steps out of order are R-C2 rule violations. Closing needs a satisfied follow-up (R-C2) and a
// cause category (R-C4). Re-categorising with the same cause returns no events.
Decision<ComplaintEvent> Decide(const ComplaintState& state, const ComplaintCommand& command, const Context& ctx);
ComplaintState Evolve(ComplaintState state, const ComplaintEvent& event);
void EvolveInPlace(ComplaintState& state, const ComplaintEvent& event);

// R-C3: the next deadline that, if missed, raises complaint_overdue; nullopt when none is running.
std::optional<Instant> NextComplaintDeadline(const ComplaintState& state);

}  // namespace keyledger::domain
