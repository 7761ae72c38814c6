// R-P10 monthly forecast: a pure function over project states that the read side calls.
// Expected revenue = contract amount × win probability; expected profit = amount × probability ×
// margin, each rounded once, half away from zero, to a whole fen (see domain/core/money.h).
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/core/config.h"
#include "domain/org/org_decider.h"
#include "domain/project/project_decider.h"

namespace keyledger::domain {

struct ProjectForecast {
  Money expected_revenue;
  Money expected_profit;
};
// Always computed (any status); callers choose which projects count.
ProjectForecast ForecastOf(const ProjectDetails& details);

enum class ForecastGroupBy { kOwner, kUnit, kVpArea };
template <>
struct EnumNames<ForecastGroupBy> {
  static constexpr std::pair<ForecastGroupBy, std::string_view> kNames[] = {
      {ForecastGroupBy::kOwner, "owner"}, {ForecastGroupBy::kUnit, "unit"}, {ForecastGroupBy::kVpArea, "vp_area"}};
};

struct ForecastRow {
  std::string group;  // user id, org unit id or vp_area unit id ("" if the owner has no VP area)
  int projects = 0;
  Money contract_amount;
  Money expected_revenue;
  Money expected_profit;
  friend bool operator==(const ForecastRow&, const ForecastRow&) = default;
};

// Open pipeline (status approved) whose expected signing date falls in `month` in the company
// time zone, grouped and sorted by group id. Row totals are sums of per-project rounded values,
// so a row always equals the sum of the projects listed under it.
std::vector<ForecastRow> MonthlyForecast(std::span<const ProjectState> projects, std::chrono::year_month month,
                                         ForecastGroupBy group_by, const OrgState& org, const DomainConfig& config);

}  // namespace keyledger::domain
