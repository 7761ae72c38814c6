// The reminder decider (R-R1…R-R3).
#pragma once

#include <vector>

#include "domain/core/context.h"
#include "domain/core/rejection.h"
#include "domain/reminder/reminder_events.h"

namespace keyledger::domain {

struct ReminderState {
  bool raised = false;
  bool cancelled = false;
  ReminderKind kind = ReminderKind::kProjectStale2w;
  ReminderSubject subject;
  std::vector<UserId> recipients;
  std::vector<UserId> acknowledged_by;
  Instant due_at;
};

// Idempotent by design (R-R3): raising a raised or cancelled reminder, acknowledging twice and
// cancelling twice return no events. Raise/cancel are kSystem only; acknowledging needs a recipient.
Decision<ReminderEvent> Decide(const ReminderState& state, const ReminderCommand& command, const Context& ctx);
ReminderState Evolve(ReminderState state, const ReminderEvent& event);

// Open for `user`: raised, not cancelled, addressed to and not yet acknowledged by them.
bool IsOpenFor(const ReminderState& state, const UserId& user);

}  // namespace keyledger::domain
