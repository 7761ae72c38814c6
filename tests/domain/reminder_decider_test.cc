// Reminder streams (R-R1…R-R3 as far as the decider goes): raise once, acknowledge, cancel.
#include "domain/reminder/reminder_decider.h"

#include "tests/domain/test_support.h"

namespace keyledger::domain {
namespace {

using namespace testing;

const ReminderSubject kProject{SubjectType::kProject, "p-1"};

RaiseReminder Raise(Instant due = kT0) {
  return RaiseReminder{ReminderKind::kProjectStale2w, kProject, {Sales1().user, Manager1().user}, due, "ev-42"};
}
ReminderRaised Raised(Instant due = kT0, Instant at = kT0) {
  return ReminderRaised{ReminderKind::kProjectStale2w, kProject, {Sales1().user, Manager1().user}, due, at, "ev-42"};
}
Decision<ReminderEvent> When(const std::vector<ReminderEvent>& given, const ReminderCommand& c, const Context& ctx) {
  return Decide(Given<ReminderState>(given), c, ctx);
}
template <class... E>
std::vector<ReminderEvent> Then(E... e) {
  return {ReminderEvent{std::move(e)}...};
}

TEST(ReminderDecider, R_R1_RaisedBySystemWithKindSubjectRecipientsAndDueTime) {
  ExpectEvents(When({}, Raise(), Ctx(System())), Then(Raised()));
  auto s = Given<ReminderState>(Then(Raised()));
  EXPECT_TRUE(s.raised);
  EXPECT_EQ(s.kind, ReminderKind::kProjectStale2w);
  EXPECT_EQ(s.subject, kProject);
  EXPECT_EQ(s.due_at, kT0);
  ExpectRejected(When({}, Raise(), Ctx(Sales1())), K::kForbidden, "R-R1");
  ExpectRejected(When({}, Raise(), Ctx(Gm())), K::kForbidden, "R-R1");
  RaiseReminder nobody = Raise();
  nobody.recipients.clear();
  ExpectRejected(When({}, nobody, Ctx(System())), K::kValidation, "R-R1", "recipients");
  RaiseReminder nothing = Raise();
  nothing.subject.id = "";
  ExpectRejected(When({}, nothing, Ctx(System())), K::kValidation, "R-R1", "subject");
}

TEST(ReminderDecider, R_R1_AcknowledgedOncePerRecipient) {
  auto given = Then(Raised());
  ExpectEvents(When(given, AcknowledgeReminder{}, Ctx(Sales1(), kT0 + Days(1))), Then(ReminderAcknowledged{Sales1().user, kT0 + Days(1)}));
  ExpectRejected(When(given, AcknowledgeReminder{}, Ctx(Sales2())), K::kForbidden, "R-R1");
  ExpectRejected(When({}, AcknowledgeReminder{}, Ctx(Sales1())), K::kNotFound, "");
  given.push_back(ReminderAcknowledged{Sales1().user, kT0 + Days(1)});
  ExpectEvents(When(given, AcknowledgeReminder{}, Ctx(Sales1())), Then());
  auto s = Given<ReminderState>(given);
  EXPECT_FALSE(IsOpenFor(s, Sales1().user));
  EXPECT_TRUE(IsOpenFor(s, Manager1().user));
  EXPECT_FALSE(IsOpenFor(s, Sales2().user));
}

TEST(ReminderDecider, R_R2_CancelledWhenCauseRemovedButRaiseStaysInHistory) {
  auto given = Then(Raised());
  ExpectEvents(When(given, CancelReminder{"project updated", "ev-50"}, Ctx(System(), kT0 + Days(2))),
               Then(ReminderCancelled{"project updated", "ev-50", kT0 + Days(2)}));
  ExpectRejected(When(given, CancelReminder{"x", ""}, Ctx(Sales1())), K::kForbidden, "R-R2");
  given.push_back(ReminderCancelled{"project updated", "ev-50", kT0 + Days(2)});
  auto s = Given<ReminderState>(given);
  EXPECT_TRUE(s.raised);
  EXPECT_TRUE(s.cancelled);
  EXPECT_FALSE(IsOpenFor(s, Manager1().user));
  ExpectEvents(When(given, CancelReminder{"again", ""}, Ctx(System())), Then());
  // A pending (not yet raised) reminder can be cancelled too, and then never raises.
  ExpectEvents(When({}, CancelReminder{"visit logged", "ev-51"}, Ctx(System())), Then(ReminderCancelled{"visit logged", "ev-51", kT0}));
  ExpectEvents(When(Then(ReminderCancelled{"visit logged", "ev-51", kT0}), Raise(), Ctx(System())), Then());
}

TEST(ReminderDecider, R_R3_RaisingTwiceOrAfterDowntimeIsExactlyOnce) {
  // Late start: raised days after its due time, keeping the original due time.
  ExpectEvents(When({}, Raise(kT0), Ctx(System(), kT0 + Days(3))), Then(Raised(kT0, kT0 + Days(3))));
  ExpectEvents(When(Then(Raised()), Raise(), Ctx(System(), kT0 + Days(3))), Then());
  // The stream id is a pure function of kind, subject and due time.
  const auto id = ReminderStreamId(ReminderKind::kProjectStale2w, kProject, kT0);
  EXPECT_EQ(id, ReminderStreamId(ReminderKind::kProjectStale2w, kProject, kT0));
  EXPECT_EQ(id, "project_stale_2w:project:p-1:" + std::to_string(ToUnixMicros(kT0)));
  EXPECT_NE(id, ReminderStreamId(ReminderKind::kProjectStale1m, kProject, kT0));
  EXPECT_NE(id, ReminderStreamId(ReminderKind::kProjectStale2w, ReminderSubject{SubjectType::kAccount, "p-1"}, kT0));
  EXPECT_NE(id, ReminderStreamId(ReminderKind::kProjectStale2w, ReminderSubject{SubjectType::kProject, "p-2"}, kT0));
  EXPECT_NE(id, ReminderStreamId(ReminderKind::kProjectStale2w, kProject, kT0 + Micros(1)));
}

TEST(ReminderDecider, EveryKindAndSubjectHasAWireName) {
  for (auto k : {ReminderKind::kProjectStale2w, ReminderKind::kProjectStale1m, ReminderKind::kProjectOnHold, ReminderKind::kVisitOverdue,
                 ReminderKind::kKeyPersonContactDue, ReminderKind::kComplaintOverdue, ReminderKind::kApprovalPending}) {
    ASSERT_FALSE(NameOf(k).empty());
    EXPECT_EQ(ParseEnum<ReminderKind>(NameOf(k)), k);
  }
  for (auto t : {SubjectType::kProject, SubjectType::kAccount, SubjectType::kKeyPerson, SubjectType::kComplaint}) {
    ASSERT_FALSE(NameOf(t).empty());
    EXPECT_EQ(ParseEnum<SubjectType>(NameOf(t)), t);
  }
}

}  // namespace
}  // namespace keyledger::domain
