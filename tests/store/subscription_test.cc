// Subscriptions: catch-up then live with no gap and no duplicate, and isolation from slow readers.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "tests/store/store_test_util.h"

namespace keyledger::store {
namespace {

using namespace std::chrono_literals;
using testing::MakeRequest;
using testing::OpenOrDie;
using testing::TempDir;

// Collects delivered seqs and lets the test wait for a given position.
class Collector {
 public:
  bool OnEvent(const EventEnvelope& e) {
    std::lock_guard lock(mu_);
    seqs_.push_back(e.seq.value);
    cv_.notify_all();
    return true;
  }
  bool WaitFor(uint64_t seq, std::chrono::milliseconds timeout = 20s) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return !seqs_.empty() && seqs_.back() >= seq; });
  }
  std::vector<uint64_t> Seqs() {
    std::lock_guard lock(mu_);
    return seqs_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<uint64_t> seqs_;
};

TEST(SubscriptionTest, CatchUpThenLiveUnderConcurrentAppendsHasNoGapOrDuplicate) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(store->Append(MakeRequest("pre", ExpectedVersion::Any(), 3)).ok());
  // Appenders run before, during and after the subscription's switch from catch-up to live.
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 150 && !stop; ++i) {
        ASSERT_TRUE(store->Append(MakeRequest("w" + std::to_string(t), ExpectedVersion::Any(), 1 + i % 2)).ok());
      }
    });
  }
  Collector from_start;
  Collector from_middle;
  auto sub1 = store->Subscribe(Seq(0), [&](const EventEnvelope& e) { return from_start.OnEvent(e); });
  std::this_thread::sleep_for(5ms);
  auto sub2 = store->Subscribe(Seq(250), [&](const EventEnvelope& e) { return from_middle.OnEvent(e); });
  for (auto& w : writers) w.join();
  uint64_t head = store->HeadSeq().value;
  ASSERT_TRUE(from_start.WaitFor(head));
  ASSERT_TRUE(from_middle.WaitFor(head));
  auto a = from_start.Seqs();
  ASSERT_EQ(a.size(), head);
  for (uint64_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], i + 1);
  auto b = from_middle.Seqs();
  ASSERT_EQ(b.size(), head - 250);
  for (uint64_t i = 0; i < b.size(); ++i) ASSERT_EQ(b[i], 251 + i);
  // Position moves once the handler has returned, a moment after the collector saw the event.
  for (int i = 0; i < 200 && (sub1->Position() != Seq(head) || sub2->Position() != Seq(head)); ++i) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(sub1->Position(), Seq(head));
  EXPECT_EQ(sub2->Position(), Seq(head));
}

TEST(SubscriptionTest, ASlowSubscriberDoesNotHoldUpAppends) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  std::mutex gate;
  gate.lock();  // the handler blocks until the test opens the gate
  std::atomic<int> delivered{0};
  auto sub = store->Subscribe(Seq(0), [&](const EventEnvelope&) {
    std::lock_guard lock(gate);
    ++delivered;
    return true;
  });
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::Any())).ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 30s);
  EXPECT_EQ(store->HeadSeq(), Seq(100));
  EXPECT_EQ(delivered.load(), 0);
  gate.unlock();
  for (int i = 0; i < 2000 && delivered.load() < 100; ++i) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(delivered.load(), 100);
}

TEST(SubscriptionTest, HandlerReturningFalseStopsDelivery) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::Any())).ok());
  std::atomic<int> calls{0};
  auto sub = store->Subscribe(Seq(0), [&](const EventEnvelope& e) {
    ++calls;
    return e.seq < Seq(4);
  });
  for (int i = 0; i < 400 && sub->Position() < Seq(4); ++i) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::Any())).ok());
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(calls.load(), 4);
  EXPECT_EQ(sub->Position(), Seq(4));
}

TEST(SubscriptionTest, SubscriptionMayOutliveTheStore) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  ASSERT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::Any(), 3)).ok());
  Collector c;
  auto sub = store->Subscribe(Seq(0), [&](const EventEnvelope& e) { return c.OnEvent(e); });
  ASSERT_TRUE(c.WaitFor(3));
  // Position moves just after the handler returns: wait for it rather than race it.
  for (int i = 0; i < 400 && sub->Position() < Seq(3); ++i) std::this_thread::sleep_for(5ms);
  store.reset();
  EXPECT_EQ(sub->Position(), Seq(3));
  sub.reset();  // joins cleanly
}

}  // namespace
}  // namespace keyledger::store
