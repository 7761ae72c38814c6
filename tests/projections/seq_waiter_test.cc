// SeqWaiter: read-your-writes waiting.
#include "projections/seq_waiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace keyledger::projections {
namespace {

using namespace std::chrono_literals;

TEST(SeqWaiterTest, ReturnsAtOnceWhenAlreadyApplied) {
  SeqWaiter w;
  w.Publish(Seq(5));
  EXPECT_TRUE(w.WaitFor(Seq(5), 0ms));
  EXPECT_TRUE(w.WaitFor(Seq(3), 0ms));
  EXPECT_FALSE(w.WaitFor(Seq(6), 1ms));
}

TEST(SeqWaiterTest, NeverMovesBack) {
  SeqWaiter w;
  w.Publish(Seq(7));
  w.Publish(Seq(4));
  EXPECT_EQ(w.Applied(), Seq(7));
}

TEST(SeqWaiterTest, WakesWhenAnotherThreadPublishes) {
  SeqWaiter w;
  std::thread publisher([&] {
    std::this_thread::sleep_for(10ms);
    w.Publish(Seq(10));
  });
  EXPECT_TRUE(w.WaitFor(Seq(10), 5s));
  publisher.join();
}

TEST(SeqWaiterTest, CloseReleasesWaiters) {
  SeqWaiter w;
  std::thread closer([&] {
    std::this_thread::sleep_for(10ms);
    w.Close();
  });
  EXPECT_FALSE(w.WaitFor(Seq(10), 5s));
  closer.join();
}

TEST(SeqWaiterTest, APublishReleasesExactlyTheWaitersItReaches) {
  SeqWaiter w;
  constexpr int kWaiters = 8;  // waiter i waits for seq i + 1
  std::atomic<int> released{0};
  std::vector<std::thread> waiters;
  for (int i = 0; i < kWaiters; ++i) {
    waiters.emplace_back([&, i] {
      EXPECT_TRUE(w.WaitFor(Seq(i + 1), 10s));
      ++released;
    });
  }
  std::this_thread::sleep_for(50ms);  // let them all wait
  w.Publish(Seq(3));
  for (int spin = 0; spin < 200 && released.load() < 3; ++spin) std::this_thread::sleep_for(5ms);
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(released.load(), 3);  // seqs 1-3, not the others
  w.Publish(Seq(kWaiters));
  for (auto& t : waiters) t.join();
  EXPECT_EQ(released.load(), kWaiters);
}

TEST(SeqWaiterTest, ATimedOutWaiterIsForgottenAndLaterWaitersStillWake) {
  SeqWaiter w;
  EXPECT_FALSE(w.WaitFor(Seq(2), 5ms));  // left the list when it timed out
  std::thread later([&] { EXPECT_TRUE(w.WaitFor(Seq(2), 10s)); });
  std::this_thread::sleep_for(20ms);
  w.Publish(Seq(2));
  later.join();
  EXPECT_EQ(w.Applied(), Seq(2));
}

TEST(SeqWaiterTest, ManyThreadsWaitingAndPublishingNeverMissAWakeUp) {
  SeqWaiter w;
  constexpr int kThreads = 16;
  constexpr int kPerThread = 200;
  std::atomic<uint64_t> next{0};
  std::atomic<int> reached{0};
  std::vector<std::thread> waiters;
  for (int t = 0; t < kThreads; ++t) {
    waiters.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        if (w.WaitFor(Seq(next.fetch_add(1) / 4 + 1), 10s)) ++reached;
      }
    });
  }
  for (uint64_t s = 1; reached.load() < kThreads * kPerThread; ++s) {
    w.Publish(Seq(s));
    std::this_thread::yield();
    if (s > 10'000'000) break;
  }
  for (auto& t : waiters) t.join();
  EXPECT_EQ(reached.load(), kThreads * kPerThread);
}

TEST(SeqWaiterTest, WhenAppliedRunsAtOnceOrAtThePublishThatReachesIt) {
  SeqWaiter w;
  std::vector<int> ran;  // only touched on this thread: every callback below runs on it
  w.WhenApplied(Seq(1), [&] { ran.push_back(1); });
  w.WhenApplied(Seq(3), [&] { ran.push_back(3); });
  w.WhenApplied(Seq(2), [&] { ran.push_back(2); });
  EXPECT_TRUE(ran.empty());
  w.Publish(Seq(2));
  EXPECT_EQ(ran, (std::vector<int>{1, 2}));  // in seq order, not the order they came in
  w.WhenApplied(Seq(2), [&] { ran.push_back(20); });  // already applied: at once
  EXPECT_EQ(ran, (std::vector<int>{1, 2, 20}));
  w.WhenApplied(Seq(9), [&] { ran.push_back(9); });
  w.Close();  // shutdown runs what is still pending
  EXPECT_EQ(ran, (std::vector<int>{1, 2, 20, 3, 9}));
}

TEST(SeqWaiterTest, ACallbackMayWaitAgainFromInsideAPublish) {
  SeqWaiter w;
  int ran = 0;
  w.WhenApplied(Seq(1), [&] {
    ++ran;
    w.WhenApplied(Seq(1), [&] { ++ran; });  // Publish runs callbacks outside its lock
  });
  w.Publish(Seq(1));
  EXPECT_EQ(ran, 2);
}

}  // namespace
}  // namespace keyledger::projections
