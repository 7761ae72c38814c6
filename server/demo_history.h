// The demo's history as a timeline of steps, and the player that lives through it: the demo
// company's two years are not written at one instant but played through the ledger day by day,
// so that the reminder engine sees time pass and raises (and the rules refuse) exactly what it
// would have at the time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "domain/core/time.h"
#include "server/demo_clock.h"
#include "server/ledger.h"

namespace keyledger::server::demo {

// Someone doing one thing at one instant. Steps of one lane (an account and everything on it, or
// one reminder) run in time order on one thread; lanes run concurrently, which is what lets the
// store group-commit a window's appends.
struct Step {
  Instant at;
  uint64_t lane = 0;
  std::function<void(Instant)> run;
};

struct PlayStats {
  size_t windows = 0;
  std::chrono::milliseconds raising{0};  // in RaiseDueUpTo (one sync per reminder)
  std::chrono::milliseconds stepping{0};  // running the windows' steps
};

// Not thread-safe: filled before Play, and between windows from Play's own thread.
class History {
 public:
  // Day 0 is the company-local date of `start`; steps are kept only in [start, end).
  History(Instant start, Instant end, std::chrono::minutes utc_offset);

  Instant Start() const { return start_; }
  Instant End() const { return end_; }
  // Whole local days from day 0 to the day of End (inclusive).
  int Days() const { return days_; }
  // Local `day` at `minute` minutes after midnight.
  Instant At(int day, int minute) const { return midnight0_ + std::chrono::days(day) + std::chrono::minutes(minute); }
  int DayOf(Instant t) const;
  // Monday to Friday in the company's zone (the demo configures no holidays).
  bool IsWorkingDay(int day) const;
  // The first working day at or after `day`.
  int WorkingDayFrom(int day) const;

  // Adds a step; one outside [start, end) is dropped (the future is not played), and so is one
  // in a window Play has already started. Returns whether it was kept.
  bool Add(Instant at, uint64_t lane, std::function<void(Instant)> run);
  size_t Size() const { return size_; }

 private:
  friend PlayStats Play(History&, Ledger&, DemoClock&, int, const std::function<void(Instant)>&);
  // Windows are half days (company-local, split at 12:30): the steps of one window run together.
  int64_t WindowOf(Instant t) const;

  Instant start_, end_, midnight0_;
  std::chrono::minutes offset_;
  int64_t played_window_ = -1;  // the window Play runs or ran last
  int days_ = 0;
  size_t size_ = 0;
  std::map<int64_t, std::vector<Step>> windows_;
};

// Plays `history` through `ledger`, whose clock is `clock` (replaying): window by window it raises
// every reminder that fell due before the window's first step, each at its own due instant (so
// raised_at is the due time, as with a server that ran all along), then runs the window's steps
// and waits until the read side has applied them; `after_window` then runs on this thread (it may
// add steps to later windows). Finally it raises what fell due up to history.End(). The clock is
// left at End(), still replaying.
PlayStats Play(History& history, Ledger& ledger, DemoClock& clock, int threads,
               const std::function<void(Instant)>& after_window);

// Raises, in due order and each at its due instant, every reminder due up to `until`, then sets
// the clock to `until`.
void RaiseDueUpTo(Ledger& ledger, DemoClock& clock, Instant until);

}  // namespace keyledger::server::demo
