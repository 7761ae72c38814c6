// The company calendar: working days with holidays and make-up days, local dates at UTC+8, and
// the stale thresholds (R-C2/R-C3, R-P5…R-P7, R-R5).
#include "domain/core/calendar.h"

#include "tests/domain/test_support.h"

namespace keyledger::domain {
namespace {

using namespace testing;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::year;

constexpr auto Y = year{2026};

TEST(Calendar, WeekdaysAreWorkingDaysWeekendsAreNot) {
  const auto& cfg = DefaultConfig();
  EXPECT_TRUE(IsWorkingDay(Y / 11 / 23, cfg));   // Monday
  EXPECT_TRUE(IsWorkingDay(Y / 11 / 27, cfg));   // Friday
  EXPECT_FALSE(IsWorkingDay(Y / 11 / 28, cfg));  // Saturday
  EXPECT_FALSE(IsWorkingDay(Y / 11 / 29, cfg));  // Sunday
}

TEST(Calendar, HolidaysAndMakeUpDaysFromConfig) {
  DomainConfig cfg;
  cfg.holidays = {Y / 10 / 1, Y / 10 / 2};   // Thursday, Friday
  cfg.extra_working_days = {Y / 10 / 10};    // a Saturday (调休)
  EXPECT_FALSE(IsWorkingDay(Y / 10 / 1, cfg));
  EXPECT_FALSE(IsWorkingDay(Y / 10 / 2, cfg));
  EXPECT_TRUE(IsWorkingDay(Y / 10 / 10, cfg));
  EXPECT_FALSE(IsWorkingDay(Y / 10 / 11, cfg));
  // Wednesday 30 Sep + 2 working days skips the holidays and the weekend → Monday 5 Oct.
  EXPECT_EQ(AddWorkingDays(At(Y / 9 / 30, 10), 2, cfg), At(Y / 10 / 6, 10));
  EXPECT_EQ(AddWorkingDays(At(Y / 9 / 30, 10), 1, cfg), At(Y / 10 / 5, 10));
  // Friday 9 Oct + 1 → the make-up Saturday.
  EXPECT_EQ(AddWorkingDays(At(Y / 10 / 9, 10), 1, cfg), At(Y / 10 / 10, 10));
}

TEST(Calendar, AddWorkingDaysKeepsLocalTimeOfDay) {
  const auto& cfg = DefaultConfig();
  EXPECT_EQ(AddWorkingDays(kT0, 2, cfg), kT0 + Days(2));                    // Monday → Wednesday
  EXPECT_EQ(AddWorkingDays(At(Y / 11 / 27, 16), 2, cfg), At(Y / 12 / 1, 16));  // Friday → Tuesday
  EXPECT_EQ(AddWorkingDays(At(Y / 11 / 28, 11), 1, cfg), At(Y / 11 / 30, 11));  // Saturday → Monday
  EXPECT_EQ(AddWorkingDays(At(Y / 11 / 28, 11), 0, cfg), At(Y / 11 / 28, 11));  // n = 0: unchanged
  EXPECT_EQ(AddWorkingDays(kT0, 5, cfg), kT0 + Days(7));
}

TEST(Calendar, LocalDayBoundaryIsShanghaiNotUtc) {
  const auto& cfg = DefaultConfig();
  // Friday 23:30 Shanghai is Friday 15:30 UTC; Saturday 00:30 Shanghai is still Friday in UTC.
  const Instant fri_2330 = At(Y / 11 / 27, 23) + minutes(30);
  const Instant sat_0030 = At(Y / 11 / 28, 0) + minutes(30);
  EXPECT_EQ(LocalDate(fri_2330, cfg), Y / 11 / 27);
  EXPECT_EQ(LocalDate(sat_0030, cfg), Y / 11 / 28);
  EXPECT_EQ(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(sat_0030)}, Y / 11 / 27);  // UTC date
  EXPECT_EQ(AddWorkingDays(fri_2330, 1, cfg), At(Y / 11 / 30, 23) + minutes(30));  // Monday 23:30
  EXPECT_EQ(AddWorkingDays(sat_0030, 1, cfg), At(Y / 11 / 30, 0) + minutes(30));   // Monday 00:30
  // Monday 07:00 Shanghai is Sunday 23:00 UTC and is a working day in the company's calendar.
  EXPECT_TRUE(IsWorkingDay(LocalDate(At(Y / 11 / 23, 7), cfg), cfg));
  // Another offset moves the boundary.
  DomainConfig utc;
  utc.utc_offset = minutes(0);
  EXPECT_EQ(LocalDate(sat_0030, utc), Y / 11 / 27);
}

TEST(Calendar, StaleDueTimesFromConfig) {
  auto d = StaleDueTimesFrom(kT0, DefaultConfig());
  EXPECT_EQ(d.two_weeks, kT0 + Days(14));
  EXPECT_EQ(d.one_month, kT0 + Days(30));
  EXPECT_EQ(d.on_hold, kT0 + Days(90));
  DomainConfig cfg;
  cfg.stale_reminder = std::chrono::days{7};
  cfg.stale_escalation = std::chrono::days{21};
  cfg.stale_on_hold = std::chrono::days{60};
  d = StaleDueTimesFrom(kT0, cfg);
  EXPECT_EQ(d.two_weeks, kT0 + Days(7));
  EXPECT_EQ(d.one_month, kT0 + Days(21));
  EXPECT_EQ(d.on_hold, kT0 + Days(60));
}

}  // namespace
}  // namespace keyledger::domain
