// Read-side snapshot payload: the models, then the schedule guarded by its settings' key.
#include "projections/read_side_snapshot.h"

#include <thread>

#include "projections/binary_codec.h"

namespace keyledger::projections {
namespace {

constexpr size_t kModelsLengthSize = 8;  // u64 little-endian

}  // namespace

uint64_t ScheduleConfigKey(const CompanyCalendar& calendar, const ReminderPolicy& policy) {
  BinaryWriter w;
  w.PutString(calendar.TimeZoneName());
  for (const LocalDay& day : calendar.Holidays()) w.PutSigned(day.time_since_epoch().count());
  for (Micros m : {policy.project_stale_2w, policy.project_stale_1m, policy.project_on_hold, policy.visit_cadence_a,
                   policy.visit_cadence_b, policy.visit_cadence_c}) {
    w.PutSigned(m.count());
  }
  w.PutSigned(policy.complaint_first_contact_working_days);
  w.PutSigned(policy.approval_working_days);
  return Fnv1a(w.Buffer());
}

std::string EncodeReadSideSnapshot(const ReadModels& models, const ReminderEngine& engine) {
  // The models are written in place after a fixed-size length that is filled in afterwards: the
  // payload is hundreds of MB on a big log, and the periodic snapshot holds up the writer.
  BinaryWriter w;
  w.Buffer().append(kModelsLengthSize, '\0');
  models.Serialize(w);
  const uint64_t models_size = w.Buffer().size() - kModelsLengthSize;
  for (size_t i = 0; i < kModelsLengthSize; ++i) w.Buffer()[i] = static_cast<char>((models_size >> (8 * i)) & 0xff);
  w.PutVarint(ScheduleConfigKey(models.Calendar(), models.Policy()));
  engine.Serialize(w);
  return w.Take();
}

SnapshotLoad DecodeReadSideSnapshot(std::string_view payload, ReadModels& models, ReminderEngine& engine) {
  if (payload.size() < kModelsLengthSize) return SnapshotLoad::kDamaged;
  uint64_t models_size = 0;
  for (size_t i = 0; i < kModelsLengthSize; ++i) {
    models_size |= uint64_t(static_cast<unsigned char>(payload[i])) << (8 * i);
  }
  const size_t models_at = kModelsLengthSize;
  if (models_size > payload.size() - models_at) return SnapshotLoad::kDamaged;
  const std::string_view models_bytes = payload.substr(models_at, models_size);
  BinaryReader rest(payload.substr(models_at + models_size));
  // The models and the schedule are independent until the tail is applied: decode them on two
  // threads (the engine only keeps a reference to the org tree, unused while loading).
  bool models_ok = false;
  std::thread models_thread([&] {
    BinaryReader mr(models_bytes);
    models_ok = models.Deserialize(mr) && mr.AtEnd();
  });
  const uint64_t key = rest.GetVarint();
  const bool schedule_ok = rest.ok() && key == ScheduleConfigKey(models.Calendar(), models.Policy()) &&
                           engine.Deserialize(rest) && rest.AtEnd();
  models_thread.join();
  if (!models_ok) return SnapshotLoad::kDamaged;
  return schedule_ok ? SnapshotLoad::kWithSchedule : SnapshotLoad::kModelsOnly;
}

}  // namespace keyledger::projections
