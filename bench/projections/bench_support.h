// Helpers shared by the projections benchmarks: scratch folders, sizes from the environment,
// min/max statistics and memory readings.
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "domain/core/time.h"
#include "projections/company_calendar.h"
#include "projections/read_side.h"

namespace keyledger::bench {

namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;

double SecondsSince(SteadyClock::time_point start);

// A fresh, empty folder under $KEYLEDGER_BENCH_TMP (default: the system temp folder), named
// after `name` and this process, so two runs never share data. The caller removes it.
fs::path ScratchDir(const std::string& name);

// $name as a count (digits, '_' allowed as a separator), or `fallback` if unset. The data set
// sizes are read this way so that a quick smoke run can use small ones.
uint64_t CountFromEnv(const char* name, uint64_t fallback);

// min and max next to Google Benchmark's mean/median/stddev when run with repetitions.
void WithMinMax(benchmark::internal::Benchmark* b);

// Bytes the allocator has handed out and not taken back (mallinfo2: arena chunks in use plus
// mmapped chunks), summed over all arenas. Differences of two readings are what a model holds.
uint64_t AllocatedBytes();
// Resident set size of this process, from /proc/self/statm.
uint64_t ResidentBytes();
// Returns freed memory to the kernel (malloc_trim) so that an RSS reading is not inflated by
// what an earlier benchmark freed.
void TrimMemory();

// Asia/Shanghai, the company calendar of every benchmark (the server's default).
projections::CompanyCalendar ShanghaiCalendar();

// What the server gives its ReadSide: the domain adapter as decoder, default reminder policy,
// no periodic snapshots (only WriteSnapshot writes one), a snapshot file only if `snapshot` is set.
projections::ReadSideOptions ServerLikeOptions(const fs::path& snapshot = {});

// 2026-01-05 00:00 Asia/Shanghai, a Monday: the first day of every generated year.
Instant YearStart();

}  // namespace keyledger::bench
