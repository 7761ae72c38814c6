// ReminderSink: how the reminder engine raises what fell due through the normal write path.
// The server implements it with its command service (actor "system"); tests implement it with
// a real store (Decide, encode, EventStore::Append).
#pragma once

#include <string>

#include "domain/core/result.h"
#include "projections/reminder_types.h"

namespace keyledger::projections {

enum class RaiseOutcome {
  kRaised,         // the event was appended now
  kAlreadyRaised,  // stream "reminder-<id>" (or the on-hold) already existed: nothing appended
};

struct SinkError {
  std::string message;  // store unavailable, read-only, ...: the engine retries on the next wake
};

class ReminderSink {
 public:
  virtual ~ReminderSink() = default;

  // Appends ReminderRaised{id, kind, subject, due_at, recipients} with actor "system" to stream
  // "reminder-" + r.id with ExpectedVersion::NoStream, causation r.causation_id, occurred_at
  // r.due_at (the fact is "this fell due then"; raised_at is the envelope's recorded_at).
  // A NoStream conflict is kAlreadyRaised, not an error: that is what makes R-R3 hold across
  // crashes. Blocks until durable. Must not call back into the engine on the calling thread
  // while holding locks the engine's owner needs (the facade releases its lock first).
  virtual Result<RaiseOutcome, SinkError> Raise(const ReminderToRaise& r) = 0;

  // R-P7: sets project r.subject_id On Hold with actor "system", causation r.causation_id (the
  // last update the 90 days were measured from), occurred_at r.due_at, idempotency key
  // "onhold-" + r.id. kAlreadyRaised when the project is no longer Approved (already on hold,
  // signed, closed): the domain's Decide says so. Blocks until durable.
  virtual Result<RaiseOutcome, SinkError> PutProjectOnHold(const ReminderToRaise& r) = 0;
};

}  // namespace keyledger::projections
