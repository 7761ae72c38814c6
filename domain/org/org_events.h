// Events of the org stream.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/org/org_types.h"

namespace keyledger::domain {

// An org unit was added to the tree.
struct OrgUnitCreated { OrgUnitId id; std::string name; std::optional<OrgUnitId> parent; OrgUnitKind kind; };
// A user became the manager (VP for a vp_area, GM for the company) of a unit.
struct UnitManagerAssigned { OrgUnitId unit; UserId manager; };
// A user account was created (the password hash is opaque).
struct UserCreated {
  UserId id; std::string username; std::string display_name; Role role; OrgUnitId unit;
  std::string email; std::string language; std::string password_hash;
};
// A user's role changed.
struct UserRoleChanged { UserId user; Role role; };
// A user moved to another org unit.
struct UserMoved { UserId user; OrgUnitId unit; };
// A user may no longer sign in.
struct UserDisabled { UserId user; };
// A disabled user may sign in again.
struct UserEnabled { UserId user; };
// A user's password hash was replaced.
struct UserPasswordChanged { UserId user; std::string password_hash; };
// A user's display name, e-mail or language changed.
struct UserProfileUpdated { UserId user; std::string display_name; std::string email; std::string language; };

using OrgEvent = std::variant<OrgUnitCreated, UnitManagerAssigned, UserCreated, UserRoleChanged, UserMoved,
                              UserDisabled, UserEnabled, UserPasswordChanged, UserProfileUpdated>;

}  // namespace keyledger::domain
