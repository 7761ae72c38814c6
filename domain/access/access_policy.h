// Who may do what (R-A9 and the roles of DOMAIN §1), as ONE table of role × action → scope, and
// pure checks over it. The server calls MayDo before Decide (403 on false), MayReadAccountFile
// before serving GET /api/accounts/{id}, and MaySeeEvent for the feed and /api/events.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "domain/account/account_commands.h"
#include "domain/complaint/complaint_commands.h"
#include "domain/core/role.h"
#include "domain/org/org_commands.h"
#include "domain/org/org_decider.h"
#include "domain/project/project_commands.h"
#include "domain/reminder/reminder_commands.h"
#include "domain/survey/survey_commands.h"
#include "domain/visit/visit_commands.h"

namespace keyledger::domain {

enum class Action {
  kAdministerOrg, kOpenAccount, kEditAccount, kReadAccountFile, kChangeTier, kChangeOwner, kApplyNamed, kReviewNamed,
  kRevokeNamed, kReviewAccount, kAssessQualification, kRegisterProject, kReviewConflict, kDecideProject, kUpdateProject,
  kRecordCreditSplit, kContractReview, kMarkContractSigned, kCloseProject, kReactivateProject, kReviewReactivation,
  kLogVisit, kRecordSurvey, kOpenComplaint, kHandleComplaint, kAcknowledgeReminder, kSystemAction, kReadEvents,
  kReadAccessLog, kReadForecast,
};
template <>
struct EnumNames<Action> {
  static constexpr std::pair<Action, std::string_view> kNames[] = {
      {Action::kAdministerOrg, "administer_org"}, {Action::kOpenAccount, "open_account"}, {Action::kEditAccount, "edit_account"},
      {Action::kReadAccountFile, "read_account_file"}, {Action::kChangeTier, "change_tier"}, {Action::kChangeOwner, "change_owner"},
      {Action::kApplyNamed, "apply_named"}, {Action::kReviewNamed, "review_named"}, {Action::kRevokeNamed, "revoke_named"},
      {Action::kReviewAccount, "review_account"}, {Action::kAssessQualification, "assess_qualification"},
      {Action::kRegisterProject, "register_project"}, {Action::kReviewConflict, "review_conflict"},
      {Action::kDecideProject, "decide_project"}, {Action::kUpdateProject, "update_project"},
      {Action::kRecordCreditSplit, "record_credit_split"}, {Action::kContractReview, "contract_review"},
      {Action::kMarkContractSigned, "mark_contract_signed"}, {Action::kCloseProject, "close_project"},
      {Action::kReactivateProject, "reactivate_project"}, {Action::kReviewReactivation, "review_reactivation"},
      {Action::kLogVisit, "log_visit"}, {Action::kRecordSurvey, "record_survey"}, {Action::kOpenComplaint, "open_complaint"},
      {Action::kHandleComplaint, "handle_complaint"}, {Action::kAcknowledgeReminder, "acknowledge_reminder"},
      {Action::kSystemAction, "system_action"}, {Action::kReadEvents, "read_events"}, {Action::kReadAccessLog, "read_access_log"},
      {Action::kReadForecast, "read_forecast"}};
};

// kOwn: the actor owns (or participates in) the subject. kUnit: the subject's unit lies in the
// actor's unit subtree (a manager's department, a VP's area). kAll: anything. Absent = kNone.
enum class Scope { kNone, kOwn, kUnit, kAll };
template <>
struct EnumNames<Scope> {
  static constexpr std::pair<Scope, std::string_view> kNames[] = {
      {Scope::kNone, "none"}, {Scope::kOwn, "own"}, {Scope::kUnit, "unit"}, {Scope::kAll, "all"}};
};

struct PolicyEntry {
  Role role;
  Action action;
  Scope scope;
};

// The whole policy. Iterate it in tests; ScopeFor reads it.
std::span<const PolicyEntry> PolicyTable();
Scope ScopeFor(Role role, Action action);

// What the access check knows about a subject: its owner, the owner's unit (resolved from the
// org tree when empty) and other participants (assignee, credit-split partner, recipients).
struct AccessSubject {
  std::optional<UserId> owner;
  std::optional<OrgUnitId> unit;
  std::vector<UserId> participants;
};

// True if the actor's scope for the action covers the subject. Disabled users may do nothing.
bool MayDo(const OrgState& org, const Actor& actor, Action action, const AccessSubject& subject);

// The action a command needs. Totally defined: every command alternative maps to one action.
Action ActionOf(const OrgCommand& c);
Action ActionOf(const AccountCommand& c);
Action ActionOf(const ProjectCommand& c);
Action ActionOf(const ComplaintCommand& c);
Action ActionOf(const VisitCommand& c);
Action ActionOf(const SurveyCommand& c);
Action ActionOf(const ReminderCommand& c);

// R-A9: may the actor read the full file of an account owned by `owner` (nullopt: a non-named
// account without owner)? Sales: only their own accounts; managers/VPs: their subtree; business
// office, GM, info admin, auditor: all; product managers and admin: none.
bool MayReadAccountFile(const OrgState& org, const Actor& actor, const std::optional<UserId>& owner);

// Which kind of stream an event came from, for MaySeeEvent.
enum class StreamKind { kOrg, kAccount, kProject, kComplaint, kVisit, kSurvey, kReminder };
struct EventVisibility {
  StreamKind stream = StreamKind::kProject;
  AccessSubject subject;  // for reminders: participants = recipients
  bool is_file_read = false;  // AccountFileRead: an access-log entry (R-U4)
};
// May the actor see this event in the live feed or /api/events? Auditor and GM see everything;
// admin sees the org stream; file reads only for auditor/gm/info_admin; reminders only their
// recipients (and auditor/gm); otherwise the actor's read scope over the subject.
bool MaySeeEvent(const OrgState& org, const Actor& actor, const EventVisibility& event);

}  // namespace keyledger::domain
