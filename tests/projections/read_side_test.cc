// ReadSide: snapshot + tail equals a full rebuild, damaged snapshots are rebuilt, replay is a
// no-op, read-your-writes, timeline, access log, forecast.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "year_fill.h"
#include "projections/audit.h"
#include "projections/forecast.h"
#include "projections/snapshot_file.h"

namespace keyledger::projections::testing {
namespace {

using namespace std::chrono_literals;

ReadSideOptions Opts(std::filesystem::path snap = {}, uint64_t every = 0) {
  return ReadSideOptions{ShanghaiCalendar(), ReminderPolicy{}, DecodeFactEvent, std::move(snap), every};
}

TEST(ReadSideTest, SnapshotPlusTailEqualsFullRebuild) {
  const YearPlan plan = SmallYear();
  TempDir dir;
  auto store = OpenStore(dir.path() / "log");
  const size_t half = plan.actions.size() / 2;
  FillYear(*store, plan, 0, half);
  const auto snap = dir.path() / "p.snap";
  {
    ReadSide rs(Opts(snap));
    ASSERT_TRUE(rs.Start(*store).ok());
    ASSERT_TRUE(rs.WriteSnapshot().ok());
  }
  FillYear(*store, plan, half, plan.actions.size());
  ReadSide from_snap(Opts(snap));
  auto info = from_snap.Start(*store);
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->from_snapshot);
  EXPECT_TRUE(info->schedule_loaded) << info->snapshot_note;
  EXPECT_EQ(info->replayed_events, plan.actions.size() - half);
  ReadSide scratch(Opts());
  auto info2 = scratch.Start(*store);
  ASSERT_TRUE(info2.ok());
  EXPECT_FALSE(info2->from_snapshot);
  const uint64_t a = from_snap.Read([](const ReadModels& m) { return m.Fingerprint(); });
  const uint64_t b = scratch.Read([](const ReadModels& m) { return m.Fingerprint(); });
  EXPECT_EQ(a, b);
  EXPECT_EQ(from_snap.NextDue(), scratch.NextDue());
  EXPECT_EQ(from_snap.PendingReminders(), scratch.PendingReminders());
  // The loaded schedule, followed through the tail, is the one derived from scratch.
  EXPECT_EQ(from_snap.ScheduleFingerprint(), scratch.ScheduleFingerprint());
  EXPECT_EQ(from_snap.Applied(), store->HeadSeq());
}

TEST(ReadSideTest, DamagedOrOldSnapshotIsIgnoredAndRebuilt) {
  const YearPlan plan = SmallYear();
  TempDir dir;
  auto store = OpenStore(dir.path() / "log");
  FillYear(*store, plan, 0, 300);
  const auto snap = dir.path() / "p.snap";
  {
    ReadSide rs(Opts(snap));
    ASSERT_TRUE(rs.Start(*store).ok());
    ASSERT_TRUE(rs.WriteSnapshot().ok());
  }
  const uint64_t expected = [&] {
    ReadSide rs(Opts());
    EXPECT_TRUE(rs.Start(*store).ok());
    return rs.Read([](const ReadModels& m) { return m.Fingerprint(); });
  }();
  {
    std::fstream f(snap, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('\x7f');
  }
  ReadSide damaged(Opts(snap));
  auto info = damaged.Start(*store);
  ASSERT_TRUE(info.ok());
  EXPECT_FALSE(info->from_snapshot);
  EXPECT_NE(info->snapshot_note.find("checksum"), std::string::npos) << info->snapshot_note;
  EXPECT_EQ(damaged.Read([](const ReadModels& m) { return m.Fingerprint(); }), expected);

  ASSERT_TRUE(WriteSnapshotFile(snap, {store->HeadSeq(), "whatever"}, kSnapshotFormatVersion + 1).ok());
  ReadSide old_version(Opts(snap));
  auto info2 = old_version.Start(*store);
  ASSERT_TRUE(info2.ok());
  EXPECT_FALSE(info2->from_snapshot);
  EXPECT_EQ(old_version.Read([](const ReadModels& m) { return m.Fingerprint(); }), expected);

  // A snapshot whose payload checks out but does not parse (written by a buggy build).
  ASSERT_TRUE(WriteSnapshotFile(snap, {Seq(3), "\x01\x02garbage"}).ok());
  ReadSide garbage(Opts(snap));
  auto info3 = garbage.Start(*store);
  ASSERT_TRUE(info3.ok());
  EXPECT_FALSE(info3->from_snapshot);
  EXPECT_EQ(garbage.Read([](const ReadModels& m) { return m.Fingerprint(); }), expected);
}

TEST(ReadSideTest, ReplayingAppliedEventsIsANoOp) {
  const YearPlan plan = SmallYear();
  TempDir dir;
  auto store = OpenStore(dir.path() / "log");
  FillYear(*store, plan, 0, 200);
  ReadSide rs(Opts());
  ASSERT_TRUE(rs.Start(*store).ok());
  const uint64_t before = rs.Read([](const ReadModels& m) { return m.Fingerprint(); });
  auto all = store->ReadAll(Seq(0), 1000);
  ASSERT_TRUE(all.ok());
  rs.Apply(*all);
  ASSERT_TRUE(rs.CatchUp(*store).ok());
  EXPECT_EQ(rs.Read([](const ReadModels& m) { return m.Fingerprint(); }), before);
}

TEST(ReadSideTest, WaitForSeqSeesTheWrite) {
  TempDir dir;
  auto store = OpenStore(dir.path() / "log");
  ManualClock clock(YearStart());
  ReadSide rs(Opts());
  ASSERT_TRUE(rs.Start(*store).ok());
  FactWriter w(*store, clock);
  const Seq seq = w.Append(AccountOpened{"acc1", "A-00001", "Acme", Tier::kA, true, "s1"}, nullptr);
  EXPECT_FALSE(rs.WaitForSeq(seq, 1ms));
  std::thread applier([&] { ASSERT_TRUE(rs.CatchUp(*store).ok()); });
  EXPECT_TRUE(rs.WaitForSeq(seq, 5s));
  applier.join();
  EXPECT_TRUE(rs.Read([](const ReadModels& m) { return m.accounts.Find("acc1") != nullptr; }));
}

TEST(ReadSideTest, TimelineShowsWhoWhatWhenBeforeAfter) {
  TempDir dir;
  auto store = OpenStore(dir.path() / "log");
  ManualClock clock(YearStart());
  FactWriter w(*store, clock);
  w.Append(ProjectRegistered{"p1", "Deal", "acc1", "EU", "s1", 1000, 40, 10, YearStart() + Days(50)}, nullptr, "s1");
  ASSERT_TRUE(clock.Advance(Days(1)));
  w.Append(ProjectStatusChanged{"p1", ProjectStatus::kApproved, "", "P-001"}, nullptr, "vp");
  ASSERT_TRUE(clock.Advance(Days(3)));
  ProjectUpdated u{"p1", 2000, 60, std::nullopt, std::nullopt, "bigger"};
  w.Append(u, nullptr, "s1");
  auto cal = ShanghaiCalendar();
  auto tl = Timeline(*store, DecodeFactEvent, cal, ReminderPolicy{}, AuditSubject::kProject, "p1", "project-p1");
  ASSERT_TRUE(tl.ok());
  ASSERT_EQ(tl->size(), 3u);
  EXPECT_EQ((*tl)[1].actor, "vp");
  EXPECT_EQ((*tl)[2].actor, "s1");
  EXPECT_EQ((*tl)[2].occurred_at, YearStart() + Days(4));
  const auto& changes = (*tl)[2].changes;
  auto find = [&](const std::string& field) {
    for (const auto& c : changes) if (c.field == field) return c;
    return FieldChange{};
  };
  EXPECT_EQ(find("amount_fen"), (FieldChange{"amount_fen", "1000", "2000"}));
  EXPECT_EQ(find("probability_pct"), (FieldChange{"probability_pct", "40", "60"}));
  EXPECT_EQ(find("status").field, "");  // unchanged fields are not listed
  const auto& approve = (*tl)[1].changes;
  EXPECT_NE(std::find(approve.begin(), approve.end(), FieldChange{"status", "registered", "approved"}), approve.end());
}

TEST(ReadSideTest, AccessLogByAccountUserAndTime) {
  TempDir dir;
  auto store = OpenStore(dir.path() / "log");
  ManualClock clock(YearStart());
  ReadSide rs(Opts());
  ASSERT_TRUE(rs.Start(*store).ok());
  FactWriter w(*store, clock);
  w.Append(AccountFileRead{"acc1", "u1"}, &rs);
  ASSERT_TRUE(clock.Advance(Days(1)));
  w.Append(AccountFileRead{"acc2", "u1"}, &rs);
  ASSERT_TRUE(clock.Advance(Days(1)));
  w.Append(AccountFileRead{"acc1", "u2"}, &rs);
  rs.Read([&](const ReadModels& m) {
    EXPECT_EQ(m.access_log.Query({.account_id = "acc1"}).size(), 2u);
    EXPECT_EQ(m.access_log.Query({.user_id = "u1"}).size(), 2u);
    auto r = m.access_log.Query({.from = YearStart() + Days(1), .to = YearStart() + Days(2)});
    EXPECT_EQ(r.size(), 1u);
    EXPECT_EQ(r.at(0).account_id, "acc2");
    EXPECT_EQ(m.access_log.Query({.account_id = "acc1", .user_id = "u2"}).size(), 1u);
    return 0;
  });
}

TEST(ReadSideTest, ForecastGroupsByOwnerUnitAreaMonth) {
  TempDir dir;
  auto store = OpenStore(dir.path() / "log");
  ManualClock clock(YearStart());
  ReadSide rs(Opts());
  ASSERT_TRUE(rs.Start(*store).ok());
  FactWriter w(*store, clock);
  w.Append(UnitDefined{"a1", "", UnitLevel::kArea, "A"}, &rs);
  w.Append(UnitDefined{"d1", "a1", UnitLevel::kDepartment, "D"}, &rs);
  w.Append(UserPlaced{"s1", "d1", "S"}, &rs);
  // 1,000,000.00 RMB x 40 % = 400,000.00; x 25 % margin = 100,000.00.
  w.Append(ProjectRegistered{"p1", "Deal", "acc1", "EU", "s1", 100'000'000, 40, 25, YearStart() + Days(40)}, &rs);
  w.Append(ProjectStatusChanged{"p1", ProjectStatus::kApproved, "", "N1"}, &rs);
  w.Append(ProjectRegistered{"p2", "Not approved", "acc1", "EU", "s1", 100'000'000, 40, 25, YearStart()}, &rs);
  const Forecast f = rs.Read([&](const ReadModels& m) { return ComputeForecast(m, clock.Now()); });
  EXPECT_EQ(f.total.expected_revenue_fen, 40'000'000);
  EXPECT_EQ(f.total.expected_profit_fen, 10'000'000);
  EXPECT_EQ(f.by_owner.at("s1").projects, 1u);
  EXPECT_EQ(f.by_unit.at("d1").expected_revenue_fen, 40'000'000);
  EXPECT_EQ(f.by_area.at("a1").expected_revenue_fen, 40'000'000);
  EXPECT_EQ(f.by_month.count("2026-02"), 1u);
}

TEST(ReadSideTest, ProjectRowStaysUnderOneKiB) {
  ReminderPolicy policy;
  auto cal = ShanghaiCalendar();
  ReadModels m(cal, policy);
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    FactMeta meta{Seq(i + 1), YearStart(), YearStart(), "3f2a7c1e-0000-4000-8000-" + std::to_string(100000000000 + i), "s"};
    m.Apply({meta, ProjectRegistered{"P" + std::to_string(1000000 + i), "Project name of typical length " + std::to_string(i),
                                      "acc" + std::to_string(i % 2000), "End user " + std::to_string(i % 500),
                                      "s" + std::to_string(i % 300), 1000, 50, 20, YearStart()}});
  }
  const double per_project = static_cast<double>(m.projects.ApproxBytes()) / n;
  std::printf("project read model: %.0f bytes per project\n", per_project);
  EXPECT_LT(per_project, 1024.0);
}

}  // namespace
}  // namespace keyledger::projections::testing
