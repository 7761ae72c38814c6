// Instants and durations. All stored and compared times are UTC instants in microseconds;
// the company time zone only matters for display and for working-day arithmetic.
#pragma once

#include <chrono>
#include <cstdint>

namespace keyledger {

using Micros = std::chrono::microseconds;
// A point on the UTC timeline, microsecond resolution.
using Instant = std::chrono::sys_time<Micros>;

inline int64_t ToUnixMicros(Instant t) { return t.time_since_epoch().count(); }
inline Instant FromUnixMicros(int64_t us) { return Instant(Micros(us)); }

constexpr Micros Days(int64_t n) { return std::chrono::duration_cast<Micros>(std::chrono::days(n)); }

}  // namespace keyledger
