// R-P10 monthly forecast: expected revenue and profit, rounded once, grouped by owner/unit/VP area.
#include "domain/forecast/forecast.h"

#include <chrono>

#include "tests/domain/org_fixture.h"

namespace keyledger::domain {
namespace {

using namespace testing;
using std::chrono::year;

constexpr auto kNov = year{2026} / std::chrono::November;

ProjectState Project(const char* id, const char* owner, const char* unit, Money amount, int win, int margin,
                     std::optional<Instant> signing, ProjectStatus status = ProjectStatus::kApproved) {
  ProjectState p;
  p.id = ProjectId{id};
  p.status = status;
  p.owner = UserId{owner};
  p.owner_unit = OrgUnitId{unit};
  p.details.contract_amount = amount;
  p.details.win_probability = win;
  p.details.margin = margin;
  p.details.expected_signing = signing;
  return p;
}

TEST(Forecast, R_P10_ExpectedRevenueIsAmountTimesWinProbabilityAndProfitTimesMargin) {
  ProjectDetails d;
  d.contract_amount = Yuan(1'000'000);
  d.win_probability = 60;
  d.margin = 20;
  auto f = ForecastOf(d);
  EXPECT_EQ(f.expected_revenue, Yuan(600'000));
  EXPECT_EQ(f.expected_profit, Yuan(120'000));
  d.win_probability = 0;
  EXPECT_EQ(ForecastOf(d).expected_revenue, Money{0});
  d.win_probability = 100;
  d.margin = 100;
  EXPECT_EQ(ForecastOf(d).expected_profit, Yuan(1'000'000));
}

TEST(Forecast, R_P10_RoundedOnceHalfAwayFromZero) {
  ProjectDetails d;
  d.contract_amount = Money{333};  // 3.33 yuan
  d.win_probability = 50;
  d.margin = 50;
  auto f = ForecastOf(d);
  EXPECT_EQ(f.expected_revenue, Money{167});  // 166.5 → 167
  // 333 × 0.5 × 0.5 = 83.25 → 83; rounding the rounded revenue would give 83.5 → 84.
  EXPECT_EQ(f.expected_profit, Money{83});
  d.contract_amount = Money{-1};
  EXPECT_EQ(ForecastOf(d).expected_revenue, Money{-1});  // −0.5 → −1 (away from zero)
  d.contract_amount = Money{1};
  d.win_probability = 49;
  EXPECT_EQ(ForecastOf(d).expected_revenue, Money{0});  // 0.49 → 0
  // Large amounts do not overflow: 10^12 yuan × 99% × 99%.
  d.contract_amount = Yuan(1'000'000'000'000);
  d.win_probability = 99;
  d.margin = 99;
  EXPECT_EQ(ForecastOf(d).expected_profit, Money{9801LL * 10'000'000'000LL});
}

TEST(Forecast, R_P10_MonthlyOpenPipelineByCompanyMonth) {
  const auto org = Company();
  // 30 Nov 23:00 Shanghai is still November although it is 15:00 UTC; 1 Dec 00:30 Shanghai is
  // 30 Nov in UTC but December for the company.
  const Instant nov_last = At(year{2026} / 11 / 30, 23);
  const Instant dec_first = At(year{2026} / 12 / 1, 0) + std::chrono::minutes(30);
  const std::vector<ProjectState> projects{
      Project("p-1", "u-sales1", "dept-1", Yuan(100'000), 50, 20, nov_last),
      Project("p-2", "u-sales1", "dept-1", Yuan(200'000), 30, 10, At(year{2026} / 11 / 2)),
      Project("p-3", "u-sales3", "dept-1a", Yuan(50'000), 80, 50, At(year{2026} / 11 / 15)),
      Project("p-4", "u-sales2", "dept-2", Yuan(300'000), 40, 25, At(year{2026} / 11 / 20)),
      Project("p-5", "u-sales2", "dept-2", Yuan(999'999), 90, 90, dec_first),                              // December
      Project("p-6", "u-sales2", "dept-2", Yuan(999'999), 90, 90, std::nullopt),                           // no date
      Project("p-7", "u-sales1", "dept-1", Yuan(999'999), 90, 90, nov_last, ProjectStatus::kRegistered),   // not approved
      Project("p-8", "u-sales1", "dept-1", Yuan(999'999), 90, 90, nov_last, ProjectStatus::kOnHold),
      Project("p-9", "u-sales1", "dept-1", Yuan(999'999), 90, 90, nov_last, ProjectStatus::kContractSigned),
      Project("p-10", "u-sales1", "dept-1", Yuan(999'999), 90, 90, nov_last, ProjectStatus::kClosed),
  };
  const auto& cfg = DefaultConfig();
  auto by_owner = MonthlyForecast(projects, kNov, ForecastGroupBy::kOwner, org, cfg);
  EXPECT_EQ(by_owner, (std::vector<ForecastRow>{
                          {"u-sales1", 2, Yuan(300'000), Yuan(50'000 + 60'000), Yuan(10'000 + 6'000)},
                          {"u-sales2", 1, Yuan(300'000), Yuan(120'000), Yuan(30'000)},
                          {"u-sales3", 1, Yuan(50'000), Yuan(40'000), Yuan(20'000)},
                      }));
  auto by_unit = MonthlyForecast(projects, kNov, ForecastGroupBy::kUnit, org, cfg);
  EXPECT_EQ(by_unit, (std::vector<ForecastRow>{
                         {"dept-1", 2, Yuan(300'000), Yuan(110'000), Yuan(16'000)},
                         {"dept-1a", 1, Yuan(50'000), Yuan(40'000), Yuan(20'000)},
                         {"dept-2", 1, Yuan(300'000), Yuan(120'000), Yuan(30'000)},
                     }));
  auto by_area = MonthlyForecast(projects, kNov, ForecastGroupBy::kVpArea, org, cfg);
  EXPECT_EQ(by_area, (std::vector<ForecastRow>{
                         {"area-1", 3, Yuan(350'000), Yuan(150'000), Yuan(36'000)},
                         {"area-2", 1, Yuan(300'000), Yuan(120'000), Yuan(30'000)},
                     }));
  auto december = MonthlyForecast(projects, year{2026} / std::chrono::December, ForecastGroupBy::kOwner, org, cfg);
  ASSERT_EQ(december.size(), 1u);
  EXPECT_EQ(december[0].group, "u-sales2");
  EXPECT_EQ(december[0].expected_revenue, ApplyPercent(Yuan(999'999), 90));
  EXPECT_TRUE(MonthlyForecast(projects, year{2027} / std::chrono::January, ForecastGroupBy::kOwner, org, cfg).empty());
}

TEST(Forecast, R_P10_RowIsTheSumOfItsRoundedProjects) {
  const auto org = Company();
  // Three projects of 0.01 yuan at 50 %: each rounds to 0.01, the row is 0.03 (not 0.015 → 0.02).
  std::vector<ProjectState> projects;
  for (const char* id : {"p-1", "p-2", "p-3"}) projects.push_back(Project(id, "u-sales1", "dept-1", Money{1}, 50, 100, At(year{2026} / 11 / 5)));
  auto rows = MonthlyForecast(projects, kNov, ForecastGroupBy::kOwner, org, DefaultConfig());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].expected_revenue, Money{3});
  EXPECT_EQ(rows[0].expected_profit, Money{3});
  EXPECT_EQ(rows[0].contract_amount, Money{3});
  // An owner unit outside any VP area groups under "".
  projects = {Project("p-1", "u-office", "hq", Yuan(10), 100, 100, At(year{2026} / 11 / 5))};
  rows = MonthlyForecast(projects, kNov, ForecastGroupBy::kVpArea, org, DefaultConfig());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].group, "");
}

}  // namespace
}  // namespace keyledger::domain
