// StreamLocks: a command on one stream waits for another on the same stream, never for one on
// another stream, and a stream's entry is gone once nobody holds or waits for it.
#include "server/stream_locks.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <vector>

namespace keyledger::server {
namespace {

using namespace std::chrono_literals;

std::future<void> LockBriefly(StreamLocks& locks, std::string stream) {
  return std::async(std::launch::async, [&locks, stream = std::move(stream)] { StreamLocks::Guard g(locks, stream); });
}

TEST(StreamLocksTest, SameStreamWaitsOtherStreamsDoNot) {
  StreamLocks locks;
  const std::string held = "account-1";
  std::optional<StreamLocks::Guard> guard;
  guard.emplace(locks, held);
  // With 64 stripes, some of these 200 streams shared held's stripe; none may wait now.
  std::vector<std::future<void>> others;
  for (int i = 0; i < 200; ++i) others.push_back(LockBriefly(locks, "visit-" + std::to_string(i)));
  for (auto& f : others) EXPECT_EQ(f.wait_for(10s), std::future_status::ready);
  auto same = LockBriefly(locks, held);
  EXPECT_EQ(same.wait_for(200ms), std::future_status::timeout) << "a second command on the stream ran alongside";
  guard.reset();
  EXPECT_EQ(same.wait_for(10s), std::future_status::ready);
  same.get();
  EXPECT_EQ(locks.InUse(), 0u) << "entries outlived their users";
}

TEST(StreamLocksTest, ManyThreadsOnFewStreamsAreSerialisedPerStream) {
  StreamLocks locks;
  constexpr int kStreams = 4, kThreads = 16, kRounds = 500;
  std::vector<int> counters(kStreams, 0);  // each guarded only by its stream's lock
  std::vector<std::future<void>> workers;
  for (int t = 0; t < kThreads; ++t) {
    workers.push_back(std::async(std::launch::async, [&, t] {
      for (int r = 0; r < kRounds; ++r) {
        const int s = (t + r) % kStreams;
        StreamLocks::Guard g(locks, "s" + std::to_string(s));
        const int seen = counters[s];
        counters[s] = seen + 1;  // a lost update here would mean two holders at once
      }
    }));
  }
  for (auto& w : workers) w.get();
  int total = 0;
  for (int c : counters) total += c;
  EXPECT_EQ(total, kThreads * kRounds);
  EXPECT_EQ(locks.InUse(), 0u);
}

}  // namespace
}  // namespace keyledger::server
