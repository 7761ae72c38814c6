// GroupCommitter: the single writer of the event log.
//  1. The writer thread drains the queue of callers, validates each request against the stream
//     versions as they will be once everything before it is durable (including earlier requests
//     of the same group), and writes the group's events as ONE WriteBatch to the WAL, then its
//     stream index entries as a second one (stream_index.h: their memtable inserts cost as much
//     as the rest of the group, so they run beside the sync instead of before it).
//  2. When nothing else is in flight and too few callers wait to make a group of their own, the
//     writer syncs the WAL itself while the syncer thread writes the group's index, and answers
//     its callers when both are done. Otherwise the writer writes the index too and hands the
//     group to the syncer thread, which syncs the WAL once for every group written since its
//     last sync, so the next group is written during that sync.
//     A group is only started during a sync if it is at least as large as what is in flight
//     (see queued_events_).
// Either way the new head is published and every caller is answered only after a sync that
// covers its events; callers either block (Submit) or are called back (SubmitAsync). A failed
// write or sync turns the log read-only: nothing written after the last good sync is ever
// acknowledged.
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
  // Close(), if not done yet.
  ~GroupCommitter();
  // Commits what is queued, then stops both threads; later submissions are refused (kReadOnly),
  // also those that completions make while the last groups are answered. Not thread-safe
  // against another Close.
  void Close();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Blocks until every request is durable or failed; one result per request, in order.
  std::vector<StoreResult<AppendResult>> Submit(std::vector<AppendRequest> requests);

  // The same without waiting: `done` gets the results, on the syncer thread after the sync (or on
  // this thread if no request could be queued). Submissions made by a `done` while the syncer
  // answers a group are queued together when it has answered them all, so a set of callers that
  // resubmit from their callbacks travels as one group instead of a trickle of small ones.
  using Completion = std::function<void(std::vector<StoreResult<AppendResult>>)>;
  void SubmitAsync(std::vector<AppendRequest> requests, Completion done);

  // The durable (acknowledged) version of `stream`: from memory, or for a stream not touched
  // since open from the stream index (one seek, then remembered).
  StoreResult<uint64_t> StreamVersion(std::string_view stream) const;
  bool IsReadOnly() const;

 public:
  struct Pending;  // public only for the .cc's helpers

 private:
  struct WrittenGroup;
  // Fills in what can be refused at once; false if no request is left to queue.
  bool Prepare(Pending& pending, std::vector<AppendRequest> requests);
  // Hands callers to the writer in one go (refused once destruction has begun); the
  // syncer also passes the events of the groups it has just answered.
  void EnqueueAll(std::vector<Pending*> pendings, size_t answered_events = 0);
  // queue_mu_ held: whether the writer should take a group now (see queued_events_).
  bool WriterMayTake() const;
  // Answers a caller whose results are all filled in; an asynchronous one is deleted.
  static void Finish(Pending* pending);
  void RunWriter();
  void RunSyncer();
  // Validates and writes one group's events (unsynced; its index entries are kept for
  // WriteIndex); returns what is left to finish.
  std::unique_ptr<WrittenGroup> WriteGroup(std::vector<Pending*> group);
  // Writes the group's stream index batch (unsynced); on failure turns the log read-only and
  // says why.
  std::string WriteIndex(WrittenGroup& group);
  // Writer: syncs the WAL for its own group while the syncer thread writes the group's index
  // (their costs overlap instead of adding up); returns a failure, or "".
  std::string SyncOwnGroup(WrittenGroup& group);
  // Publishes the groups' versions and head (ok) or fails their appends, then answers their
  // callers and queues what the completions submitted. On the syncer, or on the writer for a
  // group it synced itself (the syncer is idle then).
  void Answer(std::deque<std::unique_ptr<WrittenGroup>>& groups, bool ok, const std::string& failure);
  // What the writer knows of a stream: its version including written (not yet durable) groups,
  // and its entry in versions_, which the syncer sets after the sync without a lookup (entries
  // of an unordered_map stay put; versions_ is only cleared by Recover, with no group in flight).
  // A failed write leaves `written` ahead of the disk, but the log is then read-only and Recover
  // forgets it.
  struct WriterStream {
    uint64_t written = 0;
    uint64_t* durable = nullptr;
  };
  // Writer thread: `stream`'s state, loaded from the stream index on first use.
  StoreResult<WriterStream*> WrittenStream(const RocksLog::Lease& open, const std::string& stream);
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
  // Events queued, and events taken by the writer but not yet answered (written, syncing). The
  // writer starts a group during a sync only if it is at least as large as what is in flight:
  // a small group would cost a sync of its own, and split callers that resubmit on completion
  // into cohorts that each wait for their own sync. Otherwise it waits for the answer and takes
  // everything queued by then as one group.
  size_t queued_events_ = 0;      // GUARDED_BY(queue_mu_)
  size_t unanswered_events_ = 0;  // GUARDED_BY(queue_mu_)

  // Groups written, waiting for the syncer.
  std::mutex written_mu_;
  std::condition_variable written_cv_;  // wakes the syncer
  std::condition_variable taken_cv_;    // wakes the writer when the syncer took the written groups
  std::deque<std::unique_ptr<WrittenGroup>> written_;  // GUARDED_BY(written_mu_)
  bool writer_done_ = false;                           // GUARDED_BY(written_mu_)
  bool syncing_ = false;  // GUARDED_BY(written_mu_): the syncer works on groups it took
  // A group whose index the syncer writes while the writer syncs it (SyncOwnGroup); the syncer
  // clears it when done, with the failure ("" if none), and wakes the writer.
  WrittenGroup* index_job_ = nullptr;      // GUARDED_BY(written_mu_)
  std::string index_failure_;              // GUARDED_BY(written_mu_)
  std::condition_variable indexed_cv_;

  // Durable stream versions, of the streams touched since open only: written by the syncer (and
  // by the writer, before a stream's first write) under the unique lock, read under shared.
  // Invariant: a stream absent here has not been written since open, so the stream index holds
  // its durable version; a reader's lookup of the index happens under the shared lock, before
  // the writer can add the stream and write to it.
  mutable std::shared_mutex versions_mu_;
  mutable StreamVersions versions_;

  // Writer-thread state: versions (of the streams it loaded) and head including
  // written-but-not-yet-synced groups.
  StringMap<WriterStream> written_versions_;
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
