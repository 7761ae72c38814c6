// Fault suite, wall-clock jumps (issue 8; issue 4's "the system clock must survive NTP steps"):
// the real executable on the system clock under libfaketime (Debian's faketime), whose offset
// the test moves: forward 15 days, back 1 day, forward 31 days. The stale-project reminders fall
// due on the way and each is raised exactly once; the step back raises nothing and doubles
// nothing.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "tests/server/child_server_fixture.h"

namespace keyledger::testing {
namespace {

constexpr char kFaketime[] = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";

class ClockJumpTest : public ChildServerFixture {
 protected:
  void SetOffset(const std::string& spec) { std::ofstream(dir_ / "faketime.rc") << spec << "\n"; }

  // ReminderRaised events of `kind` for `project`, as the auditor reads the log.
  int Raised(const std::string& auditor, const std::string& project, const std::string& kind) {
    auto r = Call(auditor, "GET", "/api/events?type=ReminderRaised&limit=1000");
    EXPECT_EQ(r.status, 200) << r.body;
    Json page(r.body);
    int n = 0;
    simdjson::dom::array items = page["items"].get_array().value_unsafe();
    for (auto e : items) {
      auto id = e.at_pointer("/data/subject/id");
      auto k = e.at_pointer("/data/kind");
      if (id.error() || k.error()) continue;
      n += std::string_view(id.get_string().value_unsafe()) == project &&
           std::string_view(k.get_string().value_unsafe()) == kind;
    }
    return n;
  }

  // Waits until Raised(...) >= n (the timer re-reads the clock every 200 ms, the offset file is
  // re-read every second); returns the count.
  int WaitRaised(const std::string& project, const std::string& kind, int n) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    int seen = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      seen = Raised(Login("aud1"), project, kind);
      if (seen >= n) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return seen;
  }
};

TEST_F(ClockJumpTest, ForwardFifteenDaysBackOneForwardThirtyOne_EachStaleReminderExactlyOnce) {
  ASSERT_TRUE(std::filesystem::exists(kFaketime)) << "install Debian's faketime (scripts/install-deps.sh)";
  SetOffset("+0");
  Spawn({"--clock-recheck-ms", "200"},
        {std::string("LD_PRELOAD=") + kFaketime, "FAKETIME_TIMESTAMP_FILE=" + (dir_ / "faketime.rc").string(),
         "FAKETIME_CACHE_DURATION=1", "FAKETIME_DONT_FAKE_MONOTONIC=1",
         // libfaketime comes before the sanitizer runtime in the library list; that is intended.
         "ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=0"});
  BuildOrg();
  std::string s1 = Login("s1"), vp1 = Login("vp1");
  std::string account = OpenAccount(s1, "时钟跳变测试客户");
  std::string project = Register(s1, account, "时钟跳变测试项目");
  ASSERT_EQ(Call(vp1, "POST", "/api/projects/" + project + "/decision", R"({"decision":"approve"})").status, 200);

  SetOffset("+15d");  // an NTP step forward past the two-week due time
  EXPECT_EQ(WaitRaised(project, "project_stale_2w", 1), 1);
  SetOffset("+14d");  // one day back: nothing is due again, nothing new
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  std::string auditor = Login("aud1");
  EXPECT_EQ(Raised(auditor, project, "project_stale_2w"), 1);
  EXPECT_EQ(Raised(auditor, project, "project_stale_1m"), 0);
  SetOffset("+45d");  // thirty-one days forward: past the month, before the three-month on-hold
  EXPECT_EQ(WaitRaised(project, "project_stale_1m", 1), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  auditor = Login("aud1");
  EXPECT_EQ(Raised(auditor, project, "project_stale_2w"), 1);
  EXPECT_EQ(Raised(auditor, project, "project_stale_1m"), 1);
  EXPECT_EQ(Raised(auditor, project, "project_on_hold"), 0);
}

}  // namespace
}  // namespace keyledger::testing
