// ReadSide: locking and start-up. Lock order: run_mu_ -> write_mu_ -> state_mu_.
#include "projections/read_side.h"

#include "projections/read_side_snapshot.h"
#include "projections/snapshot_file.h"

namespace keyledger::projections {

ReadSide::ReadSide(ReadSideOptions options)
    : options_(std::move(options)),
      models_(std::make_unique<ReadModels>(options_.calendar, options_.policy)),
      engine_(std::make_unique<ReminderEngine>(models_->org)) {}

ReadSide::~ReadSide() { waiter_.Close(); }

Result<StartInfo, ReadSideError> ReadSide::Start(const store::EventStore& store) {
  std::lock_guard write(write_mu_);
  StartInfo info;
  info.head = store.HeadSeq();
  auto models = std::make_unique<ReadModels>(options_.calendar, options_.policy);
  auto engine = std::make_unique<ReminderEngine>(models->org);
  bool schedule_loaded = false;
  ReadSideExtension* extension = options_.extension;
  if (extension) extension->Reset();
  if (!options_.snapshot_path.empty()) {
    auto snap = ReadSnapshotFile(options_.snapshot_path);
    if (!snap.ok()) {
      info.snapshot_note = snap.error().message;
    } else if (snap->last_seq > info.head) {
      // A snapshot from another (or a restored, shorter) log describes events we do not have.
      info.snapshot_note = "snapshot seq " + std::to_string(snap->last_seq.value) +
                           " is ahead of the log head " + std::to_string(info.head.value);
    } else {
      const SnapshotLoad load = DecodeReadSideSnapshot(snap->payload, *models, *engine, extension);
      if (load == SnapshotLoad::kDamaged || models->LastSeq() != snap->last_seq) {
        info.snapshot_note = "snapshot payload is damaged";
        models = std::make_unique<ReadModels>(options_.calendar, options_.policy);
        if (extension) extension->Reset();
      } else {
        info.from_snapshot = true;
        info.snapshot_seq = snap->last_seq;
        schedule_loaded = load == SnapshotLoad::kWithSchedule;
        if (!schedule_loaded) info.snapshot_note = "reminder schedule derived again (other settings or damaged)";
      }
      // The engine refers to the models' org tree; a partial schedule must not survive either.
      if (!schedule_loaded) engine = std::make_unique<ReminderEngine>(models->org);
    }
  }
  info.schedule_loaded = schedule_loaded;
  // With a loaded schedule the tail is applied as live appends are, so the schedule follows it.
  // Without one, replay without the engine and derive the schedule once at the end from the
  // final state: one schedule per subject instead of one per event.
  ReminderEngine* follow = schedule_loaded ? engine.get() : nullptr;
  std::vector<MetaFact> scratch;
  auto scanned = store.Scan(models->LastSeq(), [&](const EventEnvelope& e) {
    scratch.clear();
    options_.decoder(e, scratch);
    if (models->ApplyEvent(e.seq, scratch, follow) && extension) extension->Apply(e);
    ++info.replayed_events;
    return true;
  });
  if (!scanned.ok()) return Fail(ReadSideError{"replay failed: " + scanned.error().message});
  if (!schedule_loaded) models->ScheduleAll(*engine);
  {
    std::unique_lock state(state_mu_);
    engine_ = std::move(engine);  // the old engine refers to the old models: replace both
    models_ = std::move(models);
  }
  last_snapshot_seq_ = info.snapshot_seq;
  waiter_.Publish(models_->LastSeq());
  return info;
}

void ReadSide::ApplyLocked(const EventEnvelope& e, std::vector<MetaFact>& scratch) {
  scratch.clear();
  options_.decoder(e, scratch);
  if (models_->ApplyEvent(e.seq, scratch, engine_.get()) && options_.extension) options_.extension->Apply(e);
}

void ReadSide::Apply(const std::vector<EventEnvelope>& events) {
  if (events.empty()) return;
  std::lock_guard write(write_mu_);
  Seq last;
  {
    std::unique_lock state(state_mu_);
    std::vector<MetaFact> scratch;
    for (const auto& e : events) ApplyLocked(e, scratch);
    last = models_->LastSeq();
  }
  waiter_.Publish(last);
  if (!options_.snapshot_path.empty() && options_.snapshot_every_events > 0 &&
      last.value - last_snapshot_seq_.value >= options_.snapshot_every_events) {
    // A failed periodic snapshot is not fatal: the next one, or a full replay, covers it.
    (void)WriteSnapshotLocked();
  }
}

Result<Seq, ReadSideError> ReadSide::CatchUp(const store::EventStore& store) {
  Seq after;
  {
    std::shared_lock state(state_mu_);
    after = models_->LastSeq();
  }
  // Page by page, each page applied as one unit, so readers never wait for the whole tail.
  while (true) {
    auto page = store.ReadAll(after, 4096);
    if (!page.ok()) return Fail(ReadSideError{"catch-up failed: " + page.error().message});
    if (page->empty()) break;
    after = page->back().seq;
    Apply(*page);
  }
  return Applied();
}

std::optional<Instant> ReadSide::NextDue() const {
  std::shared_lock state(state_mu_);
  return engine_->NextDue();
}

size_t ReadSide::PendingReminders() const {
  std::shared_lock state(state_mu_);
  return engine_->PendingCount();
}

uint64_t ReadSide::ScheduleFingerprint() const {
  std::shared_lock state(state_mu_);
  return engine_->Fingerprint();
}

size_t ReadSide::RunDue(Instant now, ReminderSink& sink) {
  std::lock_guard run(run_mu_);
  std::vector<ReminderToRaise> batch;
  {
    std::lock_guard write(write_mu_);
    std::unique_lock state(state_mu_);
    batch = engine_->TakeDue(now);
  }
  // No lock held: the sink goes through the write path, which applies back into this ReadSide.
  RaiseRun result = RaiseAll(batch, sink);
  {
    std::lock_guard write(write_mu_);
    std::unique_lock state(state_mu_);
    for (const auto& id : result.done_ids) engine_->MarkRaised(id);
    for (size_t i = result.stopped_at; i < batch.size(); ++i) engine_->Restore(batch[i]);
    engine_->EndRun();
  }
  return result.raised;
}

Result<Ok, ReadSideError> ReadSide::WriteSnapshot() {
  std::lock_guard write(write_mu_);
  return WriteSnapshotLocked();
}

Result<Ok, ReadSideError> ReadSide::WriteSnapshotLocked() {
  if (options_.snapshot_path.empty()) return Ok{};
  SnapshotData data;
  {
    // Shared: readers go on while we serialise; write_mu_ keeps the state still.
    std::shared_lock state(state_mu_);
    data.last_seq = models_->LastSeq();
    data.payload = EncodeReadSideSnapshot(*models_, *engine_, options_.extension);
  }
  auto written = WriteSnapshotFile(options_.snapshot_path, data);
  if (!written.ok()) return Fail(ReadSideError{written.error().message});
  last_snapshot_seq_ = data.last_seq;
  return Ok{};
}

}  // namespace keyledger::projections
