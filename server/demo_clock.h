// The business clock of a `--demo` server. On an empty log the demo company's two years of history
// are played through the real command path and the real reminder engine, so the ledger must see
// time pass: during that replay this clock is manual (it starts two years back and the seed steps
// it forward), afterwards it follows the server's own clock (the system clock, or the
// --manual-clock one that POST /api/test/clock moves). Either way business time never goes back.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

#include "domain/core/time.h"
#include "projections/clock.h"

namespace keyledger::server {

// Thread-safe: Now may be called from any thread while the seed moves the clock.
class DemoClock final : public projections::Clock {
 public:
  // Follows `base` (which must outlive it); with `replay_from`, starts as a manual clock there
  // (the seed of an empty log) until HandOver. Chosen at construction, before anyone has read it,
  // so no reader can ever see time go back.
  DemoClock(const projections::Clock& base, std::optional<Instant> replay_from);

  // Never earlier than any instant it returned before: while replaying, the replay instant; after
  // HandOver, the later of base.Now() and the latest instant returned so far. A wall clock that
  // steps back therefore holds business time still until it catches up, instead of letting a
  // later reading contradict history the demo already wrote.
  Instant Now() const override;

  // While replaying: moves to `t`. Refused (false) when `t` is earlier than Now() or after the
  // hand-over. Setting the current instant again is allowed.
  bool Set(Instant t);
  // Follows the base clock from now on; idempotent.
  void HandOver();

  bool Replaying() const { return replaying_.load(std::memory_order_acquire); }
  const projections::Clock& Base() const { return base_; }

 private:
  // Raises latest_us_ to `us` unless it is already later; returns the resulting value.
  int64_t RaiseTo(int64_t us) const;

  const projections::Clock& base_;
  std::atomic<bool> replaying_;
  // The latest instant handed out (or the replay instant): the floor of every later reading.
  mutable std::atomic<int64_t> latest_us_;
};

}  // namespace keyledger::server
