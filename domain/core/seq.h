// Seq: a position in the global event log. 1 is the first event; 0 means "before everything".
#pragma once

#include <compare>
#include <cstdint>

namespace keyledger {

struct Seq {
  uint64_t value = 0;

  constexpr Seq() = default;
  constexpr explicit Seq(uint64_t v) : value(v) {}
  constexpr Seq Next() const { return Seq(value + 1); }
  constexpr auto operator<=>(const Seq&) const = default;
};

}  // namespace keyledger
