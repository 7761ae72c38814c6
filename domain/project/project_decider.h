// The project decider: one project's state and rules R-P1…R-P9 with the status machine.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/context.h"
#include "domain/core/rejection.h"
#include "domain/project/project_commands.h"
#include "domain/project/project_events.h"

namespace keyledger::domain {

struct ProjectState {
  ProjectStatus status = ProjectStatus::kNone;
  ProjectId id;
  std::string number;
  ProjectDetails details;
  UserId owner;
  OrgUnitId owner_unit;
  std::optional<UserId> approver_vp;
  Instant registered_at;
  Instant last_activity;  // approval or last update: what R-P5…R-P7 measure from
  bool needs_credit_split = false;
  std::optional<UserId> account_owner;
  std::vector<CreditShare> credit_split;
  std::vector<UserId> conflict_reviewers;
  std::vector<UserId> conflict_cleared_by;
  bool rejected_by_conflict = false;
  bool objection_pending = false;
  bool objection_ruled = false;
  bool reactivation_pending = false;
  std::optional<ProjectId> successor;    // R-P8
  std::optional<ProjectId> reactivates;  // R-P8
  bool contract_review_requested = false;
  std::string closed_reason;
  uint32_t updates = 0;
};

// Pure. Every status change is checked against kProjectTransitions (rule "status_machine").
// PutProjectOnHold returns no events when the project was updated after `measured_from` (the
// cause is gone, R-R2) or is already on hold; a premature call is an R-P7 rule violation.
Decision<ProjectEvent> Decide(const ProjectState& state, const ProjectCommand& command, const Context& ctx);
ProjectState Evolve(ProjectState state, const ProjectEvent& event);
void EvolveInPlace(ProjectState& state, const ProjectEvent& event);

}  // namespace keyledger::domain
