// Working hours of the demo's people.
#include "server/demo_plan.h"

namespace keyledger::server::demo {

Instant Planner::WorkTime(int day, DemoRandom& rnd) const {
  return h.At(h.WorkingDayFrom(day), int(rnd.Between(9 * 60, 17 * 60 + 45)));
}

Instant Planner::Later(Instant prev, int days, DemoRandom& rnd) const {
  if (days <= 0) return prev + std::chrono::minutes(rnd.Between(5, 60));
  return WorkTime(h.DayOf(prev) + days, rnd);
}

Instant Planner::WorkingDaysLater(Instant prev, int n, DemoRandom& rnd) const {
  int day = h.DayOf(prev);
  for (int k = 0; k < n; ++k) day = h.WorkingDayFrom(day + 1);
  return WorkTime(day, rnd);
}

}  // namespace keyledger::server::demo
