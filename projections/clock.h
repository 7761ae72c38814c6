// The clock interface every time-dependent part of the read side reads "now" from. Production
// uses SystemClock; tests and `--manual-clock` use ManualClock (manual_clock.h).
#pragma once

#include "domain/core/time.h"

namespace keyledger::projections {

// Thread-safe: implementations may be read from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  // The current UTC instant. Never blocks.
  virtual Instant Now() const = 0;
};

// The operating system's wall clock. It may jump (NTP, an operator); nothing in the read side
// relies on it being monotonic: due times are absolute instants and the reminder engine's check
// is "due <= now and not yet raised", which a jump can neither duplicate nor skip.
class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

}  // namespace keyledger::projections
