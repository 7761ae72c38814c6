#include "bench/projections/bench_support.h"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "projections/domain_adapter.h"

namespace keyledger::bench {

double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

fs::path ScratchDir(const std::string& name) {
  const char* base = std::getenv("KEYLEDGER_BENCH_TMP");
  fs::path root = base != nullptr && *base != '\0' ? fs::path(base) : fs::temp_directory_path();
  fs::path dir = root / ("keyledger_projbench_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

uint64_t CountFromEnv(const char* name, uint64_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  uint64_t n = 0;
  for (const char* c = text; *c != '\0'; ++c) {
    if (*c == '_') continue;
    if (*c < '0' || *c > '9') {
      std::fprintf(stderr, "%s=%s is not a count\n", name, text);
      std::exit(2);
    }
    n = n * 10 + static_cast<uint64_t>(*c - '0');
  }
  return n;
}

namespace {
double MinOf(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }
double MaxOf(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }
}  // namespace

void WithMinMax(benchmark::internal::Benchmark* b) {
  b->ComputeStatistics("min", MinOf)->ComputeStatistics("max", MaxOf);
}

uint64_t AllocatedBytes() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

uint64_t ResidentBytes() {
  unsigned long long size_pages = 0;
  unsigned long long resident_pages = 0;
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  const int read = std::fscanf(f, "%llu %llu", &size_pages, &resident_pages);
  std::fclose(f);
  if (read != 2) return 0;
  return resident_pages * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

void TrimMemory() { malloc_trim(0); }

projections::CompanyCalendar ShanghaiCalendar() {
  auto calendar = projections::CompanyCalendar::Create("Asia/Shanghai");
  if (!calendar.ok()) {
    std::fprintf(stderr, "calendar: %s\n", calendar.error().message.c_str());
    std::abort();
  }
  return std::move(calendar.value());
}

projections::ReadSideOptions ServerLikeOptions(const fs::path& snapshot) {
  return projections::ReadSideOptions{ShanghaiCalendar(), projections::ReminderPolicy{},
                                      projections::DecodeDomainEvent, snapshot,
                                      /*snapshot_every_events=*/0};
}

Instant YearStart() {
  // 2026-01-05 00:00 in Shanghai (UTC+8, no daylight saving) is 2026-01-04 16:00 UTC.
  return Instant(std::chrono::sys_days(std::chrono::year{2026} / 1 / 4).time_since_epoch()) +
         std::chrono::hours(16);
}

}  // namespace keyledger::bench
