// Money as an integer number of fen (分), and the exact percentage arithmetic of R-P10.
// Rounding rule, used everywhere: round half away from zero to a whole fen, applied ONCE to the
// exact rational result (amount × p1% × p2% is computed in 128-bit and rounded at the end, so
// expected profit is not the rounding of an already rounded revenue).
#pragma once

#include <compare>
#include <cstdint>

namespace keyledger::domain {

struct Money {
  int64_t fen = 0;
  friend auto operator<=>(const Money&, const Money&) = default;
  friend Money operator+(Money a, Money b) { return Money{a.fen + b.fen}; }
  friend Money operator-(Money a, Money b) { return Money{a.fen - b.fen}; }
};

constexpr Money Yuan(int64_t yuan) { return Money{yuan * 100}; }

// numerator / denominator rounded half away from zero; denominator > 0.
constexpr int64_t DivRoundHalfAway(__int128 numerator, __int128 denominator) {
  __int128 q = numerator / denominator;
  __int128 r = numerator % denominator;
  __int128 twice = (r < 0 ? -r : r) * 2;
  if (twice >= denominator) q += (numerator < 0 ? -1 : 1);
  return static_cast<int64_t>(q);
}

// amount × percent / 100, rounded half away from zero. percent is 0..100 in the API.
constexpr Money ApplyPercent(Money amount, int percent) {
  return Money{DivRoundHalfAway(static_cast<__int128>(amount.fen) * percent, 100)};
}

// amount × p1 / 100 × p2 / 100 with a single rounding at the end.
constexpr Money ApplyTwoPercents(Money amount, int p1, int p2) {
  return Money{DivRoundHalfAway(static_cast<__int128>(amount.fen) * p1 * p2, 10000)};
}

}  // namespace keyledger::domain
