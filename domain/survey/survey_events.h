// Events of a survey stream ("survey-<id>").
#pragma once

#include <variant>

#include "domain/survey/survey_commands.h"

namespace keyledger::domain {

// R-S1: a customer's periodic satisfaction survey was recorded (owner = account owner at the
// time, so trends per owner survive owner changes).
struct SurveyRecorded { SurveyId survey; AccountId account; std::string period; std::vector<SurveyScore> scores; std::string comments; UserId owner; UserId recorded_by; Instant at; };

using SurveyEvent = std::variant<SurveyRecorded>;

}  // namespace keyledger::domain
