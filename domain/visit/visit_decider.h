// The visit decider (R-V1) and the cadence due times of R-V2.
#pragma once

#include <optional>

#include "domain/account/account_types.h"
#include "domain/core/context.h"
#include "domain/core/rejection.h"
#include "domain/visit/visit_events.h"

namespace keyledger::domain {

struct VisitState {
  bool exists = false;
  VisitId id;
  AccountId account;
  Instant date;
};

// A visit is logged once; logging it again is a kConflict. A date in the future is refused.
Decision<VisitEvent> Decide(const VisitState& state, const VisitCommand& command, const Context& ctx);
VisitState Evolve(VisitState state, const VisitEvent& event);

// R-V2: when an account last visited at `last_visit` is overdue for its owner, and for the
// department manager too (twice the cadence).
struct VisitDueTimes {
  Instant owner_due;
  Instant manager_due;
};
VisitDueTimes VisitDueTimesFrom(Instant last_visit, Tier tier, const DomainConfig& config);

}  // namespace keyledger::domain
