// WeeklyDigest (R-P4): lines per owner and project in the company's local week, a bounded number
// of weeks kept, and a snapshot round trip.
#include "projections/weekly_digest.h"

#include <gtest/gtest.h>

#include "projection_test_util.h"
#include "projections/binary_codec.h"

namespace keyledger::projections::testing {
namespace {

// Monday 2026-11-30 00:00 in Shanghai is Sunday 16:00 UTC.
const Instant kMondayShanghai = FromUnixMicros(1'795'968'000'000'000);

TEST(WeeklyDigestTest, R_P4_CountsUpdatesPerOwnerAndProjectInTheLocalWeek) {
  const CompanyCalendar cal = ShanghaiCalendar();
  WeeklyDigest d;
  d.Record(cal, "dept-a", "s2", "p9", kMondayShanghai + std::chrono::hours(1));
  d.Record(cal, "dept-a", "s1", "p1", kMondayShanghai + std::chrono::hours(2));
  d.Record(cal, "dept-a", "s1", "p1", kMondayShanghai + Days(3));
  d.Record(cal, "dept-b", "s3", "p3", kMondayShanghai + Days(1));
  // One microsecond before local Monday midnight belongs to the week before.
  d.Record(cal, "dept-a", "s1", "p1", kMondayShanghai - Micros(1));

  const auto week = d.Week(cal, "dept-a", kMondayShanghai + Days(6));
  ASSERT_EQ(week.size(), 2u);
  EXPECT_EQ(week[0], (DigestLine{"s1", "p1", 2, kMondayShanghai + Days(3)}));
  EXPECT_EQ(week[1], (DigestLine{"s2", "p9", 1, kMondayShanghai + std::chrono::hours(1)}));
  const auto before = d.Week(cal, "dept-a", kMondayShanghai - Days(1));
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].updates, 1u);
  EXPECT_EQ(d.Week(cal, "dept-b", kMondayShanghai).size(), 1u);
  EXPECT_TRUE(d.Week(cal, "dept-c", kMondayShanghai).empty());
}

TEST(WeeklyDigestTest, KeepsOnlyTheLastWeeks) {
  const CompanyCalendar cal = ShanghaiCalendar();
  WeeklyDigest d;
  for (int w = 0; w < 20; ++w) d.Record(cal, "dept-a", "s1", "p1", kMondayShanghai + Days(7 * w + 2));
  EXPECT_EQ(d.WeekCount(), static_cast<size_t>(WeeklyDigest::kWeeksKept));
  const Instant newest = kMondayShanghai + Days(7 * 19 + 2);
  EXPECT_EQ(d.Week(cal, "dept-a", newest).size(), 1u);
  EXPECT_EQ(d.Week(cal, "dept-a", newest - Days(7 * (WeeklyDigest::kWeeksKept - 1))).size(), 1u);
  EXPECT_TRUE(d.Week(cal, "dept-a", newest - Days(7 * WeeklyDigest::kWeeksKept)).empty());
  // A late update for a week that is no longer kept changes nothing.
  d.Record(cal, "dept-a", "s1", "p1", kMondayShanghai);
  EXPECT_EQ(d.WeekCount(), static_cast<size_t>(WeeklyDigest::kWeeksKept));
  EXPECT_TRUE(d.Week(cal, "dept-a", kMondayShanghai).empty());
  // A late update for a kept week counts.
  d.Record(cal, "dept-a", "s1", "p1", newest - Days(7));
  EXPECT_EQ(d.Week(cal, "dept-a", newest - Days(7))[0].updates, 2u);
}

TEST(WeeklyDigestTest, SnapshotRoundTrip) {
  const CompanyCalendar cal = ShanghaiCalendar();
  WeeklyDigest d;
  d.Record(cal, "dept-a", "s1", "p1", kMondayShanghai + Days(1));
  d.Record(cal, "dept-b", "s2", "p2", kMondayShanghai + Days(8));
  d.Record(cal, "dept-b", "s2", "p2", kMondayShanghai + Days(9));
  BinaryWriter w;
  d.Serialize(w);
  WeeklyDigest back;
  BinaryReader r(w.Buffer());
  ASSERT_TRUE(back.Deserialize(r));
  EXPECT_TRUE(r.AtEnd());
  EXPECT_TRUE(back == d);
  EXPECT_EQ(back.Week(cal, "dept-b", kMondayShanghai + Days(10))[0].updates, 2u);
  // Truncated input is refused.
  const std::string cut = w.Buffer().substr(0, w.Buffer().size() - 3);
  WeeklyDigest damaged;
  BinaryReader r2(cut);
  EXPECT_FALSE(damaged.Deserialize(r2));
}

}  // namespace
}  // namespace keyledger::projections::testing
