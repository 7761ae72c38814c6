// FeedRelay: events reach the feed in seq order on the relay's thread, a full queue holds the
// pusher back (bounded memory), and Stop publishes what was queued before it returns.
#include "server/feed_relay.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace keyledger::server {
namespace {

using namespace std::chrono_literals;

EventEnvelope At(uint64_t seq) {
  EventEnvelope e;
  e.seq = Seq(seq);
  return e;
}

// A feed that can be held: publishing blocks while `held`.
struct HeldFeed {
  std::mutex mu;
  std::condition_variable cv;
  bool held = false;
  std::vector<uint64_t> seen;
  std::thread::id thread;

  FeedRelay::Publish Publisher() {
    return [this](const EventEnvelope& e) {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return !held; });
      seen.push_back(e.seq.value);
      thread = std::this_thread::get_id();
      cv.notify_all();
    };
  }
  void Hold(bool h) {
    std::lock_guard lock(mu);
    held = h;
    cv.notify_all();
  }
  bool WaitSeen(size_t n) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, 10s, [&] { return seen.size() >= n; });
  }
};

TEST(FeedRelayTest, PublishesInOrderOnItsOwnThread) {
  HeldFeed feed;
  FeedRelay relay(feed.Publisher(), 16);
  for (uint64_t s = 1; s <= 1000; ++s) relay.Push(At(s));
  ASSERT_TRUE(feed.WaitSeen(1000));
  relay.Stop();
  std::vector<uint64_t> expected;
  for (uint64_t s = 1; s <= 1000; ++s) expected.push_back(s);
  EXPECT_EQ(feed.seen, expected);
  EXPECT_NE(feed.thread, std::this_thread::get_id());
}

TEST(FeedRelayTest, AFullQueueHoldsThePusherBackAndStopDrainsIt) {
  HeldFeed feed;
  feed.Hold(true);
  FeedRelay relay(feed.Publisher(), 4);
  // One event is taken by the (held) relay thread, four wait in the queue: the sixth must block.
  for (uint64_t s = 1; s <= 5; ++s) relay.Push(At(s));
  auto sixth = std::async(std::launch::async, [&] { relay.Push(At(6)); });
  EXPECT_EQ(sixth.wait_for(300ms), std::future_status::timeout) << "the queue grew past its bound";
  feed.Hold(false);
  EXPECT_EQ(sixth.wait_for(10s), std::future_status::ready);
  sixth.get();
  relay.Stop();
  EXPECT_EQ(feed.seen, (std::vector<uint64_t>{1, 2, 3, 4, 5, 6})) << "Stop published what was queued";
  relay.Push(At(7));  // after Stop: dropped, does not block
  EXPECT_EQ(feed.seen.size(), 6u);
}

}  // namespace
}  // namespace keyledger::server
