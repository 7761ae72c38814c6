// The project status machine of DOMAIN §3 as one table; Decide refuses every transition not in it.
#pragma once

#include "domain/project/project_types.h"

namespace keyledger::domain {

struct StatusTransition {
  ProjectStatus from;
  ProjectStatus to;
};

// Registered → (ConflictReview) → Approved | Deferred | Rejected; Deferred → Approved | Rejected;
// Approved → ContractSigned | Closed | OnHold. Two edges come from R-P2's own wording: a cleared
// conflict review returns to Registered, and management overturning a confirmed conflict after
// the applicant's objection returns Rejected → Registered. OnHold leads only to a NEW project (R-P8).
inline constexpr StatusTransition kProjectTransitions[] = {
    {ProjectStatus::kNone, ProjectStatus::kRegistered},
    {ProjectStatus::kRegistered, ProjectStatus::kConflictReview},
    {ProjectStatus::kConflictReview, ProjectStatus::kRegistered},
    {ProjectStatus::kConflictReview, ProjectStatus::kRejected},
    {ProjectStatus::kRegistered, ProjectStatus::kApproved},
    {ProjectStatus::kRegistered, ProjectStatus::kDeferred},
    {ProjectStatus::kRegistered, ProjectStatus::kRejected},
    {ProjectStatus::kDeferred, ProjectStatus::kApproved},
    {ProjectStatus::kDeferred, ProjectStatus::kRejected},
    {ProjectStatus::kApproved, ProjectStatus::kContractSigned},
    {ProjectStatus::kApproved, ProjectStatus::kClosed},
    {ProjectStatus::kApproved, ProjectStatus::kOnHold},
    {ProjectStatus::kRejected, ProjectStatus::kRegistered},
};

constexpr bool IsAllowedTransition(ProjectStatus from, ProjectStatus to) {
  for (const auto& t : kProjectTransitions) {
    if (t.from == from && t.to == to) return true;
  }
  return false;
}

}  // namespace keyledger::domain
