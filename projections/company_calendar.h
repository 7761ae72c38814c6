// The company calendar: which local days are working days (Monday to Friday in the company time
// zone, minus configured holidays) and working-day deadline arithmetic (R-C3, approvals, R-R5).
#pragma once

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "domain/core/result.h"
#include "domain/core/time.h"

namespace date {
class time_zone;
}  // namespace date

namespace keyledger::projections {

// A civil date in the company time zone.
using LocalDay = std::chrono::local_days;

struct CalendarError {
  std::string message;  // e.g. "unknown time zone 'Mars/Olympus'"
};

// Immutable after construction; thread-safe for concurrent reads.
class CompanyCalendar {
 public:
  // `tz_name` is an IANA zone (default Asia/Shanghai). `holidays` are local civil dates that are
  // not working days even when they fall Monday to Friday. Fails on an unknown zone.
  static Result<CompanyCalendar, CalendarError> Create(std::string tz_name = "Asia/Shanghai",
                                                       std::vector<LocalDay> holidays = {});

  const std::string& TimeZoneName() const { return tz_name_; }
  const std::set<LocalDay>& Holidays() const { return holidays_; }

  // The local civil date `t` falls on.
  LocalDay LocalDate(Instant t) const;
  // The UTC instant of local midnight starting `day` (the earliest instant if midnight is
  // ambiguous, the first instant after the gap if it does not exist).
  Instant StartOfDay(LocalDay day) const;
  // Monday to Friday and not a configured holiday.
  bool IsWorkingDay(LocalDay day) const;

  // The deadline `n` working days after `from`: the same local time of day on the n-th working
  // day strictly after from's local date. A complaint opened Friday 16:00 with n = 2 is due
  // Tuesday 16:00 (Wednesday if Monday is a holiday). n <= 0 returns `from` unchanged.
  Instant AddWorkingDays(Instant from, int n) const;

 private:
  CompanyCalendar(std::string tz_name, const date::time_zone* zone, std::set<LocalDay> holidays)
      : tz_name_(std::move(tz_name)), zone_(zone), holidays_(std::move(holidays)) {}

  std::string tz_name_;
  const date::time_zone* zone_;  // owned by the process-wide tz database, lives forever
  std::set<LocalDay> holidays_;
};

}  // namespace keyledger::projections
