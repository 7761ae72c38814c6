#include "store/rocks_event_store.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>

#include <chrono>

#include "store/coding.h"
#include "store/keys.h"
#include "store/log_reader.h"
#include "store/log_state.h"
#include "store/record_codec.h"
#include "store/rocks_event_store_impl.h"
#include "store/rocks_subscription.h"
#include "store/verify.h"

namespace keyledger::store {
namespace {

Instant SystemNow() {
  return std::chrono::time_point_cast<Micros>(std::chrono::system_clock::now());
}

}  // namespace

StoreResult<std::unique_ptr<EventStore>> OpenRocksEventStore(const std::filesystem::path& dir,
                                                             const RocksStoreOptions& options) {
  if (options.verify_on_open && std::filesystem::exists(dir / "CURRENT")) {
    VerifyReport report = VerifyLog(dir);
    if (!report.ok) {
      return Fail(StoreError{StoreError::Code::kCorruption,
                             "event log in " + dir.string() + " failed verification at " +
                                 report.first_bad + ": " + report.message});
    }
  }
  RocksLogOptions log_options;
  log_options.compress = options.compress;
  log_options.env = options.env;
  auto log = RocksLog::Open(dir, log_options);
  if (!log) return Fail(std::move(log.error()));
  auto state = LoadLogState(**log);
  if (!state) {
    StoreError error = std::move(state.error());
    error.message = "event log in " + dir.string() + " refused: " + error.message;
    return Fail(std::move(error));
  }
  (*log)->PublishHead(state->head);
  GroupCommitOptions commit_options;
  commit_options.sync = options.sync;
  commit_options.max_group_events = std::max<size_t>(options.max_group_events, 1);
  commit_options.clock = options.clock ? options.clock : SystemNow;
  commit_options.recovery_retry = options.recovery_retry;
  auto committer = std::make_unique<GroupCommitter>(*log, std::move(state.value()), commit_options);
  return std::unique_ptr<EventStore>(
      std::make_unique<RocksEventStore>(std::move(log.value()), std::move(committer)));
}

RocksEventStore::RocksEventStore(std::shared_ptr<RocksLog> log,
                                 std::unique_ptr<GroupCommitter> committer)
    : log_(std::move(log)), committer_(std::move(committer)) {}

// The committer finishes what is queued before the log (possibly shared with subscriptions) goes.
// Closed before it is destroyed: a completion it runs meanwhile may still call AppendAsync.
RocksEventStore::~RocksEventStore() {
  committer_->Close();
  committer_.reset();
}

StoreResult<AppendResult> RocksEventStore::Append(AppendRequest request) {
  std::vector<AppendRequest> one;
  one.push_back(std::move(request));
  auto results = committer_->Submit(std::move(one));
  return std::move(results.front());
}

void RocksEventStore::AppendAsync(AppendRequest request, AppendCallback done) {
  std::vector<AppendRequest> one;
  one.push_back(std::move(request));
  committer_->SubmitAsync(std::move(one),
                          [done = std::move(done)](std::vector<StoreResult<AppendResult>> results) {
                            done(std::move(results.front()));
                          });
}

std::vector<StoreResult<AppendResult>> RocksEventStore::AppendBatch(
    std::vector<AppendRequest> requests) {
  return committer_->Submit(std::move(requests));
}

StoreResult<std::vector<EventEnvelope>> RocksEventStore::ReadStream(std::string_view stream,
                                                                    uint64_t from_version,
                                                                    size_t max_count) const {
  return ReadStreamEvents(*log_, stream, from_version, max_count);
}

StoreResult<uint64_t> RocksEventStore::StreamVersion(std::string_view stream) const {
  return committer_->StreamVersion(stream);
}

StoreResult<std::vector<EventEnvelope>> RocksEventStore::ReadAll(Seq after, size_t limit) const {
  std::vector<EventEnvelope> out;
  Seq head = log_->Head();
  if (limit == 0 || after >= head) return out;
  Seq upto(limit >= head.value - after.value ? head.value : after.value + limit);  // no overflow
  out.reserve(upto.value - after.value);
  auto scanned = ScanEvents(*log_, after, upto, ReadPattern::kPoint, [&](const EventEnvelope& e) {
    out.push_back(e);
    return true;
  });
  if (!scanned) return Fail(std::move(scanned.error()));
  return out;
}

StoreResult<Seq> RocksEventStore::Scan(Seq after, const EventHandler& handler) const {
  return ScanEvents(*log_, after, log_->Head(), ReadPattern::kBulk, handler);
}

StoreResult<std::vector<EventEnvelope>> RocksEventStore::ReadTimeRange(Instant from, Instant to,
                                                                       Seq after,
                                                                       size_t limit) const {
  return ReadTimeRangeEvents(*log_, from, to, after, limit);
}

StoreResult<std::optional<AppendResult>> RocksEventStore::FindIdempotent(
    std::string_view key, std::string_view fingerprint) const {
  std::string value;
  rocksdb::Status s;
  {
    auto open = log_->Borrow();
    if (!open) return Fail(LogClosedError());
    s = open.db()->Get(rocksdb::ReadOptions(), open.idempotency(),
                       rocksdb::Slice(key.data(), key.size()), &value);
  }
  if (s.IsNotFound()) return std::optional<AppendResult>();
  if (!s.ok()) {
    return Fail(StoreError{StoreError::Code::kIOError,
                           "reading idempotency key '" + std::string(key) + "': " + s.ToString()});
  }
  IdempotencyRecord stored;
  std::string why;
  if (!DecodeIdempotencyRecord(value, &stored, &why)) {
    return Fail(StoreError{StoreError::Code::kCorruption,
                           "idempotency key '" + std::string(key) + "': " + why});
  }
  if (stored.hash != HashFingerprint(fingerprint)) {
    return Fail(StoreError{StoreError::Code::kIdempotencyMismatch,
                           "idempotency key '" + std::string(key) + "' was used for another request"});
  }
  // Written by a group whose sync has not finished: not acknowledged yet, so not an answer.
  if (stored.result.last_seq > log_->Head()) return std::optional<AppendResult>();
  AppendResult result = stored.result;
  result.duplicate = true;
  return std::optional<AppendResult>(result);
}

Seq RocksEventStore::HeadSeq() const { return log_->Head(); }

bool RocksEventStore::IsReadOnly() const { return committer_->IsReadOnly(); }

std::unique_ptr<Subscription> RocksEventStore::Subscribe(Seq after, EventHandler on_event,
                                                         ErrorHandler on_error) {
  return std::make_unique<RocksSubscription>(log_, after, std::move(on_event), std::move(on_error));
}

}  // namespace keyledger::store
