// DemoClock: manual while the demo history is replayed, then the base clock, never going back.
#include "server/demo_clock.h"

#include <gtest/gtest.h>

#include "projections/manual_clock.h"
#include "server/time_text.h"

namespace keyledger::server {
namespace {

Instant T(const char* text) { return *ParseTime(text); }

TEST(DemoClockTest, FollowsItsBaseWhenNotReplaying) {
  projections::ManualClock base(T("2026-11-02T09:00:00+08:00"));
  DemoClock clock(base, std::nullopt);
  EXPECT_FALSE(clock.Replaying());
  EXPECT_EQ(clock.Now(), base.Now());
  base.Advance(Days(3));
  EXPECT_EQ(clock.Now(), base.Now());
  EXPECT_FALSE(clock.Set(base.Now() + Days(1))) << "only a replaying clock is set by hand";
}

TEST(DemoClockTest, ReplaysForwardOnlyThenHandsOver) {
  projections::ManualClock base(T("2026-11-02T09:00:00+08:00"));
  DemoClock clock(base, T("2024-11-02T09:00:00+08:00"));
  ASSERT_TRUE(clock.Replaying());
  EXPECT_EQ(clock.Now(), T("2024-11-02T09:00:00+08:00"));
  EXPECT_TRUE(clock.Set(T("2025-03-01T10:00:00+08:00")));
  EXPECT_EQ(clock.Now(), T("2025-03-01T10:00:00+08:00"));
  EXPECT_TRUE(clock.Set(clock.Now())) << "setting the same instant again is allowed";
  EXPECT_FALSE(clock.Set(T("2025-02-01T10:00:00+08:00"))) << "never back";
  EXPECT_EQ(clock.Now(), T("2025-03-01T10:00:00+08:00"));
  base.Advance(Days(1));  // the base moving does not move a replaying clock
  EXPECT_EQ(clock.Now(), T("2025-03-01T10:00:00+08:00"));

  clock.HandOver();
  EXPECT_FALSE(clock.Replaying());
  EXPECT_EQ(clock.Now(), base.Now());
  EXPECT_FALSE(clock.Set(base.Now() + Days(1)));
  base.Advance(Days(14));  // POST /api/test/clock under --manual-clock
  EXPECT_EQ(clock.Now(), base.Now());
}

// A replay that ran past its base (a wall clock stepped back meanwhile) holds business time at
// the replay's last instant until the base catches up.
TEST(DemoClockTest, NeverReadsEarlierThanBefore) {
  projections::ManualClock base(T("2026-11-02T09:00:00+08:00"));
  DemoClock clock(base, T("2026-10-01T09:00:00+08:00"));
  ASSERT_TRUE(clock.Set(T("2026-11-03T09:00:00+08:00")));
  clock.HandOver();
  EXPECT_EQ(clock.Now(), T("2026-11-03T09:00:00+08:00"));
  base.Advance(Days(2));
  EXPECT_EQ(clock.Now(), base.Now());
}

}  // namespace
}  // namespace keyledger::server
