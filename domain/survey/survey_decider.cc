// Decide/Evolve for surveys.
#include "domain/survey/survey_decider.h"

#include "domain/core/money.h"
#include "domain/core/overloaded.h"

namespace keyledger::domain {

Decision<SurveyEvent> Decide(const SurveyState& s, const SurveyCommand& command, const Context& ctx) {
  return std::visit(
      Overloaded{[&](const RecordSurvey& c) -> Decision<SurveyEvent> {
        if (s.exists) return Fail(Conflict("unique_id", "survey already recorded"));
        if (ctx.actor.role == Role::kAuditor || ctx.actor.role == Role::kAdmin) return Fail(Forbidden("R-S1", "this role records no surveys"));
        if (ctx.new_id.empty()) return Fail(Invalid("id", "no id minted for the survey"));
        if (c.account.empty()) return Fail(Invalid("account_id", "the surveyed account is required", "R-S1"));
        if (c.period.empty()) return Fail(Invalid("period", "the survey round is required", "R-S1"));
        if (c.scores.empty()) return Fail(Invalid("scores", "at least one dimension is scored", "R-S1"));
        for (size_t i = 0; i < c.scores.size(); ++i) {
          if (c.scores[i].dimension.empty()) return Fail(Invalid("scores", "a score names its dimension", "R-S1"));
          if (c.scores[i].score < 1 || c.scores[i].score > 5) return Fail(Invalid("scores", "scores are 1..5", "R-S1"));
          for (size_t j = 0; j < i; ++j) {
            if (c.scores[j].dimension == c.scores[i].dimension) return Fail(Invalid("scores", "dimension scored twice", "R-S1"));
          }
        }
        return std::vector<SurveyEvent>{SurveyRecorded{SurveyId{ctx.new_id}, c.account, c.period, c.scores, c.comments, c.owner, ctx.actor.user, ctx.now}};
      }},
      command);
}

SurveyState Evolve(SurveyState s, const SurveyEvent& event) {
  std::visit(Overloaded{[&](const SurveyRecorded& e) {
               s.exists = true;
               s.id = e.survey;
               s.account = e.account;
             }},
             event);
  return s;
}

int AverageScoreCentis(const std::vector<SurveyScore>& scores) {
  if (scores.empty()) return 0;
  int64_t sum = 0;
  for (const auto& s : scores) sum += s.score;
  return static_cast<int>(DivRoundHalfAway(static_cast<__int128>(sum) * 100, static_cast<__int128>(scores.size())));
}

}  // namespace keyledger::domain
