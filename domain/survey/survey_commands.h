// Satisfaction surveys (R-S1), one stream per survey ("survey-<id>") for the same reason as
// visits: no invariant shared with the account file; trends are a projection over account id.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "domain/core/ids.h"
#include "domain/core/time.h"

namespace keyledger::domain {

// One dimension's score (service, results, communication, …), 1..5.
struct SurveyScore {
  std::string dimension;
  int score = 0;
  friend bool operator==(const SurveyScore&, const SurveyScore&) = default;
};

// Survey id = Context::new_id. `period` names the survey round, e.g. "2026-H2".
struct RecordSurvey { AccountId account; std::string period; std::vector<SurveyScore> scores; std::string comments; UserId owner; };

using SurveyCommand = std::variant<RecordSurvey>;

}  // namespace keyledger::domain
