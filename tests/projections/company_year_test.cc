// The generated company year, driven one action at a time by the manual clock, against the
// independent oracle: exactly the reminders it names (0 missing, 0 extra), the same recipients;
// live read models equal to an as-of replay at every month end; and 50 crash/restart cut points.
#include <gtest/gtest.h>

#include <fstream>

#include "company_year.h"
#include "projection_test_util.h"
#include "projections/audit.h"
#include "projections/forecast.h"

namespace keyledger::projections::testing {
namespace {

std::vector<LocalDay> Holidays(const YearPlan& plan) {
  std::vector<LocalDay> out;
  for (auto d : plan.holidays) out.push_back(LocalDay(d.time_since_epoch()));
  return out;
}

ReadSideOptions Options(const YearPlan& plan, std::filesystem::path snapshot = {}) {
  return ReadSideOptions{ShanghaiCalendar(Holidays(plan)), ReminderPolicy{}, DecodeFactEvent,
                         std::move(snapshot), 700};
}

std::map<std::string, std::vector<std::string>> Raised(const ReadSide& rs) {
  return rs.Read([](const ReadModels& m) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& id : m.reminders.AllIds()) out[id] = m.reminders.Get(id)->recipients;
    return out;
  });
}

void ExpectSame(const std::map<std::string, std::vector<std::string>>& expected,
                const std::map<std::string, std::vector<std::string>>& actual) {
  size_t missing = 0, extra = 0, wrong = 0;
  for (const auto& [id, rec] : expected) {
    auto it = actual.find(id);
    if (it == actual.end()) {
      if (++missing <= 10) ADD_FAILURE() << "missing reminder " << id;
    } else if (it->second != rec) {
      if (++wrong <= 10) ADD_FAILURE() << "recipients differ for " << id;
    }
  }
  for (const auto& [id, rec] : actual) {
    if (!expected.count(id) && ++extra <= 10) ADD_FAILURE() << "extra reminder " << id;
  }
  EXPECT_EQ(missing, 0u);
  EXPECT_EQ(extra, 0u);
  EXPECT_EQ(wrong, 0u);
}

std::set<ReminderKind> Kinds(const std::map<std::string, std::vector<std::string>>& reminders) {
  std::set<ReminderKind> kinds;
  for (const auto& [id, r] : reminders) {
    for (int k = 0; k <= static_cast<int>(ReminderKind::kApprovalPending); ++k) {
      const auto name = ReminderKindName(static_cast<ReminderKind>(k));
      if (id.rfind(std::string(name) + "-", 0) == 0) kinds.insert(static_cast<ReminderKind>(k));
    }
  }
  return kinds;
}

TEST(CompanyYearTest, EngineMatchesOracleAndLiveMatchesReplayAtMonthEnds) {
  const YearPlan plan = GenerateYear(20261122);
  TempDir dir;
  auto store = OpenStore(dir.path() / "log");
  ASSERT_TRUE(store);
  ManualClock clock(plan.start - Days(2));
  ReadSide rs(Options(plan));
  ASSERT_TRUE(rs.Start(*store).ok());
  FactWriter writer(*store, clock);
  StoreSink sink(*store, clock, rs);

  std::vector<Instant> month_ends;
  for (int k = 1; k <= 12; ++k) month_ends.push_back(At(plan.start, 30.0 * k));
  size_t next_month = 0;
  int month_checks = 0;
  auto check_month = [&](Instant t) {
    ASSERT_TRUE(clock.Set(t));
    rs.RunDue(clock.Now(), sink);
    auto asof = FoldAsOf(*store, DecodeFactEvent, rs.Calendar(), rs.Policy(), t);
    ASSERT_TRUE(asof.ok());
    const auto [live_fp, live_dash] = rs.Read([&](const ReadModels& m) {
      return std::make_pair(m.Fingerprint(), ComputeDashboard(m, t));
    });
    EXPECT_EQ(live_fp, (*asof)->Fingerprint()) << "month end " << month_checks;
    EXPECT_TRUE(live_dash == ComputeDashboard(**asof, t)) << "dashboard at month end " << month_checks;
    ++month_checks;
  };
  for (const Action& a : plan.actions) {
    while (next_month < month_ends.size() && month_ends[next_month] < a.at) check_month(month_ends[next_month++]);
    if (a.at > clock.Now()) ASSERT_TRUE(clock.Set(a.at));
    // The server's timer would have fired at every due time before this command.
    rs.RunDue(clock.Now(), sink);
    writer.Append(a.fact, &rs);
  }
  while (next_month < month_ends.size()) check_month(month_ends[next_month++]);
  ASSERT_TRUE(clock.Set(plan.end));
  rs.RunDue(clock.Now(), sink);

  const auto expected = Oracle(plan).Run(plan.end);
  const auto actual = Raised(rs);
  ExpectSame(expected, actual);
  EXPECT_EQ(sink.already_raised, 0) << "the engine tried to raise something twice";
  EXPECT_EQ(month_checks, 12);
  EXPECT_EQ(Kinds(actual).size(), 7u) << "every reminder kind occurs in the year";
  std::printf("year: %zu actions, %zu reminders raised\n", plan.actions.size(), actual.size());
}

TEST(CompanyYearTest, FiftyRestartsBetweenDueAndRaiseNeitherDuplicateNorMiss) {
  YearScale scale;
  scale.projects = 300;
  scale.accounts = 120;
  const YearPlan plan = GenerateYear(777, scale);
  TempDir dir;
  const auto log_dir = dir.path() / "log";
  const auto snap = dir.path() / "projections.snap";
  auto store = OpenStore(log_dir);
  ASSERT_TRUE(store);
  ManualClock clock(plan.start - Days(2));
  auto rs = std::make_unique<ReadSide>(Options(plan, snap));
  ASSERT_TRUE(rs->Start(*store).ok());
  FactWriter writer(*store, clock);
  auto sink = std::make_unique<StoreSink>(*store, clock, *rs);
  int total_already_raised = 0;

  std::mt19937_64 rng(99);
  std::set<size_t> cuts;
  while (cuts.size() < 50) cuts.insert(1 + rng() % (plan.actions.size() - 1));
  int from_snapshot = 0, rebuilt = 0, cut_no = 0;
  for (size_t i = 0; i < plan.actions.size(); ++i) {
    const Action& a = plan.actions[i];
    if (a.at > clock.Now()) ASSERT_TRUE(clock.Set(a.at));
    if (cuts.count(i)) {
      // The server is down from just before this action: dues since the previous action have
      // passed but were not raised. Some cuts also crash in the middle of a raising run.
      const int mode = cut_no++ % 4;
      if (mode == 1) {
        sink->apply_back = false;  // appended durably, crash before applying
        rs->RunDue(clock.Now(), *sink);
      } else if (mode == 2) {
        sink->fail_from_call = static_cast<int>(rng() % 3);  // crash after 0-2 raises
        rs->RunDue(clock.Now(), *sink);
      } else if (mode == 3) {
        ASSERT_TRUE(rs->WriteSnapshot().ok());  // clean shutdown
      }
      total_already_raised += sink->already_raised;
      sink.reset();
      rs.reset();
      store.reset();
      if (cut_no % 7 == 0 && std::filesystem::exists(snap)) {
        std::fstream f(snap, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(60);
        f.put('\x5a');  // damage: the start must ignore it and rebuild
      }
      store = OpenStore(log_dir);
      ASSERT_TRUE(store);
      writer.Rebind(*store);
      rs = std::make_unique<ReadSide>(Options(plan, snap));
      auto started = rs->Start(*store);
      ASSERT_TRUE(started.ok());
      (started->from_snapshot ? from_snapshot : rebuilt)++;
      sink = std::make_unique<StoreSink>(*store, clock, *rs);
    }
    rs->RunDue(clock.Now(), *sink);
    writer.Append(a.fact, rs.get());
  }
  ASSERT_TRUE(clock.Set(plan.end));
  rs->RunDue(clock.Now(), *sink);
  total_already_raised += sink->already_raised;

  ExpectSame(Oracle(plan).Run(plan.end), Raised(*rs));
  EXPECT_EQ(total_already_raised, 0) << "after a restart the engine retried a raised reminder";
  EXPECT_GT(from_snapshot, 0);
  EXPECT_GT(rebuilt, 0);
  std::printf("restarts: %d from snapshot, %d rebuilt\n", from_snapshot, rebuilt);
}

}  // namespace
}  // namespace keyledger::projections::testing
