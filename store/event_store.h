// EventStore: the durable, append-only event log every other part of keyledger stands on.
// This is the backend-neutral interface; rocks_event_store.h is the embedded RocksDB backend.
// A replicated backend (e.g. NATS JetStream) would implement this same interface.
// On-disk format of the RocksDB backend: docs/event_format.md.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/event_envelope.h"
#include "domain/core/result.h"
#include "domain/core/seq.h"
#include "domain/core/time.h"

namespace keyledger::store {

// What the caller believes the stream's current version is.
struct ExpectedVersion {
  enum class Kind { kAny, kNoStream, kExact };
  Kind kind = Kind::kAny;
  uint64_t version = 0;  // only for kExact: the stream's current version (0 = empty stream)

  static ExpectedVersion Any() { return {Kind::kAny, 0}; }
  static ExpectedVersion NoStream() { return {Kind::kNoStream, 0}; }
  static ExpectedVersion Exact(uint64_t v) { return {Kind::kExact, v}; }
};

// One event to append; seq, stream, stream_version and recorded_at are assigned by the store.
struct NewEvent {
  std::string id;
  std::string type;
  uint32_t schema_version = 1;
  Instant occurred_at;
  std::string actor;
  std::string causation_id;
  std::string correlation_id;
  std::string data;  // JSON object text
};

struct AppendRequest {
  std::string stream;
  ExpectedVersion expected;
  std::vector<NewEvent> events;   // appended all or none; must not be empty
  std::string idempotency_key;    // "" = none
  // What "the same request" means for the idempotency key. Empty: the stream, the expected
  // version and each event's type, schema version, actor and data. A caller that regenerates
  // per-attempt data on a retry (the HTTP command service: fresh timestamps, a new expected
  // version after the first attempt succeeded) passes a fingerprint of the client's request
  // instead, and then only the stream-independent fingerprint is compared.
  std::string request_fingerprint;
};

struct AppendResult {
  Seq first_seq;                 // seq of the first event of this request
  Seq last_seq;                  // seq of the last event of this request
  uint64_t stream_version = 0;   // stream version after the append
  bool duplicate = false;        // true: the idempotency key was seen with the same request;
                                 // this is the first append's result and nothing was written
};

struct StoreError {
  enum class Code {
    kInvalidArgument,      // empty batch, empty stream name, ...
    kNotFound,
    kConflict,             // expected version does not match; actual_version says what it is
    kIdempotencyMismatch,  // key already used with a different request
    kCorruption,           // a record failed its checksum or the log has a gap
    kIOError,              // the disk failed; nothing was acknowledged
    kReadOnly,             // a previous write or sync failed; the store refuses writes until it
                           // has recovered (or been reopened)
  };
  Code code;
  std::string message;
  uint64_t actual_version = 0;  // for kConflict
};

template <class T>
using StoreResult = Result<T, StoreError>;

// A live subscription; destroying it stops delivery (and joins its thread) before returning.
class Subscription {
 public:
  virtual ~Subscription() = default;
  // The seq of the last event delivered so far.
  virtual Seq Position() const = 0;
};

// Called for each event in seq order, on the subscription's own thread. Return false to stop.
using EventHandler = std::function<bool(const EventEnvelope&)>;
// Called once if the subscription fails (e.g. corruption); delivery stops after it.
using ErrorHandler = std::function<void(const StoreError&)>;
// Called once with the outcome of an AppendAsync: on the store's commit thread, or on the caller's
// own thread when the request is refused before it is queued (bad shape, read-only, closing).
// Every other append's answer waits behind it: keep it short and never block in it (a blocking
// Append from here would wait for the very thread it runs on). It may start further AppendAsyncs:
// those made while the commit thread answers a group go out together as the next group.
using AppendCallback = std::function<void(StoreResult<AppendResult>)>;

// Thread-safe: every method may be called from any thread concurrently.
class EventStore {
 public:
  virtual ~EventStore() = default;

  // Appends the request's events atomically. Blocks until they are durable (synced to the WAL)
  // or until the append failed; a failed sync returns kIOError and turns the store read-only.
  // Concurrent callers are group-committed: they share one WriteBatch and one sync.
  virtual StoreResult<AppendResult> Append(AppendRequest request) = 0;

  // Append without a thread waiting for it: the same checks, group commit and durability, and
  // `done` is called exactly once, after the events are durable or the append failed. For callers
  // that keep many appends in flight from few threads (no wake-up of a parked thread per append).
  virtual void AppendAsync(AppendRequest request, AppendCallback done) = 0;

  // Appends several requests with one sync. Each request is checked on its own (expected version
  // sees the effect of earlier requests in the same call); one result per request, in order.
  virtual std::vector<StoreResult<AppendResult>> AppendBatch(std::vector<AppendRequest> requests) = 0;

  // Events of one stream with stream_version >= from_version, at most max_count.
  virtual StoreResult<std::vector<EventEnvelope>> ReadStream(std::string_view stream,
                                                             uint64_t from_version,
                                                             size_t max_count) const = 0;
  // The stream's current version (0 if it does not exist).
  virtual StoreResult<uint64_t> StreamVersion(std::string_view stream) const = 0;

  // Events with seq > after, oldest first, at most limit (one page).
  virtual StoreResult<std::vector<EventEnvelope>> ReadAll(Seq after, size_t limit) const = 0;

  // Visits events with seq > after in order until the handler returns false or the head is
  // reached; cheaper than ReadAll for replay (no page vectors). Returns the last seq visited.
  virtual StoreResult<Seq> Scan(Seq after, const EventHandler& handler) const = 0;

  // Events whose recorded_at lies in [from, to), oldest first, at most limit, seq > after
  // (pass the last seq of the previous page to continue).
  virtual StoreResult<std::vector<EventEnvelope>> ReadTimeRange(Instant from, Instant to,
                                                                Seq after, size_t limit) const = 0;

  // The recorded result of an earlier append with this idempotency key and fingerprint (as
  // AppendRequest::request_fingerprint), with duplicate = true; nullopt if the key is unknown or
  // its append is not yet durable (the caller then appends, and the store settles the race);
  // kIdempotencyMismatch if the key was used with another fingerprint.
  virtual StoreResult<std::optional<AppendResult>> FindIdempotent(std::string_view key,
                                                                  std::string_view fingerprint) const = 0;

  // The seq of the newest durable event (0 when empty).
  virtual Seq HeadSeq() const = 0;

  // True after a failed write or sync, until the store has recovered: appends are refused with
  // kReadOnly, reads still work.
  virtual bool IsReadOnly() const = 0;

  // Delivers every event with seq > after (catch-up from disk), then live events as they become
  // durable, with no gap and no duplicate. A slow handler delays only its own subscription.
  virtual std::unique_ptr<Subscription> Subscribe(Seq after, EventHandler on_event,
                                                  ErrorHandler on_error = {}) = 0;
};

}  // namespace keyledger::store
