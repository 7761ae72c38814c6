// Decide/Evolve for visits.
#include "domain/visit/visit_decider.h"

#include "domain/core/overloaded.h"

namespace keyledger::domain {
namespace {
bool ScoresValid(const ConstructionSatisfaction& s) {
  for (int v : {s.quality, s.progress, s.technical_management, s.materials, s.safety, s.documents, s.site_conduct,
                s.service_cooperation}) {
    if (v < 1 || v > 5) return false;
  }
  return true;
}
}  // namespace

Decision<VisitEvent> Decide(const VisitState& s, const VisitCommand& command, const Context& ctx) {
  return std::visit(
      Overloaded{[&](const LogVisit& c) -> Decision<VisitEvent> {
        if (s.exists) return Fail(Conflict("unique_id", "visit already logged"));
        if (ctx.actor.role == Role::kAuditor || ctx.actor.role == Role::kAdmin) return Fail(Forbidden("R-V1", "this role logs no visits"));
        if (ctx.new_id.empty()) return Fail(Invalid("id", "no id minted for the visit"));
        if (c.account.empty()) return Fail(Invalid("account_id", "the visited account is required", "R-V1"));
        if (c.date > ctx.now) return Fail(Invalid("date", "a visit is logged after it happened", "R-V1"));
        if (c.people_met.empty()) return Fail(Invalid("people_met", "record the people met", "R-V1"));
        if (c.content.empty()) return Fail(Invalid("content", "record the content", "R-V1"));
        if (c.report.empty()) return Fail(Invalid("report", "a short report is required", "R-V1"));
        if (c.satisfaction) {
          if (!c.account_is_construction) return Fail(Invalid("satisfaction", "satisfaction items apply to construction customers", "R-V1"));
          if (!ScoresValid(*c.satisfaction)) return Fail(Invalid("satisfaction", "each item is scored 1..5", "R-V1"));
        }
        return std::vector<VisitEvent>{VisitLogged{VisitId{ctx.new_id}, c.account, ctx.actor.user, c.kind, c.date,
                                                   c.people_met, c.content, c.report, c.satisfaction}};
      }},
      command);
}

VisitState Evolve(VisitState s, const VisitEvent& event) {
  std::visit(Overloaded{[&](const VisitLogged& e) {
               s.exists = true;
               s.id = e.visit;
               s.account = e.account;
               s.date = e.date;
             }},
             event);
  return s;
}

VisitDueTimes VisitDueTimesFrom(Instant last_visit, Tier tier, const DomainConfig& config) {
  std::chrono::days cadence{0};
  switch (tier) {
    case Tier::kA: cadence = config.visit_cadence_a; break;
    case Tier::kB: cadence = config.visit_cadence_b; break;
    case Tier::kC: cadence = config.visit_cadence_c; break;
  }
  return {last_visit + cadence, last_visit + cadence * config.visit_escalation_factor};
}

}  // namespace keyledger::domain
