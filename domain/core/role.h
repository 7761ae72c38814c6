// Roles of API.md. kSystem is the server acting on its own (reminders, on-hold); it is never
// assigned to a user.
#pragma once

#include <string_view>
#include <utility>

#include "domain/core/enum_names.h"
#include "domain/core/ids.h"

namespace keyledger::domain {

enum class Role { kSales, kManager, kVp, kBusinessOffice, kGm, kProductManager, kInfoAdmin, kAuditor, kAdmin, kSystem };

template <>
struct EnumNames<Role> {
  static constexpr std::pair<Role, std::string_view> kNames[] = {
      {Role::kSales, "sales"},       {Role::kManager, "manager"},
      {Role::kVp, "vp"},             {Role::kBusinessOffice, "business_office"},
      {Role::kGm, "gm"},             {Role::kProductManager, "product_manager"},
      {Role::kInfoAdmin, "info_admin"}, {Role::kAuditor, "auditor"},
      {Role::kAdmin, "admin"},       {Role::kSystem, "system"}};
};

// Who issues a command: the authenticated user as the server resolved them at request time.
struct Actor {
  UserId user;
  Role role = Role::kSales;
  OrgUnitId unit;
};

// Management in the sense of R-A3/R-P1 ("management decides"): manager, VP or general manager.
constexpr bool IsManagement(Role r) { return r == Role::kManager || r == Role::kVp || r == Role::kGm; }

}  // namespace keyledger::domain
