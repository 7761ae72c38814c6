// DemoClock: one atomic floor, raised with a CAS loop, is both the replay instant and the
// monotonic guard after the hand-over.
#include "server/demo_clock.h"

#include <limits>

namespace keyledger::server {

DemoClock::DemoClock(const projections::Clock& base, std::optional<Instant> replay_from)
    : base_(base),
      replaying_(replay_from.has_value()),
      latest_us_(replay_from ? ToUnixMicros(*replay_from) : std::numeric_limits<int64_t>::min()) {}

int64_t DemoClock::RaiseTo(int64_t us) const {
  int64_t current = latest_us_.load(std::memory_order_acquire);
  while (current < us && !latest_us_.compare_exchange_weak(current, us, std::memory_order_acq_rel)) {
  }
  return current < us ? us : current;
}

Instant DemoClock::Now() const {
  if (replaying_.load(std::memory_order_acquire)) return FromUnixMicros(latest_us_.load(std::memory_order_acquire));
  return FromUnixMicros(RaiseTo(ToUnixMicros(base_.Now())));
}

bool DemoClock::Set(Instant t) {
  if (!replaying_.load(std::memory_order_acquire)) return false;
  const int64_t us = ToUnixMicros(t);
  int64_t current = latest_us_.load(std::memory_order_acquire);
  while (true) {
    if (us < current) return false;
    if (latest_us_.compare_exchange_weak(current, us, std::memory_order_acq_rel)) return true;
  }
}

void DemoClock::HandOver() { replaying_.store(false, std::memory_order_release); }

}  // namespace keyledger::server
