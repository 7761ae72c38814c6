// Every threshold of DOMAIN.md with its default. The server loads overrides from configuration;
// nothing in the domain hard-codes these numbers.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "domain/core/money.h"

namespace keyledger::domain {

// R-A6 money thresholds, in fen.
struct QualificationThresholds {
  Money first_year_gross_profit = Yuan(400'000);        // ≥
  Money later_year_gross_profit = Yuan(1'000'000);      // ≥ each later fiscal year
  Money technical_service_revenue = Yuan(10'000'000);   // ≥ a year
  Money own_service_revenue = Yuan(2'000'000);          // > a year
  Money channel_contracts_signed = Yuan(10'000'000);    // > a year (core channels)
};

struct DomainConfig {
  // R-P5/R-P6/R-P7: days without an update.
  std::chrono::days stale_reminder{14};
  std::chrono::days stale_escalation{30};
  std::chrono::days stale_on_hold{90};
  // R-V2: visit cadence per tier; past `visit_escalation_factor` × cadence the manager is told too.
  std::chrono::days visit_cadence_a{30};
  std::chrono::days visit_cadence_b{90};
  std::chrono::days visit_cadence_c{182};
  int visit_escalation_factor = 2;
  // R-C2/R-C3 and approvals pending (reminder kind approval_pending).
  int complaint_first_contact_working_days = 2;
  int approval_pending_working_days = 3;
  // R-A4 and R-A5.
  int max_named_accounts_per_owner = 5;
  int named_application_vp_approvals = 2;
  QualificationThresholds qualification;
  // R-R5. Asia/Shanghai has been UTC+8 without DST since 1991, so a fixed offset is exact for
  // every instant the system handles; the pure domain therefore needs no tz database. The name
  // is kept for display and for the server, which may verify it against date/tz.
  std::string time_zone = "Asia/Shanghai";
  std::chrono::minutes utc_offset{8 * 60};
  // Public holidays (法定节假日) and make-up working days (调休 weekends), local calendar dates.
  std::vector<std::chrono::year_month_day> holidays;
  std::vector<std::chrono::year_month_day> extra_working_days;
};

// The defaults above, for callers that pass no configuration.
const DomainConfig& DefaultConfig();

}  // namespace keyledger::domain
