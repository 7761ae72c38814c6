// Read-side snapshot payload: the models, the schedule guarded by its settings' key, the extension.
#include "projections/read_side_snapshot.h"

#include <optional>
#include <thread>

#include "projections/binary_codec.h"

namespace keyledger::projections {
namespace {

constexpr size_t kLengthSize = 8;  // u64 little-endian, before each section

void PutFixedLength(BinaryWriter& w, size_t at) {
  const uint64_t size = w.Buffer().size() - at - kLengthSize;
  for (size_t i = 0; i < kLengthSize; ++i) w.Buffer()[at + i] = static_cast<char>((size >> (8 * i)) & 0xff);
}

// The section at the front of `payload`: a fixed-size length, then that many bytes. nullopt if
// it does not fit. `payload` is left after it.
std::optional<std::string_view> TakeSection(std::string_view& payload) {
  if (payload.size() < kLengthSize) return std::nullopt;
  uint64_t size = 0;
  for (size_t i = 0; i < kLengthSize; ++i) size |= uint64_t(static_cast<unsigned char>(payload[i])) << (8 * i);
  if (size > payload.size() - kLengthSize) return std::nullopt;
  const std::string_view section = payload.substr(kLengthSize, size);
  payload.remove_prefix(kLengthSize + size);
  return section;
}

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

std::string EncodeReadSideSnapshot(const ReadModels& models, const ReminderEngine& engine,
                                   const ReadSideExtension* extension) {
  // Each section is written in place after a fixed-size length that is filled in afterwards: the
  // payload is hundreds of MB on a big log, and the periodic snapshot holds up the writer.
  BinaryWriter w;
  w.Buffer().append(kLengthSize, '\0');
  models.Serialize(w);
  PutFixedLength(w, 0);
  const size_t schedule_at = w.Buffer().size();
  w.Buffer().append(kLengthSize, '\0');
  w.PutVarint(ScheduleConfigKey(models.Calendar(), models.Policy()));
  engine.Serialize(w);
  PutFixedLength(w, schedule_at);
  const size_t extension_at = w.Buffer().size();
  w.Buffer().append(kLengthSize, '\0');
  if (extension) extension->Save(w);
  PutFixedLength(w, extension_at);
  return w.Take();
}

SnapshotLoad DecodeReadSideSnapshot(std::string_view payload, ReadModels& models, ReminderEngine& engine,
                                    ReadSideExtension* extension) {
  const auto models_bytes = TakeSection(payload);
  const auto schedule_bytes = TakeSection(payload);
  const auto extension_bytes = TakeSection(payload);
  if (!models_bytes || !schedule_bytes || !extension_bytes || !payload.empty()) return SnapshotLoad::kDamaged;
  if (extension_bytes->empty() != (extension == nullptr)) return SnapshotLoad::kDamaged;
  // The models, the schedule and the extension are independent until the tail is applied:
  // decode the models (the largest part) on a thread of their own (the engine only keeps a
  // reference to the org tree, unused while loading).
  bool models_ok = false;
  std::thread models_thread([&] {
    BinaryReader mr(*models_bytes);
    models_ok = models.Deserialize(mr) && mr.AtEnd();
  });
  bool extension_ok = true;
  if (extension) {
    BinaryReader er(*extension_bytes);
    extension_ok = extension->Load(er) && er.AtEnd();
  }
  BinaryReader sr(*schedule_bytes);
  const uint64_t key = sr.GetVarint();
  const bool schedule_ok = sr.ok() && key == ScheduleConfigKey(models.Calendar(), models.Policy()) &&
                           engine.Deserialize(sr) && sr.AtEnd();
  models_thread.join();
  if (!models_ok || !extension_ok) return SnapshotLoad::kDamaged;
  return schedule_ok ? SnapshotLoad::kWithSchedule : SnapshotLoad::kModelsOnly;
}

}  // namespace keyledger::projections
