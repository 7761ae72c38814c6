// A clock that moves only when told to, and only forward: the test clock and the server's
// `--manual-clock` mode (POST /api/test/clock).
#pragma once

#include <atomic>
#include <cstdint>

#include "domain/core/time.h"
#include "projections/clock.h"

namespace keyledger::projections {

// Thread-safe: Now, Advance and Set may be called concurrently from any thread.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_us_(ToUnixMicros(start)) {}

  Instant Now() const override { return FromUnixMicros(now_us_.load(std::memory_order_acquire)); }

  // Moves the clock forward by `d`. A negative `d` is refused: returns false, clock unchanged.
  bool Advance(Micros d);

  // Moves the clock to `t`. Returns false (clock unchanged) if `t` is before Now(): a manual
  // clock never goes back, so nothing derived from it (raised reminders, recorded_at) can
  // contradict a later reading. Setting the current instant again is allowed and a no-op.
  bool Set(Instant t);

 private:
  std::atomic<int64_t> now_us_;
};

}  // namespace keyledger::projections
