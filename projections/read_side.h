// ReadSide: what the server holds. It owns the read models and the reminder engine, starts them
// from a snapshot plus the log's tail (or from scratch), applies each append as one unit, lets
// readers see one consistent seq, waits for read-your-writes, raises due reminders through a
// sink and writes snapshots.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "domain/core/event_envelope.h"
#include "domain/core/result.h"
#include "projections/company_calendar.h"
#include "projections/event_decoder.h"
#include "projections/read_models.h"
#include "projections/read_side_extension.h"
#include "projections/reminder_engine.h"
#include "projections/reminder_policy.h"
#include "projections/seq_waiter.h"
#include "store/event_store.h"

namespace keyledger::projections {

struct ReadSideOptions {
  CompanyCalendar calendar;
  ReminderPolicy policy;
  EventDecoder decoder = DecodeFactEvent;
  std::filesystem::path snapshot_path;  // "" = no snapshots
  uint64_t snapshot_every_events = 1'000'000;  // 0 = only at Shutdown/WriteSnapshot
  // Folded beside the models and kept in their snapshot (may be null). Must outlive the ReadSide.
  ReadSideExtension* extension = nullptr;
};

struct StartInfo {
  bool from_snapshot = false;
  Seq snapshot_seq;          // 0 when started from scratch
  std::string snapshot_note; // why a snapshot (or its schedule) was not used; "" if all was
  bool schedule_loaded = false;  // the reminder schedule came from the snapshot, not derived
  uint64_t replayed_events = 0;
  Seq head;
};

struct ReadSideError {
  std::string message;
};

// Thread-safe. Mutators (Start, Apply, CatchUp, RunDue's bookkeeping, snapshots) are serialised
// by an internal writer mutex; readers (Read and the queries) take a shared lock and see the
// state after the last whole append, never part of one.
class ReadSide {
 public:
  explicit ReadSide(ReadSideOptions options);
  ~ReadSide();

  // Loads the snapshot if present, valid and not ahead of the store; else starts empty. Then
  // applies every event after it and derives the reminder schedule. Blocks for the replay.
  // Fails only if the store cannot be read. `store` must outlive the call only.
  Result<StartInfo, ReadSideError> Start(const store::EventStore& store);

  // Applies the events of one append (in seq order) as a unit and publishes its last seq.
  // Events at or below the applied seq are skipped. May write a periodic snapshot (blocks the
  // caller, not readers, for its duration).
  void Apply(const std::vector<EventEnvelope>& events);
  // Reads and applies whatever the store has after the applied seq (pull mode / after a gap).
  Result<Seq, ReadSideError> CatchUp(const store::EventStore& store);

  // Read-your-writes: blocks until Applied() >= seq or the timeout; true if reached.
  bool WaitForSeq(Seq seq, std::chrono::milliseconds timeout) const { return waiter_.WaitFor(seq, timeout); }
  // The same without a waiting thread: `then` runs once Applied() >= seq (SeqWaiter::WhenApplied).
  void WhenApplied(Seq seq, std::function<void()> then) const { waiter_.WhenApplied(seq, std::move(then)); }
  Seq Applied() const { return waiter_.Applied(); }

  // Runs `f(const ReadModels&)` under the shared lock and returns its result. `f` must not keep
  // references into the models after returning, nor call back into this ReadSide.
  template <class F>
  auto Read(F&& f) const {
    std::shared_lock lock(state_mu_);
    return f(static_cast<const ReadModels&>(*models_));
  }

  // Reminder engine: the earliest pending due instant (arm the timer there), and the run.
  std::optional<Instant> NextDue() const;
  // Raises every reminder with due <= now through `sink`; returns how many were appended now.
  // The sink may apply its appended events back into this ReadSide (no lock is held meanwhile).
  size_t RunDue(Instant now, ReminderSink& sink);
  size_t PendingReminders() const;
  // ReminderEngine::Fingerprint of the current schedule (tests compare starts with it).
  uint64_t ScheduleFingerprint() const;

  // Writes the snapshot now (clean shutdown). No-op without a snapshot path.
  Result<Ok, ReadSideError> WriteSnapshot();
  // Wakes WaitForSeq callers; call before destroying at shutdown.
  void Close() { waiter_.Close(); }

  const CompanyCalendar& Calendar() const { return options_.calendar; }
  const ReminderPolicy& Policy() const { return options_.policy; }
  const EventDecoder& Decoder() const { return options_.decoder; }

 private:
  void ApplyLocked(const EventEnvelope& e, std::vector<MetaFact>& scratch);
  Result<Ok, ReadSideError> WriteSnapshotLocked();

  ReadSideOptions options_;
  mutable std::mutex write_mu_;          // serialises mutators
  mutable std::shared_mutex state_mu_;   // readers shared, the mutation itself exclusive
  std::mutex run_mu_;                    // one RunDue at a time
  std::unique_ptr<ReadModels> models_;   // guarded by state_mu_
  std::unique_ptr<ReminderEngine> engine_;  // guarded by state_mu_ (exclusive for changes)
  Seq last_snapshot_seq_;                // guarded by write_mu_
  SeqWaiter waiter_;
};

}  // namespace keyledger::projections
