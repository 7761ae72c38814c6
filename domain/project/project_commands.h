// Commands on a project stream ("project-<id>"). *Facts members are filled by the command service
// from projections (org tree, account ownership, ConflictIndex), never from the request body.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/project/project_types.h"

namespace keyledger::domain {

struct RegistrationFacts {
  bool account_is_named = false;
  std::optional<UserId> account_owner;   // owner of the named account
  std::optional<UserId> registrant_vp;   // the registrant's VP: approver (R-P3)
  std::optional<UserId> gm;              // notified on a non-owner registration (R-P1)
  std::vector<ConflictHit> conflicts;    // ConflictIndex::FindConflicts result (R-P2)
  std::optional<ProjectId> reactivates;  // R-P8: the on-hold project this registration resumes
};

// R-P1/R-P2; project id = Context::new_id, owner = actor.
struct RegisterProject { ProjectDetails details; RegistrationFacts facts; };
// R-P2: the VP of an already-registered project confirms or clears the conflict.
struct ReviewConflict { bool conflict = false; std::string reason; };
// R-P2: the applicant objects to a confirmed conflict; it escalates to management (GM).
struct ObjectToConflict { std::string reason; };
struct RuleOnConflictObjection { bool uphold_conflict = true; std::string reason; };
// R-P3. On approve the number comes from Context::project_number.
struct DecideProject { ProjectDecisionKind decision; std::string reason; };
// R-P1: the agreed (or management-decided) split of responsibility and credit.
struct RecordCreditSplit { std::vector<CreditShare> shares; bool decided_by_management = false; std::string note; };
// R-P4 weekly update.
struct UpdateProject { std::string note; ProjectChanges changes; };
// R-P7, issued by the reminder engine (actor kSystem). `measured_from` is the last-update instant
// the 90 days were counted from; `causation` the reminder/tick id that triggered it.
struct PutProjectOnHold { Instant measured_from; std::string causation; };
// R-P8.
struct RequestReactivation { std::string why_not_updated; std::string why_resume; };
struct ReviewReactivation { bool accept = false; std::string reason; };
// R-P9.
struct RequestContractReview { std::string note; };
struct MarkContractSigned { Money signed_amount; Instant signed_at; };
struct CloseProject { std::string reason; };

using ProjectCommand = std::variant<RegisterProject, ReviewConflict, ObjectToConflict, RuleOnConflictObjection, DecideProject,
                                    RecordCreditSplit, UpdateProject, PutProjectOnHold, RequestReactivation,
                                    ReviewReactivation, RequestContractReview, MarkContractSigned, CloseProject>;

}  // namespace keyledger::domain
