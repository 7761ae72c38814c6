// FeedHub: an event reaches exactly the sessions whose users its audience admits, the audience
// is worked out once per event (not once per session), and one user's sessions share its answer.
#include "server/feed_hub.h"

#include <gtest/gtest.h>

#include <functional>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace keyledger::server {
namespace {

class RecordingSink : public FeedSink {
 public:
  explicit RecordingSink(std::string user_id, const void* context = nullptr) : context_(context) {
    user_.id = std::move(user_id);
  }
  const UserRecord& User() const override { return user_; }
  const void* Context() const override { return context_; }
  void OfferEvent(Seq seq, Frame frame) override {
    seqs.push_back(seq.value);
    frames.push_back(std::move(frame));
  }
  void OfferMessage(Frame) override {}
  void Close(uint16_t, std::string) override {}

  std::vector<uint64_t> seqs;
  std::vector<Frame> frames;

 private:
  UserRecord user_;
  const void* context_;
};

EventEnvelope EventOn(uint64_t seq, std::string stream) {
  EventEnvelope e;
  e.seq = Seq(seq);
  e.stream = std::move(stream);
  e.stream_version = 1;
  e.type = "ThingHappened";
  e.data = "{}";
  return e;
}

TEST(FeedHubTest, AudienceIsBuiltOncePerEventAndAskedOncePerUser) {
  int audiences_built = 0;
  std::map<std::string, int> asked;  // user id -> times the audience was asked
  // Stream "for-X" is seen by user X only; stream "all" by everyone.
  FeedHub hub([&](const EventEnvelope& e) -> FeedAudience {
    ++audiences_built;
    return [&asked, stream = e.stream](const UserRecord& u) {
      ++asked[u.id];
      return stream == "all" || stream == "for-" + u.id;
    };
  });
  std::vector<std::shared_ptr<RecordingSink>> alice, bob;
  for (int i = 0; i < 3; ++i) {
    alice.push_back(std::make_shared<RecordingSink>("alice"));
    hub.Join(alice.back());
  }
  for (int i = 0; i < 2; ++i) {
    bob.push_back(std::make_shared<RecordingSink>("bob"));
    hub.Join(bob.back());
  }

  hub.Publish(EventOn(1, "for-alice"));
  hub.Publish(EventOn(2, "all"));
  hub.Publish(EventOn(3, "for-bob"));
  hub.Publish(EventOn(4, "for-nobody"));

  EXPECT_EQ(audiences_built, 4);
  EXPECT_EQ(asked["alice"], 4);  // once per event, not once per session (3 sessions)
  EXPECT_EQ(asked["bob"], 4);
  for (auto& s : alice) EXPECT_EQ(s->seqs, (std::vector<uint64_t>{1, 2}));
  for (auto& s : bob) EXPECT_EQ(s->seqs, (std::vector<uint64_t>{2, 3}));
  // One encoding per event, shared by every session that receives it.
  EXPECT_EQ(alice[0]->frames[1].get(), bob[1]->frames[0].get());
  EXPECT_NE(alice[0]->frames[1]->find("\"seq\":2"), std::string::npos) << *alice[0]->frames[1];

  // The catch-up path asks the same policy.
  EXPECT_TRUE(hub.Visible(alice[0]->User(), EventOn(5, "for-alice")));
  EXPECT_FALSE(hub.Visible(bob[0]->User(), EventOn(6, "for-alice")));
}

TEST(FeedHubTest, WithoutAFilterEverySessionGetsEveryEventAndLeaversNone) {
  FeedHub hub;
  auto a = std::make_shared<RecordingSink>("a");
  auto b = std::make_shared<RecordingSink>("b");
  hub.Join(a);
  hub.Join(b);
  hub.Publish(EventOn(1, "x"));
  hub.Leave(b.get());
  hub.Publish(EventOn(2, "x"));
  EXPECT_EQ(a->seqs, (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(b->seqs, (std::vector<uint64_t>{1}));
  EXPECT_EQ(hub.Size(), 1u);
}

// Lanes that keep their tasks until the test runs them: what reaches a session, and when.
TEST(FeedHubTest, WithLanesEachLaneGetsOneTaskPerEventAndSessionsKeepSeqOrder) {
  FeedHub hub;
  std::vector<std::vector<std::function<void()>>> queued(3);
  std::vector<FeedLane> lanes;
  for (size_t k = 0; k < queued.size(); ++k) {
    lanes.push_back({nullptr, [&queued, k](std::function<void()> task) { queued[k].push_back(std::move(task)); }});
  }
  hub.UseLanes(std::move(lanes));
  std::vector<std::shared_ptr<RecordingSink>> sinks;
  for (int i = 0; i < 60; ++i) {
    sinks.push_back(std::make_shared<RecordingSink>("u" + std::to_string(i % 7)));
    hub.Join(sinks.back());
  }
  for (uint64_t seq = 1; seq <= 5; ++seq) hub.Publish(EventOn(seq, "x"));

  size_t tasks = 0;
  for (auto& q : queued) {
    EXPECT_TRUE(q.size() == 0 || q.size() == 5) << "one task per event for a lane with sessions";
    tasks += q.size();
  }
  EXPECT_GE(tasks, 10u) << "60 sessions spread over more than one lane";
  for (auto& s : sinks) EXPECT_TRUE(s->seqs.empty()) << "nothing offered before a lane runs";

  // Run the lanes one after the other, each in its own order: every session sees 1..5 in order.
  for (auto& q : queued)
    for (auto& task : q) task();
  for (auto& s : sinks) EXPECT_EQ(s->seqs, (std::vector<uint64_t>{1, 2, 3, 4, 5}));

  // Without lanes again (the server stopping): offers go straight to the sessions.
  hub.UseLanes({});
  hub.Publish(EventOn(6, "x"));
  for (auto& s : sinks) EXPECT_EQ(s->seqs.back(), 6u);
}

// Two I/O contexts with two lanes each: a session's offers go through a lane of its own context.
TEST(FeedHubTest, SessionsUseTheLanesOfTheirOwnContext) {
  FeedHub hub;
  const int context_a = 0, context_b = 0;  // only their addresses matter
  std::vector<std::vector<std::function<void()>>> queued(4);
  std::vector<FeedLane> lanes;
  for (size_t k = 0; k < queued.size(); ++k) {
    lanes.push_back({k % 2 == 0 ? static_cast<const void*>(&context_a) : &context_b,
                     [&queued, k](std::function<void()> task) { queued[k].push_back(std::move(task)); }});
  }
  hub.UseLanes(std::move(lanes));
  std::vector<std::shared_ptr<RecordingSink>> sinks;
  for (int i = 0; i < 40; ++i) {
    sinks.push_back(std::make_shared<RecordingSink>("u", i % 2 == 0 ? static_cast<const void*>(&context_a) : &context_b));
    hub.Join(sinks.back());
  }
  hub.Publish(EventOn(1, "x"));
  for (size_t k = 0; k < queued.size(); ++k) {
    for (auto& task : queued[k]) task();
    // After lane k ran, the sessions it reached are all of lane k's context.
    for (size_t i = 0; i < sinks.size(); ++i) {
      if (!sinks[i]->seqs.empty()) EXPECT_EQ(i % 2, k % 2) << "session " << i << " reached through lane " << k;
      sinks[i]->seqs.clear();
    }
  }
}

}  // namespace
}  // namespace keyledger::server
