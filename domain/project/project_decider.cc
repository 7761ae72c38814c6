// Decide/Evolve for projects. Each refusal names its rule id.
#include "domain/project/project_decider.h"

#include <algorithm>

#include "domain/core/overloaded.h"
#include "domain/project/project_status.h"

namespace keyledger::domain {
namespace {

using Events = std::vector<ProjectEvent>;
Decision<ProjectEvent> One(ProjectEvent e) { return Events{std::move(e)}; }

std::optional<Rejection> Transition(ProjectStatus from, ProjectStatus to, const char* rule) {
  if (IsAllowedTransition(from, to)) return std::nullopt;
  return RuleViolation(rule, std::string("a ") + std::string(NameOf(from)) + " project cannot become " + std::string(NameOf(to)));
}

bool Contains(const std::vector<UserId>& v, const UserId& u) { return std::find(v.begin(), v.end(), u) != v.end(); }

std::optional<Rejection> ValidatePercent(std::optional<int> p, const char* field) {
  if (p && (*p < 0 || *p > 100)) return Invalid(field, "percent must be 0..100");
  return std::nullopt;
}

std::optional<Rejection> ValidateDetails(const ProjectDetails& d) {
  if (d.name.empty()) return Invalid("name", "project name is required", "R-P1");
  if (d.account.empty()) return Invalid("account_id", "the project's account is required", "R-P1");
  if (d.contract_amount.fen < 0) return Invalid("contract_amount", "amount cannot be negative");
  if (auto r = ValidatePercent(d.win_probability, "win_probability")) return r;
  if (auto r = ValidatePercent(d.margin, "margin")) return r;
  return std::nullopt;
}

Decision<ProjectEvent> DecideRegister(const ProjectState& s, const RegisterProject& c, const Context& ctx) {
  if (s.status != ProjectStatus::kNone) return Fail(Conflict("unique_id", "project already registered"));
  if (ctx.actor.role != Role::kSales && ctx.actor.role != Role::kManager) {
    return Fail(Forbidden("R-P1", "projects are registered by salespeople"));
  }
  if (ctx.new_id.empty()) return Fail(Invalid("id", "no id minted for the project"));
  if (auto r = ValidateDetails(c.details)) return Fail(*r);
  if (!c.facts.registrant_vp) return Fail(RuleViolation("R-P3", "the registrant has no VP to approve the project"));
  const auto& f = c.facts;
  Events out{ProjectRegistered{ProjectId{ctx.new_id}, c.details, ctx.actor.user, ctx.actor.unit, f.registrant_vp,
                               f.reactivates, ctx.now}};
  if (f.account_is_named && f.account_owner && *f.account_owner != ctx.actor.user) {
    std::vector<UserId> notified{*f.registrant_vp};
    if (f.gm && *f.gm != *f.registrant_vp) notified.push_back(*f.gm);
    out.push_back(NonOwnerRegistrationNotified{*f.account_owner, std::move(notified)});
  }
  // The registrant's own projects are not conflicts (ConflictIndex already skips them; filter
  // again so that a stale hit list cannot block its own owner).
  std::vector<ConflictHit> hits;
  std::vector<UserId> reviewers;
  for (const auto& h : f.conflicts) {
    if (h.owner == ctx.actor.user) continue;
    hits.push_back(h);
    // No VP on the existing project: the registrant's VP reviews instead.
    const UserId reviewer = h.vp ? *h.vp : *f.registrant_vp;
    if (!Contains(reviewers, reviewer)) reviewers.push_back(reviewer);
  }
  if (!hits.empty()) out.push_back(ConflictReviewOpened{std::move(hits), std::move(reviewers)});
  return out;
}

Decision<ProjectEvent> DecideProjectDecision(const ProjectState& s, const DecideProject& c, const Context& ctx) {
  const Actor& a = ctx.actor;
  const bool is_approver = (a.role == Role::kVp && s.approver_vp == a.user) || a.role == Role::kGm;
  if (!is_approver) return Fail(Forbidden("R-P3", "the applicant's VP decides (or the general manager overrides)"));
  if (s.status == ProjectStatus::kConflictReview) return Fail(RuleViolation("R-P2", "the conflict review is not finished"));
  switch (c.decision) {
    case ProjectDecisionKind::kApprove:
      if (auto r = Transition(s.status, ProjectStatus::kApproved, "status_machine")) return Fail(*r);
      if (s.needs_credit_split && s.credit_split.empty()) {
        return Fail(RuleViolation("R-P1", "the credit split with the named account's owner must be recorded first"));
      }
      if (ctx.project_number.empty()) return Fail(Invalid("project_number", "the business office has not assigned a number", "R-P3"));
      return One(ProjectApproved{a.user, ctx.project_number, c.reason, ctx.now});
    case ProjectDecisionKind::kDefer:
      if (c.reason.empty()) return Fail(Invalid("reason", "a deferral says what information is missing", "R-P3"));
      if (auto r = Transition(s.status, ProjectStatus::kDeferred, "status_machine")) return Fail(*r);
      return One(ProjectDeferred{a.user, c.reason});
    case ProjectDecisionKind::kReject:
      if (c.reason.empty()) return Fail(Invalid("reason", "a rejection carries a reason", "R-P3"));
      if (auto r = Transition(s.status, ProjectStatus::kRejected, "status_machine")) return Fail(*r);
      return One(ProjectRejected{a.user, c.reason, "R-P3"});
  }
  return Fail(Invalid("decision", "unknown decision"));
}

Decision<ProjectEvent> DecideSplit(const ProjectState& s, const RecordCreditSplit& c, const Context& ctx) {
  if (!s.needs_credit_split || !s.account_owner) return Fail(RuleViolation("R-P1", "no credit split is due for this project"));
  const Actor& a = ctx.actor;
  if (c.decided_by_management) {
    if (a.role != Role::kVp && a.role != Role::kGm) return Fail(Forbidden("R-P1", "a management decision is recorded by the VP"));
  } else if (a.user != s.owner && a.user != *s.account_owner) {
    return Fail(Forbidden("R-P1", "the agreed split is recorded by one of the two salespeople"));
  }
  int total = 0;
  for (const auto& share : c.shares) {
    if (share.percent < 0 || share.percent > 100) return Fail(Invalid("shares", "each share is 0..100", "R-P1"));
    total += share.percent;
  }
  if (total != 100) return Fail(Invalid("shares", "shares must add up to 100", "R-P1"));
  auto has = [&](const UserId& u) {
    return std::any_of(c.shares.begin(), c.shares.end(), [&](const CreditShare& x) { return x.user == u; });
  };
  if (!has(s.owner) || !has(*s.account_owner)) return Fail(Invalid("shares", "the split names both salespeople", "R-P1"));
  return One(CreditSplitRecorded{c.shares, c.decided_by_management, a.user, c.note});
}

}  // namespace

Decision<ProjectEvent> Decide(const ProjectState& s, const ProjectCommand& command, const Context& ctx) {
  if (s.status == ProjectStatus::kNone && !std::holds_alternative<RegisterProject>(command)) {
    return Fail(NotFound("project"));
  }
  const Actor& a = ctx.actor;
  const bool is_owner = a.user == s.owner;
  return std::visit(
      Overloaded{
          [&](const RegisterProject& c) { return DecideRegister(s, c, ctx); },
          [&](const ReviewConflict& c) -> Decision<ProjectEvent> {
            if (s.status != ProjectStatus::kConflictReview) return Fail(RuleViolation("R-P2", "no conflict review is open"));
            if (!Contains(s.conflict_reviewers, a.user)) return Fail(Forbidden("R-P2", "the VP of the already-registered project confirms"));
            if (Contains(s.conflict_cleared_by, a.user)) return Events{};
            if (c.conflict && c.reason.empty()) return Fail(Invalid("reason", "a confirmed conflict states why", "R-P2"));
            Events out{ConflictReviewed{a.user, c.conflict, c.reason}};
            if (c.conflict) {
              out.push_back(ProjectRejected{a.user, c.reason, "R-P2"});
            } else if (s.conflict_cleared_by.size() + 1 == s.conflict_reviewers.size()) {
              out.push_back(ConflictCleared{});
            }
            return out;
          },
          [&](const ObjectToConflict& c) -> Decision<ProjectEvent> {
            if (!is_owner) return Fail(Forbidden("R-P2", "only the applicant may object"));
            if (s.status != ProjectStatus::kRejected || !s.rejected_by_conflict) {
              return Fail(RuleViolation("R-P2", "only a registration rejected for conflict can be objected to"));
            }
            if (s.objection_pending || s.objection_ruled) return Fail(RuleViolation("R-P2", "the objection was already raised"));
            if (c.reason.empty()) return Fail(Invalid("reason", "an objection states its grounds", "R-P2"));
            return One(ConflictObjectionRaised{a.user, c.reason});
          },
          [&](const RuleOnConflictObjection& c) -> Decision<ProjectEvent> {
            if (a.role != Role::kGm) return Fail(Forbidden("R-P2", "objections escalate to the general manager"));
            if (!s.objection_pending) return Fail(RuleViolation("R-P2", "no objection is pending"));
            if (c.reason.empty()) return Fail(Invalid("reason", "the ruling states its grounds", "R-P2"));
            if (!c.uphold_conflict) {
              if (auto r = Transition(s.status, ProjectStatus::kRegistered, "status_machine")) return Fail(*r);
            }
            return One(ConflictObjectionRuled{a.user, c.uphold_conflict, c.reason});
          },
          [&](const DecideProject& c) { return DecideProjectDecision(s, c, ctx); },
          [&](const RecordCreditSplit& c) { return DecideSplit(s, c, ctx); },
          [&](const UpdateProject& c) -> Decision<ProjectEvent> {
            if (!is_owner) return Fail(Forbidden("R-P4", "the owner updates the project"));
            switch (s.status) {
              case ProjectStatus::kRegistered:
              case ProjectStatus::kConflictReview:
              case ProjectStatus::kDeferred:
              case ProjectStatus::kApproved:
                break;
              case ProjectStatus::kOnHold:
                return Fail(RuleViolation("R-P8", "an on-hold project must be reactivated as a new registration"));
              case ProjectStatus::kNone:
              case ProjectStatus::kRejected:
              case ProjectStatus::kContractSigned:
              case ProjectStatus::kClosed:
                return Fail(RuleViolation("R-P4", std::string("a ") + std::string(NameOf(s.status)) + " project takes no updates"));
            }
            if (c.note.empty()) return Fail(Invalid("note", "the weekly update says what happened", "R-P4"));
            if (auto r = ValidatePercent(c.changes.win_probability, "win_probability")) return Fail(*r);
            if (auto r = ValidatePercent(c.changes.margin, "margin")) return Fail(*r);
            if (c.changes.contract_amount && c.changes.contract_amount->fen < 0) return Fail(Invalid("contract_amount", "amount cannot be negative"));
            return One(ProjectUpdated{c.note, c.changes, ctx.now});
          },
          [&](const PutProjectOnHold& c) -> Decision<ProjectEvent> {
            if (a.role != Role::kSystem) return Fail(Forbidden("R-P7", "only the system puts a project on hold"));
            if (s.status == ProjectStatus::kOnHold) return Events{};
            if (s.last_activity > c.measured_from) return Events{};  // updated since: cause removed (R-R2)
            if (auto r = Transition(s.status, ProjectStatus::kOnHold, "R-P7")) return Fail(*r);
            if (ctx.now - s.last_activity < ctx.Config().stale_on_hold) {
              return Fail(RuleViolation("R-P7", "the project was updated less than the on-hold threshold ago"));
            }
            return One(ProjectPutOnHold{c.measured_from, c.causation});
          },
          [&](const RequestReactivation& c) -> Decision<ProjectEvent> {
            if (!is_owner) return Fail(Forbidden("R-P8", "the owner asks for reactivation"));
            if (s.status != ProjectStatus::kOnHold) return Fail(RuleViolation("R-P8", "only an on-hold project can be reactivated"));
            if (s.successor) return Fail(RuleViolation("R-P8", "this project was already reactivated"));
            if (s.reactivation_pending) return Fail(RuleViolation("R-P8", "a reactivation request is pending"));
            if (c.why_not_updated.empty()) return Fail(Invalid("why_not_updated", "explain why it was not updated", "R-P8"));
            if (c.why_resume.empty()) return Fail(Invalid("why_resume", "explain why to resume", "R-P8"));
            return One(ReactivationRequested{c.why_not_updated, c.why_resume});
          },
          [&](const ReviewReactivation& c) -> Decision<ProjectEvent> {
            if (a.role != Role::kBusinessOffice) return Fail(Forbidden("R-P8", "the business office reviews reactivations"));
            if (!s.reactivation_pending) return Fail(RuleViolation("R-P8", "no reactivation request is pending"));
            if (!c.accept) {
              if (c.reason.empty()) return Fail(Invalid("reason", "a declined reactivation carries a reason", "R-P8"));
              return One(ReactivationDeclined{a.user, c.reason});
            }
            if (ctx.new_id.empty()) return Fail(Invalid("id", "no id minted for the new registration"));
            return One(ReactivationAccepted{a.user, ProjectId{ctx.new_id}, c.reason});
          },
          [&](const RequestContractReview& c) -> Decision<ProjectEvent> {
            if (!is_owner) return Fail(Forbidden("R-P9", "the owner requests contract review"));
            if (s.status != ProjectStatus::kApproved) return Fail(RuleViolation("R-P9", "only an approved project goes to contract"));
            if (s.contract_review_requested) return Events{};
            return One(ContractReviewRequested{c.note});
          },
          [&](const MarkContractSigned& c) -> Decision<ProjectEvent> {
            if (a.role != Role::kBusinessOffice) return Fail(Forbidden("R-P9", "the business office sets Contract Signed"));
            if (auto r = Transition(s.status, ProjectStatus::kContractSigned, "status_machine")) return Fail(*r);
            if (!s.contract_review_requested) return Fail(RuleViolation("R-P9", "the owner has not requested contract review"));
            if (c.signed_amount.fen < 0) return Fail(Invalid("signed_amount", "amount cannot be negative"));
            return One(ContractSigned{a.user, c.signed_amount, c.signed_at});
          },
          [&](const CloseProject& c) -> Decision<ProjectEvent> {
            if (!is_owner) return Fail(Forbidden("R-P9", "the owner closes a lost project"));
            if (c.reason.empty()) return Fail(Invalid("reason", "closing a lost project needs a reason", "R-P9"));
            if (auto r = Transition(s.status, ProjectStatus::kClosed, "status_machine")) return Fail(*r);
            return One(ProjectClosed{c.reason});
          },
      },
      command);
}

void EvolveInPlace(ProjectState& s, const ProjectEvent& event) {
  std::visit(Overloaded{
                 [&](const ProjectRegistered& e) {
                   s.status = ProjectStatus::kRegistered;
                   s.id = e.project;
                   s.details = e.details;
                   s.owner = e.owner;
                   s.owner_unit = e.owner_unit;
                   s.approver_vp = e.approver_vp;
                   s.reactivates = e.reactivates;
                   s.registered_at = e.at;
                   s.last_activity = e.at;
                 },
                 [&](const NonOwnerRegistrationNotified& e) {
                   s.needs_credit_split = true;
                   s.account_owner = e.account_owner;
                 },
                 [&](const ConflictReviewOpened& e) {
                   s.status = ProjectStatus::kConflictReview;
                   s.conflict_reviewers = e.reviewers;
                 },
                 [&](const ConflictReviewed& e) {
                   if (!e.conflict) s.conflict_cleared_by.push_back(e.reviewer);
                 },
                 [&](const ConflictCleared&) { s.status = ProjectStatus::kRegistered; },
                 [&](const ConflictObjectionRaised&) { s.objection_pending = true; },
                 [&](const ConflictObjectionRuled& e) {
                   s.objection_pending = false;
                   s.objection_ruled = true;
                   if (!e.upheld) {
                     s.status = ProjectStatus::kRegistered;
                     s.rejected_by_conflict = false;
                   }
                 },
                 [&](const ProjectApproved& e) {
                   s.status = ProjectStatus::kApproved;
                   s.number = e.number;
                   s.last_activity = e.at;
                 },
                 [&](const ProjectDeferred&) { s.status = ProjectStatus::kDeferred; },
                 [&](const ProjectRejected& e) {
                   s.status = ProjectStatus::kRejected;
                   s.rejected_by_conflict = e.rule == "R-P2";
                 },
                 [&](const CreditSplitRecorded& e) { s.credit_split = e.shares; },
                 [&](const ProjectUpdated& e) {
                   const auto& c = e.changes;
                   if (c.contract_amount) s.details.contract_amount = *c.contract_amount;
                   if (c.win_probability) s.details.win_probability = *c.win_probability;
                   if (c.margin) s.details.margin = *c.margin;
                   if (c.expected_signing) s.details.expected_signing = *c.expected_signing;
                   if (c.stage) s.details.stage = *c.stage;
                   if (c.products) s.details.products = *c.products;
                   s.last_activity = e.at;
                   ++s.updates;
                 },
                 [&](const ProjectPutOnHold&) { s.status = ProjectStatus::kOnHold; },
                 [&](const ReactivationRequested&) { s.reactivation_pending = true; },
                 [&](const ReactivationAccepted& e) {
                   s.reactivation_pending = false;
                   s.successor = e.successor;
                 },
                 [&](const ReactivationDeclined&) { s.reactivation_pending = false; },
                 [&](const ContractReviewRequested&) { s.contract_review_requested = true; },
                 [&](const ContractSigned& e) {
                   s.status = ProjectStatus::kContractSigned;
                   s.details.contract_amount = e.signed_amount;
                 },
                 [&](const ProjectClosed& e) {
                   s.status = ProjectStatus::kClosed;
                   s.closed_reason = e.reason;
                 },
             },
             event);
}

ProjectState Evolve(ProjectState state, const ProjectEvent& event) {
  EvolveInPlace(state, event);
  return state;
}

}  // namespace keyledger::domain
