// CompanyCalendar: working days in Asia/Shanghai, holidays, deadlines across weekends.
#include "projections/company_calendar.h"

#include <gtest/gtest.h>

namespace keyledger::projections {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::November;
using std::chrono::year;

LocalDay Day(int y, unsigned m, unsigned d) {
  return LocalDay(std::chrono::year_month_day{year(y), std::chrono::month(m), std::chrono::day(d)});
}
// Local Shanghai wall time (UTC+8, no DST) as a UTC instant.
Instant Shanghai(int y, unsigned m, unsigned d, int h, int min = 0) {
  const auto utc = std::chrono::sys_days(std::chrono::year_month_day{
                       year(y), std::chrono::month(m), std::chrono::day(d)}) +
                   hours(h) + std::chrono::minutes(min) - hours(8);
  return Instant(std::chrono::duration_cast<Micros>(utc.time_since_epoch()));
}

TEST(CompanyCalendarTest, UnknownZoneIsAnError) {
  auto cal = CompanyCalendar::Create("Mars/Olympus_Mons");
  ASSERT_FALSE(cal.ok());
  EXPECT_NE(cal.error().message.find("Mars/Olympus_Mons"), std::string::npos);
}

TEST(CompanyCalendarTest, WeekendsAndHolidaysAreNotWorkingDays) {
  auto cal = CompanyCalendar::Create("Asia/Shanghai", {Day(2026, 11, 23)});
  ASSERT_TRUE(cal.ok());
  EXPECT_TRUE(cal->IsWorkingDay(Day(2026, 11, 20)));   // Friday
  EXPECT_FALSE(cal->IsWorkingDay(Day(2026, 11, 21)));  // Saturday
  EXPECT_FALSE(cal->IsWorkingDay(Day(2026, 11, 22)));  // Sunday
  EXPECT_FALSE(cal->IsWorkingDay(Day(2026, 11, 23)));  // Monday, configured holiday
  EXPECT_TRUE(cal->IsWorkingDay(Day(2026, 11, 24)));
}

TEST(CompanyCalendarTest, LocalDateUsesTheCompanyZone) {
  auto cal = CompanyCalendar::Create();
  ASSERT_TRUE(cal.ok());
  // 2026-11-20 23:30 UTC is already Saturday 07:30 in Shanghai.
  const Instant t = Shanghai(2026, 11, 21, 7, 30);
  EXPECT_EQ(cal->LocalDate(t), Day(2026, 11, 21));
  EXPECT_EQ(cal->StartOfDay(Day(2026, 11, 21)), Shanghai(2026, 11, 21, 0));
}

TEST(CompanyCalendarTest, FridayAfternoonComplaintSkipsTheWeekend) {
  auto cal = CompanyCalendar::Create();
  ASSERT_TRUE(cal.ok());
  const Instant opened = Shanghai(2026, 11, 20, 16, 0);  // Friday 16:00
  EXPECT_EQ(cal->AddWorkingDays(opened, 2), Shanghai(2026, 11, 24, 16, 0));  // Tuesday 16:00
  EXPECT_EQ(cal->AddWorkingDays(opened, 1), Shanghai(2026, 11, 23, 16, 0));  // Monday
  EXPECT_EQ(cal->AddWorkingDays(opened, 0), opened);
}

TEST(CompanyCalendarTest, FridayAfternoonComplaintSkipsAHoliday) {
  auto cal = CompanyCalendar::Create("Asia/Shanghai", {Day(2026, 11, 23)});
  ASSERT_TRUE(cal.ok());
  const Instant opened = Shanghai(2026, 11, 20, 16, 0);
  EXPECT_EQ(cal->AddWorkingDays(opened, 2), Shanghai(2026, 11, 25, 16, 0));  // Wednesday
}

TEST(CompanyCalendarTest, LateEveningLocalTimeStaysOnTheLocalDay) {
  auto cal = CompanyCalendar::Create();
  ASSERT_TRUE(cal.ok());
  // Thursday 23:30 Shanghai is Thursday 15:30 UTC; 1 working day later is Friday 23:30.
  EXPECT_EQ(cal->AddWorkingDays(Shanghai(2026, 11, 19, 23, 30), 1), Shanghai(2026, 11, 20, 23, 30));
  // Saturday counts from Monday: 1 working day after a Saturday is Monday.
  EXPECT_EQ(cal->AddWorkingDays(Shanghai(2026, 11, 21, 10), 1), Shanghai(2026, 11, 23, 10));
}

}  // namespace
}  // namespace keyledger::projections
