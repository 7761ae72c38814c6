// Forecast (R-P10) and the supervisor dashboard, as pure functions of ReadModels at an instant,
// so the live answer and the as-of audit answer come from the same code.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "projections/read_models.h"

namespace keyledger::projections {

// expected revenue = amount x win probability; expected profit = revenue x margin (R-P10).
// Integer fen, rounded half away from zero, so every grouping sums exactly.
struct ForecastFigures {
  int64_t expected_revenue_fen = 0;
  int64_t expected_profit_fen = 0;
  uint32_t projects = 0;
  bool operator==(const ForecastFigures&) const = default;
};
ForecastFigures ProjectForecast(int64_t amount_fen, int32_t probability_pct, int32_t margin_pct);

struct Forecast {
  std::map<std::string, ForecastFigures> by_owner;
  std::map<std::string, ForecastFigures> by_unit;   // department of the owner at `at`
  std::map<std::string, ForecastFigures> by_area;   // VP area of the owner at `at`
  std::map<std::string, ForecastFigures> by_month;  // "YYYY-MM" of expected signing, company time
  ForecastFigures total;
  bool operator==(const Forecast&) const = default;
};
// The pipeline forecast: approved projects (not yet signed, closed or on hold).
Forecast ComputeForecast(const ReadModels& m, Instant at);

struct Dashboard {
  Instant at;
  std::map<std::string, uint32_t> projects_by_status;     // ProjectStatusName -> count
  std::map<std::string, uint32_t> projects_by_staleness;  // StalenessName -> count (approved/on hold)
  std::map<std::string, size_t> open_reminders_by_person;
  Forecast forecast;
  bool operator==(const Dashboard&) const = default;
};
Dashboard ComputeDashboard(const ReadModels& m, Instant at);

}  // namespace keyledger::projections
