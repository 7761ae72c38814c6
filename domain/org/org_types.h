// Org units and users as the org stream records them (one stream "org" for the whole company:
// the tree is small and its invariants — unique usernames, a single root — span all of it).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "domain/core/enum_names.h"
#include "domain/core/ids.h"
#include "domain/core/role.h"

namespace keyledger::domain {

enum class OrgUnitKind { kCompany, kVpArea, kDepartment };
template <>
struct EnumNames<OrgUnitKind> {
  static constexpr std::pair<OrgUnitKind, std::string_view> kNames[] = {
      {OrgUnitKind::kCompany, "company"}, {OrgUnitKind::kVpArea, "vp_area"}, {OrgUnitKind::kDepartment, "department"}};
};

struct OrgUnit {
  OrgUnitId id;
  std::string name;
  std::optional<OrgUnitId> parent;  // nullopt only for the company root
  OrgUnitKind kind = OrgUnitKind::kDepartment;
  std::optional<UserId> manager;    // department manager, or the VP of a vp_area, or the GM
};

struct User {
  UserId id;
  std::string username;
  std::string display_name;
  Role role = Role::kSales;
  OrgUnitId unit;
  bool enabled = true;
  std::string email;
  std::string language = "zh-CN";
  std::string password_hash;  // opaque: produced and checked by the server, never by the domain
};

}  // namespace keyledger::domain
