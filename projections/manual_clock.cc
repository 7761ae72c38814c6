// ManualClock: forward-only moves with a CAS loop so concurrent Set/Advance never go back.
#include "projections/manual_clock.h"

namespace keyledger::projections {

bool ManualClock::Advance(Micros d) {
  if (d.count() < 0) return false;
  now_us_.fetch_add(d.count(), std::memory_order_acq_rel);
  return true;
}

bool ManualClock::Set(Instant t) {
  const int64_t target = ToUnixMicros(t);
  int64_t current = now_us_.load(std::memory_order_acquire);
  while (true) {
    if (target < current) return false;
    if (now_us_.compare_exchange_weak(current, target, std::memory_order_acq_rel)) return true;
  }
}

}  // namespace keyledger::projections
