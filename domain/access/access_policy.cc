// The policy table and its evaluation.
#include "domain/access/access_policy.h"

#include <algorithm>

#include "domain/core/overloaded.h"

namespace keyledger::domain {
namespace {

using enum Role;
using enum Action;
using enum Scope;

// One row per (role, action) that is allowed at all; anything missing is kNone. Keep grouped by
// role so that a reviewer can read one role's rights in one place.
constexpr PolicyEntry kPolicy[] = {
    // salesperson: their own accounts and projects (R-A3, R-A9)
    {kSales, kOpenAccount, kAll}, {kSales, kEditAccount, kOwn}, {kSales, kReadAccountFile, kOwn},
    {kSales, kApplyNamed, kAll}, {kSales, kRegisterProject, kAll}, {kSales, kUpdateProject, kOwn},
    {kSales, kRecordCreditSplit, kOwn}, {kSales, kContractReview, kOwn}, {kSales, kCloseProject, kOwn},
    {kSales, kReactivateProject, kOwn}, {kSales, kLogVisit, kOwn}, {kSales, kRecordSurvey, kOwn},
    {kSales, kOpenComplaint, kAll}, {kSales, kHandleComplaint, kOwn}, {kSales, kAcknowledgeReminder, kOwn},
    {kSales, kReviewAccount, kOwn}, {kSales, kReadEvents, kOwn},
    // department manager: their unit subtree
    {kManager, kOpenAccount, kAll}, {kManager, kEditAccount, kUnit}, {kManager, kReadAccountFile, kUnit},
    {kManager, kChangeOwner, kUnit}, {kManager, kReviewAccount, kUnit}, {kManager, kRegisterProject, kAll},
    {kManager, kUpdateProject, kOwn}, {kManager, kLogVisit, kUnit}, {kManager, kRecordSurvey, kUnit},
    {kManager, kOpenComplaint, kAll}, {kManager, kHandleComplaint, kUnit}, {kManager, kAcknowledgeReminder, kOwn},
    {kManager, kReadEvents, kUnit}, {kManager, kReadForecast, kUnit},
    // sales VP: their area
    {kVp, kEditAccount, kUnit}, {kVp, kReadAccountFile, kUnit}, {kVp, kChangeTier, kUnit}, {kVp, kChangeOwner, kUnit},
    {kVp, kReviewNamed, kAll}, {kVp, kRevokeNamed, kUnit}, {kVp, kReviewAccount, kUnit},
    {kVp, kAssessQualification, kUnit}, {kVp, kReviewConflict, kAll}, {kVp, kDecideProject, kUnit},
    {kVp, kRecordCreditSplit, kUnit}, {kVp, kLogVisit, kUnit}, {kVp, kRecordSurvey, kUnit},
    {kVp, kOpenComplaint, kAll}, {kVp, kHandleComplaint, kUnit}, {kVp, kAcknowledgeReminder, kOwn},
    {kVp, kReadEvents, kUnit}, {kVp, kReadForecast, kUnit},
    // business office: checks, numbers, contracts, forecast, reactivation review
    {kBusinessOffice, kOpenAccount, kAll}, {kBusinessOffice, kEditAccount, kAll}, {kBusinessOffice, kReadAccountFile, kAll},
    {kBusinessOffice, kChangeTier, kAll}, {kBusinessOffice, kReviewNamed, kAll}, {kBusinessOffice, kReviewAccount, kAll},
    {kBusinessOffice, kAssessQualification, kAll}, {kBusinessOffice, kMarkContractSigned, kAll},
    {kBusinessOffice, kReviewReactivation, kAll}, {kBusinessOffice, kOpenComplaint, kAll},
    {kBusinessOffice, kHandleComplaint, kAll}, {kBusinessOffice, kRecordSurvey, kAll},
    {kBusinessOffice, kAcknowledgeReminder, kOwn}, {kBusinessOffice, kReadEvents, kAll}, {kBusinessOffice, kReadForecast, kAll},
    // general manager: overrides, second reviews, disputes
    {kGm, kOpenAccount, kAll}, {kGm, kEditAccount, kAll}, {kGm, kReadAccountFile, kAll}, {kGm, kChangeTier, kAll},
    {kGm, kChangeOwner, kAll}, {kGm, kReviewNamed, kAll}, {kGm, kRevokeNamed, kAll}, {kGm, kReviewAccount, kAll},
    {kGm, kAssessQualification, kAll}, {kGm, kReviewConflict, kAll}, {kGm, kDecideProject, kAll},
    {kGm, kRecordCreditSplit, kAll}, {kGm, kOpenComplaint, kAll}, {kGm, kHandleComplaint, kAll},
    {kGm, kAcknowledgeReminder, kOwn}, {kGm, kReadEvents, kAll}, {kGm, kReadAccessLog, kAll}, {kGm, kReadForecast, kAll},
    // product manager: told when projects are lost; sees complaints for product causes
    {kProductManager, kHandleComplaint, kOwn}, {kProductManager, kAcknowledgeReminder, kOwn},
    // information administrator: keeps account files complete
    {kInfoAdmin, kEditAccount, kAll}, {kInfoAdmin, kReadAccountFile, kAll}, {kInfoAdmin, kAcknowledgeReminder, kOwn},
    {kInfoAdmin, kReadAccessLog, kAll}, {kInfoAdmin, kReadEvents, kAll},
    // auditor: reads everything, changes nothing
    {kAuditor, kReadAccountFile, kAll}, {kAuditor, kReadEvents, kAll}, {kAuditor, kReadAccessLog, kAll},
    {kAuditor, kReadForecast, kAll},
    // admin: users, roles, org units only
    {kAdmin, kAdministerOrg, kAll},
    // the server itself
    {kSystem, kSystemAction, kAll}, {kSystem, kAdministerOrg, kAll},
};

bool Owns(const Actor& actor, const AccessSubject& s) {
  if (s.owner && *s.owner == actor.user) return true;
  return std::find(s.participants.begin(), s.participants.end(), actor.user) != s.participants.end();
}

std::optional<OrgUnitId> SubjectUnit(const OrgState& org, const AccessSubject& s) {
  if (s.unit) return s.unit;
  if (s.owner) {
    if (auto it = org.users.find(*s.owner); it != org.users.end()) return it->second.unit;
  }
  return std::nullopt;
}

bool Covers(const OrgState& org, const Actor& actor, Scope scope, const AccessSubject& s) {
  switch (scope) {
    case kNone: return false;
    case kAll: return true;
    case kOwn: return Owns(actor, s);
    case kUnit: {
      if (Owns(actor, s)) return true;
      auto unit = SubjectUnit(org, s);
      return unit && !actor.unit.empty() && IsWithin(org, *unit, actor.unit);
    }
  }
  return false;
}

bool Enabled(const OrgState& org, const Actor& actor) {
  if (actor.role == kSystem) return true;
  auto it = org.users.find(actor.user);
  // Unknown users (e.g. tests with an empty org) are judged by role alone.
  return it == org.users.end() || it->second.enabled;
}

}  // namespace

std::span<const PolicyEntry> PolicyTable() { return kPolicy; }

Scope ScopeFor(Role role, Action action) {
  for (const auto& e : kPolicy) {
    if (e.role == role && e.action == action) return e.scope;
  }
  return kNone;
}

bool MayDo(const OrgState& org, const Actor& actor, Action action, const AccessSubject& subject) {
  if (!Enabled(org, actor)) return false;
  return Covers(org, actor, ScopeFor(actor.role, action), subject);
}

Action ActionOf(const OrgCommand&) { return kAdministerOrg; }

Action ActionOf(const AccountCommand& c) {
  return std::visit(Overloaded{
                        [](const OpenAccount&) { return kOpenAccount; },
                        [](const UpdateAccountProfile&) { return kEditAccount; },
                        [](const AddAffiliate&) { return kEditAccount; },
                        [](const RemoveAffiliate&) { return kEditAccount; },
                        [](const ChangeTier&) { return kChangeTier; },
                        [](const AddKeyPerson&) { return kEditAccount; },
                        [](const UpdateKeyPerson&) { return kEditAccount; },
                        [](const ChangeOwner&) { return kChangeOwner; },
                        [](const ApplyForNamed&) { return kApplyNamed; },
                        [](const ReviewNamedApplication&) { return kReviewNamed; },
                        [](const RequestSecondReview&) { return kApplyNamed; },
                        [](const RevokeNamed&) { return kRevokeNamed; },
                        [](const RecordAccountReview&) { return kReviewAccount; },
                        [](const AssessQualification&) { return kAssessQualification; },
                        [](const ReadAccountFile&) { return kReadAccountFile; },
                    },
                    c);
}

Action ActionOf(const ProjectCommand& c) {
  return std::visit(Overloaded{
                        [](const RegisterProject&) { return kRegisterProject; },
                        [](const ReviewConflict&) { return kReviewConflict; },
                        [](const ObjectToConflict&) { return kUpdateProject; },
                        [](const RuleOnConflictObjection&) { return kReviewConflict; },
                        [](const DecideProject&) { return kDecideProject; },
                        [](const RecordCreditSplit&) { return kRecordCreditSplit; },
                        [](const UpdateProject&) { return kUpdateProject; },
                        [](const PutProjectOnHold&) { return kSystemAction; },
                        [](const RequestReactivation&) { return kReactivateProject; },
                        [](const ReviewReactivation&) { return kReviewReactivation; },
                        [](const RequestContractReview&) { return kContractReview; },
                        [](const MarkContractSigned&) { return kMarkContractSigned; },
                        [](const CloseProject&) { return kCloseProject; },
                    },
                    c);
}

Action ActionOf(const ComplaintCommand& c) {
  return std::visit(Overloaded{
                        [](const OpenComplaint&) { return kOpenComplaint; },
                        [](const AssignComplaint&) { return kHandleComplaint; },
                        [](const RecordFirstContact&) { return kHandleComplaint; },
                        [](const PlanResolution&) { return kHandleComplaint; },
                        [](const ResolveComplaint&) { return kHandleComplaint; },
                        [](const RecordFollowUp&) { return kHandleComplaint; },
                        [](const CloseComplaint&) { return kHandleComplaint; },
                        [](const ReopenComplaint&) { return kHandleComplaint; },
                        [](const CategoriseComplaint&) { return kHandleComplaint; },
                    },
                    c);
}

Action ActionOf(const VisitCommand&) { return kLogVisit; }
Action ActionOf(const SurveyCommand&) { return kRecordSurvey; }

Action ActionOf(const ReminderCommand& c) {
  return std::visit(Overloaded{
                        [](const RaiseReminder&) { return kSystemAction; },
                        [](const AcknowledgeReminder&) { return kAcknowledgeReminder; },
                        [](const CancelReminder&) { return kSystemAction; },
                    },
                    c);
}

bool MayReadAccountFile(const OrgState& org, const Actor& actor, const std::optional<UserId>& owner) {
  return MayDo(org, actor, kReadAccountFile, AccessSubject{owner, std::nullopt, {}});
}

bool MaySeeEvent(const OrgState& org, const Actor& actor, const EventVisibility& e) {
  if (!Enabled(org, actor)) return false;
  if (actor.role == kAuditor || actor.role == kGm) return true;
  if (e.is_file_read) return ScopeFor(actor.role, kReadAccessLog) != kNone;
  switch (e.stream) {
    case StreamKind::kOrg: return actor.role == kAdmin;
    case StreamKind::kReminder: return Owns(actor, e.subject);
    case StreamKind::kAccount:
    case StreamKind::kProject:
    case StreamKind::kComplaint:
    case StreamKind::kVisit:
    case StreamKind::kSurvey:
      return Covers(org, actor, ScopeFor(actor.role, kReadEvents), e.subject);
  }
  return false;
}

}  // namespace keyledger::domain
