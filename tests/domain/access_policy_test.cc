// The access policy: R-A9 (who may read a full account file), the roles of DOMAIN §1, and event
// visibility for the feed.
#include "domain/access/access_policy.h"

#include <set>
#include <utility>

#include "tests/domain/org_fixture.h"

namespace keyledger::domain {
namespace {

using namespace testing;

const UserId kSales1{"u-sales1"};
const UserId kSales2{"u-sales2"};
const UserId kSales3{"u-sales3"};

AccessSubject OwnedBy(const UserId& u) { return AccessSubject{u, std::nullopt, {}}; }

TEST(AccessPolicy, R_A9_SalespeopleReadOnlyTheirOwnAccountFiles) {
  const auto org = Company();
  EXPECT_TRUE(MayReadAccountFile(org, Sales1(), kSales1));
  EXPECT_FALSE(MayReadAccountFile(org, Sales1(), kSales2));
  EXPECT_FALSE(MayReadAccountFile(org, Sales1(), kSales3));  // same department subtree, still not theirs
  EXPECT_FALSE(MayReadAccountFile(org, Sales1(), std::nullopt));
}

TEST(AccessPolicy, R_A9_ManagersAndVpsReadTheirSubtree) {
  const auto org = Company();
  EXPECT_TRUE(MayReadAccountFile(org, Manager1(), kSales1));
  EXPECT_TRUE(MayReadAccountFile(org, Manager1(), kSales3));  // sub-department
  EXPECT_FALSE(MayReadAccountFile(org, Manager1(), kSales2));
  EXPECT_TRUE(MayReadAccountFile(org, Manager2(), kSales2));
  EXPECT_TRUE(MayReadAccountFile(org, Vp1(), kSales1));
  EXPECT_TRUE(MayReadAccountFile(org, Vp1(), kSales3));
  EXPECT_FALSE(MayReadAccountFile(org, Vp1(), kSales2));
  EXPECT_TRUE(MayReadAccountFile(org, Vp2(), kSales2));
}

TEST(AccessPolicy, R_A9_OfficeGmInfoAdminAndAuditorReadAllOthersNone) {
  const auto org = Company();
  for (const Actor& a : {Office(), Gm(), InfoAdmin(), Auditor()}) {
    EXPECT_TRUE(MayReadAccountFile(org, a, kSales2)) << NameOf(a.role);
    EXPECT_TRUE(MayReadAccountFile(org, a, std::nullopt)) << NameOf(a.role);
  }
  for (const Actor& a : {ProductManager(), Admin()}) {
    EXPECT_FALSE(MayReadAccountFile(org, a, kSales1)) << NameOf(a.role);
  }
}

TEST(AccessPolicy, R_A9_DisabledUsersMayDoNothing) {
  auto events = CompanyTree();
  events.push_back(UserDisabled{UserId{"u-mgr1"}});
  events.push_back(UserDisabled{UserId{"u-audit"}});
  const auto org = Given<OrgState>(events);
  EXPECT_FALSE(MayReadAccountFile(org, Manager1(), kSales1));
  EXPECT_FALSE(MayReadAccountFile(org, Auditor(), kSales1));
  EXPECT_FALSE(MayDo(org, Manager1(), Action::kReadEvents, OwnedBy(kSales1)));
  EXPECT_FALSE(MaySeeEvent(org, Auditor(), EventVisibility{StreamKind::kProject, OwnedBy(kSales1), false}));
  EXPECT_TRUE(MayReadAccountFile(org, Vp1(), kSales1));
}

TEST(AccessPolicy, TableHasOneRowPerRoleAndAction) {
  std::set<std::pair<Role, Action>> seen;
  for (const auto& e : PolicyTable()) {
    EXPECT_TRUE(seen.insert({e.role, e.action}).second) << NameOf(e.role) << "/" << NameOf(e.action);
    EXPECT_NE(e.scope, Scope::kNone) << "absent rows mean none; a kNone row is noise";
    EXPECT_EQ(ScopeFor(e.role, e.action), e.scope);
    EXPECT_FALSE(NameOf(e.action).empty());
  }
  EXPECT_EQ(ScopeFor(Role::kSales, Action::kDecideProject), Scope::kNone);
}

TEST(AccessPolicy, AuditorReadsEverythingAndChangesNothing) {
  const std::set<Action> reads{Action::kReadAccountFile, Action::kReadEvents, Action::kReadAccessLog, Action::kReadForecast};
  for (const auto& e : PolicyTable()) {
    if (e.role == Role::kAuditor) {
      EXPECT_TRUE(reads.contains(e.action)) << NameOf(e.action);
    }
    if (e.role == Role::kAdmin) {
      EXPECT_EQ(e.action, Action::kAdministerOrg) << "admin has no business data rights";
    }
  }
  for (Action a : reads) EXPECT_EQ(ScopeFor(Role::kAuditor, a), Scope::kAll) << NameOf(a);
  // Only the system acts for the system; only admin and system administer the org.
  for (const auto& e : PolicyTable()) {
    if (e.action == Action::kSystemAction) {
      EXPECT_EQ(e.role, Role::kSystem);
    }
    if (e.action == Action::kAdministerOrg) {
      EXPECT_TRUE(e.role == Role::kAdmin || e.role == Role::kSystem);
    }
  }
}

TEST(AccessPolicy, CommandsMapToTheirActions) {
  EXPECT_EQ(ActionOf(ProjectCommand{PutProjectOnHold{}}), Action::kSystemAction);
  EXPECT_EQ(ActionOf(ProjectCommand{DecideProject{}}), Action::kDecideProject);
  EXPECT_EQ(ActionOf(ProjectCommand{MarkContractSigned{}}), Action::kMarkContractSigned);
  EXPECT_EQ(ActionOf(ProjectCommand{ReviewReactivation{}}), Action::kReviewReactivation);
  EXPECT_EQ(ActionOf(AccountCommand{ReadAccountFile{}}), Action::kReadAccountFile);
  EXPECT_EQ(ActionOf(AccountCommand{ChangeOwner{}}), Action::kChangeOwner);
  EXPECT_EQ(ActionOf(AccountCommand{ReviewNamedApplication{}}), Action::kReviewNamed);
  EXPECT_EQ(ActionOf(ComplaintCommand{OpenComplaint{}}), Action::kOpenComplaint);
  EXPECT_EQ(ActionOf(ComplaintCommand{CloseComplaint{}}), Action::kHandleComplaint);
  EXPECT_EQ(ActionOf(ReminderCommand{RaiseReminder{}}), Action::kSystemAction);
  EXPECT_EQ(ActionOf(ReminderCommand{AcknowledgeReminder{}}), Action::kAcknowledgeReminder);
  EXPECT_EQ(ActionOf(VisitCommand{LogVisit{}}), Action::kLogVisit);
  EXPECT_EQ(ActionOf(SurveyCommand{RecordSurvey{}}), Action::kRecordSurvey);
  EXPECT_EQ(ActionOf(OrgCommand{DisableUser{}}), Action::kAdministerOrg);
}

TEST(AccessPolicy, ScopesOwnUnitAndAll) {
  const auto org = Company();
  // kOwn: the owner or a participant (credit-split partner, assignee).
  EXPECT_TRUE(MayDo(org, Sales1(), Action::kUpdateProject, OwnedBy(kSales1)));
  EXPECT_FALSE(MayDo(org, Sales1(), Action::kUpdateProject, OwnedBy(kSales2)));
  EXPECT_TRUE(MayDo(org, Sales1(), Action::kRecordCreditSplit, AccessSubject{kSales2, std::nullopt, {kSales1}}));
  // kUnit: resolved from the owner's unit, or an explicit subject unit.
  EXPECT_TRUE(MayDo(org, Vp1(), Action::kDecideProject, OwnedBy(kSales3)));
  EXPECT_FALSE(MayDo(org, Vp1(), Action::kDecideProject, OwnedBy(kSales2)));
  EXPECT_TRUE(MayDo(org, Manager2(), Action::kHandleComplaint, AccessSubject{std::nullopt, OrgUnitId{"dept-2"}, {}}));
  EXPECT_FALSE(MayDo(org, Manager2(), Action::kHandleComplaint, AccessSubject{std::nullopt, OrgUnitId{"dept-1"}, {}}));
  EXPECT_FALSE(MayDo(org, Manager1(), Action::kHandleComplaint, AccessSubject{UserId{"ghost"}, std::nullopt, {}}));
  // kAll and kNone.
  EXPECT_TRUE(MayDo(org, Gm(), Action::kDecideProject, OwnedBy(kSales2)));
  EXPECT_TRUE(MayDo(org, Office(), Action::kMarkContractSigned, OwnedBy(kSales2)));
  EXPECT_FALSE(MayDo(org, Sales1(), Action::kMarkContractSigned, OwnedBy(kSales1)));
  EXPECT_FALSE(MayDo(org, Auditor(), Action::kUpdateProject, OwnedBy(kSales1)));
  EXPECT_FALSE(MayDo(org, Admin(), Action::kOpenAccount, {}));
  EXPECT_TRUE(MayDo(org, Admin(), Action::kAdministerOrg, {}));
  EXPECT_TRUE(MayDo(org, System(), Action::kSystemAction, {}));
  EXPECT_FALSE(MayDo(org, Gm(), Action::kSystemAction, {}));
  // Unknown users (empty org) are judged by role alone.
  EXPECT_TRUE(MayDo(OrgState{}, Gm(), Action::kDecideProject, OwnedBy(kSales2)));
}

TEST(AccessPolicy, EventVisibilityForFeed) {
  const auto org = Company();
  const EventVisibility project{StreamKind::kProject, OwnedBy(kSales1), false};
  const EventVisibility file_read{StreamKind::kAccount, OwnedBy(kSales1), true};
  const EventVisibility org_event{StreamKind::kOrg, {}, false};
  const EventVisibility reminder{StreamKind::kReminder, AccessSubject{std::nullopt, std::nullopt, {kSales1, UserId{"u-mgr1"}}}, false};
  EXPECT_TRUE(MaySeeEvent(org, Sales1(), project));
  EXPECT_FALSE(MaySeeEvent(org, Sales2(), project));
  EXPECT_TRUE(MaySeeEvent(org, Manager1(), project));
  EXPECT_FALSE(MaySeeEvent(org, Manager2(), project));
  EXPECT_TRUE(MaySeeEvent(org, Vp1(), project));
  // File reads (R-U4 access log): auditor, GM and info admin only — not even the owner.
  EXPECT_TRUE(MaySeeEvent(org, Auditor(), file_read));
  EXPECT_TRUE(MaySeeEvent(org, Gm(), file_read));
  EXPECT_TRUE(MaySeeEvent(org, InfoAdmin(), file_read));
  EXPECT_FALSE(MaySeeEvent(org, Sales1(), file_read));
  EXPECT_FALSE(MaySeeEvent(org, Manager1(), file_read));
  EXPECT_FALSE(MaySeeEvent(org, Office(), file_read));
  // The org stream: admin (and auditor/GM).
  EXPECT_TRUE(MaySeeEvent(org, Admin(), org_event));
  EXPECT_TRUE(MaySeeEvent(org, Auditor(), org_event));
  EXPECT_FALSE(MaySeeEvent(org, Office(), org_event));
  EXPECT_FALSE(MaySeeEvent(org, Admin(), project));
  // Reminders: their recipients.
  EXPECT_TRUE(MaySeeEvent(org, Sales1(), reminder));
  EXPECT_TRUE(MaySeeEvent(org, Manager1(), reminder));
  EXPECT_FALSE(MaySeeEvent(org, Sales2(), reminder));
  EXPECT_FALSE(MaySeeEvent(org, Vp1(), reminder));
  EXPECT_TRUE(MaySeeEvent(org, Gm(), reminder));
}

}  // namespace
}  // namespace keyledger::domain
