// R-A6: the hard conditions, then at least one of the financial paths.
#include "domain/account/qualification.h"

namespace keyledger::domain {

std::vector<std::string> QualificationFailures(const QualificationFacts& f, const QualificationThresholds& t) {
  std::vector<std::string> failures;
  if (!f.independent_legal_person) failures.push_back("not an independent legal person");
  if (f.litigation_or_malicious_arrears) failures.push_back("litigation or malicious arrears with us");
  if (f.centralised_purchasing) failures.push_back("telecom/power/petrochemical centralised purchasing is never a named account");
  const Money profit_needed = f.cooperation_year <= 1 ? t.first_year_gross_profit : t.later_year_gross_profit;
  const bool profit_path = f.gross_profit >= profit_needed;
  // Technical service uses ≥ and own service uses > exactly as the regulation words them.
  const bool service_path = f.technical_service_revenue >= t.technical_service_revenue ||
                            f.own_service_revenue > t.own_service_revenue;
  const bool channel_path = f.core_channel && f.channel_contracts_signed > t.channel_contracts_signed;
  if (!profit_path && !service_path && !channel_path) {
    failures.push_back("below every revenue/profit threshold");
  }
  return failures;
}

}  // namespace keyledger::domain
