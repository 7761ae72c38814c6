// The org decider: the tree of units, users and unit managers, plus read helpers over it
// ("supervisor of X" = manager of X's unit, above that the VP of the area).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/core/context.h"
#include "domain/core/rejection.h"
#include "domain/org/org_commands.h"
#include "domain/org/org_events.h"

namespace keyledger::domain {

struct OrgState {
  std::unordered_map<OrgUnitId, OrgUnit> units;
  std::unordered_map<UserId, User> users;
  std::unordered_map<std::string, UserId> user_by_name;
  std::optional<OrgUnitId> root;
};

// Admin (or kSystem for bootstrap) only → kForbidden. Unknown unit/user → kNotFound. Duplicate id
// or username → kConflict. Re-applying an identical manager assignment or enabling an enabled
// user returns no events.
Decision<OrgEvent> Decide(const OrgState& state, const OrgCommand& command, const Context& ctx);
OrgState Evolve(OrgState state, const OrgEvent& event);
void EvolveInPlace(OrgState& state, const OrgEvent& event);

// True if `unit` equals `ancestor` or lies below it. Unknown units are within nothing.
bool IsWithin(const OrgState& org, const OrgUnitId& unit, const OrgUnitId& ancestor);
// The vp_area unit containing `unit`, if any.
std::optional<OrgUnitId> VpAreaOf(const OrgState& org, const OrgUnitId& unit);
// The manager of the user's own unit (nullopt if none or if that is the user themself).
std::optional<UserId> DepartmentManagerOf(const OrgState& org, const UserId& user);
// The VP of the user's area (manager of the enclosing vp_area unit).
std::optional<UserId> VpOf(const OrgState& org, const UserId& user);
// The general manager: manager of the company root.
std::optional<UserId> GeneralManager(const OrgState& org);
// Department manager then VP, without duplicates; the escalation chain of R-P5/R-P6.
std::vector<UserId> SupervisorsOf(const OrgState& org, const UserId& user);
// Enabled users with a given role (product managers for R-P9, …), in no particular order.
std::vector<UserId> UsersWithRole(const OrgState& org, Role role);

}  // namespace keyledger::domain
