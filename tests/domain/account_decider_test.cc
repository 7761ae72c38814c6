// Account rules R-A1…R-A9.
#include "domain/account/account_decider.h"

#include "tests/domain/test_support.h"

namespace keyledger::domain {
namespace {

using namespace testing;

AccountProfile Profile() {
  AccountProfile p;
  p.name = "华为技术有限公司";
  p.industry = "通信";
  return p;
}

std::vector<AccountEvent> Opened(Tier tier = Tier::kA) {
  return {AccountOpened{AccountId{"acc-1"}, std::string(NameOf(tier)) + "-00001", tier, Profile(), Sales1().user}};
}
std::vector<AccountEvent> Named(UserId owner = Sales1().user) {
  auto e = Opened();
  e.push_back(AccountNamed{owner});
  return e;
}

QualificationFacts Qualified() {
  QualificationFacts f;
  f.gross_profit = Yuan(400'000);
  return f;
}
AccountPlan Plan() { return AccountPlan{"大型通信设备商", "华为终端", "三年合作", "年3000万", "光缆", "技术支持"}; }

std::vector<AccountEvent> Submitted(int owned = 0) {
  auto e = Opened();
  e.push_back(NamedApplicationSubmitted{Sales1().user, Plan(), Qualified(), owned, owned >= 5});
  return e;
}
std::vector<AccountEvent> Checked(int owned = 0) {
  auto e = Submitted(owned);
  e.push_back(NamedApplicationChecked{Office().user, true, ""});
  return e;
}

Decision<AccountEvent> When(const std::vector<AccountEvent>& given, const AccountCommand& c, const Context& ctx) {
  return Decide(Given<AccountState>(given), c, ctx);
}

TEST(AccountDecider, OpensAccountWithCode) {
  ExpectEvents(When({}, OpenAccount{"A-00001", Tier::kA, Profile(), false}, Ctx(Sales1(), kT0, "acc-1")), Opened());
}

TEST(AccountDecider, R_A1_CodeMustBeTierLetterAndFiveDigits) {
  ExpectRejected(When({}, OpenAccount{"A-1234", Tier::kA, Profile(), false}, Ctx(Sales1(), kT0, "acc-1")), K::kValidation, "R-A1", "code");
  ExpectRejected(When({}, OpenAccount{"B-00001", Tier::kA, Profile(), false}, Ctx(Sales1(), kT0, "acc-1")), K::kValidation, "R-A1", "code");
  ExpectRejected(When({}, OpenAccount{"A-00001", Tier::kA, Profile(), true}, Ctx(Sales1(), kT0, "acc-1")), K::kConflict, "unique_code");
}

TEST(AccountDecider, R_A1_TierChangeIsAnEventWithReason) {
  ExpectEvents(When(Opened(), ChangeTier{Tier::kB, "年度评价"}, Ctx(Vp1())),
               std::vector<AccountEvent>{TierChanged{Tier::kA, Tier::kB, "年度评价"}});
  ExpectRejected(When(Opened(), ChangeTier{Tier::kB, ""}, Ctx(Vp1())), K::kValidation, "R-A1", "reason");
  ExpectRejected(When(Opened(), ChangeTier{Tier::kB, "x"}, Ctx(Sales1())), K::kForbidden, "R-A1");
  ExpectEvents(When(Opened(), ChangeTier{Tier::kA, "same"}, Ctx(Vp1())), std::vector<AccountEvent>{});
  auto s = Given<AccountState>(std::vector<AccountEvent>{Opened()[0], TierChanged{Tier::kA, Tier::kC, "r"}});
  EXPECT_EQ(s.tier, Tier::kC);
}

TEST(AccountDecider, R_A2_AccountIsNonNamedUntilGranted) {
  EXPECT_EQ(Given<AccountState>(Opened()).kind, AccountKind::kNonNamed);
  auto s = Given<AccountState>(Named());
  EXPECT_EQ(s.kind, AccountKind::kNamed);
  EXPECT_EQ(s.owner, Sales1().user);
  EXPECT_EQ(NameOf(AccountKind::kNamed), "named");
}

TEST(AccountDecider, R_A3_OwnerReplacedOnlyByManagementWithReason) {
  ExpectEvents(When(Named(), ChangeOwner{Sales2().user, OwnerChangeReason::kCustomerRequest, "客户要求", 0}, Ctx(Manager1())),
               std::vector<AccountEvent>{OwnerChanged{Sales1().user, Sales2().user, OwnerChangeReason::kCustomerRequest, "客户要求", Manager1().user}});
  ExpectRejected(When(Named(), ChangeOwner{Sales2().user, OwnerChangeReason::kManagementDecision, "x", 0}, Ctx(Sales1())), K::kForbidden, "R-A3");
  ExpectRejected(When(Named(), ChangeOwner{Sales2().user, OwnerChangeReason::kManagementDecision, "", 0}, Ctx(Vp1())), K::kValidation, "R-A3", "note");
  ExpectRejected(When(Opened(), ChangeOwner{Sales2().user, OwnerChangeReason::kManagementDecision, "x", 0}, Ctx(Vp1())), K::kRuleViolation, "R-A3");
}

TEST(AccountDecider, R_A4_SixthNamedAccountNeedsVpJustificationAndGmApproval) {
  auto given = Checked(/*owned=*/5);
  ExpectRejected(When(given, ReviewNamedApplication{ReviewDecision::kApprove, "", ""}, Ctx(Vp1())), K::kValidation, "R-A4", "justification");
  given.push_back(NamedApplicationVpReviewed{Vp1().user, true, "", "战略客户", false});
  // Second VP approval completes the VP step but does not name the account: GM must approve.
  ExpectEvents(When(given, ReviewNamedApplication{ReviewDecision::kApprove, "", "战略客户"}, Ctx(Vp2())),
               std::vector<AccountEvent>{NamedApplicationVpReviewed{Vp2().user, true, "", "战略客户", true}});
  given.push_back(NamedApplicationVpReviewed{Vp2().user, true, "", "战略客户", true});
  EXPECT_EQ(Given<AccountState>(given).application.stage, ApplicationStage::kGmApproval);
  ExpectRejected(When(given, ReviewNamedApplication{ReviewDecision::kApprove, "", ""}, Ctx(Vp1())), K::kForbidden, "R-A5");
  ExpectEvents(When(given, ReviewNamedApplication{ReviewDecision::kApprove, "同意", ""}, Ctx(Gm())),
               std::vector<AccountEvent>{NamedApplicationGmReviewed{Gm().user, true, "同意", false}, AccountNamed{Sales1().user}});
}

TEST(AccountDecider, R_A4_OwnerChangeToFullOwnerNeedsGm) {
  ExpectRejected(When(Named(), ChangeOwner{Sales2().user, OwnerChangeReason::kManagementDecision, "调整", 5}, Ctx(Vp1())), K::kRuleViolation, "R-A4");
  auto d = When(Named(), ChangeOwner{Sales2().user, OwnerChangeReason::kManagementDecision, "调整", 5}, Ctx(Gm()));
  ASSERT_TRUE(d.ok());
}

TEST(AccountDecider, R_A5_OfficeCheckThenTwoDistinctVpsNameTheAccount) {
  ExpectEvents(When(Opened(), ApplyForNamed{Plan(), Qualified(), 2}, Ctx(Sales1())),
               std::vector<AccountEvent>{NamedApplicationSubmitted{Sales1().user, Plan(), Qualified(), 2, false}});
  ExpectRejected(When(Submitted(), ReviewNamedApplication{ReviewDecision::kApprove, "", ""}, Ctx(Vp1())), K::kForbidden, "R-A5");
  ExpectEvents(When(Submitted(), ReviewNamedApplication{ReviewDecision::kApprove, "", ""}, Ctx(Office())),
               std::vector<AccountEvent>{NamedApplicationChecked{Office().user, true, ""}});
  auto given = Checked();
  given.push_back(NamedApplicationVpReviewed{Vp1().user, true, "", "", false});
  ExpectRejected(When(given, ReviewNamedApplication{ReviewDecision::kApprove, "", ""}, Ctx(Vp1())), K::kRuleViolation, "R-A5");
  ExpectEvents(When(given, ReviewNamedApplication{ReviewDecision::kApprove, "", ""}, Ctx(Vp2())),
               std::vector<AccountEvent>{NamedApplicationVpReviewed{Vp2().user, true, "", "", true}, AccountNamed{Sales1().user}});
}

TEST(AccountDecider, R_A5_RejectionNeedsReasonAndGmSecondReviewIsFinal) {
  ExpectRejected(When(Checked(), ReviewNamedApplication{ReviewDecision::kReject, "", ""}, Ctx(Vp1())), K::kValidation, "R-A5", "reason");
  auto given = Checked();
  given.push_back(NamedApplicationVpReviewed{Vp1().user, false, "潜力不足", "", false});
  EXPECT_EQ(Given<AccountState>(given).application.stage, ApplicationStage::kRejected);
  ExpectRejected(When(given, RequestSecondReview{"请复议"}, Ctx(Sales2())), K::kForbidden, "R-A5");
  ExpectEvents(When(given, RequestSecondReview{"请复议"}, Ctx(Sales1())),
               std::vector<AccountEvent>{NamedSecondReviewRequested{Sales1().user, "请复议"}});
  given.push_back(NamedSecondReviewRequested{Sales1().user, "请复议"});
  ExpectRejected(When(given, ReviewNamedApplication{ReviewDecision::kApprove, "", ""}, Ctx(Vp2())), K::kForbidden, "R-A5");
  given.push_back(NamedApplicationGmReviewed{Gm().user, false, "维持", true});
  ExpectRejected(When(given, RequestSecondReview{"再议"}, Ctx(Sales1())), K::kRuleViolation, "R-A5");
  ExpectRejected(When(Named(), ApplyForNamed{Plan(), Qualified(), 0}, Ctx(Sales1())), K::kRuleViolation, "R-A5");
  ExpectRejected(When(Submitted(), ApplyForNamed{Plan(), Qualified(), 0}, Ctx(Sales1())), K::kRuleViolation, "R-A5");
  ExpectRejected(When(Opened(), ApplyForNamed{AccountPlan{}, Qualified(), 0}, Ctx(Sales1())), K::kValidation, "R-A5", "plan.customer_info");
}

TEST(AccountDecider, R_A5_GmSecondReviewCanGrant) {
  auto given = Checked();
  given.push_back(NamedApplicationVpReviewed{Vp1().user, false, "否", "", false});
  given.push_back(NamedSecondReviewRequested{Sales1().user, "请复议"});
  ExpectEvents(When(given, ReviewNamedApplication{ReviewDecision::kApprove, "同意", ""}, Ctx(Gm())),
               std::vector<AccountEvent>{NamedApplicationGmReviewed{Gm().user, true, "同意", true}, AccountNamed{Sales1().user}});
}

TEST(AccountDecider, R_A6_QualificationThresholdsFromConfig) {
  auto apply = [&](QualificationFacts f) { return When(Opened(), ApplyForNamed{Plan(), f, 0}, Ctx(Sales1())); };
  QualificationFacts f = Qualified();
  f.gross_profit = Money{Yuan(400'000).fen - 1};
  ExpectRejected(apply(f), K::kRuleViolation, "R-A6");
  f.cooperation_year = 2;
  f.gross_profit = Yuan(999'999);
  ExpectRejected(apply(f), K::kRuleViolation, "R-A6");
  f.gross_profit = Yuan(1'000'000);
  EXPECT_TRUE(apply(f).ok());
  QualificationFacts svc;
  svc.own_service_revenue = Yuan(2'000'000);  // must be strictly more
  ExpectRejected(apply(svc), K::kRuleViolation, "R-A6");
  svc.own_service_revenue = Money{Yuan(2'000'000).fen + 1};
  EXPECT_TRUE(apply(svc).ok());
  QualificationFacts tech;
  tech.technical_service_revenue = Yuan(10'000'000);
  EXPECT_TRUE(apply(tech).ok());
  QualificationFacts channel;
  channel.core_channel = true;
  channel.channel_contracts_signed = Money{Yuan(10'000'000).fen + 1};
  EXPECT_TRUE(apply(channel).ok());
  QualificationFacts central = Qualified();
  central.centralised_purchasing = true;
  ExpectRejected(apply(central), K::kRuleViolation, "R-A6");
  QualificationFacts lawsuit = Qualified();
  lawsuit.litigation_or_malicious_arrears = true;
  ExpectRejected(apply(lawsuit), K::kRuleViolation, "R-A6");
  DomainConfig lower;
  lower.qualification.first_year_gross_profit = Yuan(100);
  QualificationFacts small;
  small.gross_profit = Yuan(100);
  Context c = Ctx(Sales1());
  c.config = &lower;
  EXPECT_TRUE(When(Opened(), ApplyForNamed{Plan(), small, 0}, c).ok());
  auto annual = When(Named(), AssessQualification{lawsuit}, Ctx(Office()));
  ASSERT_TRUE(annual.ok());
  EXPECT_FALSE(std::get<QualificationAssessed>(annual.value()[0]).qualified);
  ExpectRejected(When(Named(), AssessQualification{lawsuit}, Ctx(Sales1())), K::kForbidden, "R-A6");
}

TEST(AccountDecider, R_A7_RevokeNamedAndPeriodicReviews) {
  ExpectEvents(When(Named(), RevokeNamed{"未完成年度计划"}, Ctx(Vp1())),
               std::vector<AccountEvent>{NamedStatusRevoked{"未完成年度计划", Vp1().user}});
  auto revoked = Named();
  revoked.push_back(NamedStatusRevoked{"未完成年度计划", Vp1().user});
  auto s = Given<AccountState>(revoked);
  EXPECT_EQ(s.kind, AccountKind::kNonNamed);
  EXPECT_FALSE(s.owner.has_value());
  ExpectRejected(When(Named(), RevokeNamed{"x"}, Ctx(Sales1())), K::kForbidden, "R-A7");
  ExpectRejected(When(Named(), RevokeNamed{""}, Ctx(Gm())), K::kValidation, "R-A7", "reason");
  ExpectRejected(When(Opened(), RevokeNamed{"x"}, Ctx(Gm())), K::kRuleViolation, "R-A7");
  ExpectEvents(When(Named(), RecordAccountReview{ReviewPeriod::kWeeklyReview, true, "ok"}, Ctx(Manager1())),
               std::vector<AccountEvent>{AccountReviewRecorded{ReviewPeriod::kWeeklyReview, Manager1().user, true, "ok"}});
  EXPECT_TRUE(When(Named(), RecordAccountReview{ReviewPeriod::kWeeklyUpdate, true, "本周"}, Ctx(Sales1())).ok());
  ExpectRejected(When(Named(), RecordAccountReview{ReviewPeriod::kWeeklyUpdate, true, "x"}, Ctx(Sales2())), K::kForbidden, "R-A7");
  ExpectRejected(When(Named(), RecordAccountReview{ReviewPeriod::kMonthly, true, "x"}, Ctx(Manager1())), K::kForbidden, "R-A7");
  EXPECT_TRUE(When(Named(), RecordAccountReview{ReviewPeriod::kQuarterly, true, "x"}, Ctx(Office())).ok());
}

TEST(AccountDecider, R_A8_KeyPersonsWithRoleRelationshipAndWeight) {
  KeyPerson p;
  p.name = "张总";
  p.title = "采购总监";
  p.decision_role = DecisionRole::kDecisionMaker;
  p.relationship = Relationship::kPositive;
  p.decision_weight = 60;
  p.known_by = {Sales1().user};
  p.next_contact = kT0 + Days(7);
  p.profile.hobbies = "高尔夫";
  KeyPerson with_id = p;
  with_id.id = KeyPersonId{"kp-1"};
  ExpectEvents(When(Opened(), AddKeyPerson{p}, Ctx(Sales1(), kT0, "kp-1")), std::vector<AccountEvent>{KeyPersonAdded{with_id}});
  KeyPerson heavy = p;
  heavy.decision_weight = 120;
  ExpectRejected(When(Opened(), AddKeyPerson{heavy}, Ctx(Sales1(), kT0, "kp-1")), K::kValidation, "R-A8", "decision_weight");
  KeyPerson anonymous = p;
  anonymous.name = "";
  ExpectRejected(When(Opened(), AddKeyPerson{anonymous}, Ctx(Sales1(), kT0, "kp-1")), K::kValidation, "R-A8", "name");
  auto given = Opened();
  given.push_back(KeyPersonAdded{with_id});
  KeyPerson changed = with_id;
  changed.relationship = Relationship::kNegative;
  ExpectEvents(When(given, UpdateKeyPerson{changed}, Ctx(Sales1())), std::vector<AccountEvent>{KeyPersonUpdated{changed}});
  KeyPerson unknown = with_id;
  unknown.id = KeyPersonId{"kp-x"};
  ExpectRejected(When(given, UpdateKeyPerson{unknown}, Ctx(Sales1())), K::kNotFound, "");
}

TEST(AccountDecider, R_A9_EveryFileReadIsRecorded) {
  ExpectEvents(When(Named(), ReadAccountFile{}, Ctx(Manager1(), kT0 + Days(1))),
               std::vector<AccountEvent>{AccountFileRead{Manager1().user, Role::kManager, kT0 + Days(1)}});
  ExpectRejected(When({}, ReadAccountFile{}, Ctx(Manager1())), K::kNotFound, "");
}

TEST(AccountDecider, AffiliatesAreAddedOnceAndRemoved) {
  Affiliate a{AccountId{"acc-2"}, AffiliateRelation::kSubsidiary};
  ExpectEvents(When(Opened(), AddAffiliate{a}, Ctx(Sales1())), std::vector<AccountEvent>{AffiliateAdded{a}});
  auto given = Opened();
  given.push_back(AffiliateAdded{a});
  ExpectEvents(When(given, AddAffiliate{a}, Ctx(Sales1())), std::vector<AccountEvent>{});
  ExpectRejected(When(Opened(), AddAffiliate{Affiliate{AccountId{"acc-1"}, AffiliateRelation::kRelated}}, Ctx(Sales1())), K::kValidation, "", "account");
  ExpectEvents(When(given, RemoveAffiliate{AccountId{"acc-2"}}, Ctx(Sales1())), std::vector<AccountEvent>{AffiliateRemoved{AccountId{"acc-2"}}});
}

}  // namespace
}  // namespace keyledger::domain
