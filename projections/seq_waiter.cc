// SeqWaiter: waiters ordered by the seq they wait for, so a publish wakes exactly those it
// satisfies (see the header).
#include "projections/seq_waiter.h"

#include <vector>

namespace keyledger::projections {

void SeqWaiter::Publish(Seq seq) {
  std::vector<std::function<void()>> due;
  {
    std::lock_guard lock(mu_);
    if (seq <= applied_) return;
    applied_ = seq;
    auto end = waiters_.upper_bound(seq);
    for (auto it = waiters_.begin(); it != end; ++it) {
      it->second->woken = true;
      it->second->cv.notify_one();  // under the lock: the waiter cannot leave (and end) before
    }
    waiters_.erase(waiters_.begin(), end);
    auto reached = callbacks_.upper_bound(seq);
    for (auto it = callbacks_.begin(); it != reached; ++it) due.push_back(std::move(it->second));
    callbacks_.erase(callbacks_.begin(), reached);
  }
  for (auto& then : due) then();
}

void SeqWaiter::WhenApplied(Seq seq, std::function<void()> then) const {
  {
    std::lock_guard lock(mu_);
    if (applied_ < seq && !closed_) {
      callbacks_.emplace(seq, std::move(then));
      return;
    }
  }
  then();
}

Seq SeqWaiter::Applied() const {
  std::lock_guard lock(mu_);
  return applied_;
}

bool SeqWaiter::WaitFor(Seq seq, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  if (applied_ >= seq || closed_) return applied_ >= seq;
  Waiter self;
  auto entry = waiters_.emplace(seq, &self);
  self.cv.wait_for(lock, timeout, [&] { return self.woken; });
  if (!self.woken) waiters_.erase(entry);  // timed out: still listed
  return applied_ >= seq;
}

void SeqWaiter::Close() {
  std::multimap<Seq, std::function<void()>> pending;
  {
    std::lock_guard lock(mu_);
    closed_ = true;
    for (auto& [seq, waiter] : waiters_) {
      waiter->woken = true;
      waiter->cv.notify_one();
    }
    waiters_.clear();
    pending.swap(callbacks_);
  }
  for (auto& [seq, then] : pending) then();
}

}  // namespace keyledger::projections
