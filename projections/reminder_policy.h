// ReminderPolicy: every threshold of DOMAIN §3-§7 the read side uses, configurable (R-R5).
#pragma once

#include "domain/core/time.h"
#include "projections/facts.h"

namespace keyledger::projections {

struct ReminderPolicy {
  Micros project_stale_2w = Days(14);   // R-P5
  Micros project_stale_1m = Days(30);   // R-P6
  Micros project_on_hold = Days(90);    // R-P7
  Micros visit_cadence_a = Days(30);    // R-V2
  Micros visit_cadence_b = Days(90);
  Micros visit_cadence_c = Days(182);
  int complaint_first_contact_working_days = 2;  // R-C2
  int approval_working_days = 3;                 // approvals untouched this long -> approver

  Micros VisitCadence(Tier tier) const {
    switch (tier) {
      case Tier::kA: return visit_cadence_a;
      case Tier::kB: return visit_cadence_b;
      case Tier::kC: return visit_cadence_c;
    }
    return visit_cadence_c;
  }
};

}  // namespace keyledger::projections
