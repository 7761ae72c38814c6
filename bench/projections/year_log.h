// A generated company year of N events, in time order, written to a real RocksDB event log: the
// data set of the rebuild and snapshot benchmarks.
//
// The mix, per 100 events: 10 project registrations, 9.5 approvals (the rest still await one),
// 2 accounts opened, 1 key person added, 2 visits logged, and ~75 weekly ProjectUpdated events
// on projects already approved; plus the org (about 1,200 events) at the start. Events are spread
// evenly over 364 days from 2026-01-05; which kind comes next is drawn at random in proportion to
// what is left of each kind, so registrations, approvals and updates interleave as in a real year.
// 5 M events give 500 k projects and 100 k accounts; 10 M give 1 M projects.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace keyledger::bench {

struct YearLogCounts {
  uint64_t org = 0;
  uint64_t accounts = 0;
  uint64_t key_persons = 0;
  uint64_t visits = 0;
  uint64_t registered = 0;
  uint64_t approved = 0;
  uint64_t updated = 0;
  uint64_t Total() const { return org + accounts + key_persons + visits + registered + approved + updated; }
};

struct YearLogSummary {
  YearLogCounts counts;
  uint64_t payload_bytes = 0;   // sum of the JSON payloads
  uint64_t envelope_bytes = 0;  // payloads plus ids, stream, type, actor, correlation id
  double seconds = 0;           // generation and append
  double compact_seconds = 0;   // the full compaction after it
  uint64_t disk_bytes = 0;      // the store's folder after closing
  std::string Describe() const;
};

// Writes the year into a new store at `dir` (sync off: a bulk load; durability is not what these
// benchmarks measure), compacts it fully (no background work left to disturb the timed runs)
// and opens it once more through the store. Aborts on any store error.
YearLogSummary WriteYearLog(const std::filesystem::path& dir, uint64_t total_events, uint64_t seed = 2026);

// Bytes under `dir` (regular files).
uint64_t FolderBytes(const std::filesystem::path& dir);

}  // namespace keyledger::bench
