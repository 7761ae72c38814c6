// Forecast arithmetic and grouping.
#include "domain/forecast/forecast.h"

#include <map>

#include "domain/core/calendar.h"

namespace keyledger::domain {

ProjectForecast ForecastOf(const ProjectDetails& d) {
  return {ApplyPercent(d.contract_amount, d.win_probability), ApplyTwoPercents(d.contract_amount, d.win_probability, d.margin)};
}

std::vector<ForecastRow> MonthlyForecast(std::span<const ProjectState> projects, std::chrono::year_month month,
                                         ForecastGroupBy group_by, const OrgState& org, const DomainConfig& config) {
  std::map<std::string, ForecastRow> rows;
  for (const auto& p : projects) {
    if (p.status != ProjectStatus::kApproved || !p.details.expected_signing) continue;
    auto date = LocalDate(*p.details.expected_signing, config);
    if (date.year() / date.month() != month) continue;
    std::string group;
    switch (group_by) {
      case ForecastGroupBy::kOwner: group = p.owner.value; break;
      case ForecastGroupBy::kUnit: group = p.owner_unit.value; break;
      case ForecastGroupBy::kVpArea: {
        auto area = VpAreaOf(org, p.owner_unit);
        group = area ? area->value : "";
        break;
      }
    }
    auto f = ForecastOf(p.details);
    auto& row = rows[group];
    row.group = group;
    ++row.projects;
    row.contract_amount = row.contract_amount + p.details.contract_amount;
    row.expected_revenue = row.expected_revenue + f.expected_revenue;
    row.expected_profit = row.expected_profit + f.expected_profit;
  }
  std::vector<ForecastRow> out;
  out.reserve(rows.size());
  for (auto& [k, v] : rows) out.push_back(std::move(v));
  return out;
}

}  // namespace keyledger::domain
