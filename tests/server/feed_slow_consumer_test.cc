// A feed client that stops reading (issue 5): once its kernel buffers and its frame queue are
// full the server closes it with 1013 ("try again later"), counts the drop, and nobody else is
// held up: commands keep answering and a reading client gets every event.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "tests/server/server_fixture.h"

namespace keyledger::testing {
namespace {

class FeedSlowConsumerTest : public ServerFixture {
 protected:
  // A short queue, so the test needs megabytes, not hundreds of them, to overflow it.
  void Tune(server::AppTuning& tuning) override { tuning.feed.queue_limit = 16; }

  void SetUp() override {
    ServerFixture::SetUp();
    BuildOrg();
    s1_ = Login("s1");
    gm1_ = Login("gm1");  // sees every event
    account_ = OpenAccount(s1_, "慢消费者测试客户");
  }

  std::unique_ptr<FeedClient> Subscribed() {
    auto feed = std::make_unique<FeedClient>(port_, std::vector<std::pair<std::string, std::string>>{
                                                        {"Authorization", "Bearer " + gm1_}, {"Origin", "http://allowed.example"}});
    EXPECT_TRUE(feed->Open());
    feed->Send(R"({"type":"subscribe","after_seq":)" + std::to_string(store_->HeadSeq().value) + "}");
    for (auto frame = feed->Read(std::chrono::seconds(5)); frame; frame = feed->Read(std::chrono::seconds(5))) {
      if (Json(*frame).Str("type") == "caught_up") break;
    }
    return feed;
  }

  std::string s1_, gm1_, account_;
};

TEST_F(FeedSlowConsumerTest, AClientThatStopsReadingIsClosedWith1013AndHoldsUpNoOneElse) {
  auto slow = Subscribed();  // never reads again until the end
  auto fast = Subscribed();
  constexpr int kVisits = 500;  // ~20 KB each: ~10 MB, past loopback's socket buffers
  std::atomic<int> seen{0};
  std::thread reader([&] {
    while (seen < kVisits) {
      auto frame = fast->Read(std::chrono::seconds(20));
      if (!frame) return;
      if (frame->find("\"VisitLogged\"") != std::string::npos) ++seen;
    }
  });
  // Incompressible text, in case a compressing proxy ever sits in between.
  std::mt19937 rng(7);
  std::string content(20000, ' ');
  for (char& c : content) c = static_cast<char>('a' + rng() % 26);
  for (int i = 0; i < kVisits; ++i) {
    auto r = Call(s1_, "POST", "/api/accounts/" + account_ + "/visits",
                  R"({"kind":"visit","date":"2026-11-02","people_met":"周总工","content":")" + content +
                      R"(","report":"r"})");
    ASSERT_EQ(r.status, 201) << r.body;
  }
  reader.join();
  EXPECT_EQ(seen.load(), kVisits) << "the reading client missed events";
  // The slow client now reads what its buffers held, then the close.
  int frames = 0;
  while (slow->Read(std::chrono::seconds(5))) ++frames;
  EXPECT_EQ(slow->CloseCode(), 1013) << "after " << frames << " frames";
  EXPECT_LT(frames, kVisits) << "it was not dropped";
  auto metrics = Call("", "GET", "/metrics").body;
  EXPECT_NE(metrics.find("keyledger_feed_slow_consumer_drops_total"), std::string::npos);
  EXPECT_EQ(metrics.find("keyledger_feed_slow_consumer_drops_total 0"), std::string::npos) << "the drop was not counted";
}

}  // namespace
}  // namespace keyledger::testing
