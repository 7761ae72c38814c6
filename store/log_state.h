// LogState: what the writer reads about the log at open, and again after it reopened the database
// to recover from a failed write or sync (group_commit.h), because a batch whose sync failed may
// or may not have reached the WAL: the head and the newest recorded_at. Stream versions are read
// one stream at a time, when first needed (ReadStreamVersion): loading all of them at open cost
// 5 us a stream, 6.8 s for the 1.4 million streams of a 10^7-event log. Internal to store/.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/core/seq.h"
#include "domain/core/string_map.h"
#include "domain/core/time.h"
#include "store/event_store.h"
#include "store/rocks_log.h"

namespace keyledger::store {

using StreamVersions = StringMap<uint64_t>;

struct LogState {
  Seq head;
  Instant last_recorded_at;
};

// Reads the head (the newest record, checked) and completes the stream index through it
// (CompleteStreamIndex: writable logs only). kCorruption if the newest record is damaged or the
// stream index disagrees with it.
StoreResult<LogState> LoadLogState(const RocksLog& log);

// The version of `stream` as the stream index of the leased database has it (0: no such stream):
// one seek to its last entry. kCorruption if that entry is malformed.
StoreResult<uint64_t> ReadStreamVersion(const RocksLog::Lease& open, std::string_view stream);

}  // namespace keyledger::store
