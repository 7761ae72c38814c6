// A small company tree shared by the org, access and forecast tests:
//   hq (company, GM u-gm)
//   ├── area-1 (vp_area, u-vp1) ── dept-1 (u-mgr1: u-sales1) ── dept-1a (no manager: u-sales3)
//   └── area-2 (vp_area, u-vp2) ── dept-2 (u-mgr2: u-sales2)
// plus business office, auditor, product manager, info admin and admin users at hq.
#pragma once

#include <vector>

#include "domain/org/org_decider.h"
#include "tests/domain/test_support.h"

namespace keyledger::domain::testing {

inline UserCreated UserIn(const char* id, Role role, const char* unit) {
  return UserCreated{UserId{id}, std::string(id) + "-name", std::string("名字-") + id, role, OrgUnitId{unit}, "", "zh-CN", "hash"};
}

inline std::vector<OrgEvent> CompanyTree() {
  return {
      OrgUnitCreated{OrgUnitId{"hq"}, "总部", std::nullopt, OrgUnitKind::kCompany},
      OrgUnitCreated{OrgUnitId{"area-1"}, "华南区", OrgUnitId{"hq"}, OrgUnitKind::kVpArea},
      OrgUnitCreated{OrgUnitId{"area-2"}, "华北区", OrgUnitId{"hq"}, OrgUnitKind::kVpArea},
      OrgUnitCreated{OrgUnitId{"dept-1"}, "销售一部", OrgUnitId{"area-1"}, OrgUnitKind::kDepartment},
      OrgUnitCreated{OrgUnitId{"dept-1a"}, "销售一部一组", OrgUnitId{"dept-1"}, OrgUnitKind::kDepartment},
      OrgUnitCreated{OrgUnitId{"dept-2"}, "销售二部", OrgUnitId{"area-2"}, OrgUnitKind::kDepartment},
      UserIn("u-gm", Role::kGm, "hq"),
      UserIn("u-vp1", Role::kVp, "area-1"),
      UserIn("u-vp2", Role::kVp, "area-2"),
      UserIn("u-mgr1", Role::kManager, "dept-1"),
      UserIn("u-mgr2", Role::kManager, "dept-2"),
      UserIn("u-sales1", Role::kSales, "dept-1"),
      UserIn("u-sales2", Role::kSales, "dept-2"),
      UserIn("u-sales3", Role::kSales, "dept-1a"),
      UserIn("u-office", Role::kBusinessOffice, "hq"),
      UserIn("u-audit", Role::kAuditor, "hq"),
      UserIn("u-pm", Role::kProductManager, "hq"),
      UserIn("u-info", Role::kInfoAdmin, "hq"),
      UserIn("u-admin", Role::kAdmin, "hq"),
      UnitManagerAssigned{OrgUnitId{"hq"}, UserId{"u-gm"}},
      UnitManagerAssigned{OrgUnitId{"area-1"}, UserId{"u-vp1"}},
      UnitManagerAssigned{OrgUnitId{"area-2"}, UserId{"u-vp2"}},
      UnitManagerAssigned{OrgUnitId{"dept-1"}, UserId{"u-mgr1"}},
      UnitManagerAssigned{OrgUnitId{"dept-2"}, UserId{"u-mgr2"}},
  };
}

inline OrgState Company() { return Given<OrgState>(CompanyTree()); }

inline Actor Sales3() { return {UserId{"u-sales3"}, Role::kSales, OrgUnitId{"dept-1a"}}; }
inline Actor Manager2() { return {UserId{"u-mgr2"}, Role::kManager, OrgUnitId{"dept-2"}}; }
inline Actor ProductManager() { return {UserId{"u-pm"}, Role::kProductManager, OrgUnitId{"hq"}}; }
inline Actor InfoAdmin() { return {UserId{"u-info"}, Role::kInfoAdmin, OrgUnitId{"hq"}}; }
inline Actor Admin() { return {UserId{"u-admin"}, Role::kAdmin, OrgUnitId{"hq"}}; }

}  // namespace keyledger::domain::testing
