// CompanyCalendar on Howard Hinnant's date/tz (system tzdata, USE_OS_TZDB).
#include "projections/company_calendar.h"

#include <date/date.h>
#include <date/tz.h>

#include <exception>

namespace keyledger::projections {
namespace {

date::local_days ToDate(LocalDay d) { return date::local_days(date::days(d.time_since_epoch().count())); }
LocalDay FromDate(date::local_days d) { return LocalDay(std::chrono::days(d.time_since_epoch().count())); }

}  // namespace

Result<CompanyCalendar, CalendarError> CompanyCalendar::Create(std::string tz_name,
                                                                std::vector<LocalDay> holidays) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(tz_name);
  } catch (const std::exception& e) {
    // locate_zone reports an unknown name by throwing; it must not cross our boundary.
    return Fail(CalendarError{"unknown time zone '" + tz_name + "': " + e.what()});
  }
  return CompanyCalendar(std::move(tz_name), zone,
                         std::set<LocalDay>(holidays.begin(), holidays.end()));
}

LocalDay CompanyCalendar::LocalDate(Instant t) const {
  const auto local = zone_->to_local(date::sys_time<Micros>(t.time_since_epoch()));
  return FromDate(date::floor<date::days>(local));
}

Instant CompanyCalendar::StartOfDay(LocalDay day) const {
  const date::local_time<Micros> midnight(ToDate(day).time_since_epoch());
  const auto sys = zone_->to_sys(midnight, date::choose::earliest);
  return Instant(sys.time_since_epoch());
}

bool CompanyCalendar::IsWorkingDay(LocalDay day) const {
  const date::weekday wd(ToDate(day));
  if (wd == date::Saturday || wd == date::Sunday) return false;
  return holidays_.count(day) == 0;
}

Instant CompanyCalendar::AddWorkingDays(Instant from, int n) const {
  if (n <= 0) return from;
  const auto local = zone_->to_local(date::sys_time<Micros>(from.time_since_epoch()));
  const auto local_day = date::floor<date::days>(local);
  const auto time_of_day = local - local_day;
  LocalDay day = FromDate(local_day);
  int remaining = n;
  // Holidays are sparse and n small (2-3), so stepping one day at a time is cheap and obviously
  // right; a weekend plus a week of holidays costs about ten steps.
  while (remaining > 0) {
    day += std::chrono::days(1);
    if (IsWorkingDay(day)) --remaining;
  }
  const auto sys = zone_->to_sys(ToDate(day) + time_of_day, date::choose::earliest);
  return Instant(sys.time_since_epoch());
}

}  // namespace keyledger::projections
