// Reminder e-mail across a crash: the real keyledger executable, SIGKILLed while the SMTP sink
// holds its answer to a mail (sent, outcome unknown to keyledger) and again after the sends were
// recorded. After each restart a mail whose outcome was unknown goes out again with the same
// Message-ID; a mail recorded as sent never goes out again.
#include <gtest/gtest.h>
#include <signal.h>

#include <set>
#include <thread>

#include "tests/server/child_server_fixture.h"
#include "tests/server/smtp_sink.h"

namespace keyledger::testing {
namespace {

class MailCrashTest : public ChildServerFixture {
 protected:
  void SetUp() override {
    ChildServerFixture::SetUp();
    sink_.Start();
  }

  // The executable with the manual clock at `clock_start`, mailing through the sink.
  void Spawn(const std::string& clock_start) {
    ChildServerFixture::Spawn({"--manual-clock", "--clock-start", clock_start, "--smtp-url", sink_.Url(), "--mail-from",
                               "keyledger@example.com", "--mail-retry-base-ms", "100"});
  }

  std::vector<SinkMail> OfKind(const std::string& kind) {
    std::vector<SinkMail> out;
    for (const auto& m : sink_.Mails()) {
      if (m.Header("X-Keyledger-Kind") == kind) out.push_back(m);
    }
    return out;
  }

  std::vector<SinkMail> WaitForKind(const std::string& kind, size_t n) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
      auto mails = OfKind(kind);
      if (mails.size() >= n || std::chrono::steady_clock::now() > deadline) return mails;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  // True once every delivery the admin can list is sent.
  bool AllSent(const std::string& admin) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      auto r = Json(Call(admin, "GET", "/api/mail/deliveries").body);
      bool open = false;
      size_t n = 0;
      simdjson::dom::array item_list = r["items"].get_array().value_unsafe();
      for (auto item : item_list) {
        ++n;
        open = open || std::string_view(item["state"].get_string().value_unsafe()) != "sent";
      }
      if (n > 0 && !open) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  SmtpSink sink_;
};

TEST_F(MailCrashTest, KilledMidSend_ResentWithTheSameMessageId_KilledAfterRecording_NeverResent) {
  // A Wednesday: no weekly digest falls due in this test.
  Spawn("2026-11-04T09:00:00+08:00");
  BuildOrg();
  for (const char* u : {"s1", "mgr1", "vp1"}) {
    auto r = Call(admin_, "PATCH", std::string("/api/users/u-") + u, R"({"email":")" + std::string(u) + R"(@example.com"})");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  std::string s1 = Login("s1"), vp1 = Login("vp1");
  std::string account = OpenAccount(s1, "上海申通地铁集团有限公司");
  std::string id = Register(s1, account, "断电测试项目");
  ASSERT_EQ(Call(vp1, "POST", "/api/projects/" + id + "/decision", R"({"decision":"approve"})").status, 200);

  // Day 14: the sink takes the first mail and keeps its answer; keyledger is killed meanwhile.
  sink_.SetHolding(true);
  ASSERT_EQ(AdvanceDays(14).status, 200);
  auto held = WaitForKind("project_stale_2w", 1);
  ASSERT_EQ(held.size(), 1u);
  child_->Kill(SIGKILL);
  sink_.SetHolding(false);

  Spawn("2026-11-18T09:00:00+08:00");
  auto after = WaitForKind("project_stale_2w", 3);
  ASSERT_EQ(after.size(), 3u) << "the unknown attempt again, and the other recipient's mail";
  std::multiset<std::string> ids;
  for (const auto& m : after) ids.insert(m.Header("Message-ID"));
  EXPECT_EQ(ids.count(held[0].Header("Message-ID")), 2u) << "resent with the same Message-ID";
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 2u);
  admin_ = Login("admin", kAdminPassword);
  ASSERT_TRUE(AllSent(admin_));

  // Killed after the sends were recorded: nothing goes out again. The month's mails that follow
  // prove the restarted outbox works and has looked at the old deliveries first.
  child_->Kill(SIGKILL);
  Spawn("2026-11-18T09:00:00+08:00");
  ASSERT_EQ(AdvanceDays(16).status, 200);  // day 30
  EXPECT_EQ(WaitForKind("project_stale_1m", 3).size(), 3u);
  admin_ = Login("admin", kAdminPassword);
  ASSERT_TRUE(AllSent(admin_));
  EXPECT_EQ(OfKind("project_stale_2w").size(), 3u);
}

}  // namespace
}  // namespace keyledger::testing
