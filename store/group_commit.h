// GroupCommitter: the single writer of the event log, in two pipelined stages.
//  1. The writer thread drains the queue of callers, validates each request against the stream
//     versions as they will be once everything before it is durable (including earlier requests
//     of the same group), and writes the group as ONE WriteBatch to the WAL without syncing.
//  2. The syncer thread syncs the WAL once for every group written since its last sync, then
//     publishes the new head and completes those callers.
// So the WAL write (CPU) of one group overlaps the sync (disk) of the previous ones, and every
// caller is answered only after a sync that covers its events. A failed write or sync turns the
// log read-only: nothing written after the last good sync is ever acknowledged.
// Recovery: while read-only, the writer retries (recovery_retry, then backing off) to reopen the
// database (RocksLog::Reopen): RocksDB 7.8 cannot leave the read-only state of a failed WAL write
// by itself, and a reopen replays what the WAL really holds. It first waits until the syncer has
// failed every group in flight, so no group whose write or sync failed is ever acknowledged. Then
// it reads the head back from disk and forgets the stream versions it knew (log_state.h): a failed group may or
// may not be there, at most once (a client retry with its idempotency key is then a duplicate),
// and the next append continues from what is on disk, with no gap and no reused seq.
// Internal to store/.
#pragma once

#include <atomic>
#include <chrono>
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
#include "store/log_state.h"
#include "store/rocks_log.h"

namespace keyledger::store {

struct GroupCommitOptions {
  bool sync = true;
  size_t max_group_events = 4096;
  std::function<Instant()> clock;  // must be set
  // The first recovery attempt after a failed write or sync; each failed attempt doubles the wait,
  // up to ten times this. Zero: no recovery, read-only until the store is reopened.
  std::chrono::milliseconds recovery_retry{1000};
};

class GroupCommitter {
 public:
  // `state` describes the log as loaded at open (its head is already published in `log`).
  GroupCommitter(std::shared_ptr<RocksLog> log, LogState state, GroupCommitOptions options);
  // Commits what is queued, then stops both threads.
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Blocks until every request is durable or failed; one result per request, in order.
  std::vector<StoreResult<AppendResult>> Submit(std::vector<AppendRequest> requests);

  // The durable (acknowledged) version of `stream`: from memory, or for a stream not touched
  // since open from the stream index (one seek, then remembered).
  StoreResult<uint64_t> StreamVersion(std::string_view stream) const;
  bool IsReadOnly() const;

 private:
  struct Pending;
  struct WrittenGroup;
  void RunWriter();
  void RunSyncer();
  // Validates and writes one group; returns what the syncer must finish.
  std::unique_ptr<WrittenGroup> WriteGroup(std::vector<Pending*> group);
  // Writer thread: the version of `stream` including written groups, loaded on first use.
  StoreResult<uint64_t> WrittenVersion(const RocksLog::Lease& open, const std::string& stream);
  void TurnReadOnly(const char* what, const std::string& status);
  // Writer thread, queue_mu_ held: when the next recovery attempt is due, if one is.
  std::optional<std::chrono::steady_clock::time_point> RecoveryDue();
  // Writer thread: one recovery attempt (see the top of this file).
  void Recover();

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
  bool syncing_ = false;  // GUARDED_BY(written_mu_): the syncer works on groups it took

  // Durable stream versions, of the streams touched since open only: written by the syncer (and
  // by the writer, before a stream's first write) under the unique lock, read under shared.
  // Invariant: a stream absent here has not been written since open, so the stream index holds
  // its durable version; a reader's lookup of the index happens under the shared lock, before
  // the writer can add the stream and write to it.
  mutable std::shared_mutex versions_mu_;
  mutable StreamVersions versions_;

  // Writer-thread state: versions (of the streams it loaded) and head including
  // written-but-not-yet-synced groups.
  StreamVersions written_versions_;
  Seq written_head_;
  Instant last_recorded_at_;
  // Writer-thread recovery state, while read-only.
  bool recovery_scheduled_ = false;
  bool recovery_abandoned_ = false;  // the log is damaged or lost acknowledged events: never
  std::chrono::milliseconds recovery_wait_{0};
  std::chrono::steady_clock::time_point next_recovery_;

  std::thread syncer_;  // threads last: they start after everything above is ready
  std::thread writer_;
};

}  // namespace keyledger::store
