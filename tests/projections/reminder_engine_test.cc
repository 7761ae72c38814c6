// Reminder boundaries through the real write path (store, sink, ReadSide) with a ManualClock.
#include <gtest/gtest.h>

#include "projection_test_util.h"

namespace keyledger::projections::testing {
namespace {

// 2026-11-16 10:00 Shanghai, a Monday.
const Instant kMonday10 = Instant(std::chrono::sys_days(std::chrono::year{2026} / 11 / 16).time_since_epoch()) +
                          Micros(2 * 3'600'000'000LL);

class ReminderFixture : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }
  void Open(std::vector<LocalDay> holidays = {}) {
    store_ = OpenStore(dir_.path() / "log");
    rs_ = std::make_unique<ReadSide>(
        ReadSideOptions{ShanghaiCalendar(std::move(holidays)), ReminderPolicy{}, DecodeFactEvent, {}, 0});
    ASSERT_TRUE(rs_->Start(*store_).ok());
    writer_ = std::make_unique<FactWriter>(*store_, clock_);
    sink_ = std::make_unique<StoreSink>(*store_, clock_, *rs_);
  }
  void Org() {
    Add(UnitDefined{"co", "", UnitLevel::kCompany, "Co"});
    Add(UnitDefined{"a1", "co", UnitLevel::kArea, "Area"});
    Add(UnitDefined{"d1", "a1", UnitLevel::kDepartment, "Dept"});
    Add(UserPlaced{"vp", "a1", "VP"});
    Add(UnitHeadAssigned{"a1", "vp"});
    Add(UserPlaced{"mgr", "d1", "Mgr"});
    Add(UnitHeadAssigned{"d1", "mgr"});
    Add(UserPlaced{"s1", "d1", "Sales"});
  }
  void Add(const Fact& f) { writer_->Append(f, rs_.get()); }
  void ApprovedProject(const std::string& id) {
    Add(ProjectRegistered{id, "Big deal " + id, "acc1", "End user", "s1", 100'000'00, 50, 20, clock_.Now() + Days(60)});
    Add(ProjectStatusChanged{id, ProjectStatus::kApproved, "", "N-" + id});
  }
  size_t RunAt(Instant t) {
    EXPECT_TRUE(clock_.Set(t));
    return rs_->RunDue(clock_.Now(), *sink_);
  }
  std::vector<std::string> Ids() {
    return rs_->Read([](const ReadModels& m) { return m.reminders.AllIds(); });
  }

  TempDir dir_;
  ManualClock clock_{kMonday10};
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<ReadSide> rs_;
  std::unique_ptr<FactWriter> writer_;
  std::unique_ptr<StoreSink> sink_;
};

TEST_F(ReminderFixture, NothingAtThirteenDays2359RaisedAtFourteenDays) {
  Org();
  ApprovedProject("p1");
  const Instant approved = clock_.Now();
  EXPECT_EQ(RunAt(approved + Days(13) + std::chrono::hours(23) + std::chrono::minutes(59)), 0u);
  EXPECT_TRUE(Ids().empty());
  EXPECT_EQ(rs_->NextDue(), approved + Days(14));
  EXPECT_EQ(RunAt(approved + Days(14)), 1u);
  ASSERT_EQ(Ids().size(), 1u);
  auto r = rs_->Read([](const ReadModels& m) { return m.reminders.ForRecipient("mgr", ReminderState::kOpen); });
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].kind, ReminderKind::kProjectStale2w);
  EXPECT_EQ(r[0].due_at, approved + Days(14));
  EXPECT_EQ(r[0].recipients, (std::vector<std::string>{"s1", "mgr"}));
}

TEST_F(ReminderFixture, UpdateAtDayTenMovesItToDayTwentyFour) {
  Org();
  ApprovedProject("p1");
  const Instant approved = clock_.Now();
  ASSERT_TRUE(clock_.Set(approved + Days(10)));
  Add(ProjectUpdated{"p1", {}, {}, {}, {}, "progress"});
  EXPECT_EQ(RunAt(approved + Days(14)), 0u);
  EXPECT_EQ(RunAt(approved + Days(24) - Micros(1)), 0u);
  EXPECT_EQ(RunAt(approved + Days(24)), 1u);
  EXPECT_EQ(Ids(), (std::vector<std::string>{ReminderId(ReminderKind::kProjectStale2w, "p1", 0, approved + Days(24))}));
}

TEST_F(ReminderFixture, LateStartRaisesEachOnceWithItsOriginalDueTime) {
  Org();
  ApprovedProject("p1");
  const Instant approved = clock_.Now();
  // Server down from day 1 to day 100: everything fell due meanwhile.
  EXPECT_EQ(RunAt(approved + Days(100)), 3u);  // 2w, 1m, on-hold
  auto reminders = rs_->Read([](const ReadModels& m) { return m.reminders.ForRecipient("s1", std::nullopt); });
  ASSERT_EQ(reminders.size(), 3u);
  EXPECT_EQ(reminders[0].due_at, approved + Days(14));
  EXPECT_EQ(reminders[1].due_at, approved + Days(30));
  EXPECT_EQ(reminders[2].due_at, approved + Days(90));
  EXPECT_EQ(reminders[2].recipients, (std::vector<std::string>{"s1", "mgr", "vp"}));
  EXPECT_EQ(reminders[0].raised_at, approved + Days(100));
  // A second run and a wall-clock "jump" forward raise nothing new.
  EXPECT_EQ(RunAt(approved + Days(400)), 0u);
  EXPECT_EQ(sink_->already_raised, 0);
}

// (That an on-hold project leaves conflict detection, R-P7, is the domain's ConflictIndex's test.)
TEST_F(ReminderFixture, AutoOnHoldCitesTheLastUpdate) {
  Org();
  ApprovedProject("p1");
  ApprovedProject("p2");
  ASSERT_TRUE(clock_.Set(clock_.Now() + Days(5)));
  Add(ProjectUpdated{"p1", {}, {}, {}, {}, "alive"});
  const Instant updated = clock_.Now();
  const std::string last_update_event =
      rs_->Read([](const ReadModels& m) { return m.projects.Find("p1")->last_update_event_id; });
  RunAt(updated + Days(90));
  rs_->Read([&](const ReadModels& m) {
    EXPECT_EQ(m.projects.Find("p1")->status, ProjectStatus::kOnHold);
    return 0;
  });
  auto stream = store_->ReadStream("project-p1", 1, 100);
  ASSERT_TRUE(stream.ok());
  EXPECT_EQ(stream->back().actor, "system");
  EXPECT_EQ(stream->back().causation_id, last_update_event);
}

TEST_F(ReminderFixture, FridayAfternoonComplaintSkipsWeekendAndHoliday) {
  // Monday 2026-11-23 is a configured holiday.
  store_.reset();
  Open({LocalDay(std::chrono::sys_days(std::chrono::year{2026} / 11 / 23).time_since_epoch())});
  Org();
  const Instant friday16 = kMonday10 + Days(4) + std::chrono::hours(6);
  ASSERT_TRUE(clock_.Set(friday16));
  Add(ComplaintOpened{"c1", "acc1", "s1", "high"});
  const Instant wednesday16 = friday16 + Days(5);
  EXPECT_EQ(rs_->NextDue(), wednesday16);
  EXPECT_EQ(RunAt(wednesday16 - Micros(1)), 0u);
  EXPECT_EQ(RunAt(wednesday16), 1u);
  auto r = rs_->Read([](const ReadModels& m) { return m.reminders.ForRecipient("s1", ReminderState::kOpen); });
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].kind, ReminderKind::kComplaintOverdue);
  EXPECT_EQ(r[0].recipients, (std::vector<std::string>{"s1", "mgr"}));
}

TEST_F(ReminderFixture, FirstContactCancelsWhatIsPendingRaisedStaysInHistory) {
  Org();
  Add(ComplaintOpened{"c1", "acc1", "s1", "high"});
  ASSERT_TRUE(clock_.Set(clock_.Now() + Days(1)));
  Add(ComplaintStep{"c1", ComplaintStepKind::kFirstContact, std::nullopt});
  EXPECT_EQ(RunAt(clock_.Now() + Days(30)), 0u);
  EXPECT_FALSE(rs_->NextDue().has_value());
}

TEST_F(ReminderFixture, AcknowledgeClosesItForThatRecipientOnly) {
  Org();
  ApprovedProject("p1");
  RunAt(clock_.Now() + Days(14));
  const std::string id = Ids().at(0);
  Add(ReminderAcknowledged{id, "s1"});
  rs_->Read([&](const ReadModels& m) {
    EXPECT_TRUE(m.reminders.ForRecipient("s1", ReminderState::kOpen).empty());
    EXPECT_EQ(m.reminders.ForRecipient("mgr", ReminderState::kOpen).size(), 1u);
    return 0;
  });
}

TEST_F(ReminderFixture, RecipientsAreResolvedAsOfTheDueTime) {
  Org();
  ApprovedProject("p1");
  const Instant approved = clock_.Now();
  // The manager changes on day 20; the 2w reminder (day 14), raised late on day 40, still goes
  // to the old manager; the 1m one (day 30) to the new one.
  ASSERT_TRUE(clock_.Set(approved + Days(20)));
  Add(UserPlaced{"mgr2", "d1", "New manager"});
  Add(UnitHeadAssigned{"d1", "mgr2"});
  RunAt(approved + Days(40));
  auto r = rs_->Read([](const ReadModels& m) { return m.reminders.ForRecipient("s1", std::nullopt); });
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].recipients, (std::vector<std::string>{"s1", "mgr"}));
  EXPECT_EQ(r[1].recipients, (std::vector<std::string>{"s1", "mgr2", "vp"}));
}

TEST_F(ReminderFixture, SinkFailureRetriesOnTheNextRun) {
  Org();
  ApprovedProject("p1");
  sink_->fail_from_call = 0;
  EXPECT_EQ(RunAt(clock_.Now() + Days(15)), 0u);
  EXPECT_EQ(rs_->PendingReminders(), 3u);  // 2w put back, 1m and on-hold still pending
  sink_->fail_from_call = -1;
  EXPECT_EQ(RunAt(clock_.Now()), 1u);
}

}  // namespace
}  // namespace keyledger::projections::testing
