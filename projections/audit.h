// Audit reads (DOMAIN §8): state as of any past instant (R-U2), the timeline of one account or
// project with fields before -> after (R-U3). The access log (R-U4) is AccessLog::Query on the
// live (or as-of) models.
//
// The as-of cut is occurred_at, not recorded_at. occurred_at is the business time the command
// carried (the server's Clock, manual in tests and under --manual-clock); the live read models'
// own notion of "now" (staleness, due times, R-R4 recipients) is that same clock, so folding the
// events with occurred_at <= t reproduces exactly what the live models showed at t. recorded_at
// is the store's wall clock: under a manual clock it has no relation to business time at all, and
// even in production it only adds the group-commit latency, which no user can observe. The fold
// filters every event rather than stopping at the first later one, so an event whose occurred_at
// is out of log order (a clock step back) is still placed by its business time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/result.h"
#include "projections/event_decoder.h"
#include "projections/forecast.h"
#include "projections/read_models.h"
#include "store/event_store.h"

namespace keyledger::projections {

struct AuditError {
  std::string message;
};

// Folds every event with occurred_at <= t (through `decoder`) into fresh models. Blocks for a
// full scan of the log. `calendar`/`policy` must outlive the result.
Result<std::unique_ptr<ReadModels>, AuditError> FoldAsOf(const store::EventStore& store,
                                                         const EventDecoder& decoder,
                                                         const CompanyCalendar& calendar,
                                                         const ReminderPolicy& policy, Instant t);

// Field name -> rendered value of one subject, in a fixed order; the unit of R-U3 diffs.
using FieldList = std::vector<std::pair<std::string, std::string>>;
FieldList ProjectFields(const ReadModels& m, std::string_view project_id, Instant at);
FieldList AccountFields(const ReadModels& m, std::string_view account_id);

struct FieldChange {
  std::string field;
  std::string before;  // "" when the field did not exist before
  std::string after;
  bool operator==(const FieldChange&) const = default;
};

struct TimelineEntry {
  Seq seq;
  Instant occurred_at;
  std::string actor;
  std::string type;  // the event type
  std::string event_id;
  std::string causation_id;
  std::vector<FieldChange> changes;
};

enum class AuditSubject { kAccount, kProject };

// The history of one account or project: every event of `stream` in order, with the subject's
// fields before and after it. The subject's state is folded with the same ReadModels code.
Result<std::vector<TimelineEntry>, AuditError> Timeline(const store::EventStore& store,
                                                        const EventDecoder& decoder,
                                                        const CompanyCalendar& calendar,
                                                        const ReminderPolicy& policy,
                                                        AuditSubject subject,
                                                        std::string_view subject_id,
                                                        std::string_view stream);

}  // namespace keyledger::projections
