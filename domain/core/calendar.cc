// Working-day arithmetic on local dates with a fixed UTC offset.
#include "domain/core/calendar.h"

#include <algorithm>

namespace keyledger::domain {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::weekday;
using std::chrono::year_month_day;

bool IsWorkingDay(year_month_day d, const DomainConfig& config) {
  auto contains = [&](const std::vector<year_month_day>& list) {
    return std::find(list.begin(), list.end(), d) != list.end();
  };
  if (contains(config.extra_working_days)) return true;
  if (contains(config.holidays)) return false;
  weekday wd{sys_days{d}};
  return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
}

year_month_day LocalDate(Instant t, const DomainConfig& config) {
  return year_month_day{std::chrono::floor<days>(t + config.utc_offset)};
}

Instant AddWorkingDays(Instant start, int n, const DomainConfig& config) {
  // Work in local time so that "the next working day" means the company's calendar day, then
  // keep the time of day: a complaint assigned Friday 16:00 is due Tuesday 16:00 (n = 2).
  auto local = start + config.utc_offset;
  auto day = std::chrono::floor<days>(local);
  auto time_of_day = local - day;
  int remaining = n;
  while (remaining > 0) {
    day += days{1};
    if (IsWorkingDay(year_month_day{day}, config)) --remaining;
  }
  return Instant(day + time_of_day) - config.utc_offset;
}

StaleDueTimes StaleDueTimesFrom(Instant last_update, const DomainConfig& config) {
  return {last_update + config.stale_reminder, last_update + config.stale_escalation,
          last_update + config.stale_on_hold};
}

}  // namespace keyledger::domain
