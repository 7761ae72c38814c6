// SeqWaiter on a mutex and condition variable: publishes are per append (not per event), so the
// notify cost is one per command, not one per event.
#include "projections/seq_waiter.h"

namespace keyledger::projections {

void SeqWaiter::Publish(Seq seq) {
  {
    std::lock_guard lock(mu_);
    if (seq <= applied_) return;
    applied_ = seq;
  }
  cv_.notify_all();
}

Seq SeqWaiter::Applied() const {
  std::lock_guard lock(mu_);
  return applied_;
}

bool SeqWaiter::WaitFor(Seq seq, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return closed_ || applied_ >= seq; }) &&
         applied_ >= seq;
}

void SeqWaiter::Close() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  cv_.notify_all();
}

}  // namespace keyledger::projections
