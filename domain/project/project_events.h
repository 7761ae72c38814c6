// Events of a project stream ("project-<id>"). See docs/event_catalogue.md.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/project/project_types.h"

namespace keyledger::domain {

// R-P1: a project was registered by `owner`; approver_vp will decide (R-P3).
struct ProjectRegistered {
  ProjectId project; ProjectDetails details; UserId owner; OrgUnitId owner_unit;
  std::optional<UserId> approver_vp; std::optional<ProjectId> reactivates; Instant at;
};
// R-P1: registered under someone else's named account: VP and GM notified, a credit split is due.
struct NonOwnerRegistrationNotified { UserId account_owner; std::vector<UserId> notified; };
// R-P2: possible conflicts found; the listed VPs must confirm or clear.
struct ConflictReviewOpened { std::vector<ConflictHit> hits; std::vector<UserId> reviewers; };
// R-P2: one reviewer's verdict.
struct ConflictReviewed { UserId reviewer; bool conflict; std::string reason; };
// R-P2: every reviewer cleared the conflict; the project goes on to approval.
struct ConflictCleared {};
// R-P2: the applicant objected to a confirmed conflict (escalated to management).
struct ConflictObjectionRaised { UserId by; std::string reason; };
// R-P2: management ruled on the objection; overturned → back to registered.
struct ConflictObjectionRuled { UserId by; bool upheld; std::string reason; };
// R-P3: approved (立项) with the business office's project number.
struct ProjectApproved { UserId by; std::string number; std::string reason; Instant at; };
// R-P3: deferred (暂缓), more information needed.
struct ProjectDeferred { UserId by; std::string reason; };
// R-P3/R-P2: rejected (不予立项); rule says whether by decision (R-P3) or confirmed conflict (R-P2).
struct ProjectRejected { UserId by; std::string reason; std::string rule; };
// R-P1: split of responsibility and credit between the salespeople.
struct CreditSplitRecorded { std::vector<CreditShare> shares; bool decided_by_management; UserId recorded_by; std::string note; };
// R-P4: the owner's weekly update.
struct ProjectUpdated { std::string note; ProjectChanges changes; Instant at; };
// R-P7: the system set the project on hold after 90 days without update.
struct ProjectPutOnHold { Instant measured_from; std::string causation; };
// R-P8: the owner asked to resume.
struct ReactivationRequested { std::string why_not_updated; std::string why_resume; };
// R-P8: the business office accepted; `successor` is the new registration's project id.
struct ReactivationAccepted { UserId by; ProjectId successor; std::string reason; };
// R-P8: the business office declined.
struct ReactivationDeclined { UserId by; std::string reason; };
// R-P9: the owner asked for contract review.
struct ContractReviewRequested { std::string note; };
// R-P9: the business office set Contract Signed (签署合同).
struct ContractSigned { UserId by; Money signed_amount; Instant signed_at; };
// R-P9: the owner closed the project as lost (项目结束); the manager and product managers are told.
struct ProjectClosed { std::string reason; };

using ProjectEvent = std::variant<ProjectRegistered, NonOwnerRegistrationNotified, ConflictReviewOpened, ConflictReviewed,
                                  ConflictCleared, ConflictObjectionRaised, ConflictObjectionRuled, ProjectApproved,
                                  ProjectDeferred, ProjectRejected, CreditSplitRecorded, ProjectUpdated, ProjectPutOnHold,
                                  ReactivationRequested, ReactivationAccepted, ReactivationDeclined,
                                  ContractReviewRequested, ContractSigned, ProjectClosed>;

}  // namespace keyledger::domain
