// Figure 2 (issue 4): start-up from a snapshot with 10 M events behind it, < 2 s.
//
// Set-up (once per process, not timed, its figures printed): the generated year (year_log.h;
// 10 M events unless $KEYLEDGER_BENCH_SNAPSHOT_EVENTS: 1 M projects, 200 k accounts), a full
// rebuild with a snapshot path, WriteSnapshot. The store stays open, as the server's is.
//  BM_StartFromSnapshot: a fresh ReadSide with that snapshot path, Start(store): read and check
//    the file, deserialize every model and the reminder schedule, scan the (empty) tail. The
//    snapshot file is in the page cache (just written or just read): a warm start; a cold one
//    adds reading the file from disk.
// Where the time goes, same run (each step alone, as Start does it):
//  BM_SnapshotStep_ReadFile: ReadSnapshotFile (read, crc32c).
//  BM_SnapshotStep_Deserialize: DecodeReadSideSnapshot of the payload (models and schedule).
//  BM_SnapshotStep_ScheduleAll: the peer the loaded schedule replaces, and the path taken when
//    the settings changed: ReadModels::ScheduleAll into a fresh ReminderEngine.
#include <cstdio>
#include <memory>

#include "bench/projections/bench_support.h"
#include "bench/projections/year_log.h"
#include "projections/read_models.h"
#include "projections/read_side.h"
#include "projections/read_side_snapshot.h"
#include "projections/reminder_engine.h"
#include "projections/snapshot_file.h"
#include "store/rocks_event_store.h"

namespace keyledger::bench {
namespace {

struct SnapshotSetup {
  fs::path dir;
  fs::path snapshot;
  YearLogSummary summary;
  std::unique_ptr<store::EventStore> store;
  double rebuild_seconds = 0;
  double write_seconds = 0;
  uint64_t heap_bytes = 0;  // what the rebuilt ReadSide held
  uint64_t projects = 0;
};

SnapshotSetup& Setup() {
  static SnapshotSetup setup = [] {
    SnapshotSetup s;
    s.dir = ScratchDir("snapshot");
    s.snapshot = s.dir / "read_side.snapshot";
    s.summary = WriteYearLog(s.dir / "log", CountFromEnv("KEYLEDGER_BENCH_SNAPSHOT_EVENTS", 10'000'000));
    std::fprintf(stderr, "snapshot log: %s\n", s.summary.Describe().c_str());
    auto opened = store::OpenRocksEventStore(s.dir / "log");
    if (!opened.ok()) {
      std::fprintf(stderr, "open: %s\n", opened.error().message.c_str());
      std::abort();
    }
    s.store = std::move(opened.value());
    TrimMemory();
    const uint64_t heap_before = AllocatedBytes();
    auto read_side = std::make_unique<projections::ReadSide>(ServerLikeOptions(s.snapshot));
    auto start = SteadyClock::now();
    auto started = read_side->Start(*s.store);
    s.rebuild_seconds = SecondsSince(start);
    if (!started.ok() || started->from_snapshot) std::abort();
    s.heap_bytes = AllocatedBytes() - heap_before;
    s.projects = read_side->Read([](const auto& m) { return m.projects.Size(); });
    start = SteadyClock::now();
    if (!read_side->WriteSnapshot().ok()) std::abort();
    s.write_seconds = SecondsSince(start);
    read_side.reset();
    std::fprintf(stderr,
                 "snapshot set-up: rebuild %.1f s, read side heap %.2f GB (%.0f B per project), "
                 "WriteSnapshot %.1f s, snapshot file %.1f MB\n",
                 s.rebuild_seconds, static_cast<double>(s.heap_bytes) / 1e9,
                 static_cast<double>(s.heap_bytes) / static_cast<double>(s.projects), s.write_seconds,
                 static_cast<double>(fs::file_size(s.snapshot)) / 1e6);
    return s;
  }();
  // Registered once `setup` is complete, so it runs before `setup` is destroyed at exit (and,
  // being registered after the store's first open, before RocksDB's own statics are).
  static const bool removed_at_exit = std::atexit([] {
    Setup().store.reset();
    fs::remove_all(Setup().dir);
  }) == 0;
  (void)removed_at_exit;
  return setup;
}

void SetupCounters(benchmark::State& state) {
  const SnapshotSetup& s = Setup();
  state.counters["events_behind"] = static_cast<double>(s.summary.counts.Total());
  state.counters["projects"] = static_cast<double>(s.projects);
  state.counters["snapshot_MB"] = static_cast<double>(fs::file_size(s.snapshot)) / 1e6;
}

void BM_StartFromSnapshot(benchmark::State& state) {
  SnapshotSetup& s = Setup();
  for (auto _ : state) {
    auto read_side = std::make_unique<projections::ReadSide>(ServerLikeOptions(s.snapshot));
    const auto start = SteadyClock::now();
    auto started = read_side->Start(*s.store);
    const double seconds = SecondsSince(start);
    if (!started.ok() || !started->from_snapshot || !started->schedule_loaded || started->replayed_events != 0) {
      state.SkipWithError(started.ok() ? ("snapshot not used: " + started->snapshot_note).c_str() : "start failed");
      break;
    }
    state.SetIterationTime(seconds);
    state.counters["pending_reminders"] = static_cast<double>(read_side->PendingReminders());
    read_side.reset();  // not timed
  }
  SetupCounters(state);
}
BENCHMARK(BM_StartFromSnapshot)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Apply(WithMinMax);

void BM_SnapshotStep_ReadFile(benchmark::State& state) {
  SnapshotSetup& s = Setup();
  for (auto _ : state) {
    const auto start = SteadyClock::now();
    auto snap = projections::ReadSnapshotFile(s.snapshot);
    const double seconds = SecondsSince(start);
    if (!snap.ok()) {
      state.SkipWithError(snap.error().message.c_str());
      break;
    }
    state.SetIterationTime(seconds);
  }
  SetupCounters(state);
}
BENCHMARK(BM_SnapshotStep_ReadFile)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Apply(WithMinMax);

void BM_SnapshotStep_Deserialize(benchmark::State& state) {
  SnapshotSetup& s = Setup();
  auto snap = projections::ReadSnapshotFile(s.snapshot);
  if (!snap.ok()) {
    state.SkipWithError(snap.error().message.c_str());
    return;
  }
  const projections::ReadSideOptions options = ServerLikeOptions();
  for (auto _ : state) {
    auto models = std::make_unique<projections::ReadModels>(options.calendar, options.policy);
    auto engine = std::make_unique<projections::ReminderEngine>(models->org);
    const auto start = SteadyClock::now();
    const auto load = projections::DecodeReadSideSnapshot(snap->payload, *models, *engine, nullptr);
    const double seconds = SecondsSince(start);
    if (load != projections::SnapshotLoad::kWithSchedule) {
      state.SkipWithError("deserialize failed");
      break;
    }
    state.SetIterationTime(seconds);
    engine.reset();  // not timed
    models.reset();
  }
  SetupCounters(state);
}
BENCHMARK(BM_SnapshotStep_Deserialize)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Apply(WithMinMax);

void BM_SnapshotStep_ScheduleAll(benchmark::State& state) {
  SnapshotSetup& s = Setup();
  auto snap = projections::ReadSnapshotFile(s.snapshot);
  const projections::ReadSideOptions options = ServerLikeOptions();
  auto models = std::make_unique<projections::ReadModels>(options.calendar, options.policy);
  projections::ReminderEngine loaded(models->org);  // the snapshot's schedule, dropped
  if (!snap.ok() || projections::DecodeReadSideSnapshot(snap->payload, *models, loaded, nullptr) ==
                        projections::SnapshotLoad::kDamaged) {
    state.SkipWithError("snapshot unreadable");
    return;
  }
  snap->payload.clear();
  snap->payload.shrink_to_fit();
  for (auto _ : state) {
    auto engine = std::make_unique<projections::ReminderEngine>(models->org);
    const auto start = SteadyClock::now();
    models->ScheduleAll(*engine);
    const double seconds = SecondsSince(start);
    state.SetIterationTime(seconds);
    state.counters["pending_reminders"] = static_cast<double>(engine->PendingCount());
    engine.reset();  // not timed
  }
  SetupCounters(state);
}
BENCHMARK(BM_SnapshotStep_ScheduleAll)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Apply(WithMinMax);

}  // namespace
}  // namespace keyledger::bench
