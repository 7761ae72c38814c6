// Figure 4 (issue 4): memory of the project read model, <= 1 KiB per project.
//
// Heap in use (mallinfo2, all arenas) before and after loading N approved projects
// (approved_projects.h: registration + approval through the real codec and domain adapter),
// divided by N; run alone in its process (the script does) so no other benchmark's frees blur
// the reading. RSS deltas are reported beside, after malloc_trim.
//  BM_ProjectsModelMemory: the project read model alone (ProjectsModel: rows, id index, owner
//    index, string pool) — the figure. Also its own estimate, ProjectsModel::ApproxBytes.
//  BM_ReadSideMemory: everything the read side keeps per project, for context: all ReadModels
//    (the project rows plus the conflict index and the org), then the reminder engine's
//    schedule (three pending reminders per approved project) derived by ScheduleAll.
#include <memory>
#include <type_traits>
#include <variant>

#include "bench/projections/approved_projects.h"
#include "bench/projections/bench_support.h"
#include "projections/domain_adapter.h"
#include "projections/projects_model.h"
#include "projections/read_models.h"
#include "projections/reminder_engine.h"

namespace keyledger::bench {
namespace {

struct HeapReading {
  uint64_t allocated = 0;
  uint64_t resident = 0;
};

HeapReading ReadHeap() {
  TrimMemory();
  return HeapReading{AllocatedBytes(), ResidentBytes()};
}

void PerProject(benchmark::State& state, const char* name, const HeapReading& before, const HeapReading& after,
                uint64_t projects) {
  const auto n = static_cast<double>(projects);
  state.counters[std::string(name) + "_B_per_project"] =
      static_cast<double>(after.allocated - before.allocated) / n;
  state.counters[std::string(name) + "_rss_B_per_project"] =
      (static_cast<double>(after.resident) - static_cast<double>(before.resident)) / n;
}

// Applies the project facts of `e` to `model` (ProjectsModel has one Apply per project fact).
void ApplyProjectFacts(projections::ProjectsModel& model, const EventEnvelope& e,
                       std::vector<projections::MetaFact>& scratch) {
  scratch.clear();
  projections::DecodeDomainEvent(e, scratch);
  for (const auto& mf : scratch) {
    std::visit(
        [&](const auto& fact) {
          using F = std::decay_t<decltype(fact)>;
          if constexpr (std::is_same_v<F, projections::ProjectRegistered> ||
                        std::is_same_v<F, projections::ProjectStatusChanged> ||
                        std::is_same_v<F, projections::ProjectUpdated>) {
            model.Apply(mf.meta, fact);
          }
        },
        mf.fact);
  }
}

void BM_ProjectsModelMemory(benchmark::State& state) {
  const auto projects = static_cast<uint64_t>(state.range(0));
  for (auto _ : state) {
    const HeapReading before = ReadHeap();
    auto model = std::make_unique<projections::ProjectsModel>();
    {
      std::vector<projections::MetaFact> scratch;
      ForEachApprovedProjectsBatch(projects, [&](std::vector<EventEnvelope>& batch) {
        for (const auto& e : batch) ApplyProjectFacts(*model, e, scratch);
      });
    }
    const HeapReading after = ReadHeap();
    if (model->Size() != projects) {
      state.SkipWithError("not every project was loaded");
      break;
    }
    PerProject(state, "projects_model", before, after, projects);
    state.counters["approx_B_per_project"] =
        static_cast<double>(model->ApproxBytes()) / static_cast<double>(projects);
    state.counters["row_struct_B"] = sizeof(projections::ProjectRow);
  }
}
BENCHMARK(BM_ProjectsModelMemory)->ArgName("projects")->Arg(1'000'000)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_ReadSideMemory(benchmark::State& state) {
  const auto projects = static_cast<uint64_t>(state.range(0));
  const projections::ReadSideOptions options = ServerLikeOptions();
  for (auto _ : state) {
    const HeapReading before = ReadHeap();
    auto models = std::make_unique<projections::ReadModels>(options.calendar, options.policy);
    {
      std::vector<projections::MetaFact> scratch;
      ForEachApprovedProjectsBatch(projects, [&](std::vector<EventEnvelope>& batch) {
        for (const auto& e : batch) {
          scratch.clear();
          options.decoder(e, scratch);
          models->ApplyEvent(e.seq, scratch, nullptr);
        }
      });
    }
    const HeapReading with_models = ReadHeap();
    auto engine = std::make_unique<projections::ReminderEngine>(models->org);
    models->ScheduleAll(*engine);
    const HeapReading with_engine = ReadHeap();
    if (models->projects.Size() != projects) {
      state.SkipWithError("not every project was loaded");
      break;
    }
    PerProject(state, "read_models", before, with_models, projects);
    PerProject(state, "engine", with_models, with_engine, projects);
    PerProject(state, "read_side", before, with_engine, projects);
    state.counters["pending_reminders"] = static_cast<double>(engine->PendingCount());
  }
}
BENCHMARK(BM_ReadSideMemory)->ArgName("projects")->Arg(1'000'000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace keyledger::bench
