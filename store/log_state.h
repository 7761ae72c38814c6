// LogState: what the writer keeps in memory about the log (the head, every stream's version, the
// newest recorded_at), and how it is read from disk: at open, and again after the writer reopened
// the database to recover from a failed write or sync (group_commit.h), because a batch whose sync
// failed may or may not have reached the WAL. Internal to store/.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/core/seq.h"
#include "domain/core/time.h"
#include "store/event_store.h"
#include "store/rocks_log.h"

namespace keyledger::store {

// unordered_map<std::string, V> that can be searched with a string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using StreamVersions = std::unordered_map<std::string, uint64_t, StringHash, std::equal_to<>>;

struct LogState {
  StreamVersions versions;
  Seq head;
  Instant last_recorded_at;
};

// Reads the head (the newest record, checked) and every stream's current version. The versions
// come from the stream index with two seeks per stream (to the stream's last entry, then past it),
// so this costs O(streams), not O(events). kCorruption if the newest record is damaged or the
// stream index disagrees with it.
StoreResult<LogState> LoadLogState(const RocksLog& log);

}  // namespace keyledger::store
