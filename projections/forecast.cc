// Forecast and dashboard: one pass over the projects.
#include "projections/forecast.h"

#include <chrono>
#include <cstdio>

namespace keyledger::projections {
namespace {

int64_t PercentOf(int64_t value, int32_t pct) {
  // Round half away from zero on integer fen.
  const int64_t scaled = value * pct;
  return scaled >= 0 ? (scaled + 50) / 100 : (scaled - 50) / 100;
}

void Add(ForecastFigures& into, const ForecastFigures& f) {
  into.expected_revenue_fen += f.expected_revenue_fen;
  into.expected_profit_fen += f.expected_profit_fen;
  into.projects += f.projects;
}

}  // namespace

ForecastFigures ProjectForecast(int64_t amount_fen, int32_t probability_pct, int32_t margin_pct) {
  ForecastFigures f;
  f.expected_revenue_fen = PercentOf(amount_fen, probability_pct);
  f.expected_profit_fen = PercentOf(f.expected_revenue_fen, margin_pct);
  f.projects = 1;
  return f;
}

Forecast ComputeForecast(const ReadModels& m, Instant at) {
  Forecast out;
  for (const ProjectRow& row : m.projects.Rows()) {
    if (row.status != ProjectStatus::kApproved) continue;
    const ForecastFigures f = ProjectForecast(row.amount_fen, row.probability_pct, row.margin_pct);
    const std::string& owner = m.projects.Str(row.owner);
    Add(out.by_owner[owner], f);
    Add(out.by_unit[m.org.DepartmentOf(owner, at)], f);
    Add(out.by_area[m.org.AreaOf(owner, at)], f);
    const std::chrono::year_month_day ymd{m.Calendar().LocalDate(row.expected_signing)};
    char month[16];
    std::snprintf(month, sizeof month, "%04d-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()));
    Add(out.by_month[month], f);
    Add(out.total, f);
  }
  return out;
}

Dashboard ComputeDashboard(const ReadModels& m, Instant at) {
  Dashboard d;
  d.at = at;
  for (const ProjectRow& row : m.projects.Rows()) {
    ++d.projects_by_status[std::string(ProjectStatusName(row.status))];
    if (row.status == ProjectStatus::kApproved || row.status == ProjectStatus::kOnHold) {
      ++d.projects_by_staleness[std::string(StalenessName(StalenessAt(row, at, m.Policy())))];
    }
  }
  d.open_reminders_by_person = m.reminders.OpenCountByPerson();
  d.forecast = ComputeForecast(m, at);
  return d;
}

}  // namespace keyledger::projections
