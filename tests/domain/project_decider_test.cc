// Project rules R-P1…R-P9 and the project status machine of DOMAIN §3.
#include "domain/project/project_decider.h"

#include <set>
#include <utility>

#include "domain/core/calendar.h"
#include "domain/project/project_status.h"
#include "tests/domain/test_support.h"

namespace keyledger::domain {
namespace {

using namespace testing;
using S = ProjectStatus;

const ProjectId kP1{"p-1"};
const char* const kNumber = "XM-2026-0001";

ProjectDetails Details() {
  ProjectDetails d;
  d.name = "南方电网光缆扩容";
  d.account = AccountId{"acc-1"};
  d.customer_name = "华为技术有限公司";
  d.end_user = "深圳供电局";
  d.products = "光缆";
  d.contract_amount = Yuan(1'000'000);
  d.win_probability = 60;
  d.margin = 20;
  d.expected_signing = kT0 + Days(40);
  d.stage = "方案";
  return d;
}

RegistrationFacts Facts() {
  RegistrationFacts f;
  f.registrant_vp = Vp1().user;
  f.gm = Gm().user;
  return f;
}

ProjectRegistered Registered(std::optional<ProjectId> reactivates = std::nullopt) {
  return ProjectRegistered{kP1, Details(), Sales1().user, Sales1().unit, Vp1().user, std::move(reactivates), kT0};
}
ConflictHit Hit(const char* project = "p-9", UserId owner = Sales2().user, std::optional<UserId> vp = Vp2().user,
                ConflictReason reason = ConflictReason::kSameCustomer) {
  return ConflictHit{ProjectId{project}, std::move(owner), std::move(vp), reason};
}

std::vector<ProjectEvent> InRegistered() { return {Registered()}; }
std::vector<ProjectEvent> InConflictReview(std::vector<UserId> reviewers = {Vp2().user}) {
  return {Registered(), ConflictReviewOpened{{Hit()}, std::move(reviewers)}};
}
std::vector<ProjectEvent> InApproved() { return {Registered(), ProjectApproved{Vp1().user, kNumber, "立项", kT0}}; }
std::vector<ProjectEvent> InDeferred() { return {Registered(), ProjectDeferred{Vp1().user, "补充材料"}}; }
std::vector<ProjectEvent> InRejected() { return {Registered(), ProjectRejected{Vp1().user, "不予立项", "R-P3"}}; }
std::vector<ProjectEvent> InConflictRejected() {
  auto e = InConflictReview();
  e.push_back(ConflictReviewed{Vp2().user, true, "同一客户"});
  e.push_back(ProjectRejected{Vp2().user, "同一客户", "R-P2"});
  return e;
}
std::vector<ProjectEvent> InContractSigned() {
  auto e = InApproved();
  e.push_back(ContractReviewRequested{"合同评审"});
  e.push_back(ContractSigned{Office().user, Yuan(900'000), kT0 + Days(20)});
  return e;
}
std::vector<ProjectEvent> InClosed() {
  auto e = InApproved();
  e.push_back(ProjectClosed{"客户取消"});
  return e;
}
std::vector<ProjectEvent> InOnHold() {
  auto e = InApproved();
  e.push_back(ProjectPutOnHold{kT0, "tick-1"});
  return e;
}

Decision<ProjectEvent> When(const std::vector<ProjectEvent>& given, const ProjectCommand& c, const Context& ctx) {
  return Decide(Given<ProjectState>(given), c, ctx);
}
template <class... E>
std::vector<ProjectEvent> Then(E... e) {
  return {ProjectEvent{std::move(e)}...};
}
ProjectState After(std::vector<ProjectEvent> given, const Decision<ProjectEvent>& d) {
  EXPECT_TRUE(d.ok());
  if (d.ok()) given.insert(given.end(), d.value().begin(), d.value().end());
  return Given<ProjectState>(given);
}

// ---- R-P1 registration ----------------------------------------------------------------------

TEST(ProjectDecider, R_P1_OwnerRegistersProjectForVpApproval) {
  auto d = When({}, RegisterProject{Details(), Facts()}, Ctx(Sales1(), kT0, "p-1"));
  ExpectEvents(d, Then(Registered()));
  auto s = After({}, d);
  EXPECT_EQ(s.status, S::kRegistered);
  EXPECT_EQ(s.owner, Sales1().user);
  EXPECT_EQ(s.approver_vp, Vp1().user);
  EXPECT_EQ(s.last_activity, kT0);
  EXPECT_FALSE(s.needs_credit_split);
  // The owner of the named account registering under it: no notification, no split.
  RegistrationFacts own = Facts();
  own.account_is_named = true;
  own.account_owner = Sales1().user;
  ExpectEvents(When({}, RegisterProject{Details(), own}, Ctx(Sales1(), kT0, "p-1")), Then(Registered()));
}

TEST(ProjectDecider, R_P1_RegistrationRefusals) {
  ExpectRejected(When({}, RegisterProject{Details(), Facts()}, Ctx(Vp1(), kT0, "p-1")), K::kForbidden, "R-P1");
  ExpectRejected(When({}, RegisterProject{Details(), Facts()}, Ctx(Office(), kT0, "p-1")), K::kForbidden, "R-P1");
  ProjectDetails unnamed = Details();
  unnamed.name = "";
  ExpectRejected(When({}, RegisterProject{unnamed, Facts()}, Ctx(Sales1(), kT0, "p-1")), K::kValidation, "R-P1", "name");
  ProjectDetails no_account = Details();
  no_account.account = AccountId{};
  ExpectRejected(When({}, RegisterProject{no_account, Facts()}, Ctx(Sales1(), kT0, "p-1")), K::kValidation, "R-P1", "account_id");
  ProjectDetails bad_pct = Details();
  bad_pct.win_probability = 101;
  ExpectRejected(When({}, RegisterProject{bad_pct, Facts()}, Ctx(Sales1(), kT0, "p-1")), K::kValidation, "", "win_probability");
  bad_pct = Details();
  bad_pct.margin = -1;
  ExpectRejected(When({}, RegisterProject{bad_pct, Facts()}, Ctx(Sales1(), kT0, "p-1")), K::kValidation, "", "margin");
  ProjectDetails negative = Details();
  negative.contract_amount = Money{-1};
  ExpectRejected(When({}, RegisterProject{negative, Facts()}, Ctx(Sales1(), kT0, "p-1")), K::kValidation, "", "contract_amount");
  ExpectRejected(When({}, RegisterProject{Details(), Facts()}, Ctx(Sales1(), kT0, "")), K::kValidation, "", "id");
  RegistrationFacts no_vp = Facts();
  no_vp.registrant_vp.reset();
  ExpectRejected(When({}, RegisterProject{Details(), no_vp}, Ctx(Sales1(), kT0, "p-1")), K::kRuleViolation, "R-P3");
  ExpectRejected(When(InRegistered(), RegisterProject{Details(), Facts()}, Ctx(Sales1(), kT0, "p-1")), K::kConflict, "unique_id");
  ExpectRejected(When({}, UpdateProject{"x", {}}, Ctx(Sales1())), K::kNotFound, "");
}

TEST(ProjectDecider, R_P1_NonOwnerRegistrationNotifiesVpAndGm) {
  RegistrationFacts f = Facts();
  f.account_is_named = true;
  f.account_owner = Sales2().user;
  auto d = When({}, RegisterProject{Details(), f}, Ctx(Sales1(), kT0, "p-1"));
  ExpectEvents(d, Then(Registered(), NonOwnerRegistrationNotified{Sales2().user, {Vp1().user, Gm().user}}));
  auto s = After({}, d);
  EXPECT_TRUE(s.needs_credit_split);
  EXPECT_EQ(s.account_owner, Sales2().user);
  // No separate GM known (or the GM is the VP): only the VP is told.
  f.gm.reset();
  ExpectEvents(When({}, RegisterProject{Details(), f}, Ctx(Sales1(), kT0, "p-1")),
               Then(Registered(), NonOwnerRegistrationNotified{Sales2().user, {Vp1().user}}));
}

TEST(ProjectDecider, R_P1_CreditSplitRequiredBeforeApprovalAndRecordedAsEvent) {
  std::vector<ProjectEvent> given{Registered(), NonOwnerRegistrationNotified{Sales2().user, {Vp1().user, Gm().user}}};
  ExpectRejected(When(given, DecideProject{ProjectDecisionKind::kApprove, ""}, Ctx(Vp1(), kT0, "", kNumber)), K::kRuleViolation, "R-P1");
  const std::vector<CreditShare> split{{Sales1().user, 60}, {Sales2().user, 40}};
  // Agreed between the two salespeople: either may record it.
  ExpectEvents(When(given, RecordCreditSplit{split, false, "协商一致"}, Ctx(Sales2())),
               Then(CreditSplitRecorded{split, false, Sales2().user, "协商一致"}));
  ExpectRejected(When(given, RecordCreditSplit{split, false, "x"}, Ctx(Manager1())), K::kForbidden, "R-P1");
  // Management decides when they cannot agree, and the VP records it.
  ExpectRejected(When(given, RecordCreditSplit{split, true, "x"}, Ctx(Sales1())), K::kForbidden, "R-P1");
  ExpectEvents(When(given, RecordCreditSplit{split, true, "管理层决定"}, Ctx(Vp1())),
               Then(CreditSplitRecorded{split, true, Vp1().user, "管理层决定"}));
  ExpectRejected(When(given, RecordCreditSplit{{{Sales1().user, 60}, {Sales2().user, 30}}, false, ""}, Ctx(Sales1())),
                 K::kValidation, "R-P1", "shares");
  ExpectRejected(When(given, RecordCreditSplit{{{Sales1().user, 120}, {Sales2().user, -20}}, false, ""}, Ctx(Sales1())),
                 K::kValidation, "R-P1", "shares");
  ExpectRejected(When(given, RecordCreditSplit{{{Sales1().user, 50}, {Manager1().user, 50}}, false, ""}, Ctx(Sales1())),
                 K::kValidation, "R-P1", "shares");
  ExpectRejected(When(InRegistered(), RecordCreditSplit{split, false, ""}, Ctx(Sales1())), K::kRuleViolation, "R-P1");
  given.push_back(CreditSplitRecorded{split, false, Sales2().user, "协商一致"});
  EXPECT_EQ(Given<ProjectState>(given).credit_split, split);
  ExpectEvents(When(given, DecideProject{ProjectDecisionKind::kApprove, "同意"}, Ctx(Vp1(), kT0 + Days(1), "", kNumber)),
               Then(ProjectApproved{Vp1().user, kNumber, "同意", kT0 + Days(1)}));
}

// ---- R-P2 conflict detection -----------------------------------------------------------------

TEST(ProjectDecider, R_P2_PossibleConflictGoesToVpOfExistingProject) {
  RegistrationFacts f = Facts();
  f.conflicts = {Hit("p-9"), Hit("p-8", Sales2().user, Vp2().user, ConflictReason::kAffiliate),
                 Hit("p-7", UserId{"u-sales3"}, std::nullopt, ConflictReason::kSameEndUser),
                 Hit("p-6", Sales1().user, Vp1().user)};  // the registrant's own project: never a conflict
  auto d = When({}, RegisterProject{Details(), f}, Ctx(Sales1(), kT0, "p-1"));
  // One reviewer per distinct VP; a hit without VP goes to the registrant's VP.
  ExpectEvents(d, Then(Registered(), ConflictReviewOpened{{Hit("p-9"), Hit("p-8", Sales2().user, Vp2().user, ConflictReason::kAffiliate),
                                                            Hit("p-7", UserId{"u-sales3"}, std::nullopt, ConflictReason::kSameEndUser)},
                                                           {Vp2().user, Vp1().user}}));
  EXPECT_EQ(After({}, d).status, S::kConflictReview);
  f.conflicts = {Hit("p-6", Sales1().user, Vp1().user)};
  ExpectEvents(When({}, RegisterProject{Details(), f}, Ctx(Sales1(), kT0, "p-1")), Then(Registered()));
}

TEST(ProjectDecider, R_P2_ClearedByEveryReviewerGoesOnToApproval) {
  auto given = InConflictReview({Vp2().user, Vp1().user});
  ExpectRejected(When(given, ReviewConflict{false, ""}, Ctx(Manager1())), K::kForbidden, "R-P2");
  ExpectRejected(When(given, DecideProject{ProjectDecisionKind::kApprove, ""}, Ctx(Vp1(), kT0, "", kNumber)), K::kRuleViolation, "R-P2");
  ExpectRejected(When(given, DecideProject{ProjectDecisionKind::kApprove, ""}, Ctx(Gm(), kT0, "", kNumber)), K::kRuleViolation, "R-P2");
  ExpectEvents(When(given, ReviewConflict{false, "不同项目"}, Ctx(Vp2())), Then(ConflictReviewed{Vp2().user, false, "不同项目"}));
  given.push_back(ConflictReviewed{Vp2().user, false, "不同项目"});
  EXPECT_EQ(Given<ProjectState>(given).status, S::kConflictReview);
  ExpectEvents(When(given, ReviewConflict{false, "again"}, Ctx(Vp2())), Then());  // already cleared: no-op
  auto d = When(given, ReviewConflict{false, ""}, Ctx(Vp1()));
  ExpectEvents(d, Then(ConflictReviewed{Vp1().user, false, ""}, ConflictCleared{}));
  EXPECT_EQ(After(given, d).status, S::kRegistered);
  ExpectRejected(When(InRegistered(), ReviewConflict{false, ""}, Ctx(Vp2())), K::kRuleViolation, "R-P2");
}

TEST(ProjectDecider, R_P2_ConfirmedConflictRejectsRegistration) {
  ExpectRejected(When(InConflictReview(), ReviewConflict{true, ""}, Ctx(Vp2())), K::kValidation, "R-P2", "reason");
  auto d = When(InConflictReview(), ReviewConflict{true, "同一客户"}, Ctx(Vp2()));
  ExpectEvents(d, Then(ConflictReviewed{Vp2().user, true, "同一客户"}, ProjectRejected{Vp2().user, "同一客户", "R-P2"}));
  auto s = After(InConflictReview(), d);
  EXPECT_EQ(s.status, S::kRejected);
  EXPECT_TRUE(s.rejected_by_conflict);
}

TEST(ProjectDecider, R_P2_ApplicantMayObjectAndManagementRules) {
  auto given = InConflictRejected();
  ExpectRejected(When(given, ObjectToConflict{"不是同一项目"}, Ctx(Sales2())), K::kForbidden, "R-P2");
  ExpectRejected(When(given, ObjectToConflict{""}, Ctx(Sales1())), K::kValidation, "R-P2", "reason");
  ExpectRejected(When(InRejected(), ObjectToConflict{"x"}, Ctx(Sales1())), K::kRuleViolation, "R-P2");
  ExpectRejected(When(given, RuleOnConflictObjection{false, "x"}, Ctx(Gm())), K::kRuleViolation, "R-P2");
  ExpectEvents(When(given, ObjectToConflict{"不是同一项目"}, Ctx(Sales1())), Then(ConflictObjectionRaised{Sales1().user, "不是同一项目"}));
  given.push_back(ConflictObjectionRaised{Sales1().user, "不是同一项目"});
  ExpectRejected(When(given, ObjectToConflict{"again"}, Ctx(Sales1())), K::kRuleViolation, "R-P2");
  ExpectRejected(When(given, RuleOnConflictObjection{false, "x"}, Ctx(Vp1())), K::kForbidden, "R-P2");
  ExpectRejected(When(given, RuleOnConflictObjection{false, ""}, Ctx(Gm())), K::kValidation, "R-P2", "reason");
  // Upheld: stays rejected, and no second objection.
  auto upheld = When(given, RuleOnConflictObjection{true, "维持"}, Ctx(Gm()));
  ExpectEvents(upheld, Then(ConflictObjectionRuled{Gm().user, true, "维持"}));
  auto s = After(given, upheld);
  EXPECT_EQ(s.status, S::kRejected);
  auto after_upheld = given;
  after_upheld.push_back(ConflictObjectionRuled{Gm().user, true, "维持"});
  ExpectRejected(When(after_upheld, ObjectToConflict{"再议"}, Ctx(Sales1())), K::kRuleViolation, "R-P2");
  // Overturned: back to registered and on to approval.
  auto overturned = When(given, RuleOnConflictObjection{false, "不构成冲突"}, Ctx(Gm()));
  ExpectEvents(overturned, Then(ConflictObjectionRuled{Gm().user, false, "不构成冲突"}));
  s = After(given, overturned);
  EXPECT_EQ(s.status, S::kRegistered);
  EXPECT_FALSE(s.rejected_by_conflict);
  auto back = given;
  back.push_back(ConflictObjectionRuled{Gm().user, false, "不构成冲突"});
  EXPECT_TRUE(When(back, DecideProject{ProjectDecisionKind::kApprove, ""}, Ctx(Vp1(), kT0, "", kNumber)).ok());
}

// ---- R-P3 approval --------------------------------------------------------------------------

TEST(ProjectDecider, R_P3_VpApprovesAndNumberIsAssigned) {
  auto d = When(InRegistered(), DecideProject{ProjectDecisionKind::kApprove, "立项"}, Ctx(Vp1(), kT0 + Days(2), "", kNumber));
  ExpectEvents(d, Then(ProjectApproved{Vp1().user, kNumber, "立项", kT0 + Days(2)}));
  auto s = After(InRegistered(), d);
  EXPECT_EQ(s.status, S::kApproved);
  EXPECT_EQ(s.number, kNumber);
  EXPECT_EQ(s.last_activity, kT0 + Days(2));  // stale clocks (R-P5…R-P7) start at approval
  // The general manager may override.
  EXPECT_TRUE(When(InRegistered(), DecideProject{ProjectDecisionKind::kApprove, ""}, Ctx(Gm(), kT0, "", kNumber)).ok());
}

TEST(ProjectDecider, R_P3_OnlyTheApplicantsVpDecidesAndNumberIsNeeded) {
  ExpectRejected(When(InRegistered(), DecideProject{ProjectDecisionKind::kApprove, ""}, Ctx(Vp2(), kT0, "", kNumber)), K::kForbidden, "R-P3");
  ExpectRejected(When(InRegistered(), DecideProject{ProjectDecisionKind::kApprove, ""}, Ctx(Sales1(), kT0, "", kNumber)), K::kForbidden, "R-P3");
  ExpectRejected(When(InRegistered(), DecideProject{ProjectDecisionKind::kApprove, ""}, Ctx(Office(), kT0, "", kNumber)), K::kForbidden, "R-P3");
  ExpectRejected(When(InRegistered(), DecideProject{ProjectDecisionKind::kApprove, ""}, Ctx(Vp1(), kT0, "", "")),
                 K::kValidation, "R-P3", "project_number");
}

TEST(ProjectDecider, R_P3_DeferAndRejectCarryAReason) {
  ExpectRejected(When(InRegistered(), DecideProject{ProjectDecisionKind::kDefer, ""}, Ctx(Vp1())), K::kValidation, "R-P3", "reason");
  ExpectRejected(When(InRegistered(), DecideProject{ProjectDecisionKind::kReject, ""}, Ctx(Vp1())), K::kValidation, "R-P3", "reason");
  auto deferred = When(InRegistered(), DecideProject{ProjectDecisionKind::kDefer, "补充材料"}, Ctx(Vp1()));
  ExpectEvents(deferred, Then(ProjectDeferred{Vp1().user, "补充材料"}));
  EXPECT_EQ(After(InRegistered(), deferred).status, S::kDeferred);
  auto rejected = When(InRegistered(), DecideProject{ProjectDecisionKind::kReject, "不予立项"}, Ctx(Vp1()));
  ExpectEvents(rejected, Then(ProjectRejected{Vp1().user, "不予立项", "R-P3"}));
  auto s = After(InRegistered(), rejected);
  EXPECT_EQ(s.status, S::kRejected);
  EXPECT_FALSE(s.rejected_by_conflict);
  // A deferred project comes back to the VP.
  ExpectEvents(When(InDeferred(), DecideProject{ProjectDecisionKind::kApprove, "材料齐全"}, Ctx(Vp1(), kT0, "", kNumber)),
               Then(ProjectApproved{Vp1().user, kNumber, "材料齐全", kT0}));
  ExpectEvents(When(InDeferred(), DecideProject{ProjectDecisionKind::kReject, "仍不满足"}, Ctx(Vp1())),
               Then(ProjectRejected{Vp1().user, "仍不满足", "R-P3"}));
}

// ---- R-P4 weekly update ---------------------------------------------------------------------

TEST(ProjectDecider, R_P4_OwnerUpdatesAndChangesApply) {
  ProjectChanges c;
  c.win_probability = 80;
  c.contract_amount = Yuan(1'200'000);
  c.stage = "商务谈判";
  auto d = When(InApproved(), UpdateProject{"客户确认方案", c}, Ctx(Sales1(), kT0 + Days(6)));
  ExpectEvents(d, Then(ProjectUpdated{"客户确认方案", c, kT0 + Days(6)}));
  auto s = After(InApproved(), d);
  EXPECT_EQ(s.details.win_probability, 80);
  EXPECT_EQ(s.details.contract_amount, Yuan(1'200'000));
  EXPECT_EQ(s.details.stage, "商务谈判");
  EXPECT_EQ(s.details.margin, 20);  // unset fields unchanged
  EXPECT_EQ(s.details.products, "光缆");
  EXPECT_EQ(s.updates, 1u);
  EXPECT_EQ(s.last_activity, kT0 + Days(6));
  // Updates are also taken before approval (registered, deferred).
  EXPECT_TRUE(When(InRegistered(), UpdateProject{"进展", {}}, Ctx(Sales1())).ok());
  EXPECT_TRUE(When(InDeferred(), UpdateProject{"补充", {}}, Ctx(Sales1())).ok());
}

TEST(ProjectDecider, R_P4_UpdateRefusals) {
  ExpectRejected(When(InApproved(), UpdateProject{"x", {}}, Ctx(Sales2())), K::kForbidden, "R-P4");
  ExpectRejected(When(InApproved(), UpdateProject{"x", {}}, Ctx(Manager1())), K::kForbidden, "R-P4");
  ExpectRejected(When(InApproved(), UpdateProject{"", {}}, Ctx(Sales1())), K::kValidation, "R-P4", "note");
  ProjectChanges bad;
  bad.win_probability = 101;
  ExpectRejected(When(InApproved(), UpdateProject{"x", bad}, Ctx(Sales1())), K::kValidation, "", "win_probability");
  bad = {};
  bad.margin = -5;
  ExpectRejected(When(InApproved(), UpdateProject{"x", bad}, Ctx(Sales1())), K::kValidation, "", "margin");
  bad = {};
  bad.contract_amount = Money{-100};
  ExpectRejected(When(InApproved(), UpdateProject{"x", bad}, Ctx(Sales1())), K::kValidation, "", "contract_amount");
  ExpectRejected(When(InClosed(), UpdateProject{"x", {}}, Ctx(Sales1())), K::kRuleViolation, "R-P4");
  ExpectRejected(When(InContractSigned(), UpdateProject{"x", {}}, Ctx(Sales1())), K::kRuleViolation, "R-P4");
  ExpectRejected(When(InRejected(), UpdateProject{"x", {}}, Ctx(Sales1())), K::kRuleViolation, "R-P4");
  ExpectRejected(When(InOnHold(), UpdateProject{"x", {}}, Ctx(Sales1())), K::kRuleViolation, "R-P8");
}

// ---- R-P5 / R-P6: stale due times are measured from the last activity -------------------------

TEST(ProjectDecider, R_P5_TwoWeeksWithoutUpdateIsDueFromLastActivity) {
  auto given = InApproved();
  given.push_back(ProjectUpdated{"进展", {}, kT0 + Days(10)});
  const auto s = Given<ProjectState>(given);
  const auto due = StaleDueTimesFrom(s.last_activity, DefaultConfig());
  EXPECT_EQ(due.two_weeks, kT0 + Days(24));
  DomainConfig cfg;
  cfg.stale_reminder = std::chrono::days{7};
  EXPECT_EQ(StaleDueTimesFrom(s.last_activity, cfg).two_weeks, kT0 + Days(17));
}

TEST(ProjectDecider, R_P6_OneMonthWithoutUpdateIsDueFromLastActivity) {
  const auto s = Given<ProjectState>(InApproved());
  const auto due = StaleDueTimesFrom(s.last_activity, DefaultConfig());
  EXPECT_EQ(due.one_month, kT0 + Days(30));
  EXPECT_LT(due.two_weeks, due.one_month);
  EXPECT_LT(due.one_month, due.on_hold);
}

// ---- R-P7 on hold ---------------------------------------------------------------------------

TEST(ProjectDecider, R_P7_SystemPutsProjectOnHoldAfterNinetyDays) {
  auto d = When(InApproved(), PutProjectOnHold{kT0, "tick-7"}, Ctx(System(), kT0 + Days(90)));
  ExpectEvents(d, Then(ProjectPutOnHold{kT0, "tick-7"}));
  EXPECT_EQ(After(InApproved(), d).status, S::kOnHold);
  EXPECT_EQ(StaleDueTimesFrom(kT0, DefaultConfig()).on_hold, kT0 + Days(90));
}

TEST(ProjectDecider, R_P7_OnHoldRefusalsAndNoOps) {
  ExpectRejected(When(InApproved(), PutProjectOnHold{kT0, "t"}, Ctx(Sales1(), kT0 + Days(90))), K::kForbidden, "R-P7");
  ExpectRejected(When(InApproved(), PutProjectOnHold{kT0, "t"}, Ctx(Gm(), kT0 + Days(90))), K::kForbidden, "R-P7");
  ExpectRejected(When(InApproved(), PutProjectOnHold{kT0, "t"}, Ctx(System(), kT0 + Days(90) - Micros(1))), K::kRuleViolation, "R-P7");
  // Updated after the instant the 90 days were measured from: the cause is gone (R-R2).
  auto updated = InApproved();
  updated.push_back(ProjectUpdated{"更新", {}, kT0 + Days(5)});
  ExpectEvents(When(updated, PutProjectOnHold{kT0, "t"}, Ctx(System(), kT0 + Days(90))), Then());
  ExpectEvents(When(InOnHold(), PutProjectOnHold{kT0, "t"}, Ctx(System(), kT0 + Days(91))), Then());
  // The threshold comes from configuration.
  DomainConfig cfg;
  cfg.stale_on_hold = std::chrono::days{10};
  Context c = Ctx(System(), kT0 + Days(10));
  c.config = &cfg;
  EXPECT_TRUE(When(InApproved(), PutProjectOnHold{kT0, "t"}, c).ok());
}

// ---- R-P8 reactivation ----------------------------------------------------------------------

TEST(ProjectDecider, R_P8_ReactivationIsReviewedAndRegisteredAnew) {
  ExpectEvents(When(InOnHold(), RequestReactivation{"出差", "客户重启招标"}, Ctx(Sales1())),
               Then(ReactivationRequested{"出差", "客户重启招标"}));
  auto given = InOnHold();
  given.push_back(ReactivationRequested{"出差", "客户重启招标"});
  EXPECT_TRUE(Given<ProjectState>(given).reactivation_pending);
  auto d = When(given, ReviewReactivation{true, "理由充分"}, Ctx(Office(), kT0, "p-2"));
  ExpectEvents(d, Then(ReactivationAccepted{Office().user, ProjectId{"p-2"}, "理由充分"}));
  auto s = After(given, d);
  EXPECT_EQ(s.successor, ProjectId{"p-2"});
  EXPECT_EQ(s.status, S::kOnHold);  // the old project stays on hold; the successor is a new one
  // The successor is a new registration with its own conflict check.
  RegistrationFacts f = Facts();
  f.reactivates = kP1;
  f.conflicts = {Hit()};
  auto reg = Decide(ProjectState{}, RegisterProject{Details(), f}, Ctx(Sales1(), kT0, "p-2"));
  ExpectEvents(reg, Then(ProjectRegistered{ProjectId{"p-2"}, Details(), Sales1().user, Sales1().unit, Vp1().user, kP1, kT0},
                         ConflictReviewOpened{{Hit()}, {Vp2().user}}));
  given.push_back(ReactivationAccepted{Office().user, ProjectId{"p-2"}, "理由充分"});
  ExpectRejected(When(given, RequestReactivation{"a", "b"}, Ctx(Sales1())), K::kRuleViolation, "R-P8");
}

TEST(ProjectDecider, R_P8_ReactivationRefusals) {
  ExpectRejected(When(InOnHold(), RequestReactivation{"a", "b"}, Ctx(Sales2())), K::kForbidden, "R-P8");
  ExpectRejected(When(InApproved(), RequestReactivation{"a", "b"}, Ctx(Sales1())), K::kRuleViolation, "R-P8");
  ExpectRejected(When(InOnHold(), RequestReactivation{"", "b"}, Ctx(Sales1())), K::kValidation, "R-P8", "why_not_updated");
  ExpectRejected(When(InOnHold(), RequestReactivation{"a", ""}, Ctx(Sales1())), K::kValidation, "R-P8", "why_resume");
  auto pending = InOnHold();
  pending.push_back(ReactivationRequested{"a", "b"});
  ExpectRejected(When(pending, RequestReactivation{"a", "b"}, Ctx(Sales1())), K::kRuleViolation, "R-P8");
  ExpectRejected(When(pending, ReviewReactivation{true, ""}, Ctx(Vp1(), kT0, "p-2")), K::kForbidden, "R-P8");
  ExpectRejected(When(InOnHold(), ReviewReactivation{true, ""}, Ctx(Office(), kT0, "p-2")), K::kRuleViolation, "R-P8");
  ExpectRejected(When(pending, ReviewReactivation{false, ""}, Ctx(Office())), K::kValidation, "R-P8", "reason");
  auto declined = When(pending, ReviewReactivation{false, "理由不足"}, Ctx(Office()));
  ExpectEvents(declined, Then(ReactivationDeclined{Office().user, "理由不足"}));
  auto s = After(pending, declined);
  EXPECT_FALSE(s.reactivation_pending);
  EXPECT_FALSE(s.successor.has_value());
}

// ---- R-P9 contract and close ----------------------------------------------------------------

TEST(ProjectDecider, R_P9_ContractSignedByOfficeOnOwnersRequest) {
  ExpectEvents(When(InApproved(), RequestContractReview{"请评审"}, Ctx(Sales1())), Then(ContractReviewRequested{"请评审"}));
  ExpectRejected(When(InApproved(), RequestContractReview{"x"}, Ctx(Sales2())), K::kForbidden, "R-P9");
  ExpectRejected(When(InRegistered(), RequestContractReview{"x"}, Ctx(Sales1())), K::kRuleViolation, "R-P9");
  ExpectRejected(When(InApproved(), MarkContractSigned{Yuan(1), kT0}, Ctx(Office())), K::kRuleViolation, "R-P9");
  auto given = InApproved();
  given.push_back(ContractReviewRequested{"请评审"});
  ExpectEvents(When(given, RequestContractReview{"again"}, Ctx(Sales1())), Then());
  ExpectRejected(When(given, MarkContractSigned{Yuan(1), kT0}, Ctx(Sales1())), K::kForbidden, "R-P9");
  ExpectRejected(When(given, MarkContractSigned{Money{-1}, kT0}, Ctx(Office())), K::kValidation, "", "signed_amount");
  auto d = When(given, MarkContractSigned{Yuan(950'000), kT0 + Days(3)}, Ctx(Office()));
  ExpectEvents(d, Then(ContractSigned{Office().user, Yuan(950'000), kT0 + Days(3)}));
  auto s = After(given, d);
  EXPECT_EQ(s.status, S::kContractSigned);
  EXPECT_EQ(s.details.contract_amount, Yuan(950'000));
}

TEST(ProjectDecider, R_P9_LostProjectClosedByOwnerWithReason) {
  ExpectRejected(When(InApproved(), CloseProject{""}, Ctx(Sales1())), K::kValidation, "R-P9", "reason");
  ExpectRejected(When(InApproved(), CloseProject{"x"}, Ctx(Sales2())), K::kForbidden, "R-P9");
  ExpectRejected(When(InApproved(), CloseProject{"x"}, Ctx(Vp1())), K::kForbidden, "R-P9");
  auto d = When(InApproved(), CloseProject{"竞争对手中标"}, Ctx(Sales1()));
  ExpectEvents(d, Then(ProjectClosed{"竞争对手中标"}));
  auto s = After(InApproved(), d);
  EXPECT_EQ(s.status, S::kClosed);
  EXPECT_EQ(s.closed_reason, "竞争对手中标");
}

// ---- status machine -------------------------------------------------------------------------

// DOMAIN §3, written out independently of kProjectTransitions, plus the two R-P2 edges
// (cleared review → registered; overturned conflict rejection → registered) and creation.
bool DomainAllows(S from, S to) {
  static const std::set<std::pair<S, S>> kAllowed = {
      {S::kNone, S::kRegistered},
      {S::kRegistered, S::kConflictReview}, {S::kConflictReview, S::kRegistered}, {S::kConflictReview, S::kRejected},
      {S::kRegistered, S::kApproved},       {S::kRegistered, S::kDeferred},       {S::kRegistered, S::kRejected},
      {S::kDeferred, S::kApproved},         {S::kDeferred, S::kRejected},
      {S::kApproved, S::kContractSigned},   {S::kApproved, S::kClosed},           {S::kApproved, S::kOnHold},
      {S::kRejected, S::kRegistered},
  };
  return kAllowed.contains({from, to});
}

constexpr S kAllStatuses[] = {S::kNone,     S::kRegistered, S::kConflictReview, S::kApproved, S::kDeferred,
                              S::kRejected, S::kContractSigned, S::kClosed,     S::kOnHold};

TEST(ProjectStatusMachine, TableMatchesDomainExactly) {
  for (S from : kAllStatuses) {
    for (S to : kAllStatuses) {
      EXPECT_EQ(IsAllowedTransition(from, to), DomainAllows(from, to)) << NameOf(from) << " → " << NameOf(to);
    }
  }
}

std::vector<ProjectEvent> GivenIn(S s) {
  switch (s) {
    case S::kRegistered: return InRegistered();
    case S::kConflictReview: return InConflictReview();
    case S::kApproved: {
      auto e = InApproved();
      e.push_back(ContractReviewRequested{"ready"});  // so that only the status decides MarkContractSigned
      return e;
    }
    case S::kDeferred: return InDeferred();
    case S::kRejected: return InRejected();
    case S::kContractSigned: return InContractSigned();
    case S::kClosed: return InClosed();
    case S::kOnHold: return InOnHold();
    case S::kNone: return {};
  }
  return {};
}

// The command (with an authorised actor) that would move a project to `to`.
std::pair<ProjectCommand, Context> Towards(S to) {
  switch (to) {
    case S::kApproved: return {DecideProject{ProjectDecisionKind::kApprove, "ok"}, Ctx(Vp1(), kT0, "", kNumber)};
    case S::kDeferred: return {DecideProject{ProjectDecisionKind::kDefer, "more"}, Ctx(Vp1())};
    case S::kRejected: return {DecideProject{ProjectDecisionKind::kReject, "no"}, Ctx(Vp1())};
    case S::kContractSigned: return {MarkContractSigned{Yuan(10), kT0}, Ctx(Office())};
    case S::kClosed: return {CloseProject{"lost"}, Ctx(Sales1())};
    case S::kOnHold: return {PutProjectOnHold{kT0, "tick"}, Ctx(System(), kT0 + Days(200))};
    default: break;
  }
  ADD_FAILURE() << "no command towards " << NameOf(to);
  return {CloseProject{"x"}, Ctx(Sales1())};
}

TEST(ProjectStatusMachine, EveryDisallowedTransitionIsRefusedByDecide) {
  constexpr S kFrom[] = {S::kRegistered, S::kConflictReview, S::kApproved, S::kDeferred,
                         S::kRejected,   S::kContractSigned, S::kClosed,   S::kOnHold};
  constexpr S kTo[] = {S::kApproved, S::kDeferred, S::kRejected, S::kContractSigned, S::kClosed, S::kOnHold};
  int refused = 0, allowed = 0;
  for (S from : kFrom) {
    const auto given = GivenIn(from);
    ASSERT_EQ(Given<ProjectState>(given).status, from);
    for (S to : kTo) {
      SCOPED_TRACE(std::string(NameOf(from)) + " → " + std::string(NameOf(to)));
      auto [cmd, ctx] = Towards(to);
      auto d = When(given, cmd, ctx);
      const bool is_decision = std::holds_alternative<DecideProject>(cmd);
      if (from == S::kConflictReview && is_decision) {
        ExpectRejected(d, K::kRuleViolation, "R-P2");  // the review must finish first
        ++refused;
      } else if (from == S::kOnHold && to == S::kOnHold) {
        ExpectEvents(d, Then());  // idempotent
      } else if (DomainAllows(from, to)) {
        ASSERT_TRUE(d.ok()) << Describe(d.error());
        EXPECT_EQ(After(given, d).status, to);
        ++allowed;
      } else {
        ExpectRejected(d, K::kRuleViolation, to == S::kOnHold ? "R-P7" : "status_machine");
        EXPECT_EQ(Given<ProjectState>(given).status, from);
        ++refused;
      }
    }
  }
  EXPECT_EQ(allowed, 8);  // registered→3, deferred→2, approved→3
  EXPECT_EQ(refused, 8 * 6 - 8 - 1);
}

}  // namespace
}  // namespace keyledger::domain
