// SystemClock: std::chrono::system_clock truncated to microseconds.
#include "projections/clock.h"

#include <chrono>

namespace keyledger::projections {

Instant SystemClock::Now() const {
  return std::chrono::time_point_cast<Micros>(std::chrono::system_clock::now());
}

}  // namespace keyledger::projections
