// Complaint rules R-C1…R-C4: open, assign, first contact, plan, feedback, follow-up, close, reopen.
#include "domain/complaint/complaint_decider.h"

#include "tests/domain/test_support.h"

namespace keyledger::domain {
namespace {

using namespace testing;
using std::chrono::year;

const ComplaintId kC1{"c-1"};
const AccountId kAcc{"acc-1"};
const OrgUnitId kDept{"dept-1"};

ComplaintOpened Opened(std::optional<ComplaintCause> cause = std::nullopt) {
  return ComplaintOpened{kC1, kAcc, "光缆批次质量问题", "李工 13800000000", Severity::kHigh, cause, Sales1().user, kT0};
}
// kT0 is Monday 09:00: two working days later is Wednesday 09:00.
ComplaintAssigned Assigned() { return ComplaintAssigned{kDept, Sales1().user, kT0 + Days(2)}; }

std::vector<ComplaintEvent> InOpen() { return {Opened()}; }
std::vector<ComplaintEvent> InAssigned() { return {Opened(), Assigned()}; }
std::vector<ComplaintEvent> InContacted() {
  auto e = InAssigned();
  e.push_back(FirstContactMade{"已电话沟通", kT0 + Days(1), false});
  return e;
}
std::vector<ComplaintEvent> InPlanned() {
  auto e = InContacted();
  e.push_back(ResolutionPlanned{"更换批次", Manager1().user, kT0 + Days(10)});
  return e;
}
std::vector<ComplaintEvent> InResolved() {
  auto e = InPlanned();
  e.push_back(ComplaintResolved{"已反馈客户", kT0 + Days(8)});
  return e;
}
std::vector<ComplaintEvent> InFollowedUp(bool satisfied = true, bool categorised = true) {
  auto e = InResolved();
  if (categorised) e.push_back(ComplaintCauseCategorised{ComplaintCause::kProductQuality});
  e.push_back(FollowUpVisited{satisfied, satisfied ? "满意" : "不满意", kT0 + Days(12)});
  return e;
}
std::vector<ComplaintEvent> InClosed() {
  auto e = InFollowedUp();
  e.push_back(ComplaintClosed{"结案", kT0 + Days(13)});
  return e;
}

Decision<ComplaintEvent> When(const std::vector<ComplaintEvent>& given, const ComplaintCommand& c, const Context& ctx) {
  return Decide(Given<ComplaintState>(given), c, ctx);
}
template <class... E>
std::vector<ComplaintEvent> Then(E... e) {
  return {ComplaintEvent{std::move(e)}...};
}

TEST(ComplaintDecider, R_C1_OpenedWithContentCustomerContactAndSeverity) {
  OpenComplaint c{kAcc, "光缆批次质量问题", "李工 13800000000", Severity::kHigh, std::nullopt};
  ExpectEvents(When({}, c, Ctx(Sales1(), kT0, "c-1")), Then(Opened()));
  auto s = Given<ComplaintState>(InOpen());
  EXPECT_EQ(s.stage, ComplaintStage::kOpen);
  EXPECT_EQ(s.severity, Severity::kHigh);
  EXPECT_EQ(s.account, kAcc);
  OpenComplaint bad = c;
  bad.account = AccountId{};
  ExpectRejected(When({}, bad, Ctx(Sales1(), kT0, "c-1")), K::kValidation, "R-C1", "account_id");
  bad = c;
  bad.content = "";
  ExpectRejected(When({}, bad, Ctx(Sales1(), kT0, "c-1")), K::kValidation, "R-C1", "content");
  bad = c;
  bad.contact = "";
  ExpectRejected(When({}, bad, Ctx(Sales1(), kT0, "c-1")), K::kValidation, "R-C1", "contact");
  ExpectRejected(When({}, c, Ctx(Sales1(), kT0, "")), K::kValidation, "", "id");
  ExpectRejected(When({}, c, Ctx(Auditor(), kT0, "c-1")), K::kForbidden, "R-C1");
  ExpectRejected(When(InOpen(), c, Ctx(Sales1(), kT0, "c-1")), K::kConflict, "unique_id");
  ExpectRejected(When({}, RecordFirstContact{"x"}, Ctx(Sales1())), K::kNotFound, "");
}

TEST(ComplaintDecider, R_C1_AssignedToResponsibleUnitAndPerson) {
  auto d = When(InOpen(), AssignComplaint{kDept, Sales1().user}, Ctx(Manager1()));
  ExpectEvents(d, Then(Assigned()));
  auto s = Given<ComplaintState>(InAssigned());
  EXPECT_EQ(s.stage, ComplaintStage::kAssigned);
  EXPECT_EQ(s.assignee, Sales1().user);
  EXPECT_EQ(s.unit, kDept);
  ExpectRejected(When(InOpen(), AssignComplaint{OrgUnitId{}, Sales1().user}, Ctx(Manager1())), K::kValidation, "R-C1", "unit");
  ExpectRejected(When(InOpen(), AssignComplaint{kDept, UserId{}}, Ctx(Manager1())), K::kValidation, "R-C1", "assignee");
  ExpectRejected(When(InClosed(), AssignComplaint{kDept, Sales2().user}, Ctx(Manager1())), K::kRuleViolation, "R-C2");
  // Re-assigning keeps the customer's clock.
  ExpectEvents(When(InContacted(), AssignComplaint{OrgUnitId{"dept-2"}, Sales2().user}, Ctx(Manager1(), kT0 + Days(5))),
               Then(ComplaintAssigned{OrgUnitId{"dept-2"}, Sales2().user, kT0 + Days(2)}));
  auto re = InContacted();
  re.push_back(ComplaintAssigned{OrgUnitId{"dept-2"}, Sales2().user, kT0 + Days(2)});
  EXPECT_EQ(Given<ComplaintState>(re).stage, ComplaintStage::kContacted);
}

TEST(ComplaintDecider, R_C2_EachStepIsAnEventInOrder) {
  ExpectEvents(When(InAssigned(), RecordFirstContact{"已电话沟通"}, Ctx(Sales1(), kT0 + Days(1))),
               Then(FirstContactMade{"已电话沟通", kT0 + Days(1), false}));
  ExpectEvents(When(InContacted(), PlanResolution{"更换批次", Manager1().user, kT0 + Days(10)}, Ctx(Sales1(), kT0 + Days(2))),
               Then(ResolutionPlanned{"更换批次", Manager1().user, kT0 + Days(10)}));
  ExpectEvents(When(InPlanned(), ResolveComplaint{"已反馈客户"}, Ctx(Sales1(), kT0 + Days(8))),
               Then(ComplaintResolved{"已反馈客户", kT0 + Days(8)}));
  ExpectEvents(When(InResolved(), RecordFollowUp{true, "满意"}, Ctx(Sales1(), kT0 + Days(12))),
               Then(FollowUpVisited{true, "满意", kT0 + Days(12)}));
  ExpectEvents(When(InFollowedUp(), CloseComplaint{"结案"}, Ctx(Sales1(), kT0 + Days(13))),
               Then(ComplaintClosed{"结案", kT0 + Days(13)}));
  EXPECT_EQ(Given<ComplaintState>(InClosed()).stage, ComplaintStage::kClosed);
}

TEST(ComplaintDecider, R_C2_StepsOutOfOrderAreRefused) {
  const auto later = Ctx(Sales1(), kT0 + Days(1));
  ExpectRejected(When(InOpen(), RecordFirstContact{"x"}, later), K::kRuleViolation, "R-C2");
  ExpectRejected(When(InAssigned(), PlanResolution{"m", Manager1().user, kT0 + Days(9)}, later), K::kRuleViolation, "R-C2");
  ExpectRejected(When(InContacted(), ResolveComplaint{"f"}, later), K::kRuleViolation, "R-C2");
  ExpectRejected(When(InPlanned(), RecordFollowUp{true, ""}, later), K::kRuleViolation, "R-C2");
  ExpectRejected(When(InResolved(), CloseComplaint{""}, later), K::kRuleViolation, "R-C2");
  ExpectRejected(When(InContacted(), RecordFirstContact{"again"}, later), K::kRuleViolation, "R-C2");
  ExpectRejected(When(InClosed(), CloseComplaint{""}, later), K::kRuleViolation, "R-C2");
}

TEST(ComplaintDecider, R_C2_StepContentIsRequired) {
  const auto later = Ctx(Sales1(), kT0 + Days(1));
  ExpectRejected(When(InAssigned(), RecordFirstContact{""}, later), K::kValidation, "R-C2", "note");
  ExpectRejected(When(InContacted(), PlanResolution{"", Manager1().user, kT0 + Days(9)}, later), K::kValidation, "R-C2", "measures");
  ExpectRejected(When(InContacted(), PlanResolution{"m", UserId{}, kT0 + Days(9)}, later), K::kValidation, "R-C2", "responsible");
  ExpectRejected(When(InContacted(), PlanResolution{"m", Manager1().user, kT0 + Days(1)}, later), K::kValidation, "R-C2", "deadline");
  ExpectRejected(When(InPlanned(), ResolveComplaint{""}, later), K::kValidation, "R-C2", "feedback");
}

TEST(ComplaintDecider, R_C2_ClosingNeedsConfirmedSatisfactionElseReopen) {
  ExpectRejected(When(InFollowedUp(false), CloseComplaint{"x"}, Ctx(Sales1())), K::kRuleViolation, "R-C2");
  ExpectEvents(When(InFollowedUp(false), ReopenComplaint{"客户不满意"}, Ctx(Sales1(), kT0 + Days(14))),
               Then(ComplaintReopened{"客户不满意", kT0 + Days(14)}));
}

TEST(ComplaintDecider, R_C2_ClosedComplaintCanBeReopenedAndWorkedAgain) {
  ExpectRejected(When(InClosed(), ReopenComplaint{""}, Ctx(Sales1())), K::kValidation, "R-C2", "reason");
  ExpectRejected(When(InOpen(), ReopenComplaint{"x"}, Ctx(Sales1())), K::kRuleViolation, "R-C2");
  ExpectRejected(When(InPlanned(), ReopenComplaint{"x"}, Ctx(Sales1())), K::kRuleViolation, "R-C2");
  auto given = InClosed();
  given.push_back(ComplaintReopened{"问题复发", kT0 + Days(20)});
  auto s = Given<ComplaintState>(given);
  EXPECT_EQ(s.stage, ComplaintStage::kContacted);
  EXPECT_EQ(s.reopen_count, 1);
  EXPECT_FALSE(s.plan_deadline.has_value());
  EXPECT_FALSE(s.last_follow_up_satisfied);
  ExpectEvents(When(given, PlanResolution{"再次更换", Manager1().user, kT0 + Days(30)}, Ctx(Sales1(), kT0 + Days(21))),
               Then(ResolutionPlanned{"再次更换", Manager1().user, kT0 + Days(30)}));
}

TEST(ComplaintDecider, R_C3_FirstContactDueInTwoWorkingDays) {
  // Friday 16:00 → Tuesday 16:00: the weekend does not count.
  const Instant friday = At(year{2026} / 11 / 27, 16);
  ExpectEvents(When(InOpen(), AssignComplaint{kDept, Sales1().user}, Ctx(Manager1(), friday)),
               Then(ComplaintAssigned{kDept, Sales1().user, At(year{2026} / 12 / 1, 16)}));
  // Configurable, and holidays are skipped.
  DomainConfig cfg;
  cfg.complaint_first_contact_working_days = 3;
  cfg.holidays = {year{2026} / 11 / 30};
  Context c = Ctx(Manager1(), friday);
  c.config = &cfg;
  ExpectEvents(When(InOpen(), AssignComplaint{kDept, Sales1().user}, c),
               Then(ComplaintAssigned{kDept, Sales1().user, At(year{2026} / 12 / 3, 16)}));
}

TEST(ComplaintDecider, R_C3_MissedDeadlinesAreVisibleToTheReminderEngine) {
  EXPECT_EQ(NextComplaintDeadline(Given<ComplaintState>(InOpen())), std::nullopt);
  EXPECT_EQ(NextComplaintDeadline(Given<ComplaintState>(InAssigned())), kT0 + Days(2));
  EXPECT_EQ(NextComplaintDeadline(Given<ComplaintState>(InContacted())), std::nullopt);
  EXPECT_EQ(NextComplaintDeadline(Given<ComplaintState>(InPlanned())), kT0 + Days(10));
  EXPECT_EQ(NextComplaintDeadline(Given<ComplaintState>(InResolved())), std::nullopt);
  EXPECT_EQ(NextComplaintDeadline(Given<ComplaintState>(InClosed())), std::nullopt);
  // A first contact after the due time is recorded as late; on the dot it is not.
  ExpectEvents(When(InAssigned(), RecordFirstContact{"迟到"}, Ctx(Sales1(), kT0 + Days(2) + Micros(1))),
               Then(FirstContactMade{"迟到", kT0 + Days(2) + Micros(1), true}));
  ExpectEvents(When(InAssigned(), RecordFirstContact{"准时"}, Ctx(Sales1(), kT0 + Days(2))),
               Then(FirstContactMade{"准时", kT0 + Days(2), false}));
}

TEST(ComplaintDecider, R_C4_CauseCategoryIsRequiredToClose) {
  ExpectRejected(When(InFollowedUp(true, false), CloseComplaint{"x"}, Ctx(Sales1())), K::kRuleViolation, "R-C4");
  ExpectEvents(When(InOpen(), CategoriseComplaint{ComplaintCause::kDelivery}, Ctx(Sales1())),
               Then(ComplaintCauseCategorised{ComplaintCause::kDelivery}));
  auto given = InOpen();
  given.push_back(ComplaintCauseCategorised{ComplaintCause::kDelivery});
  EXPECT_EQ(Given<ComplaintState>(given).cause, ComplaintCause::kDelivery);
  ExpectEvents(When(given, CategoriseComplaint{ComplaintCause::kDelivery}, Ctx(Sales1())), Then());
  ExpectEvents(When(given, CategoriseComplaint{ComplaintCause::kBilling}, Ctx(Sales1())),
               Then(ComplaintCauseCategorised{ComplaintCause::kBilling}));
  // A cause given at opening counts too.
  std::vector<ComplaintEvent> at_open{Opened(ComplaintCause::kTechnical)};
  EXPECT_EQ(Given<ComplaintState>(at_open).cause, ComplaintCause::kTechnical);
}

TEST(ComplaintDecider, R_C4_EveryCauseHasAWireName) {
  for (auto cause : {ComplaintCause::kProductQuality, ComplaintCause::kDelivery, ComplaintCause::kServiceAttitude,
                     ComplaintCause::kTechnical, ComplaintCause::kSiteConduct, ComplaintCause::kBilling, ComplaintCause::kOther}) {
    ASSERT_FALSE(NameOf(cause).empty());
    EXPECT_EQ(ParseEnum<ComplaintCause>(NameOf(cause)), cause);
  }
  EXPECT_EQ(ParseEnum<ComplaintCause>("Product_Quality"), std::nullopt);
}

}  // namespace
}  // namespace keyledger::domain
