// The demo seed (`keyledger serve --demo`) on a real Ledger and RocksDB in a temp folder: two years
// of history played through the reminder engine, each reminder raised once at its due time, and
// none raised again by a restart on the same data.
#include "server/demo_seed.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "projections/manual_clock.h"
#include "projections/reminder_types.h"
#include "server/ledger.h"
#include "server/time_text.h"
#include "store/rocks_event_store.h"

namespace keyledger::server {
namespace {

struct RaisedReminder {
  std::string id;
  projections::ReminderKind kind;
  std::string subject;
  Instant due_at, raised_at;
};

// Everything the log says about the seeded company.
struct LogFacts {
  size_t events = 0;
  Instant first{Instant::max()}, last{Instant::min()};
  std::map<std::string, int> raised_per_stream;  // reminder stream -> ReminderRaised count
  std::vector<RaisedReminder> reminders;
  size_t put_on_hold_by_system = 0;
};

class DemoSeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("keyledger-demo-test-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    Close();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Opens the store and a ledger on the demo clock, as main does under --demo.
  void Open() {
    auto store = store::OpenRocksEventStore(dir_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    clock_ = MakeDemoClock(base_, *store_);
    LedgerOptions options;
    options.admin_password = "admin-password-1";
    options.password = PasswordParams::Minimum();
    options.snapshot_path = dir_ / "read-side.snapshot";
    ledger_ = std::make_unique<Ledger>(*store_, *clock_, options);
    auto started = ledger_->Start({});
    ASSERT_TRUE(started.ok()) << started.error();
  }
  void Close() {
    if (ledger_) ledger_->Stop();
    ledger_.reset();
    clock_.reset();
    store_.reset();
  }

  LogFacts Facts() {
    LogFacts f;
    Seq after{0};
    while (true) {
      auto page = store_->ReadAll(after, 5000);
      EXPECT_TRUE(page.ok());
      if (!page.ok() || page->empty()) break;
      for (const auto& e : *page) {
        after = e.seq;
        ++f.events;
        f.first = std::min(f.first, e.occurred_at);
        f.last = std::max(f.last, e.occurred_at);
        if (e.type == "ProjectPutOnHold" && e.actor == "system") ++f.put_on_hold_by_system;
        if (e.type != "ReminderRaised") continue;
        ++f.raised_per_stream[e.stream];
        const std::string id = e.stream.substr(std::string("reminder-").size());
        auto view = ledger_->Reads().Read([&](const projections::ReadModels& m) { return m.reminders.Get(id); });
        EXPECT_TRUE(view.has_value()) << id;
        if (view) f.reminders.push_back({id, view->kind, view->subject_id, view->due_at, view->raised_at});
      }
    }
    return f;
  }

  // Monday 2026-11-02 09:00 in Shanghai: "now" for the seed.
  projections::ManualClock base_{*ParseTime("2026-11-02T09:00:00+08:00")};
  std::filesystem::path dir_;
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<DemoClock> clock_;
  std::unique_ptr<Ledger> ledger_;
};

TEST_F(DemoSeedTest, TwoYearsOfHistoryWithTheEnginesRemindersOnceEach) {
  Open();
  ASSERT_TRUE(clock_->Replaying()) << "an empty log replays the history";
  const DemoSeedReport report = SeedDemoIfEmpty(*ledger_, *clock_);
  ASSERT_TRUE(report.seeded);
  EXPECT_EQ(report.refused, 0u) << "the plan asked for nothing the rules refuse";
  EXPECT_FALSE(clock_->Replaying()) << "handed over to the server's clock";
  EXPECT_EQ(clock_->Now(), base_.Now());

  const LogFacts f = Facts();
  EXPECT_GT(f.events, 10000u);
  EXPECT_GE(std::chrono::duration_cast<std::chrono::days>(f.last - f.first).count(), 700);
  EXPECT_LE(f.last, base_.Now()) << "nothing in the future";

  std::map<projections::ReminderKind, size_t> by_kind;
  std::set<std::tuple<projections::ReminderKind, std::string, int64_t>> causes;
  for (const auto& r : f.reminders) {
    ++by_kind[r.kind];
    EXPECT_LT(r.due_at, base_.Now()) << r.id;
    // Raised by the engine as the history passed its due time, not at the end of the seed. (A
    // visit reminder may come later than its due time: a January tier review that shortens the
    // cadence makes it due in the past, and the engine raises it at once.)
    EXPECT_GE(r.raised_at, r.due_at) << r.id;
    if (r.kind != projections::ReminderKind::kVisitOverdue) EXPECT_LE(r.raised_at - r.due_at, Days(1)) << r.id;
    EXPECT_TRUE(causes.insert({r.kind, r.subject, ToUnixMicros(r.due_at)}).second) << "raised twice: " << r.id;
  }
  for (const auto& [stream, n] : f.raised_per_stream) EXPECT_EQ(n, 1) << stream;
  EXPECT_GT(by_kind[projections::ReminderKind::kProjectStale2w], 0u);
  EXPECT_GT(by_kind[projections::ReminderKind::kProjectStale1m], 0u);
  EXPECT_GT(by_kind[projections::ReminderKind::kProjectOnHold], 0u);
  EXPECT_GT(by_kind[projections::ReminderKind::kVisitOverdue], 0u);
  EXPECT_GT(by_kind[projections::ReminderKind::kComplaintOverdue], 0u);
  EXPECT_GT(f.put_on_hold_by_system, 0u) << "R-P7: the engine put projects on hold by itself";
  EXPECT_EQ(f.put_on_hold_by_system, by_kind[projections::ReminderKind::kProjectOnHold]);

  // Today's picture: projects in every state, some stale, some on hold.
  const auto statuses = ledger_->Reads().Read([](const projections::ReadModels& m) {
    std::map<projections::ProjectStatus, size_t> n;
    for (const auto& row : m.projects.Rows()) ++n[row.status];
    return n;
  });
  EXPECT_GT(statuses.at(projections::ProjectStatus::kApproved), 100u);
  EXPECT_GT(statuses.at(projections::ProjectStatus::kOnHold), 10u);
  EXPECT_GT(statuses.at(projections::ProjectStatus::kContractSigned), 50u);

  // R-R3: a restart on the same data raises none of them again and does not seed again; a day
  // later it raises only what fell due in that day.
  Close();
  Open();
  EXPECT_FALSE(clock_->Replaying());
  EXPECT_FALSE(SeedDemoIfEmpty(*ledger_, *clock_).seeded);
  EXPECT_EQ(ledger_->RunDueReminders(), 0u);
  EXPECT_EQ(Facts().events, f.events);
  const Instant before = base_.Now();
  base_.Advance(Days(1));
  ledger_->RunDueReminders();
  const LogFacts again = Facts();
  for (const auto& [stream, n] : again.raised_per_stream) EXPECT_EQ(n, 1) << stream;
  std::set<std::string> seeded;
  for (const auto& r : f.reminders) seeded.insert(r.id);
  for (const auto& r : again.reminders) {
    if (seeded.count(r.id) == 0) EXPECT_GT(r.due_at, before) << "fell due during the history, raised again: " << r.id;
  }
  EXPECT_EQ(again.put_on_hold_by_system - f.put_on_hold_by_system,
            size_t(std::count_if(again.reminders.begin(), again.reminders.end(), [&](const RaisedReminder& r) {
              return r.kind == projections::ReminderKind::kProjectOnHold && seeded.count(r.id) == 0;
            })));
}

}  // namespace
}  // namespace keyledger::server
