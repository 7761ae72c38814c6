// The read side's snapshot payload (inside the container of snapshot_file.h):
//   u64 models length     (little-endian) so the two parts can be decoded on two threads at once
//   ReadModels            every model, ReadModels::Serialize
//   varint schedule key   ScheduleConfigKey of the calendar and policy the schedule was made under
//   ReminderEngine        the pending schedule in due order and the raised ids
//   u64 extension length, then the ReadSideExtension's state (length 0 without one)
// Loading the schedule in bulk is what makes a start from a snapshot fast: deriving it again
// from the models costs a rule evaluation and three index inserts per deadline (millions).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "projections/read_models.h"
#include "projections/read_side_extension.h"
#include "projections/reminder_engine.h"

namespace keyledger::projections {

// Changes when a setting that moves due times changes (thresholds, time zone, holidays): a
// schedule saved under other settings is not loaded, it is derived again.
uint64_t ScheduleConfigKey(const CompanyCalendar& calendar, const ReminderPolicy& policy);

// `extension` may be null (nothing folded beside the models).
std::string EncodeReadSideSnapshot(const ReadModels& models, const ReminderEngine& engine,
                                   const ReadSideExtension* extension);

enum class SnapshotLoad {
  kDamaged,        // the models or the extension could not be read: start from scratch
  kModelsOnly,     // models loaded; the schedule is absent, damaged or from other settings
  kWithSchedule,   // models and schedule loaded
};
// `models` and `engine` must be fresh. On kModelsOnly the engine may hold part of a schedule:
// replace it before deriving the schedule. With an `extension`, a snapshot without its state
// (or with a damaged one) is kDamaged: the extension can only be rebuilt from seq 0.
SnapshotLoad DecodeReadSideSnapshot(std::string_view payload, ReadModels& models, ReminderEngine& engine,
                                    ReadSideExtension* extension);

}  // namespace keyledger::projections
