// Due-time helpers in the company calendar: working days (Monday–Friday minus holidays plus
// make-up days) and the stale/visit thresholds, as pure functions the reminder engine calls.
#pragma once

#include <chrono>

#include "domain/core/config.h"
#include "domain/core/time.h"

namespace keyledger::domain {

// True when the local calendar date is a working day under `config`.
bool IsWorkingDay(std::chrono::year_month_day local_date, const DomainConfig& config);

// The instant `n` working days after `start`, keeping the local time of day (R-C2: first contact
// within 2 working days; approvals pending 3 working days). n ≥ 0; n == 0 returns start.
Instant AddWorkingDays(Instant start, int n, const DomainConfig& config);

// The local calendar date of an instant in the company time zone (fixed offset, see config.h).
std::chrono::year_month_day LocalDate(Instant t, const DomainConfig& config);

// R-P5/R-P6/R-P7: when a project last updated at `last_update` becomes stale at each level.
struct StaleDueTimes {
  Instant two_weeks;   // reminder to owner + department manager
  Instant one_month;   // + VP
  Instant on_hold;     // the system puts the project on hold
};
StaleDueTimes StaleDueTimesFrom(Instant last_update, const DomainConfig& config);

}  // namespace keyledger::domain
