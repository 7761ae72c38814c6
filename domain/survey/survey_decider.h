// The survey decider (R-S1) and the per-survey average the trend projections use.
#pragma once

#include "domain/core/context.h"
#include "domain/core/rejection.h"
#include "domain/survey/survey_events.h"

namespace keyledger::domain {

struct SurveyState {
  bool exists = false;
  SurveyId id;
  AccountId account;
};

// Scores 1..5, at least one, dimensions unique and non-empty.
Decision<SurveyEvent> Decide(const SurveyState& state, const SurveyCommand& command, const Context& ctx);
SurveyState Evolve(SurveyState state, const SurveyEvent& event);

// Mean score × 100, rounded half away from zero (integer, so trends compare exactly); 0 if empty.
int AverageScoreCentis(const std::vector<SurveyScore>& scores);

}  // namespace keyledger::domain
