// Commands on a reminder stream ("reminder-<id>"). The id is ReminderStreamId(kind, subject, due),
// so the same due reminder always lands in the same stream: that plus RaiseReminder being a
// no-op when already raised gives R-R3's exactly-once across restarts and replays.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "domain/core/ids.h"
#include "domain/core/time.h"
#include "domain/reminder/reminder_types.h"

namespace keyledger::domain {

// Issued by the reminder engine (kSystem). causation: the event id the due time was computed from.
struct RaiseReminder { ReminderKind kind; ReminderSubject subject; std::vector<UserId> recipients; Instant due_at; std::string causation; };
// A recipient acknowledges (R-R1).
struct AcknowledgeReminder {};
// R-R2: the cause went away (project updated, visit logged). causation: the event that removed it.
struct CancelReminder { std::string reason; std::string causation; };

using ReminderCommand = std::variant<RaiseReminder, AcknowledgeReminder, CancelReminder>;

// Deterministic stream id: "<kind>:<subject type>:<subject id>:<due unix micros>".
std::string ReminderStreamId(ReminderKind kind, const ReminderSubject& subject, Instant due_at);

}  // namespace keyledger::domain
