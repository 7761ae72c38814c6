#include "store/group_commit.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <optional>

#include "store/coding.h"
#include "store/keys.h"
#include "store/record_codec.h"
#include "store/stream_index.h"

namespace keyledger::store {
namespace {

constexpr size_t kMaxNameSize = 1024;

std::optional<StoreError> CheckShape(const AppendRequest& r) {
  auto invalid = [](std::string m) {
    return StoreError{StoreError::Code::kInvalidArgument, std::move(m)};
  };
  if (r.stream.empty()) return invalid("empty stream name");
  if (r.stream.size() > kMaxNameSize) return invalid("stream name longer than 1024 bytes");
  // The stream index separates name and version with a 0 byte (docs/event_format.md).
  if (r.stream.find('\0') != std::string::npos) return invalid("stream name contains a 0 byte");
  if (r.events.empty()) return invalid("append of no events to '" + r.stream + "'");
  if (r.idempotency_key.size() > kMaxNameSize) {
    return invalid("idempotency key longer than 1024 bytes");
  }
  return std::nullopt;
}

StoreError ReadOnlyError() {
  return StoreError{StoreError::Code::kReadOnly,
                    "the event log is read-only after a failed write or sync (see the server log); "
                    "it accepts writes again once it has recovered"};
}

StoreError ClosingError() {
  return StoreError{StoreError::Code::kReadOnly, "the event log is closing; nothing was written"};
}

using Clock = std::chrono::steady_clock;

using Slot = std::optional<StoreResult<AppendResult>>;

}  // namespace

struct GroupCommitter::Pending {
  std::vector<AppendRequest> requests;
  std::vector<Slot> results;
  size_t event_count = 0;
  Completion on_done;  // set: asynchronous, owned by the committer once queued
  // Set by the syncer when every result is filled in. A mutex and condition variable rather than
  // std::atomic::wait, whose libstdc++ spin loop calls sched_yield, costly with many callers.
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;  // GUARDED_BY(mu)
};

struct GroupCommitter::WrittenGroup {
  std::vector<Pending*> callers;
  // Successful results (appends and duplicates) that stand or fall with the next sync.
  std::vector<Slot*> pending_results;
  size_t events = 0;       // the callers' events, valid or not (unanswered_events_)
  bool wrote = false;      // the group put events into the WAL
  // Each successful append's stream version, to publish as durable after the sync, in order.
  std::vector<std::pair<uint64_t*, uint64_t>> durable_versions;
  Seq last_seq;            // head after this group
  // The group's stream index entries and reach, written apart from its events (stream_index.h).
  rocksdb::WriteBatch index;
};

GroupCommitter::GroupCommitter(std::shared_ptr<RocksLog> log, LogState state,
                               GroupCommitOptions options)
    : log_(std::move(log)),
      options_(std::move(options)),
      written_head_(state.head),
      last_recorded_at_(state.last_recorded_at),
      syncer_([this] { RunSyncer(); }),
      writer_([this] { RunWriter(); }) {}

GroupCommitter::~GroupCommitter() { Close(); }

void GroupCommitter::Close() {
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  queue_cv_.notify_one();
  writer_.join();  // the writer then tells the syncer it is done
  syncer_.join();
}

namespace {
// Set while a thread answers groups (Answer): submissions that completions make are collected
// and queued together afterwards (see SubmitAsync).
struct Answering {
  const GroupCommitter* committer = nullptr;
  std::vector<GroupCommitter::Pending*>* resubmitted = nullptr;
};
thread_local Answering answering;
}  // namespace

bool GroupCommitter::Prepare(Pending& pending, std::vector<AppendRequest> requests) {
  pending.results.resize(requests.size());
  bool any_valid = false;
  for (size_t i = 0; i < requests.size(); ++i) {
    if (auto error = CheckShape(requests[i])) {
      pending.results[i].emplace(Fail(std::move(*error)));
    } else if (read_only_.load()) {
      pending.results[i].emplace(Fail(ReadOnlyError()));
    } else {
      pending.event_count += requests[i].events.size();
      any_valid = true;
    }
  }
  pending.requests = std::move(requests);
  return any_valid;
}

void GroupCommitter::Finish(Pending* pending) {
  if (!pending->on_done) {
    // Notify under the lock: the caller cannot return (and destroy `pending`) before we unlock.
    std::lock_guard lock(pending->mu);
    pending->done = true;
    pending->cv.notify_one();
    return;
  }
  Completion done = std::move(pending->on_done);
  std::vector<StoreResult<AppendResult>> out;
  out.reserve(pending->results.size());
  for (auto& r : pending->results) out.push_back(std::move(*r));
  delete pending;  // before the callback, which may submit again
  done(std::move(out));
}

bool GroupCommitter::WriterMayTake() const {
  return !queue_.empty() && queued_events_ >= unanswered_events_;
}

void GroupCommitter::EnqueueAll(std::vector<Pending*> pendings, size_t answered_events) {
  bool wake = false;
  bool refused = false;
  {
    std::lock_guard lock(queue_mu_);
    unanswered_events_ -= answered_events;
    if (stopping_) {
      // Only a completion during the committer's destruction gets here. Refused, so that
      // callers resubmitting from their callbacks cannot keep the writer from ever finishing.
      refused = !pendings.empty();
    } else {
      for (Pending* p : pendings) queued_events_ += p->event_count;
      queue_.insert(queue_.end(), pendings.begin(), pendings.end());
    }
    wake = writer_idle_ && WriterMayTake();  // a busy writer comes back for the queue by itself
  }
  if (wake) queue_cv_.notify_one();
  if (!refused) return;
  for (Pending* p : pendings) {
    for (auto& r : p->results) {
      if (!r) r.emplace(Fail(ClosingError()));
    }
    Finish(p);
  }
}

std::vector<StoreResult<AppendResult>> GroupCommitter::Submit(std::vector<AppendRequest> requests) {
  Pending pending;
  if (Prepare(pending, std::move(requests))) {
    EnqueueAll({&pending});
    std::unique_lock lock(pending.mu);
    pending.cv.wait(lock, [&] { return pending.done; });
  }
  std::vector<StoreResult<AppendResult>> out;
  out.reserve(pending.results.size());
  for (auto& r : pending.results) out.push_back(std::move(*r));
  return out;
}

void GroupCommitter::SubmitAsync(std::vector<AppendRequest> requests, Completion done) {
  auto pending = std::make_unique<Pending>();
  pending->on_done = std::move(done);
  if (!Prepare(*pending, std::move(requests))) {
    Finish(pending.release());
  } else if (answering.committer == this) {
    answering.resubmitted->push_back(pending.release());
  } else {
    EnqueueAll({pending.release()});
  }
}

StoreResult<uint64_t> GroupCommitter::StreamVersion(std::string_view stream) const {
  StoreResult<uint64_t> loaded = uint64_t{0};
  {
    std::shared_lock lock(versions_mu_);
    if (auto it = versions_.find(stream); it != versions_.end()) return it->second;
    auto open = log_->Borrow();
    if (!open) return Fail(LogClosedError());
    loaded = ReadStreamVersion(open, stream);  // under the lock: see versions_
    if (!loaded) return loaded;
  }
  std::unique_lock lock(versions_mu_);
  // If the writer added the stream meanwhile, its entry is at least as new as what was read.
  return versions_.try_emplace(std::string(stream), *loaded).first->second;
}

StoreResult<GroupCommitter::WriterStream*> GroupCommitter::WrittenStream(const RocksLog::Lease& open,
                                                                         const std::string& stream) {
  if (auto it = written_versions_.find(stream); it != written_versions_.end()) return &it->second;
  {
    // A reader may have looked the stream up already (a command reads its stream before it
    // appends): a stream the writer has not touched is durable as it was read, so no second seek.
    std::shared_lock lock(versions_mu_);
    if (auto it = versions_.find(stream); it != versions_.end()) {
      return &written_versions_.emplace(stream, WriterStream{it->second, &it->second}).first->second;
    }
  }
  auto loaded = ReadStreamVersion(open, stream);
  if (!loaded) return Fail(std::move(loaded.error()));
  uint64_t* durable;
  {
    std::unique_lock lock(versions_mu_);  // before the stream's first write: see versions_
    durable = &versions_.try_emplace(stream, *loaded).first->second;
  }
  return &written_versions_.emplace(stream, WriterStream{*loaded, durable}).first->second;
}

bool GroupCommitter::IsReadOnly() const { return read_only_.load(); }

void GroupCommitter::TurnReadOnly(const char* what, const std::string& status) {
  if (read_only_.exchange(true)) return;
  std::fprintf(stderr,
               "keyledger store: %s failed (%s); nothing more is acknowledged and the event log "
               "is read-only %s\n",
               what, status.c_str(),
               options_.recovery_retry.count() > 0 ? "until it has recovered (retrying)"
                                                   : "until reopened");
  // The writer may be waiting for callers only; it must wake to schedule the recovery. Locking
  // queue_mu_ orders this after its check of read_only_ or before its wait.
  { std::lock_guard lock(queue_mu_); }
  queue_cv_.notify_one();
}

std::optional<Clock::time_point> GroupCommitter::RecoveryDue() {
  if (!read_only_.load() || options_.recovery_retry.count() <= 0 || recovery_abandoned_) {
    return std::nullopt;
  }
  if (!recovery_scheduled_) {
    recovery_scheduled_ = true;
    recovery_wait_ = options_.recovery_retry;
    next_recovery_ = Clock::now() + recovery_wait_;
  }
  return next_recovery_;
}

void GroupCommitter::Recover() {
  {
    // Every group in flight must be failed (and its callers answered) first, and the syncer must
    // not touch the database while it is reopened.
    std::unique_lock lock(written_mu_);
    taken_cv_.wait(lock, [&] { return written_.empty() && !syncing_; });
  }
  auto reopened = log_->Reopen(recovery_wait_);
  StoreResult<LogState> state =
      reopened ? LoadLogState(*log_) : StoreResult<LogState>(Fail(std::move(reopened.error())));
  if (state && state->head < log_->Head()) {
    recovery_abandoned_ = true;
    std::fprintf(stderr,
                 "keyledger store: after reopening, the event log ends at seq %llu but seq %llu was "
                 "acknowledged; it stays read-only (restore from a backup)\n",
                 static_cast<unsigned long long>(state->head.value),
                 static_cast<unsigned long long>(log_->Head().value));
    return;
  }
  if (!state) {
    if (state.error().code == StoreError::Code::kCorruption) {
      recovery_abandoned_ = true;
      std::fprintf(stderr, "keyledger store: %s; the event log stays read-only\n",
                   state.error().message.c_str());
      return;
    }
    recovery_wait_ = std::min(recovery_wait_ * 2, options_.recovery_retry * 10);
    next_recovery_ = Clock::now() + recovery_wait_;
    std::fprintf(stderr, "keyledger store: still read-only (%s); next attempt in %lld ms\n",
                 state.error().message.c_str(), static_cast<long long>(recovery_wait_.count()));
    return;
  }
  // What is on disk now is the truth: a failed group may be in it, and it is durable (the reopen
  // flushed the replayed WAL). Its callers were told it failed; a retry finds its idempotency key.
  {
    std::unique_lock lock(versions_mu_);
    versions_.clear();  // loaded again from disk as needed
  }
  written_versions_.clear();
  written_head_ = state->head;
  last_recorded_at_ = std::max(last_recorded_at_, state->last_recorded_at);
  log_->PublishHead(state->head);
  recovery_scheduled_ = false;
  read_only_.store(false);
  std::fprintf(stderr, "keyledger store: recovered; the event log accepts writes again after seq %llu\n",
               static_cast<unsigned long long>(state->head.value));
}

void GroupCommitter::RunWriter() {
  for (;;) {
    // At most one written group waits for the syncer: while a sync is in flight, callers gather
    // in the queue and go out as one WriteBatch (one WAL write) when the syncer takes the
    // previous group, instead of as a trickle of tiny writes.
    {
      std::unique_lock lock(written_mu_);
      taken_cv_.wait(lock, [&] { return written_.empty(); });
    }
    std::vector<Pending*> group;
    size_t group_events = 0;
    bool sync_here = false;
    bool recover = false;
    {
      std::unique_lock lock(queue_mu_);
      writer_idle_ = true;
      // Callers first: while read-only they are answered at once (WriteGroup), never kept waiting
      // for a recovery.
      while (!WriterMayTake() && !stopping_) {
        auto due = RecoveryDue();
        if (!due) {
          queue_cv_.wait(lock);
        } else if (Clock::now() < *due) {
          queue_cv_.wait_until(lock, *due);
        } else {
          recover = true;
          break;
        }
      }
      writer_idle_ = false;
      if (!recover && queue_.empty()) break;  // stopping, and everything queued was written
      // Take whole callers until the group is full; the first one always fits.
      size_t events = 0;
      while (!queue_.empty() &&
             (group.empty() || events + queue_.front()->event_count <= options_.max_group_events)) {
        events += queue_.front()->event_count;
        group.push_back(queue_.front());
        queue_.pop_front();
      }
      queued_events_ -= events;
      // Nothing in flight and too few callers waiting to fill a group of their own: the writer
      // syncs this group itself, with no hand-off to the syncer and back (two thread wake-ups
      // per group). With enough waiting, the syncer takes it so that the next group is written
      // during its sync.
      sync_here = unanswered_events_ == 0 && queued_events_ < events;
      unanswered_events_ += events;
      group_events = events;
    }
    if (recover) {
      Recover();
      continue;
    }
    auto written = WriteGroup(std::move(group));
    written->events = group_events;
    if (sync_here) {
      std::string failure = SyncOwnGroup(*written);
      std::deque<std::unique_ptr<WrittenGroup>> groups;
      groups.push_back(std::move(written));
      // A failed write, index write or sync has turned the log read-only: the appends fail.
      Answer(groups, !read_only_.load(), failure);
      continue;
    }
    WriteIndex(*written);  // the syncer's sync covers it with the events
    {
      std::lock_guard lock(written_mu_);
      written_.push_back(std::move(written));
    }
    written_cv_.notify_one();
  }
  {
    std::lock_guard lock(written_mu_);
    writer_done_ = true;
  }
  written_cv_.notify_one();
}

std::string GroupCommitter::WriteIndex(WrittenGroup& group) {
  if (!group.wrote) return {};
  auto open = log_->Borrow();
  rocksdb::Status s = open ? open.db()->Write(rocksdb::WriteOptions(), &group.index)
                           : rocksdb::Status::IOError("log closed");
  if (s.ok()) return {};
  TurnReadOnly("writing the stream index", s.ToString());
  return "the stream index could not be written: " + s.ToString();
}

std::string GroupCommitter::SyncOwnGroup(WrittenGroup& group) {
  if (!group.wrote) return {};
  if (!options_.sync) return WriteIndex(group);
  {
    std::lock_guard lock(written_mu_);
    index_job_ = &group;
  }
  written_cv_.notify_one();
  auto open = log_->Borrow();
  rocksdb::Status s = open ? open.db()->SyncWAL() : rocksdb::Status::IOError("log closed");
  {
    std::unique_lock lock(written_mu_);
    indexed_cv_.wait(lock, [&] { return index_job_ == nullptr; });
  }
  if (!s.ok()) {
    TurnReadOnly("syncing the write-ahead log", s.ToString());
    return s.ToString();
  }
  return index_failure_;
}

std::unique_ptr<GroupCommitter::WrittenGroup> GroupCommitter::WriteGroup(std::vector<Pending*> group) {
  auto out = std::make_unique<WrittenGroup>();
  out->callers = std::move(group);
  if (read_only_.load()) {
    for (Pending* p : out->callers) {
      for (auto& r : p->results) {
        if (!r) r.emplace(Fail(ReadOnlyError()));
      }
    }
    return out;
  }
  struct KeyInGroup {
    RequestHash hash;
    AppendResult result;
  };
  auto open = log_->Borrow();  // never empty here: the log is not read-only
  if (!open) {
    for (Pending* p : out->callers) {
      for (auto& r : p->results) {
        if (!r) r.emplace(Fail(LogClosedError()));
      }
    }
    return out;
  }
  rocksdb::WriteBatch batch;
  StringMap<KeyInGroup> keys;
  const Seq first = written_head_.Next();
  Seq next = first;
  // recorded_at never decreases along the log: ReadTimeRange and the sparse time index rely on it.
  const Instant now = std::max(options_.clock(), last_recorded_at_);
  EventEnvelope envelope;
  std::string record;
  std::string idempotency_value;

  for (Pending* p : out->callers) {
    for (size_t i = 0; i < p->requests.size(); ++i) {
      Slot& slot = p->results[i];
      if (slot) continue;  // rejected before queueing
      AppendRequest& r = p->requests[i];

      // Idempotency first: a retry of a request that succeeded would otherwise be a conflict.
      RequestHash hash{};
      if (!r.idempotency_key.empty()) {
        hash = HashRequest(r);
        std::optional<IdempotencyRecord> seen;
        if (auto it = keys.find(r.idempotency_key); it != keys.end()) {
          seen = IdempotencyRecord{it->second.hash, it->second.result};
        } else {
          // May find a record of a group that is written but not yet synced: the duplicate answer
          // then waits for the same sync (it is in pending_results below).
          std::string value;
          rocksdb::Status s = open.db()->Get(rocksdb::ReadOptions(), open.idempotency(),
                                             r.idempotency_key, &value);
          if (s.ok()) {
            IdempotencyRecord stored;
            std::string why;
            if (!DecodeIdempotencyRecord(value, &stored, &why)) {
              slot.emplace(Fail(StoreError{StoreError::Code::kCorruption,
                                           "idempotency key '" + r.idempotency_key + "': " + why}));
              continue;
            }
            seen = stored;
          } else if (!s.IsNotFound()) {
            slot.emplace(Fail(ToStoreError(s, "reading idempotency key '" + r.idempotency_key + "'")));
            continue;
          }
        }
        if (seen) {
          if (seen->hash != hash) {
            slot.emplace(Fail(StoreError{StoreError::Code::kIdempotencyMismatch,
                                         "idempotency key '" + r.idempotency_key +
                                             "' was used for a different request"}));
          } else {
            AppendResult dup = seen->result;
            dup.duplicate = true;
            slot.emplace(dup);
            out->pending_results.push_back(&slot);
          }
          continue;
        }
      }

      // Versions as they will be once everything written before is durable, including the
      // requests validated so far in this group (see WriterStream).
      auto stream_state = WrittenStream(open, r.stream);
      if (!stream_state) {
        slot.emplace(Fail(std::move(stream_state.error())));
        continue;
      }
      WriterStream& written = **stream_state;
      uint64_t current = written.written;
      const ExpectedVersion& ev = r.expected;
      if ((ev.kind == ExpectedVersion::Kind::kNoStream && current != 0) ||
          (ev.kind == ExpectedVersion::Kind::kExact && current != ev.version)) {
        slot.emplace(Fail(StoreError{StoreError::Code::kConflict,
                                     "stream '" + r.stream + "' is at version " +
                                         std::to_string(current),
                                     current}));
        continue;
      }

      AppendResult result;
      result.first_seq = next;
      for (NewEvent& e : r.events) {
        envelope.seq = next;
        envelope.id = std::move(e.id);
        envelope.stream = r.stream;
        envelope.stream_version = ++current;
        envelope.type = std::move(e.type);
        envelope.schema_version = e.schema_version;
        envelope.occurred_at = e.occurred_at;
        envelope.recorded_at = now;
        envelope.actor = std::move(e.actor);
        envelope.causation_id = std::move(e.causation_id);
        envelope.correlation_id = std::move(e.correlation_id);
        envelope.data = std::move(e.data);
        record.clear();
        EncodeEventRecord(envelope, &record);
        std::string event_key = EventKey(next);
        batch.Put(open.events(), event_key, record);
        PutStreamIndexEntry(out->index, open, r.stream, current, next);
        next = next.Next();
      }
      result.last_seq = Seq(next.value - 1);
      result.stream_version = current;
      written.written = current;
      out->durable_versions.emplace_back(written.durable, current);
      if (!r.idempotency_key.empty()) {
        keys[r.idempotency_key] = KeyInGroup{hash, result};
        idempotency_value.clear();
        EncodeIdempotencyRecord(IdempotencyRecord{hash, result}, &idempotency_value);
        batch.Put(open.idempotency(), r.idempotency_key, idempotency_value);
      }
      slot.emplace(result);
      out->pending_results.push_back(&slot);
    }
  }
  if (out->durable_versions.empty()) return out;  // every request was rejected or a duplicate

  const Seq last(next.value - 1);
  std::string last_value;
  PutBigEndian64(&last_value, last.value);
  batch.Put(open.time_index(), TimeIndexKey(now, first), last_value);  // one entry per group

  PutIndexedThrough(out->index, open.meta(), last);

  // Synced afterwards, with the index written during the sync: by the writer itself
  // (SyncOwnGroup) or by the syncer's one sync for this and every group written meanwhile.
  rocksdb::Status s = open.db()->Write(rocksdb::WriteOptions(), &batch);
  if (!s.ok()) {
    TurnReadOnly("writing to the event log", s.ToString());
    StoreError error = ToStoreError(s, "appending to the event log");
    error.code = StoreError::Code::kIOError;
    for (Slot* slot : out->pending_results) slot->emplace(Fail(error));
    out->pending_results.clear();
    return out;
  }
  written_head_ = last;
  last_recorded_at_ = now;
  out->wrote = true;
  out->last_seq = last;
  return out;
}

void GroupCommitter::Answer(std::deque<std::unique_ptr<WrittenGroup>>& groups, bool ok,
                            const std::string& failure) {
  const bool wrote = std::any_of(groups.begin(), groups.end(), [](auto& g) { return g->wrote; });
  if (ok) {
    Seq head = log_->Head();
    {
      std::unique_lock lock(versions_mu_);
      for (auto& g : groups) {
        for (auto [durable, version] : g->durable_versions) *durable = version;
        if (g->wrote) head = g->last_seq;
      }
    }
    if (wrote) log_->PublishHead(head);
  } else {
    StoreError error{StoreError::Code::kIOError,
                     "the write-ahead log could not be synced" +
                         (failure.empty() ? std::string() : ": " + failure) +
                         "; nothing was acknowledged and the event log is now read-only"};
    for (auto& g : groups) {
      for (Slot* slot : g->pending_results) {
        if (slot->has_value() && (*slot)->ok()) slot->emplace(Fail(error));
      }
    }
  }
  std::vector<Pending*> next;
  answering = {this, &next};
  size_t answered_events = 0;
  for (auto& g : groups) {
    for (Pending* p : g->callers) Finish(p);
    answered_events += g->events;
  }
  answering = {};
  EnqueueAll(std::move(next), answered_events);
}

void GroupCommitter::RunSyncer() {
  for (;;) {
    std::deque<std::unique_ptr<WrittenGroup>> groups;
    {
      std::unique_lock lock(written_mu_);
      written_cv_.wait(lock, [&] { return !written_.empty() || writer_done_ || index_job_; });
      if (index_job_ != nullptr) {  // the writer syncs its own group meanwhile (SyncOwnGroup)
        WrittenGroup* job = index_job_;
        lock.unlock();
        std::string failure = WriteIndex(*job);
        lock.lock();
        index_failure_ = std::move(failure);
        index_job_ = nullptr;
        indexed_cv_.notify_one();
        continue;
      }
      if (written_.empty()) return;  // the writer is done and everything was synced
      groups.swap(written_);
      syncing_ = true;
    }
    taken_cv_.notify_one();
    bool wrote = std::any_of(groups.begin(), groups.end(), [](auto& g) { return g->wrote; });
    // A group written after an earlier failure may have reached the WAL, but is never acknowledged.
    bool ok = !read_only_.load();
    std::string failure;
    if (ok && wrote && options_.sync) {
      // Syncs every WAL file up to everything written before the call: all of `groups`.
      auto open = log_->Borrow();
      rocksdb::Status s = open ? open.db()->SyncWAL() : rocksdb::Status::IOError("log closed");
      if (!s.ok()) {
        ok = false;
        failure = s.ToString();
        TurnReadOnly("syncing the write-ahead log", failure);
      }
    }
    Answer(groups, ok, failure);
    {
      std::lock_guard lock(written_mu_);
      syncing_ = false;
    }
    taken_cv_.notify_one();  // a writer about to recover waits for this
  }
}

}  // namespace keyledger::store
