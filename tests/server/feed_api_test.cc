// The live feed against a real server: Origin check at the upgrade, hello/subscribe/caught_up,
// events filtered by the access policy, reminders pushed to their recipients only, resume with
// after_seq without gap or duplicate, and a disabled user's socket closed.
#include <gtest/gtest.h>

#include <set>

#include "tests/server/server_fixture.h"

namespace keyledger::testing {
namespace {

class FeedApiTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    BuildOrg();
    s1_ = Login("s1");
    s2_ = Login("s2");
    mgr1_ = Login("mgr1");
    vp1_ = Login("vp1");
    account_ = OpenAccount(s1_, "杭州湾大桥发展有限公司");
  }

  std::unique_ptr<FeedClient> Connect(const std::string& token, const std::string& origin = "http://allowed.example") {
    return std::make_unique<FeedClient>(port_, std::vector<std::pair<std::string, std::string>>{
                                                   {"Authorization", "Bearer " + token}, {"Origin", origin}});
  }

  // Reads frames until one of `type` arrives (or the deadline); returns it, or "" on timeout.
  static std::string ReadUntil(FeedClient& feed, const std::string& type, std::vector<std::string>* seen = nullptr,
                               std::chrono::milliseconds deadline = std::chrono::seconds(5)) {
    auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
      auto frame = feed.Read(std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()));
      if (!frame) return "";
      if (seen) seen->push_back(*frame);
      if (Json(*frame).Str("type") == type) return *frame;
    }
    return "";
  }

  std::string s1_, s2_, mgr1_, vp1_, account_;
};

TEST_F(FeedApiTest, CrossSiteOriginIsRefusedEvenWithAValidSession) {
  EXPECT_FALSE(Connect(s1_, "http://evil.example")->Open());
  EXPECT_TRUE(Connect(s1_)->Open());
  // The refusal itself, as plain HTTP (Beast's client hides the status of a declined upgrade).
  auto upgrade = [&](std::vector<std::pair<std::string, std::string>> extra) {
    std::vector<std::pair<std::string, std::string>> h{{"Connection", "Upgrade"},
                                                       {"Upgrade", "websocket"},
                                                       {"Sec-WebSocket-Version", "13"},
                                                       {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}};
    h.insert(h.end(), extra.begin(), extra.end());
    return HttpClient(port_).Send("GET", "/api/feed", "", h).status;
  };
  EXPECT_EQ(upgrade({{"Authorization", "Bearer " + s1_}, {"Origin", "http://evil.example"}}), 403);
  EXPECT_EQ(upgrade({{"Origin", "http://allowed.example"}}), 401);
  EXPECT_EQ(upgrade({{"Authorization", "Bearer not-a-token"}, {"Origin", "http://allowed.example"}}), 401);
}

TEST_F(FeedApiTest, ManagerGetsTheStaleAlertLiveAndTheOtherSalespersonSeesNothingOfIt) {
  std::string project = Register(s1_, account_, "大桥健康监测");
  ASSERT_EQ(Call(vp1_, "POST", "/api/projects/" + project + "/decision", R"({"decision":"approve"})").status, 200);

  auto mgr = Connect(mgr1_);
  auto other = Connect(s2_);
  ASSERT_TRUE(mgr->Open());
  ASSERT_TRUE(other->Open());
  Json hello(ReadUntil(*mgr, "hello"));
  const int64_t head = hello.Int("head_seq");
  EXPECT_GT(head, 0);
  mgr->Send(R"({"type":"subscribe","after_seq":)" + std::to_string(head) + "}");
  ASSERT_FALSE(ReadUntil(*mgr, "caught_up").empty());
  ASSERT_FALSE(ReadUntil(*other, "hello").empty());
  other->Send(R"({"type":"subscribe","after_seq":0})");
  std::vector<std::string> other_frames;
  ASSERT_FALSE(ReadUntil(*other, "caught_up", &other_frames).empty());

  ASSERT_EQ(AdvanceDays(14).status, 200);
  Json reminder(ReadUntil(*mgr, "reminder"));
  ASSERT_EQ(reminder.Str("type"), "reminder");
  EXPECT_EQ(std::string_view(reminder["reminder"]["kind"].get_string().value_unsafe()), "project_stale_2w");
  EXPECT_EQ(std::string_view(reminder["reminder"]["subject_id"].get_string().value_unsafe()), project);

  // s2 may see org-free, unit-free nothing about s1's project: none of its frames names it.
  ReadUntil(*other, "never", &other_frames, std::chrono::milliseconds(800));
  for (const auto& f : other_frames) EXPECT_EQ(f.find(project), std::string::npos) << f;
}

TEST_F(FeedApiTest, ResumeAfterSeqDeliversEveryMissedVisibleEventOnceInOrder) {
  auto first = Connect(s1_);
  Json hello(ReadUntil(*first, "hello"));
  const int64_t start = hello.Int("head_seq");
  first.reset();

  std::string project = Register(s1_, account_, "P");
  ASSERT_EQ(Call(vp1_, "POST", "/api/projects/" + project + "/decision", R"({"decision":"approve"})").status, 200);
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(Call(s1_, "POST", "/api/projects/" + project + "/updates", R"({"note":"u)" + std::to_string(i) + R"("})").status, 200);
  }
  auto again = Connect(s1_);
  ASSERT_FALSE(ReadUntil(*again, "hello").empty());
  again->Send(R"({"type":"subscribe","after_seq":)" + std::to_string(start) + "}");
  std::vector<std::string> frames;
  ASSERT_FALSE(ReadUntil(*again, "caught_up", &frames).empty());
  std::vector<int64_t> seqs;
  for (const auto& f : frames) {
    Json j(f);
    if (j.Str("type") == "event") seqs.push_back(j.Int("seq"));
  }
  ASSERT_EQ(seqs.size(), 7u);  // registered, approved, five updates
  for (size_t i = 1; i < seqs.size(); ++i) EXPECT_LT(seqs[i - 1], seqs[i]);
  std::set<int64_t> unique(seqs.begin(), seqs.end());
  EXPECT_EQ(unique.size(), seqs.size());
  EXPECT_GT(seqs.front(), start);
}

TEST_F(FeedApiTest, DisablingAUserEndsTheirSessionsAndClosesTheirSocket) {
  auto feed = Connect(s2_);
  ASSERT_FALSE(ReadUntil(*feed, "hello").empty());
  ASSERT_EQ(Call(admin_, "POST", "/api/users/u-s2/disable").status, 200);
  EXPECT_EQ(Call(s2_, "GET", "/api/me").status, 401);
  auto start = std::chrono::steady_clock::now();
  ReadUntil(*feed, "never", nullptr, std::chrono::seconds(2));
  EXPECT_FALSE(feed->Open());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1500));
}

}  // namespace
}  // namespace keyledger::testing
