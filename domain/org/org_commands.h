// Commands on the org stream (admin only; the server's bootstrap may act as kSystem).
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/org/org_types.h"

namespace keyledger::domain {

struct CreateOrgUnit { OrgUnitId id; std::string name; std::optional<OrgUnitId> parent; OrgUnitKind kind; };
struct AssignUnitManager { OrgUnitId unit; UserId manager; };
struct CreateUser {
  UserId id; std::string username; std::string display_name; Role role; OrgUnitId unit;
  std::string email; std::string language; std::string password_hash;
};
struct ChangeUserRole { UserId user; Role role; };
struct MoveUser { UserId user; OrgUnitId unit; };
struct DisableUser { UserId user; };
struct EnableUser { UserId user; };
struct ChangeUserPassword { UserId user; std::string password_hash; };
struct UpdateUserProfile { UserId user; std::string display_name; std::string email; std::string language; };

using OrgCommand = std::variant<CreateOrgUnit, AssignUnitManager, CreateUser, ChangeUserRole, MoveUser,
                                DisableUser, EnableUser, ChangeUserPassword, UpdateUserProfile>;

}  // namespace keyledger::domain
