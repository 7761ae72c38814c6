// The org stream: the company tree, users, managers, and the "supervisor of X" queries.
#include "domain/org/org_decider.h"

#include <algorithm>

#include "tests/domain/org_fixture.h"

namespace keyledger::domain {
namespace {

using namespace testing;

Decision<OrgEvent> When(const std::vector<OrgEvent>& given, const OrgCommand& c, const Context& ctx = Ctx(Admin())) {
  return Decide(Given<OrgState>(given), c, ctx);
}
template <class... E>
std::vector<OrgEvent> Then(E... e) {
  return {OrgEvent{std::move(e)}...};
}
CreateUser NewUser(const char* id, const char* username, const char* unit = "dept-1", Role role = Role::kSales) {
  return CreateUser{UserId{id}, username, "新人", role, OrgUnitId{unit}, "x@example.com", "en", "hash"};
}

TEST(OrgDecider, BuildsCompanyVpAreaDepartmentTree) {
  ExpectEvents(When({}, CreateOrgUnit{OrgUnitId{"hq"}, "总部", std::nullopt, OrgUnitKind::kCompany}),
               Then(OrgUnitCreated{OrgUnitId{"hq"}, "总部", std::nullopt, OrgUnitKind::kCompany}));
  ExpectEvents(When({}, CreateOrgUnit{OrgUnitId{"hq"}, "总部", std::nullopt, OrgUnitKind::kCompany}, Ctx(System())),
               Then(OrgUnitCreated{OrgUnitId{"hq"}, "总部", std::nullopt, OrgUnitKind::kCompany}));
  const auto tree = CompanyTree();
  auto unit = [&](const char* id, std::optional<const char*> parent, OrgUnitKind kind) {
    return CreateOrgUnit{OrgUnitId{id}, "x", parent ? std::optional<OrgUnitId>(OrgUnitId{*parent}) : std::nullopt, kind};
  };
  EXPECT_TRUE(When(tree, unit("dept-3", "area-2", OrgUnitKind::kDepartment)).ok());
  EXPECT_TRUE(When(tree, unit("dept-1b", "dept-1", OrgUnitKind::kDepartment)).ok());
  EXPECT_TRUE(When(tree, unit("area-3", "hq", OrgUnitKind::kVpArea)).ok());
  ExpectRejected(When(tree, unit("hq2", std::nullopt, OrgUnitKind::kCompany)), K::kValidation, "", "kind");
  ExpectRejected(When(tree, unit("area-x", "area-1", OrgUnitKind::kVpArea)), K::kValidation, "", "parent_id");
  ExpectRejected(When(tree, unit("dept-x", "hq", OrgUnitKind::kDepartment)), K::kValidation, "", "parent_id");
  ExpectRejected(When(tree, unit("dept-x", "nowhere", OrgUnitKind::kDepartment)), K::kValidation, "", "parent_id");
  ExpectRejected(When(tree, unit("dept-x", std::nullopt, OrgUnitKind::kDepartment)), K::kValidation, "", "parent_id");
  ExpectRejected(When({}, unit("hq", "x", OrgUnitKind::kCompany)), K::kValidation, "", "parent_id");
  ExpectRejected(When(tree, unit("dept-1", "area-1", OrgUnitKind::kDepartment)), K::kConflict, "unique_id");
  ExpectRejected(When(tree, CreateOrgUnit{OrgUnitId{"d"}, "", OrgUnitId{"area-1"}, OrgUnitKind::kDepartment}), K::kValidation, "", "name");
  ExpectRejected(When(tree, CreateOrgUnit{OrgUnitId{}, "n", OrgUnitId{"area-1"}, OrgUnitKind::kDepartment}), K::kValidation, "", "id");
}

TEST(OrgDecider, OnlyTheAdministratorManagesTheOrg) {
  for (const Actor& a : {Sales1(), Manager1(), Vp1(), Office(), Gm(), Auditor()}) {
    ExpectRejected(When(CompanyTree(), NewUser("u-new", "new"), Ctx(a)), K::kForbidden, "admin");
  }
}

TEST(OrgDecider, UsersAreUniqueAndNeverGetTheSystemRole) {
  const auto tree = CompanyTree();
  auto c = NewUser("u-new", "new");
  ExpectEvents(When(tree, c), Then(UserCreated{c.id, c.username, c.display_name, c.role, c.unit, c.email, c.language, c.password_hash}));
  ExpectRejected(When(tree, NewUser("u-sales1", "other")), K::kConflict, "unique_id");
  ExpectRejected(When(tree, NewUser("u-new", "u-sales1-name")), K::kConflict, "unique_username");
  ExpectRejected(When(tree, NewUser("u-new", "new", "nowhere")), K::kValidation, "", "org_unit_id");
  ExpectRejected(When(tree, NewUser("u-new", "new", "dept-1", Role::kSystem)), K::kValidation, "", "role");
  ExpectRejected(When(tree, NewUser("u-new", "")), K::kValidation, "", "username");
  ExpectRejected(When(tree, NewUser("", "new")), K::kValidation, "", "id");
}

TEST(OrgDecider, UserChangesAndTheirNoOps) {
  const auto tree = CompanyTree();
  const UserId s1{"u-sales1"};
  ExpectEvents(When(tree, ChangeUserRole{s1, Role::kManager}), Then(UserRoleChanged{s1, Role::kManager}));
  ExpectEvents(When(tree, ChangeUserRole{s1, Role::kSales}), Then());
  ExpectRejected(When(tree, ChangeUserRole{s1, Role::kSystem}), K::kValidation, "", "role");
  ExpectEvents(When(tree, MoveUser{s1, OrgUnitId{"dept-2"}}), Then(UserMoved{s1, OrgUnitId{"dept-2"}}));
  ExpectEvents(When(tree, MoveUser{s1, OrgUnitId{"dept-1"}}), Then());
  ExpectRejected(When(tree, MoveUser{s1, OrgUnitId{"nowhere"}}), K::kValidation, "", "org_unit_id");
  ExpectEvents(When(tree, EnableUser{s1}), Then());
  ExpectEvents(When(tree, DisableUser{s1}), Then(UserDisabled{s1}));
  auto disabled = tree;
  disabled.push_back(UserDisabled{s1});
  EXPECT_FALSE(Given<OrgState>(disabled).users.at(s1).enabled);
  ExpectEvents(When(disabled, DisableUser{s1}), Then());
  ExpectEvents(When(disabled, EnableUser{s1}), Then(UserEnabled{s1}));
  ExpectEvents(When(tree, ChangeUserPassword{s1, "new-hash"}), Then(UserPasswordChanged{s1, "new-hash"}));
  ExpectRejected(When(tree, ChangeUserPassword{s1, ""}), K::kValidation, "", "password");
  ExpectEvents(When(tree, UpdateUserProfile{s1, "王五", "w@x.cn", "en"}), Then(UserProfileUpdated{s1, "王五", "w@x.cn", "en"}));
  for (const OrgCommand& c : std::vector<OrgCommand>{ChangeUserRole{UserId{"ghost"}, Role::kVp}, MoveUser{UserId{"ghost"}, OrgUnitId{"hq"}},
                                                     DisableUser{UserId{"ghost"}}, EnableUser{UserId{"ghost"}},
                                                     ChangeUserPassword{UserId{"ghost"}, "h"}, UpdateUserProfile{UserId{"ghost"}, "", "", ""}}) {
    ExpectRejected(When(tree, c), K::kNotFound, "");
  }
  auto s = Given<OrgState>(Then(CompanyTree()[0], UserIn("u-x", Role::kSales, "hq"), UserProfileUpdated{UserId{"u-x"}, "甲", "a@b", "en"},
                                UserPasswordChanged{UserId{"u-x"}, "h2"}, UserMoved{UserId{"u-x"}, OrgUnitId{"hq"}}));
  EXPECT_EQ(s.users.at(UserId{"u-x"}).display_name, "甲");
  EXPECT_EQ(s.users.at(UserId{"u-x"}).language, "en");
  EXPECT_EQ(s.users.at(UserId{"u-x"}).password_hash, "h2");
  EXPECT_EQ(s.user_by_name.at("u-x-name"), UserId{"u-x"});
}

TEST(OrgDecider, UnitManagersMustBeEnabledUsers) {
  auto tree = CompanyTree();
  ExpectEvents(When(tree, AssignUnitManager{OrgUnitId{"dept-1a"}, UserId{"u-sales3"}}),
               Then(UnitManagerAssigned{OrgUnitId{"dept-1a"}, UserId{"u-sales3"}}));
  ExpectEvents(When(tree, AssignUnitManager{OrgUnitId{"dept-1"}, UserId{"u-mgr1"}}), Then());
  ExpectRejected(When(tree, AssignUnitManager{OrgUnitId{"nowhere"}, UserId{"u-mgr1"}}), K::kNotFound, "");
  ExpectRejected(When(tree, AssignUnitManager{OrgUnitId{"dept-1"}, UserId{"ghost"}}), K::kNotFound, "");
  tree.push_back(UserDisabled{UserId{"u-sales3"}});
  ExpectRejected(When(tree, AssignUnitManager{OrgUnitId{"dept-1a"}, UserId{"u-sales3"}}), K::kValidation, "", "manager");
}

TEST(OrgQueries, SupervisorOfXIsDepartmentManagerThenVp) {
  const auto org = Company();
  EXPECT_TRUE(IsWithin(org, OrgUnitId{"dept-1a"}, OrgUnitId{"area-1"}));
  EXPECT_TRUE(IsWithin(org, OrgUnitId{"dept-1"}, OrgUnitId{"dept-1"}));
  EXPECT_FALSE(IsWithin(org, OrgUnitId{"dept-1"}, OrgUnitId{"dept-1a"}));
  EXPECT_FALSE(IsWithin(org, OrgUnitId{"dept-2"}, OrgUnitId{"area-1"}));
  EXPECT_FALSE(IsWithin(org, OrgUnitId{"nowhere"}, OrgUnitId{"hq"}));
  EXPECT_EQ(VpAreaOf(org, OrgUnitId{"dept-1a"}), OrgUnitId{"area-1"});
  EXPECT_EQ(VpAreaOf(org, OrgUnitId{"hq"}), std::nullopt);
  EXPECT_EQ(DepartmentManagerOf(org, UserId{"u-sales1"}), UserId{"u-mgr1"});
  EXPECT_EQ(DepartmentManagerOf(org, UserId{"u-sales3"}), UserId{"u-mgr1"});  // sub-department without manager
  EXPECT_EQ(DepartmentManagerOf(org, UserId{"u-mgr1"}), std::nullopt);        // not their own supervisor
  EXPECT_EQ(DepartmentManagerOf(org, UserId{"u-vp1"}), std::nullopt);
  EXPECT_EQ(VpOf(org, UserId{"u-sales3"}), UserId{"u-vp1"});
  EXPECT_EQ(VpOf(org, UserId{"u-sales2"}), UserId{"u-vp2"});
  EXPECT_EQ(VpOf(org, UserId{"u-office"}), std::nullopt);
  EXPECT_EQ(GeneralManager(org), UserId{"u-gm"});
  EXPECT_EQ(SupervisorsOf(org, UserId{"u-sales1"}), (std::vector<UserId>{UserId{"u-mgr1"}, UserId{"u-vp1"}}));
  EXPECT_EQ(SupervisorsOf(org, UserId{"u-mgr1"}), (std::vector<UserId>{UserId{"u-vp1"}}));
  EXPECT_EQ(SupervisorsOf(org, UserId{"u-vp1"}), (std::vector<UserId>{}));
  EXPECT_EQ(SupervisorsOf(org, UserId{"ghost"}), (std::vector<UserId>{}));
}

TEST(OrgQueries, MovesAndDisablesChangeTheAnswers) {
  auto events = CompanyTree();
  events.push_back(UserMoved{UserId{"u-sales1"}, OrgUnitId{"dept-2"}});
  events.push_back(UserDisabled{UserId{"u-sales2"}});
  const auto org = Given<OrgState>(events);
  EXPECT_EQ(SupervisorsOf(org, UserId{"u-sales1"}), (std::vector<UserId>{UserId{"u-mgr2"}, UserId{"u-vp2"}}));
  auto sales = UsersWithRole(org, Role::kSales);
  std::sort(sales.begin(), sales.end());
  EXPECT_EQ(sales, (std::vector<UserId>{UserId{"u-sales1"}, UserId{"u-sales3"}}));
  EXPECT_EQ(UsersWithRole(org, Role::kProductManager), (std::vector<UserId>{UserId{"u-pm"}}));
}

}  // namespace
}  // namespace keyledger::domain
