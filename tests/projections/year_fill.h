// A small generated company year written straight into a store: the data of the start-up tests.
#pragma once

#include <cstddef>

#include "company_year.h"
#include "projection_test_util.h"

namespace keyledger::projections::testing {

inline YearPlan SmallYear(uint32_t seed = 5) {
  YearScale s;
  s.accounts = 40;
  s.projects = 80;
  s.complaints = 10;
  s.applications = 5;
  return GenerateYear(seed, s);
}

// Writes actions [from, to) of `plan` into `store`, each at its own time.
inline void FillYear(store::EventStore& store, const YearPlan& plan, size_t from, size_t to) {
  ManualClock clock(plan.start - Days(2));
  FactWriter w(store, clock);
  for (size_t i = from; i < to && i < plan.actions.size(); ++i) {
    if (plan.actions[i].at > clock.Now()) ASSERT_TRUE(clock.Set(plan.actions[i].at));
    w.Append(plan.actions[i].fact, nullptr);
  }
}

}  // namespace keyledger::projections::testing
