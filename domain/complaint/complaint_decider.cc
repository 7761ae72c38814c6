// Decide/Evolve for complaints.
#include "domain/complaint/complaint_decider.h"

#include "domain/core/calendar.h"
#include "domain/core/overloaded.h"

namespace keyledger::domain {
namespace {
using Events = std::vector<ComplaintEvent>;
Decision<ComplaintEvent> One(ComplaintEvent e) { return Events{std::move(e)}; }
Rejection OutOfOrder(const char* step, ComplaintStage stage) {
  return RuleViolation("R-C2", std::string(step) + " is not possible while the complaint is " + std::string(NameOf(stage)));
}
}  // namespace

Decision<ComplaintEvent> Decide(const ComplaintState& s, const ComplaintCommand& command, const Context& ctx) {
  if (s.stage == ComplaintStage::kNone && !std::holds_alternative<OpenComplaint>(command)) return Fail(NotFound("complaint"));
  const Actor& a = ctx.actor;
  if (a.role == Role::kAuditor || a.role == Role::kAdmin) return Fail(Forbidden("R-C1", "this role handles no complaints"));
  return std::visit(
      Overloaded{
          [&](const OpenComplaint& c) -> Decision<ComplaintEvent> {
            if (s.stage != ComplaintStage::kNone) return Fail(Conflict("unique_id", "complaint already exists"));
            if (ctx.new_id.empty()) return Fail(Invalid("id", "no id minted for the complaint"));
            if (c.account.empty()) return Fail(Invalid("account_id", "the complaining customer is required", "R-C1"));
            if (c.content.empty()) return Fail(Invalid("content", "the complaint content is required", "R-C1"));
            if (c.contact.empty()) return Fail(Invalid("contact", "a customer contact is required", "R-C1"));
            return One(ComplaintOpened{ComplaintId{ctx.new_id}, c.account, c.content, c.contact, c.severity, c.cause, a.user, ctx.now});
          },
          [&](const AssignComplaint& c) -> Decision<ComplaintEvent> {
            if (s.stage == ComplaintStage::kClosed) return Fail(OutOfOrder("assigning", s.stage));
            if (c.unit.empty()) return Fail(Invalid("unit", "a responsible unit is required", "R-C1"));
            if (c.assignee.empty()) return Fail(Invalid("assignee", "a responsible person is required", "R-C1"));
            const int days = ctx.Config().complaint_first_contact_working_days;
            // A re-assignment after first contact keeps the original due time: the clock is the customer's.
            const Instant due = s.first_contact_due ? *s.first_contact_due : AddWorkingDays(ctx.now, days, ctx.Config());
            return One(ComplaintAssigned{c.unit, c.assignee, due});
          },
          [&](const RecordFirstContact& c) -> Decision<ComplaintEvent> {
            if (s.stage != ComplaintStage::kAssigned) return Fail(OutOfOrder("first contact", s.stage));
            if (c.note.empty()) return Fail(Invalid("note", "record what was said", "R-C2"));
            const bool late = s.first_contact_due && ctx.now > *s.first_contact_due;
            return One(FirstContactMade{c.note, ctx.now, late});
          },
          [&](const PlanResolution& c) -> Decision<ComplaintEvent> {
            if (s.stage != ComplaintStage::kContacted) return Fail(OutOfOrder("planning", s.stage));
            if (c.measures.empty()) return Fail(Invalid("measures", "the plan lists measures", "R-C2"));
            if (c.responsible.empty()) return Fail(Invalid("responsible", "the plan names a responsible person", "R-C2"));
            if (c.deadline <= ctx.now) return Fail(Invalid("deadline", "the plan deadline must be in the future", "R-C2"));
            return One(ResolutionPlanned{c.measures, c.responsible, c.deadline});
          },
          [&](const ResolveComplaint& c) -> Decision<ComplaintEvent> {
            if (s.stage != ComplaintStage::kPlanned) return Fail(OutOfOrder("feedback", s.stage));
            if (c.feedback.empty()) return Fail(Invalid("feedback", "record the feedback given", "R-C2"));
            return One(ComplaintResolved{c.feedback, ctx.now});
          },
          [&](const RecordFollowUp& c) -> Decision<ComplaintEvent> {
            if (s.stage != ComplaintStage::kResolved) return Fail(OutOfOrder("follow-up visit", s.stage));
            return One(FollowUpVisited{c.satisfied, c.note, ctx.now});
          },
          [&](const CloseComplaint& c) -> Decision<ComplaintEvent> {
            if (s.stage != ComplaintStage::kFollowedUp) return Fail(OutOfOrder("closing", s.stage));
            if (!s.last_follow_up_satisfied) return Fail(RuleViolation("R-C2", "the follow-up did not confirm satisfaction; reopen instead"));
            if (!s.cause) return Fail(RuleViolation("R-C4", "set the cause category before closing"));
            return One(ComplaintClosed{c.note, ctx.now});
          },
          [&](const ReopenComplaint& c) -> Decision<ComplaintEvent> {
            if (s.stage != ComplaintStage::kClosed && s.stage != ComplaintStage::kFollowedUp && s.stage != ComplaintStage::kResolved) {
              return Fail(OutOfOrder("reopening", s.stage));
            }
            if (c.reason.empty()) return Fail(Invalid("reason", "say why it is reopened", "R-C2"));
            return One(ComplaintReopened{c.reason, ctx.now});
          },
          [&](const CategoriseComplaint& c) -> Decision<ComplaintEvent> {
            if (s.cause == c.cause) return Events{};
            return One(ComplaintCauseCategorised{c.cause});
          },
      },
      command);
}

void EvolveInPlace(ComplaintState& s, const ComplaintEvent& event) {
  std::visit(Overloaded{
                 [&](const ComplaintOpened& e) {
                   s.stage = ComplaintStage::kOpen;
                   s.id = e.complaint;
                   s.account = e.account;
                   s.severity = e.severity;
                   s.cause = e.cause;
                 },
                 [&](const ComplaintAssigned& e) {
                   if (s.stage == ComplaintStage::kOpen) s.stage = ComplaintStage::kAssigned;
                   s.unit = e.unit;
                   s.assignee = e.assignee;
                   s.first_contact_due = e.first_contact_due;
                 },
                 [&](const FirstContactMade& e) {
                   s.stage = ComplaintStage::kContacted;
                   s.first_contact_at = e.at;
                 },
                 [&](const ResolutionPlanned& e) {
                   s.stage = ComplaintStage::kPlanned;
                   s.plan_deadline = e.deadline;
                   s.responsible = e.responsible;
                 },
                 [&](const ComplaintResolved&) { s.stage = ComplaintStage::kResolved; },
                 [&](const FollowUpVisited& e) {
                   s.stage = ComplaintStage::kFollowedUp;
                   s.last_follow_up_satisfied = e.satisfied;
                 },
                 [&](const ComplaintClosed&) { s.stage = ComplaintStage::kClosed; },
                 [&](const ComplaintReopened&) {
                   // Back to the contacted step: the customer is known to us, a new plan is due.
                   s.stage = ComplaintStage::kContacted;
                   s.plan_deadline.reset();
                   s.last_follow_up_satisfied = false;
                   ++s.reopen_count;
                 },
                 [&](const ComplaintCauseCategorised& e) { s.cause = e.cause; },
             },
             event);
}

ComplaintState Evolve(ComplaintState state, const ComplaintEvent& event) {
  EvolveInPlace(state, event);
  return state;
}

std::optional<Instant> NextComplaintDeadline(const ComplaintState& s) {
  switch (s.stage) {
    case ComplaintStage::kAssigned: return s.first_contact_due;
    case ComplaintStage::kPlanned: return s.plan_deadline;
    case ComplaintStage::kNone:
    case ComplaintStage::kOpen:
    case ComplaintStage::kContacted:
    case ComplaintStage::kResolved:
    case ComplaintStage::kFollowedUp:
    case ComplaintStage::kClosed:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace keyledger::domain
