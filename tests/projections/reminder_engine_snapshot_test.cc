// The reminder schedule at start-up: bulk scheduling equals one-by-one scheduling; the snapshot's
// round trip, refusal of damaged input, and the read side loading the schedule only when it was
// made under the same settings.
#include <gtest/gtest.h>

#include "year_fill.h"
#include "projections/binary_codec.h"
#include "projections/org_tree.h"
#include "projections/read_side_snapshot.h"
#include "projections/reminder_engine.h"

namespace keyledger::projections::testing {
namespace {

const Instant kT0 = FromUnixMicros(1'795'968'000'000'000);

PendingReminder Deadline(ReminderKind kind, std::string subject, uint8_t stage, Instant due) {
  PendingReminder p;
  p.slot = ReminderSlot{kind, std::move(subject), stage};
  p.subject_type = SubjectType::kProject;
  p.due = due;
  p.person = "u-sales-1";
  p.audience = Audience::kPersonManagerAndVp;
  p.causation_id = "0b1e6c3a-6a55-4bb7-9c55-2d0f1b7f4e21";
  return p;
}

void FillEngine(ReminderEngine& e) {
  e.MarkRaised("project_stale_2w-p0-0-1795968000");
  for (int i = 0; i < 50; ++i) {
    const std::string id = "p" + std::to_string(i);
    e.Schedule(Deadline(ReminderKind::kProjectStale2w, id, 0, kT0 + Days(i % 7)));
    e.Schedule(Deadline(ReminderKind::kProjectStale1m, id, 0, kT0 + Days(20 + i % 3)));
  }
}

// Schedules, moves, cancels and re-schedules, and a raised id, in one fixed order.
void Calls(ReminderEngine& e) {
  e.MarkRaised(ReminderId(ReminderKind::kProjectStale2w, "p3", 0, kT0 + Days(3)));
  for (int i = 0; i < 40; ++i) {
    const std::string id = "p" + std::to_string(i);
    e.Schedule(Deadline(ReminderKind::kProjectStale2w, id, 0, kT0 + Days(i % 5)));
    if (i % 4 == 0) e.Schedule(Deadline(ReminderKind::kProjectStale2w, id, 0, kT0 + Days(9)));  // moved
    if (i % 6 == 0) e.Cancel(ReminderSlot{ReminderKind::kProjectStale2w, id, 0});                 // gone
    if (i % 12 == 0) e.Schedule(Deadline(ReminderKind::kProjectStale2w, id, 0, kT0 + Days(11)));  // back
  }
}

TEST(ReminderEngineSnapshotTest, BulkSchedulingEqualsOneByOne) {
  OrgTree org;
  ReminderEngine one_by_one(org);
  Calls(one_by_one);
  ReminderEngine bulk(org);
  bulk.BeginBulk();
  Calls(bulk);
  bulk.EndBulk();
  EXPECT_EQ(bulk.PendingCount(), one_by_one.PendingCount());
  EXPECT_EQ(bulk.Fingerprint(), one_by_one.Fingerprint());
  // p3's deadline on day 3 was raised already: neither engine schedules it.
  EXPECT_FALSE(bulk.Pending(ReminderSlot{ReminderKind::kProjectStale2w, "p3", 0}).has_value());
  EXPECT_EQ(bulk.Pending(ReminderSlot{ReminderKind::kProjectStale2w, "p12", 0})->due, kT0 + Days(11));
  EXPECT_FALSE(bulk.Pending(ReminderSlot{ReminderKind::kProjectStale2w, "p6", 0}).has_value());
  EXPECT_EQ(bulk.Pending(ReminderSlot{ReminderKind::kProjectStale2w, "p4", 0})->due, kT0 + Days(9));
}

TEST(ReminderEngineSnapshotTest, RoundTripKeepsScheduleAndRaisedIds) {
  OrgTree org;
  ReminderEngine engine(org);
  FillEngine(engine);
  BinaryWriter w;
  engine.Serialize(w);

  ReminderEngine back(org);
  BinaryReader r(w.Buffer());
  ASSERT_TRUE(back.Deserialize(r));
  EXPECT_TRUE(r.AtEnd());
  EXPECT_EQ(back.Fingerprint(), engine.Fingerprint());
  EXPECT_EQ(back.PendingCount(), engine.PendingCount());
  EXPECT_EQ(back.NextDue(), engine.NextDue());
  EXPECT_TRUE(back.IsRaised("project_stale_2w-p0-0-1795968000"));
  const ReminderSlot slot{ReminderKind::kProjectStale1m, "p7", 0};
  ASSERT_TRUE(back.Pending(slot).has_value());
  EXPECT_EQ(back.Pending(slot)->due, kT0 + Days(21));
  EXPECT_EQ(back.Pending(slot)->causation_id, "0b1e6c3a-6a55-4bb7-9c55-2d0f1b7f4e21");
  // The loaded schedule raises in the same order as the original.
  const auto a = engine.TakeDue(kT0 + Days(30));
  const auto b = back.TakeDue(kT0 + Days(30));
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].id, b[i].id);
}

TEST(ReminderEngineSnapshotTest, DamagedOrOutOfOrderInputIsRefused) {
  OrgTree org;
  ReminderEngine engine(org);
  FillEngine(engine);
  BinaryWriter w;
  engine.Serialize(w);
  const std::string bytes = w.Buffer();
  {
    ReminderEngine back(org);
    const std::string cut = bytes.substr(0, bytes.size() / 2);
    BinaryReader r(cut);
    EXPECT_FALSE(back.Deserialize(r));
  }
  {
    // Two entries written in the wrong order: Append's precondition would be broken.
    BinaryWriter bad;
    bad.PutVarint(2);
    for (int day : {2, 1}) {
      bad.PutVarint(0);
      bad.PutString("p1-" + std::to_string(day));
      bad.PutVarint(0);
      bad.PutSigned(ToUnixMicros(kT0 + Days(day)));
      bad.PutVarint(0);
      bad.PutVarint(0);
      bad.PutString("u");
      bad.PutString("c");
    }
    bad.PutVarint(0);
    ReminderEngine back(org);
    BinaryReader r(bad.Buffer());
    EXPECT_FALSE(back.Deserialize(r));
  }
  {
    // An engine that already holds a schedule does not load another over it.
    ReminderEngine busy(org);
    busy.Schedule(Deadline(ReminderKind::kProjectStale2w, "x", 0, kT0));
    BinaryReader r(bytes);
    EXPECT_FALSE(busy.Deserialize(r));
  }
}

ReadSideOptions Opts(std::filesystem::path snap, ReminderPolicy policy = {}) {
  return ReadSideOptions{ShanghaiCalendar(), policy, DecodeFactEvent, std::move(snap), 0};
}

TEST(ReminderEngineSnapshotTest, ScheduleFromOtherSettingsIsDerivedAgain) {
  const YearPlan plan = SmallYear(11);
  TempDir dir;
  auto store = OpenStore(dir.path() / "log");
  FillYear(*store, plan, 0, plan.actions.size());
  const auto snap = dir.path() / "p.snap";
  {
    ReadSide rs(Opts(snap));
    ASSERT_TRUE(rs.Start(*store).ok());
    ASSERT_TRUE(rs.WriteSnapshot().ok());
  }
  {
    ReadSide same(Opts(snap));
    auto info = same.Start(*store);
    ASSERT_TRUE(info.ok());
    EXPECT_TRUE(info->from_snapshot);
    EXPECT_TRUE(info->schedule_loaded);
  }
  ReminderPolicy shorter;
  shorter.project_stale_2w = Days(10);
  ReadSide changed(Opts(snap, shorter));
  auto info = changed.Start(*store);
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->from_snapshot);
  EXPECT_FALSE(info->schedule_loaded);
  ReadSide scratch(Opts({}, shorter));
  ASSERT_TRUE(scratch.Start(*store).ok());
  EXPECT_EQ(changed.ScheduleFingerprint(), scratch.ScheduleFingerprint());
  EXPECT_GT(changed.PendingReminders(), 0u);
}

}  // namespace
}  // namespace keyledger::projections::testing
