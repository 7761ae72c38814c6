// ReminderEngine: the scheduler of DOMAIN §7. It keeps each pending deadline once in a DueQueue
// (ordered by due instant, cancellable by slot), knows which reminders the log says were raised,
// and raises what fell due through a ReminderSink. Read models tell it what to schedule.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "projections/due_queue.h"
#include "projections/org_directory.h"
#include "projections/reminder_sink.h"
#include "projections/reminder_types.h"

namespace keyledger::projections {

// Not thread-safe: the owner (ReadSide) serialises every call.
class ReminderEngine {
 public:
  // `org` must outlive the engine.
  explicit ReminderEngine(const OrgDirectory& org) : org_(org) {}

  // Schedules (or moves) the slot's deadline. A deadline whose id the log already shows raised
  // is not scheduled: after a replay nothing is raised twice.
  void Schedule(PendingReminder p);
  // Removes the slot's pending deadline (R-R2). A raised reminder is untouched.
  void Cancel(const ReminderSlot& slot);
  // The log holds ReminderRaised with this id (or the on-hold it stands for): never raise again.
  void MarkRaised(const std::string& id);
  bool IsRaised(const std::string& id) const { return raised_.count(id) != 0; }

  // Earliest pending due instant; the server arms its timer at it. nullopt when none.
  std::optional<Instant> NextDue() const { return queue_.NextDue(); }
  size_t PendingCount() const { return queue_.Size(); }
  size_t RaisedCount() const { return raised_.size(); }
  std::optional<PendingReminder> Pending(const ReminderSlot& slot) const;

  // Removes every deadline with due <= now and returns what to raise, recipients resolved as of
  // each due time. Cost is O(k log n) for k due: nothing else is looked at.
  std::vector<ReminderToRaise> TakeDue(Instant now);
  // Puts back what TakeDue returned but the sink failed to raise; it is retried on the next run.
  // Call between TakeDue and EndRun.
  void Restore(const ReminderToRaise& r);
  // Closes the run TakeDue opened (stops tracking schedule changes made meanwhile).
  void EndRun();

  // TakeDue, then raise each through `sink` in due order. Returns how many were appended now
  // (kRaised). On a sink error the failed one and the rest are restored and the run stops.
  // Use only when the sink does not re-enter the owner's lock; ReadSide::RunDue handles that.
  size_t RunDue(Instant now, ReminderSink& sink);

  // Bulk scheduling for start-up (ReadModels::ScheduleAll): between BeginBulk and EndBulk the
  // due-order index is not kept, and EndBulk builds it with one sort (DueQueue::SuspendOrder).
  // Nothing may be taken or peeked in between.
  void BeginBulk() { queue_.SuspendOrder(); }
  void EndBulk() { queue_.ResumeOrder(); }

  // Snapshot support: the schedule and the raised ids, so a start from a snapshot loads them in
  // bulk instead of deriving every deadline again. Deserialize needs an empty engine; false on
  // damage (the caller then derives the schedule from the models).
  void Serialize(class BinaryWriter& w) const;
  bool Deserialize(class BinaryReader& r);
  // A 64-bit fingerprint of the schedule and the raised ids: equal state, equal fingerprint.
  uint64_t Fingerprint() const;

 private:
  // What a pending deadline needs besides its slot and due instant.
  struct Deadline {
    SubjectType subject_type = SubjectType::kProject;
    Audience audience = Audience::kPerson;
    std::string person;
    std::string causation_id;
  };
  void PutSchedule(class BinaryWriter& w) const;
  static PendingReminder ToPending(const ReminderSlot& slot, Instant due, const Deadline& d);
  std::vector<std::string> Recipients(const PendingReminder& p) const;

  const OrgDirectory& org_;
  DueQueue<ReminderSlot, Deadline, ReminderSlotHash> queue_;
  std::unordered_set<std::string> raised_;
  // Slots scheduled or cancelled since the last TakeDue: Restore must not resurrect a deadline
  // whose cause moved or went away while the sink was raising it.
  // Recorded only while a run is open, so a full replay does not fill it.
  std::unordered_set<ReminderSlot, ReminderSlotHash> touched_;
  bool run_open_ = false;
};

// Raises `batch` through `sink` in order. Returns (appended count, index of the first failure or
// batch.size()). Shared by ReminderEngine::RunDue and ReadSide::RunDue.
struct RaiseRun {
  size_t raised = 0;
  size_t stopped_at = 0;
  std::vector<std::string> done_ids;  // raised now or found already raised
};
RaiseRun RaiseAll(const std::vector<ReminderToRaise>& batch, ReminderSink& sink);

}  // namespace keyledger::projections
