// CommandService: the write path. For one command on one aggregate it loads the stream's state
// (a cache kept current by reading the stream's tail), calls the domain's Decide with the time,
// the actor and fresh ids, encodes the events and appends them with the expected version and the
// caller's idempotency key, then folds them into the cache. Appends of different streams run
// concurrently, so the store group-commits them into one WriteBatch and one sync.
#pragma once

#include <array>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "domain/core/context.h"
#include "domain/core/rejection.h"
#include "server/aggregates.h"
#include "server/stream_locks.h"
#include "store/event_store.h"

namespace keyledger::server {

// What every command carries besides its typed body.
struct CommandMeta {
  domain::Actor actor;
  Instant now;
  std::string idempotency_key;         // the client's Idempotency-Key ("" none)
  std::string fingerprint;             // the client's request (method, path, body) for that key
  std::optional<uint64_t> if_match;    // If-Match: the version the client last saw
  std::string causation_id;
  std::string correlation_id;
  std::string new_id;                  // id for an entity the command creates ("" = mint one)
  std::string project_number;          // R-P3 number reserved for an approval
  std::optional<store::ExpectedVersion> expected;  // overrides "the version just loaded"
};

struct CommandOutcome {
  std::string stream;
  uint64_t version = 0;  // the stream's version after the command
  Seq seq;               // global position of the last event appended (head if none)
  size_t appended = 0;   // events appended now (0 for a no-op or an idempotent retry)
  bool duplicate = false;
};

struct CommandFailure {
  enum class Kind {
    kRejected,             // the domain refused: see rejection
    kVersionConflict,      // If-Match (or the expected version) did not match
    kIdempotencyMismatch,  // the key was used for another request
    kUnavailable,          // the store is read-only or failed: nothing was acknowledged
    kCorrupt,              // a stored event could not be read back (a bug or damage)
  };
  Kind kind = Kind::kRejected;
  domain::Rejection rejection;
  std::string message;
  uint64_t actual_version = 0;
};

using CommandResult = Result<CommandOutcome, CommandFailure>;

// Mints unique ids (UUID v4 text). Thread-safe.
std::string NewUuid();

// How the service learns that the read side has applied a seq: calls `then` once it has (at
// once if it already has). The Ledger's read side; none in tests that only need the write path.
using WhenApplied = std::function<void(Seq, std::function<void()>)>;

// Thread-safe. Borrows `store` and `config`; both must outlive it.
class CommandService {
 public:
  CommandService(store::EventStore& store, const domain::DomainConfig& config,
                 WhenApplied when_applied = {})
      : store_(store), config_(config), when_applied_(std::move(when_applied)) {}

  // Runs `command` against aggregate A's stream for `id`. Blocks until the events are durable
  // and, with a WhenApplied, applied by the read side too (up to 5 s; the answer's
  // read-your-writes wait then finds them there).
  template <class A>
  CommandResult Execute(std::string_view id, const typename A::Command& command, const CommandMeta& meta);

  // The current state and version of an aggregate (read from the stream's tail). nullopt when the
  // stream is empty. For reads that need the whole aggregate (an account file, a project page).
  template <class A>
  Result<std::pair<typename A::State, uint64_t>, CommandFailure> Load(std::string_view id);

  store::EventStore& Store() { return store_; }
  const domain::DomainConfig& Config() const { return config_; }

 private:
  template <class A>
  struct Cached {
    typename A::State state{};
    uint64_t version = 0;
  };
  template <class A>
  struct Cache {
    std::mutex mu;
    std::unordered_map<std::string, Cached<A>> entries;  // GUARDED_BY(mu)
  };
  template <class A>
  Cache<A>& CacheOf() {
    static_assert(sizeof(A) > 0);
    return std::get<Cache<A>>(caches_);
  }
  // Brings `c` up to date with the stream; fails on a store or decode error.
  template <class A>
  std::optional<CommandFailure> CatchUp(const std::string& stream, Cached<A>& c);
  std::optional<CommandResult> FindRetry(const CommandMeta& meta);
  // Appends and waits for durability and, with when_applied_, for the read side's apply, in
  // one sleep of the calling thread: the store answers on its own thread and the read side
  // wakes the caller (one wake-up per command instead of one for the sync and one for the apply).
  store::StoreResult<store::AppendResult> AppendAndAwaitApply(store::AppendRequest request);

  store::EventStore& store_;
  const domain::DomainConfig& config_;
  const WhenApplied when_applied_;
  // Commands on one stream are serialised (no optimistic retries in the common case); commands
  // on different streams proceed together and share the store's group commit.
  StreamLocks stream_locks_;
  std::tuple<Cache<OrgAggregate>, Cache<AccountAggregate>, Cache<ProjectAggregate>,
             Cache<ComplaintAggregate>, Cache<VisitAggregate>, Cache<SurveyAggregate>,
             Cache<ReminderAggregate>>
      caches_;
};

// ---- Implementation (templates).

CommandFailure StoreFailure(const store::StoreError& e);

template <class A>
std::optional<CommandFailure> CommandService::CatchUp(const std::string& stream, Cached<A>& c) {
  // The store keeps every stream's acknowledged version in memory: a cached aggregate that is
  // already there needs no RocksDB read, which is most reads and most commands.
  if (auto durable = store_.StreamVersion(stream); durable.ok() && *durable <= c.version) return std::nullopt;
  for (;;) {
    auto events = store_.ReadStream(stream, c.version + 1, 1024);
    if (!events.ok()) return StoreFailure(events.error());
    for (const EventEnvelope& e : *events) {
      auto decoded = A::Decode(e.type, e.schema_version, e.data);
      if (!decoded.ok()) {
        return CommandFailure{CommandFailure::Kind::kCorrupt, {},
                              stream + " v" + std::to_string(e.stream_version) + ": " + decoded.error().message};
      }
      c.state = domain::Evolve(std::move(c.state), *decoded);
      c.version = e.stream_version;
    }
    if (events->size() < 1024) return std::nullopt;
  }
}

template <class A>
Result<std::pair<typename A::State, uint64_t>, CommandFailure> CommandService::Load(std::string_view id) {
  const std::string stream = A::Stream(id);
  Cache<A>& cache = CacheOf<A>();
  Cached<A> c;
  {
    std::lock_guard lock(cache.mu);
    if (auto it = cache.entries.find(stream); it != cache.entries.end()) c = it->second;
  }
  if (auto failure = CatchUp<A>(stream, c)) return Fail(std::move(*failure));
  {
    std::lock_guard lock(cache.mu);
    auto& slot = cache.entries[stream];
    if (slot.version < c.version) slot = c;
  }
  return std::pair<typename A::State, uint64_t>(std::move(c.state), c.version);
}

template <class A>
CommandResult CommandService::Execute(std::string_view id, const typename A::Command& command,
                                      const CommandMeta& meta) {
  if (auto retry = FindRetry(meta)) return std::move(*retry);
  const std::string stream = A::Stream(id);
  StreamLocks::Guard serialised(stream_locks_, stream);

  Cache<A>& cache = CacheOf<A>();
  Cached<A> c;
  {
    std::lock_guard lock(cache.mu);
    if (auto it = cache.entries.find(stream); it != cache.entries.end()) c = it->second;
  }
  if (auto failure = CatchUp<A>(stream, c)) return Fail(std::move(*failure));
  if (meta.if_match && *meta.if_match != c.version) {
    return Fail(CommandFailure{CommandFailure::Kind::kVersionConflict, {},
                               "the " + stream + " is at version " + std::to_string(c.version) +
                                   ", not " + std::to_string(*meta.if_match),
                               c.version});
  }

  domain::Context ctx{meta.now, meta.actor, meta.new_id.empty() ? NewUuid() : meta.new_id,
                      meta.project_number, &config_};
  auto decision = domain::Decide(c.state, command, ctx);
  if (!decision.ok()) {
    return Fail(CommandFailure{CommandFailure::Kind::kRejected, decision.error(), decision.error().message});
  }
  if (decision->empty()) return CommandOutcome{stream, c.version, store_.HeadSeq(), 0, false};

  store::AppendRequest request;
  request.stream = stream;
  request.expected = meta.expected ? *meta.expected : store::ExpectedVersion::Exact(c.version);
  request.idempotency_key = meta.idempotency_key;
  request.request_fingerprint = meta.fingerprint;
  const std::string correlation = meta.correlation_id.empty() ? NewUuid() : meta.correlation_id;
  for (const auto& event : *decision) {
    domain::EncodedEvent encoded = domain::EncodeEvent(event);
    store::NewEvent e;
    e.id = NewUuid();
    e.type = std::move(encoded.type);
    e.schema_version = encoded.schema_version;
    e.occurred_at = meta.now;
    e.actor = meta.actor.user.value;
    e.causation_id = meta.causation_id;
    e.correlation_id = correlation;
    e.data = std::move(encoded.data);
    request.events.push_back(std::move(e));
  }
  auto appended = AppendAndAwaitApply(std::move(request));
  if (!appended.ok()) {
    if (appended.error().code == store::StoreError::Code::kConflict) {
      return Fail(CommandFailure{CommandFailure::Kind::kVersionConflict, {}, appended.error().message,
                                 appended.error().actual_version});
    }
    return Fail(StoreFailure(appended.error()));
  }
  if (appended->duplicate) {
    return CommandOutcome{stream, appended->stream_version, appended->last_seq, 0, true};
  }
  for (const auto& event : *decision) c.state = domain::Evolve(std::move(c.state), event);
  c.version = appended->stream_version;
  {
    std::lock_guard lock(cache.mu);
    cache.entries[stream] = c;
  }
  return CommandOutcome{stream, c.version, appended->last_seq, decision->size(), false};
}

}  // namespace keyledger::server
