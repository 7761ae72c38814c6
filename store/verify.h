// VerifyLog: the offline integrity check behind `keyledger verify --data-dir DIR`.
// Checks, in order: every event record's crc and format version, that global seqs run 1..head
// with no gap, that each stream's versions run 1..n with no gap, that recorded_at never decreases,
// that the stream index and the time index match the events exactly, and that every idempotency
// record is intact and points inside the log. Format: docs/event_format.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "domain/core/seq.h"

namespace keyledger::store {

struct VerifyReport {
  bool ok = false;
  uint64_t events_checked = 0;  // events whose record passed before the first problem
  Seq head;                     // the last good seq (the head if ok)
  std::string first_bad;        // the first bad record: "seq 1234", "stream index 'p-1' v3", ...
  std::string message;          // what is wrong with it; on success a one-line summary
};

// Opens the log in `dir` read-only (it may be open in another process) and checks all of it.
// Never throws or crashes on damaged data; a missing or unopenable log is a failed report.
VerifyReport VerifyLog(const std::filesystem::path& dir);

}  // namespace keyledger::store
