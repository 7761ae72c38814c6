// SeqWaiter: "wait until the read side has applied the log up to seq N". The server calls
// WaitFor(append_result.last_seq) after a command so the next read sees its own write.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>

#include "domain/core/seq.h"

namespace keyledger::projections {

// Thread-safe: one publisher (the projection applier) and any number of waiters. Each waiter
// sleeps on its own condition variable and is woken only when its seq is reached: with one
// shared condition variable every publish woke all the waiting commands (64 under load), and
// nearly all of them went back to sleep, which cost more CPU than the commands themselves.
class SeqWaiter {
 public:
  // Records that everything up to `seq` is applied and visible; wakes waiters it satisfies.
  // Ignores a `seq` at or below the current one (replay never moves it back).
  void Publish(Seq seq);

  // The highest published seq.
  Seq Applied() const;

  // Blocks until Applied() >= seq or `timeout` passes. Returns true if reached. Returns at once
  // when already reached. After Close(), returns Applied() >= seq without waiting.
  bool WaitFor(Seq seq, std::chrono::milliseconds timeout) const;

  // Calls `then` once Applied() >= seq: at once on this thread if it already is (or after
  // Close()), else on the publisher's thread, after the publish that reaches it, outside the
  // lock. For a caller that must not park a thread per wait; `then` must be short.
  void WhenApplied(Seq seq, std::function<void()> then) const;

  // Wakes every waiter and runs every pending WhenApplied for shutdown; later waits do not block.
  void Close();

 private:
  struct Waiter {
    std::condition_variable cv;
    bool woken = false;  // guarded by mu_: Publish or Close took it out of waiters_
  };
  mutable std::mutex mu_;
  mutable std::multimap<Seq, Waiter*> waiters_;  // guarded by mu_: by the seq each waits for
  mutable std::multimap<Seq, std::function<void()>> callbacks_;  // guarded by mu_: WhenApplied
  Seq applied_;        // guarded by mu_
  bool closed_ = false;  // guarded by mu_
};

}  // namespace keyledger::projections
