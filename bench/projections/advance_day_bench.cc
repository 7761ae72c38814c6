// Figure 3 (issue 4): with 1 M open (approved) projects, advancing the clock one day costs time
// in proportion to the reminders due that day, not to the projects.
//
//  BM_AdvanceDay/projects:P/due:K: a ReadSide holding P approved projects (approved_projects.h;
//    built once per P through ReadSide::Apply, the live path, not timed). Each repetition takes
//    the next planned day with K reminders due, moves a ManualClock to that day's start (an
//    untimed RunDue there raises whatever earlier days left, normally nothing), advances it by
//    one day and times ReadSide::RunDue(clock.Now(), sink). The sink acknowledges every raise
//    and counts it, so this is the read side's own cost; the server's sink also appends each
//    reminder durably (see the store figures) and applies it back.
// Four planned days per K, so at most 4 repetitions.
#include <cstdio>
#include <map>
#include <memory>

#include "bench/projections/approved_projects.h"
#include "bench/projections/bench_support.h"
#include "projections/manual_clock.h"
#include "projections/read_side.h"
#include "projections/reminder_sink.h"
#include "store/rocks_event_store.h"

namespace keyledger::bench {
namespace {

class CountingSink final : public projections::ReminderSink {
 public:
  Result<projections::RaiseOutcome, projections::SinkError> Raise(const projections::ReminderToRaise& r) override {
    ++raised;
    recipients += r.recipients.size();
    return projections::RaiseOutcome::kRaised;
  }
  Result<projections::RaiseOutcome, projections::SinkError> PutProjectOnHold(
      const projections::ReminderToRaise&) override {
    ++put_on_hold;
    return projections::RaiseOutcome::kRaised;
  }

  uint64_t raised = 0;
  uint64_t recipients = 0;
  uint64_t put_on_hold = 0;
};

struct OpenProjects {
  fs::path dir;
  std::unique_ptr<store::EventStore> store;  // empty: Start needs one
  std::unique_ptr<projections::ReadSide> read_side;
  std::unique_ptr<projections::ManualClock> clock;
  std::map<uint64_t, size_t> next_day_index;  // due count -> how many of its days were used
  double build_seconds = 0;
};

OpenProjects& Projects(uint64_t count) {
  static std::map<uint64_t, std::unique_ptr<OpenProjects>> built;
  auto& slot = built[count];
  if (slot) return *slot;
  slot = std::make_unique<OpenProjects>();
  OpenProjects& p = *slot;
  p.dir = ScratchDir("advance_" + std::to_string(count));
  auto opened = store::OpenRocksEventStore(p.dir);
  if (!opened.ok()) std::abort();
  p.store = std::move(opened.value());
  p.read_side = std::make_unique<projections::ReadSide>(ServerLikeOptions());
  if (!p.read_side->Start(*p.store).ok()) std::abort();
  const auto start = SteadyClock::now();
  ForEachApprovedProjectsBatch(count, [&](std::vector<EventEnvelope>& batch) { p.read_side->Apply(batch); });
  p.build_seconds = SecondsSince(start);
  p.clock = std::make_unique<projections::ManualClock>(Today());
  std::fprintf(stderr, "advance-day set-up: %llu projects applied in %.1f s, %zu reminders pending\n",
               static_cast<unsigned long long>(count), p.build_seconds, p.read_side->PendingReminders());
  // After the store's first open, so this runs before RocksDB's own statics are torn down.
  static const bool cleanup_registered = [] {
    return std::atexit([] {
      for (auto& [n, projects] : built) {
        projects->read_side.reset();
        projects->store.reset();
        fs::remove_all(projects->dir);
      }
    }) == 0;
  }();
  (void)cleanup_registered;
  return p;
}

// The index of the next unused planned day with `due` reminders, or -1.
int NextDay(OpenProjects& p, uint64_t due) {
  size_t skip = p.next_day_index[due]++;
  for (size_t d = 0; d < DuePlan().size(); ++d) {
    if (DuePlan()[d] != due) continue;
    if (skip-- == 0) return static_cast<int>(d);
  }
  return -1;
}

void BM_AdvanceDay(benchmark::State& state) {
  const auto projects = static_cast<uint64_t>(state.range(0));
  const auto due = static_cast<uint64_t>(state.range(1));
  OpenProjects& p = Projects(projects);
  for (auto _ : state) {
    const int day = NextDay(p, due);
    if (day < 0) {
      state.SkipWithError("no planned day left for this due count (at most 4 repetitions)");
      break;
    }
    CountingSink sink;
    if (!p.clock->Set(Today() + Days(day))) {
      state.SkipWithError("the clock cannot go back: run the due counts in increasing order");
      break;
    }
    const size_t leftover = p.read_side->RunDue(p.clock->Now(), sink);
    p.clock->Advance(Days(1));
    sink.raised = 0;
    const auto start = SteadyClock::now();
    const size_t raised = p.read_side->RunDue(p.clock->Now(), sink);
    const double seconds = SecondsSince(start);
    if (raised != due || sink.raised != due) {
      state.SkipWithError("the day did not raise what was planned");
      break;
    }
    state.SetIterationTime(seconds);
    state.counters["raised"] = static_cast<double>(raised);
    state.counters["us_per_raised"] = raised > 0 ? seconds * 1e6 / static_cast<double>(raised) : 0;
    state.counters["leftover_before"] = static_cast<double>(leftover);
    state.counters["pending"] = static_cast<double>(p.read_side->PendingReminders());
  }
}
BENCHMARK(BM_AdvanceDay)
    ->ArgNames({"projects", "due"})
    ->ArgsProduct({{100'000, 1'000'000}, {0, 1'000, 10'000}})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond)
    ->Apply(WithMinMax);

}  // namespace
}  // namespace keyledger::bench
