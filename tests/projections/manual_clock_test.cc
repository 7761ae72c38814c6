// ManualClock: forward-only, thread-safe.
#include "projections/manual_clock.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace keyledger::projections {
namespace {

const Instant kStart = FromUnixMicros(1'767'225'600'000'000);  // 2026-01-01T00:00:00Z

TEST(ManualClockTest, StartsWhereToldAndAdvances) {
  ManualClock clock(kStart);
  EXPECT_EQ(clock.Now(), kStart);
  EXPECT_TRUE(clock.Advance(Days(1)));
  EXPECT_EQ(clock.Now(), kStart + Days(1));
}

TEST(ManualClockTest, RefusesToGoBack) {
  ManualClock clock(kStart);
  EXPECT_FALSE(clock.Advance(Micros(-1)));
  EXPECT_FALSE(clock.Set(kStart - Micros(1)));
  EXPECT_EQ(clock.Now(), kStart);
  EXPECT_TRUE(clock.Set(kStart));  // same instant: allowed, no-op
  EXPECT_TRUE(clock.Set(kStart + Days(3)));
  EXPECT_EQ(clock.Now(), kStart + Days(3));
}

TEST(ManualClockTest, ConcurrentSetsNeverMoveBack) {
  ManualClock clock(kStart);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) (void)clock.Set(kStart + Micros(i * 4 + t));
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(clock.Now(), kStart + Micros(999 * 4 + 3));
}

TEST(SystemClockTest, IsNearTheOperatingSystemClock) {
  SystemClock clock;
  const auto os = std::chrono::system_clock::now();
  EXPECT_LT(std::chrono::abs(clock.Now() - std::chrono::time_point_cast<Micros>(os)),
            std::chrono::seconds(5));
}

}  // namespace
}  // namespace keyledger::projections
