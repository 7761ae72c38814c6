// CommandService: the non-template parts (ids, store-error mapping, idempotent retries).
#include "server/command_service.h"

#include <sodium.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>

namespace keyledger::server {

std::string NewUuid() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                b[14], b[15]);
  return out;
}

CommandFailure StoreFailure(const store::StoreError& e) {
  using Code = store::StoreError::Code;
  switch (e.code) {
    case Code::kConflict:
      return {CommandFailure::Kind::kVersionConflict, {}, e.message, e.actual_version};
    case Code::kIdempotencyMismatch:
      return {CommandFailure::Kind::kIdempotencyMismatch, {}, e.message, 0};
    case Code::kCorruption:
      return {CommandFailure::Kind::kCorrupt, {}, e.message, 0};
    case Code::kInvalidArgument:
    case Code::kNotFound:
    case Code::kIOError:
    case Code::kReadOnly:
      return {CommandFailure::Kind::kUnavailable, {}, e.message, 0};
  }
  return {CommandFailure::Kind::kUnavailable, {}, e.message, 0};
}

store::StoreResult<store::AppendResult> CommandService::AppendAndAwaitApply(store::AppendRequest request) {
  if (!when_applied_) return store_.Append(std::move(request));
  // Shared with the callbacks, which may still run after a caller that gave up has returned.
  struct Rendezvous {
    std::mutex mu;
    std::condition_variable cv;
    std::optional<store::StoreResult<store::AppendResult>> result;  // GUARDED_BY(mu)
    bool applied = false;                                           // GUARDED_BY(mu)
    bool gave_up_on_apply = false;                                  // GUARDED_BY(mu)
  };
  auto r = std::make_shared<Rendezvous>();
  store_.AppendAsync(std::move(request), [when = when_applied_, r](store::StoreResult<store::AppendResult> result) {
    const bool ok = result.ok();
    const Seq last = ok ? result->last_seq : Seq();
    bool wake;
    {
      std::lock_guard lock(r->mu);
      r->result.emplace(std::move(result));
      // A durable result alone wakes the caller only if it waits for nothing more: no second
      // wake-up per command on the common path.
      wake = !ok || r->gave_up_on_apply;
    }
    if (wake) r->cv.notify_one();
    if (!ok) return;
    when(last, [r] {
      std::lock_guard lock(r->mu);
      r->applied = true;
      r->cv.notify_one();
    });
  });
  std::unique_lock lock(r->mu);
  auto answered = [&] { return r->result && (r->applied || !r->result->ok()); };
  if (!r->cv.wait_for(lock, std::chrono::seconds(5), answered)) {
    // The read side is behind (or stopped): the durable result is still the answer.
    r->gave_up_on_apply = true;
    r->cv.wait(lock, [&] { return r->result.has_value(); });
  }
  return std::move(*r->result);
}

// A retry of a command that already succeeded answers what the first attempt answered, before
// Decide runs: deciding again would see the first attempt's effect (an approval approving an
// approved project) and refuse what the client only asked once.
std::optional<CommandResult> CommandService::FindRetry(const CommandMeta& meta) {
  if (meta.idempotency_key.empty()) return std::nullopt;
  auto found = store_.FindIdempotent(meta.idempotency_key, meta.fingerprint);
  if (!found.ok()) return CommandResult(Fail(StoreFailure(found.error())));
  if (!found->has_value()) return std::nullopt;
  const store::AppendResult& first = **found;
  auto events = store_.ReadAll(Seq(first.last_seq.value - 1), 1);
  if (!events.ok()) return CommandResult(Fail(StoreFailure(events.error())));
  if (events->empty()) {
    return CommandResult(Fail(CommandFailure{CommandFailure::Kind::kCorrupt, {},
                                             "idempotency record points past the log", 0}));
  }
  return CommandResult(CommandOutcome{events->front().stream, first.stream_version, first.last_seq, 0, true});
}

}  // namespace keyledger::server
