// GroupCommitter: the single writer of the event log, in two pipelined stages.
//  1. The writer thread drains the queue of callers, validates each request against the stream
//     versions as they will be once everything before it is durable (including earlier requests
//     of the same group), and writes the group as ONE WriteBatch to the WAL without syncing.
//  2. The syncer thread syncs the WAL once for every group written since its last sync, then
//     publishes the new head and completes those callers.
// So the WAL write (CPU) of one group overlaps the sync (disk) of the previous ones, and every
// caller is answered only after a sync that covers its events. A failed write or sync turns the
// log read-only: nothing written after the last good sync is ever acknowledged.
// Internal to store/.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

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

struct GroupCommitOptions {
  bool sync = true;
  size_t max_group_events = 4096;
  std::function<Instant()> clock;  // must be set
};

class GroupCommitter {
 public:
  // `versions` and `last_recorded_at` describe the log as loaded at open (head: log->Head()).
  GroupCommitter(std::shared_ptr<RocksLog> log, StreamVersions versions, Instant last_recorded_at,
                 GroupCommitOptions options);
  // Commits what is queued, then stops both threads.
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Blocks until every request is durable or failed; one result per request, in order.
  std::vector<StoreResult<AppendResult>> Submit(std::vector<AppendRequest> requests);

  // The durable (acknowledged) version of `stream`.
  uint64_t StreamVersion(std::string_view stream) const;
  bool IsReadOnly() const;

 private:
  struct Pending;
  struct WrittenGroup;
  void RunWriter();
  void RunSyncer();
  // Validates and writes one group; returns what the syncer must finish.
  std::unique_ptr<WrittenGroup> WriteGroup(std::vector<Pending*> group);
  void TurnReadOnly(const char* what, const std::string& status);

  const std::shared_ptr<RocksLog> log_;
  const GroupCommitOptions options_;
  std::atomic<bool> read_only_{false};

  // Callers waiting for the writer.
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<Pending*> queue_;  // GUARDED_BY(queue_mu_)
  bool stopping_ = false;       // GUARDED_BY(queue_mu_)
  bool writer_idle_ = false;    // GUARDED_BY(queue_mu_): the writer waits on queue_cv_

  // Groups written, waiting for the syncer.
  std::mutex written_mu_;
  std::condition_variable written_cv_;  // wakes the syncer
  std::condition_variable taken_cv_;    // wakes the writer when the syncer took the written groups
  std::deque<std::unique_ptr<WrittenGroup>> written_;  // GUARDED_BY(written_mu_)
  bool writer_done_ = false;                           // GUARDED_BY(written_mu_)

  // Durable stream versions: written by the syncer under the unique lock, read under shared.
  mutable std::shared_mutex versions_mu_;
  StreamVersions versions_;

  // Writer-thread state: versions and head including written-but-not-yet-synced groups.
  StreamVersions written_versions_;
  Seq written_head_;
  Instant last_recorded_at_;

  std::thread syncer_;  // threads last: they start after everything above is ready
  std::thread writer_;
};

}  // namespace keyledger::store
