// Visits R-V1…R-V3 and satisfaction surveys R-S1.
#include "domain/account/account_decider.h"
#include "domain/reminder/reminder_decider.h"
#include "domain/survey/survey_decider.h"
#include "domain/visit/visit_decider.h"
#include "tests/domain/test_support.h"

namespace keyledger::domain {
namespace {

using namespace testing;

const AccountId kAcc{"acc-1"};

LogVisit Visit() {
  LogVisit v;
  v.account = kAcc;
  v.kind = VisitKind::kTechnicalExchange;
  v.date = kT0 - Days(1);
  v.people_met = {"张总", "王工"};
  v.content = "新一代光缆方案交流";
  v.report = "客户认可，下月试点";
  return v;
}
ConstructionSatisfaction AllFours() { return {4, 4, 4, 4, 4, 4, 4, 4}; }

Decision<VisitEvent> WhenVisit(const std::vector<VisitEvent>& given, const VisitCommand& c, const Context& ctx) {
  return Decide(Given<VisitState>(given), c, ctx);
}

TEST(VisitDecider, R_V1_ContactLoggedWithDatePeopleContentAndReport) {
  const LogVisit v = Visit();
  auto d = WhenVisit({}, v, Ctx(Sales1(), kT0, "v-1"));
  const VisitLogged expected{VisitId{"v-1"}, kAcc, Sales1().user, VisitKind::kTechnicalExchange, kT0 - Days(1), v.people_met,
                             v.content, v.report, std::nullopt};
  ExpectEvents(d, std::vector<VisitEvent>{expected});
  auto s = Given<VisitState>(std::vector<VisitEvent>{expected});
  EXPECT_TRUE(s.exists);
  EXPECT_EQ(s.account, kAcc);
  EXPECT_EQ(s.date, kT0 - Days(1));
  ExpectRejected(WhenVisit({expected}, v, Ctx(Sales1(), kT0, "v-1")), K::kConflict, "unique_id");
}

TEST(VisitDecider, R_V1_EveryKindOfContactCanBeLogged) {
  for (auto kind : {VisitKind::kVisit, VisitKind::kPhone, VisitKind::kEmail, VisitKind::kMeeting, VisitKind::kExecutiveVisit,
                    VisitKind::kTechnicalExchange, VisitKind::kDemo}) {
    LogVisit v = Visit();
    v.kind = kind;
    auto d = WhenVisit({}, v, Ctx(Sales1(), kT0, "v-1"));
    ASSERT_TRUE(d.ok()) << NameOf(kind);
    EXPECT_EQ(std::get<VisitLogged>(d.value()[0]).kind, kind);
    EXPECT_FALSE(NameOf(kind).empty());
  }
}

TEST(VisitDecider, R_V1_IncompleteOrFutureReportsAreRefused) {
  LogVisit v = Visit();
  v.date = kT0 + Micros(1);
  ExpectRejected(WhenVisit({}, v, Ctx(Sales1(), kT0, "v-1")), K::kValidation, "R-V1", "date");
  v = Visit();
  v.date = kT0;  // just happened: fine
  EXPECT_TRUE(WhenVisit({}, v, Ctx(Sales1(), kT0, "v-1")).ok());
  v = Visit();
  v.people_met.clear();
  ExpectRejected(WhenVisit({}, v, Ctx(Sales1(), kT0, "v-1")), K::kValidation, "R-V1", "people_met");
  v = Visit();
  v.content = "";
  ExpectRejected(WhenVisit({}, v, Ctx(Sales1(), kT0, "v-1")), K::kValidation, "R-V1", "content");
  v = Visit();
  v.report = "";
  ExpectRejected(WhenVisit({}, v, Ctx(Sales1(), kT0, "v-1")), K::kValidation, "R-V1", "report");
  v = Visit();
  v.account = AccountId{};
  ExpectRejected(WhenVisit({}, v, Ctx(Sales1(), kT0, "v-1")), K::kValidation, "R-V1", "account_id");
  ExpectRejected(WhenVisit({}, Visit(), Ctx(Sales1(), kT0, "")), K::kValidation, "", "id");
  ExpectRejected(WhenVisit({}, Visit(), Ctx(Auditor(), kT0, "v-1")), K::kForbidden, "R-V1");
}

TEST(VisitDecider, R_V1_ConstructionCustomersScoreEightSatisfactionItems) {
  LogVisit v = Visit();
  v.account_is_construction = true;
  v.satisfaction = ConstructionSatisfaction{5, 4, 3, 2, 1, 5, 4, 3};
  auto d = WhenVisit({}, v, Ctx(Sales1(), kT0, "v-1"));
  ASSERT_TRUE(d.ok()) << Describe(d.error());
  EXPECT_EQ(std::get<VisitLogged>(d.value()[0]).satisfaction, v.satisfaction);
  // Each of the eight items is range-checked.
  for (int item = 0; item < 8; ++item) {
    for (int bad : {0, 6}) {
      ConstructionSatisfaction s = AllFours();
      int* fields[] = {&s.quality, &s.progress, &s.technical_management, &s.materials,
                       &s.safety,  &s.documents, &s.site_conduct,       &s.service_cooperation};
      *fields[item] = bad;
      v.satisfaction = s;
      ExpectRejected(WhenVisit({}, v, Ctx(Sales1(), kT0, "v-1")), K::kValidation, "R-V1", "satisfaction");
    }
  }
  v = Visit();
  v.satisfaction = AllFours();  // not a construction customer
  ExpectRejected(WhenVisit({}, v, Ctx(Sales1(), kT0, "v-1")), K::kValidation, "R-V1", "satisfaction");
}

TEST(VisitDecider, R_V2_CadenceByTierAndManagerAtTwice) {
  const auto& cfg = DefaultConfig();
  auto a = VisitDueTimesFrom(kT0, Tier::kA, cfg);
  EXPECT_EQ(a.owner_due, kT0 + Days(30));
  EXPECT_EQ(a.manager_due, kT0 + Days(60));
  auto b = VisitDueTimesFrom(kT0, Tier::kB, cfg);
  EXPECT_EQ(b.owner_due, kT0 + Days(90));
  EXPECT_EQ(b.manager_due, kT0 + Days(180));
  auto c = VisitDueTimesFrom(kT0, Tier::kC, cfg);
  EXPECT_EQ(c.owner_due, kT0 + Days(182));
  EXPECT_EQ(c.manager_due, kT0 + Days(364));
  DomainConfig custom;
  custom.visit_cadence_a = std::chrono::days{14};
  custom.visit_escalation_factor = 3;
  auto ca = VisitDueTimesFrom(kT0, Tier::kA, custom);
  EXPECT_EQ(ca.owner_due, kT0 + Days(14));
  EXPECT_EQ(ca.manager_due, kT0 + Days(42));
}

TEST(VisitDecider, R_V3_KeyPersonNextContactDateIsRecordedAndRemindedOnce) {
  // The next planned contact travels with the key person (R-A8) …
  AccountProfile profile;
  profile.name = "华为技术有限公司";
  std::vector<AccountEvent> account{AccountOpened{kAcc, "A-00001", Tier::kA, profile, Sales1().user}};
  KeyPerson p;
  p.name = "张总";
  p.next_contact = kT0 + Days(7);
  auto added = Decide(Given<AccountState>(account), AddKeyPerson{p}, Ctx(Sales1(), kT0, "kp-1"));
  ASSERT_TRUE(added.ok());
  account.push_back(added.value()[0]);
  const auto s = Given<AccountState>(account);
  ASSERT_EQ(s.key_persons.size(), 1u);
  EXPECT_EQ(s.key_persons[0].next_contact, kT0 + Days(7));
  // … and when due the owner gets a key_person_contact_due reminder, with the original due time,
  // exactly once.
  const ReminderSubject subject{SubjectType::kKeyPerson, "kp-1"};
  const RaiseReminder raise{ReminderKind::kKeyPersonContactDue, subject, {Sales1().user}, kT0 + Days(7), "ev-kp-1"};
  auto raised = Decide(ReminderState{}, raise, Ctx(System(), kT0 + Days(8)));
  ExpectEvents(raised, std::vector<ReminderEvent>{ReminderRaised{ReminderKind::kKeyPersonContactDue, subject, {Sales1().user},
                                                                 kT0 + Days(7), kT0 + Days(8), "ev-kp-1"}});
  auto rs = Given<ReminderState>(raised.value());
  ExpectEvents(Decide(rs, raise, Ctx(System(), kT0 + Days(9))), std::vector<ReminderEvent>{});
  EXPECT_EQ(ReminderStreamId(ReminderKind::kKeyPersonContactDue, subject, kT0 + Days(7)),
            "key_person_contact_due:key_person:kp-1:" + std::to_string(ToUnixMicros(kT0 + Days(7))));
}

// ---- R-S1 surveys ---------------------------------------------------------------------------

RecordSurvey Survey() {
  return RecordSurvey{kAcc, "2026-H2", {{"service", 5}, {"results", 4}, {"communication", 4}}, "整体满意", Sales1().user};
}
Decision<SurveyEvent> WhenSurvey(const std::vector<SurveyEvent>& given, const SurveyCommand& c, const Context& ctx) {
  return Decide(Given<SurveyState>(given), c, ctx);
}

TEST(SurveyDecider, R_S1_PeriodicSurveyScoresPerDimension) {
  const RecordSurvey c = Survey();
  const SurveyRecorded expected{SurveyId{"s-1"}, kAcc, "2026-H2", c.scores, "整体满意", Sales1().user, Office().user, kT0};
  ExpectEvents(WhenSurvey({}, c, Ctx(Office(), kT0, "s-1")), std::vector<SurveyEvent>{expected});
  auto s = Given<SurveyState>(std::vector<SurveyEvent>{expected});
  EXPECT_TRUE(s.exists);
  EXPECT_EQ(s.account, kAcc);
  ExpectRejected(WhenSurvey({expected}, c, Ctx(Office(), kT0, "s-1")), K::kConflict, "unique_id");
}

TEST(SurveyDecider, R_S1_InvalidSurveysAreRefused) {
  auto refuse = [](RecordSurvey c, const std::string& field) {
    ExpectRejected(WhenSurvey({}, c, Ctx(Office(), kT0, "s-1")), K::kValidation, "R-S1", field);
  };
  RecordSurvey c = Survey();
  c.account = AccountId{};
  refuse(c, "account_id");
  c = Survey();
  c.period = "";
  refuse(c, "period");
  c = Survey();
  c.scores.clear();
  refuse(c, "scores");
  c = Survey();
  c.scores[1].dimension = "";
  refuse(c, "scores");
  c = Survey();
  c.scores[2].score = 0;
  refuse(c, "scores");
  c = Survey();
  c.scores[0].score = 6;
  refuse(c, "scores");
  c = Survey();
  c.scores.push_back({"service", 3});
  refuse(c, "scores");
  ExpectRejected(WhenSurvey({}, Survey(), Ctx(Auditor(), kT0, "s-1")), K::kForbidden, "R-S1");
  ExpectRejected(WhenSurvey({}, Survey(), Ctx(Office(), kT0, "")), K::kValidation, "", "id");
}

TEST(SurveyDecider, R_S1_AverageForTrendsIsExactCentis) {
  EXPECT_EQ(AverageScoreCentis({{"a", 5}, {"b", 4}, {"c", 4}}), 433);  // 4.333…
  EXPECT_EQ(AverageScoreCentis({{"a", 5}, {"b", 4}}), 450);
  EXPECT_EQ(AverageScoreCentis({{"a", 1}, {"b", 2}, {"c", 2}}), 167);  // 1.666… rounds up
  EXPECT_EQ(AverageScoreCentis({{"a", 3}}), 300);
  EXPECT_EQ(AverageScoreCentis({}), 0);
}

}  // namespace
}  // namespace keyledger::domain
