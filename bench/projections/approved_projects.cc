#include "bench/projections/approved_projects.h"

#include <cstdio>
#include <cstdlib>
#include <numeric>

namespace keyledger::bench {
namespace {

constexpr size_t kBatch = 4096;  // the page size ReadSide::CatchUp applies at a time

}  // namespace

const std::vector<uint64_t>& DuePlan() {
  static const std::vector<uint64_t> plan = {0,     0,     0,     0,     1'000,  1'000,
                                             1'000, 1'000, 10'000, 10'000, 10'000, 10'000};
  return plan;
}

Instant Today() {
  // 2026-12-01 00:00 in Shanghai (UTC+8) is 2026-11-30 16:00 UTC.
  return Instant(std::chrono::sys_days(std::chrono::year{2026} / 11 / 30).time_since_epoch()) +
         std::chrono::hours(16);
}

void ForEachApprovedProjectsBatch(uint64_t projects, const std::function<void(std::vector<EventEnvelope>&)>& sink) {
  const uint64_t planted = std::accumulate(DuePlan().begin(), DuePlan().end(), uint64_t{0});
  if (projects < planted) {
    std::fprintf(stderr, "approved projects: need at least %llu\n", static_cast<unsigned long long>(planted));
    std::abort();
  }
  const Company company;
  std::vector<EventEnvelope> batch;
  uint64_t seq = 0;
  auto add = [&](GeneratedEvent e) {
    batch.push_back(ToEnvelope(std::move(e), ++seq));
    if (batch.size() == kBatch) {
      sink(batch);
      batch.clear();
    }
  };
  auto project = [&](uint64_t k, Instant approved_at) {
    const int owner = static_cast<int>((k * 2654435761u) % Company::kSalespeople);
    const uint64_t account = k / 10;  // ten projects per customer
    const std::string id = ProjectIdOf(k);
    add(ProjectRegisteredEvent(company, id, owner, AccountIdOf(account), account, k, approved_at - Days(1)));
    add(ProjectApprovedEvent(company, id, owner, k + 1, approved_at));
  };

  for (auto& e : company.OrgEvents(Today() - Days(400))) add(std::move(e));
  uint64_t k = 0;
  // Planted groups: approved on day d - 14, between 09:00 and 18:00.
  const Micros working_day = std::chrono::hours(9);
  for (size_t day = 0; day < DuePlan().size(); ++day) {
    const uint64_t n = DuePlan()[day];
    const Instant opening = Today() + Days(static_cast<int64_t>(day)) - Days(14) + std::chrono::hours(9);
    for (uint64_t j = 0; j < n; ++j) {
      project(k++, opening + Micros(working_day.count() * static_cast<int64_t>(j) / static_cast<int64_t>(n)));
    }
  }
  // Background: approved in the two days before today, an hour away from either end.
  const uint64_t background = projects - planted;
  const Instant first = Today() - Days(2) + std::chrono::hours(1);
  const Micros span = Days(2) - std::chrono::hours(2);
  for (uint64_t j = 0; j < background; ++j) {
    project(k++, first + Micros(span.count() * static_cast<int64_t>(j) / static_cast<int64_t>(background)));
  }
  if (!batch.empty()) sink(batch);
}

}  // namespace keyledger::bench
