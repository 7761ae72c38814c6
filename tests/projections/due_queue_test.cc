// DueQueue: ordering, replacement, cancellation by key.
#include "projections/due_queue.h"

#include <gtest/gtest.h>

#include <string>

namespace keyledger::projections {
namespace {

const Instant kT0 = FromUnixMicros(1'767'225'600'000'000);

TEST(DueQueueTest, PopsOnlyWhatIsDueInOrder) {
  DueQueue<std::string> q;
  q.Schedule("b", kT0 + Days(2));
  q.Schedule("a", kT0 + Days(1));
  q.Schedule("c", kT0 + Days(3));
  EXPECT_EQ(q.NextDue(), kT0 + Days(1));
  auto due = q.PopDue(kT0 + Days(2));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].key, "a");
  EXPECT_EQ(due[1].key, "b");
  EXPECT_EQ(q.Size(), 1u);
  EXPECT_EQ(q.NextDue(), kT0 + Days(3));
}

TEST(DueQueueTest, DueExactlyNowIsDue) {
  DueQueue<std::string> q;
  q.Schedule("a", kT0);
  EXPECT_TRUE(q.PopDue(kT0 - Micros(1)).empty());
  EXPECT_EQ(q.PopDue(kT0).size(), 1u);
}

TEST(DueQueueTest, RescheduleReplacesTheOldDue) {
  DueQueue<std::string> q;
  q.Schedule("p", kT0 + Days(14));
  q.Schedule("p", kT0 + Days(24));
  EXPECT_EQ(q.Size(), 1u);
  EXPECT_TRUE(q.PopDue(kT0 + Days(20)).empty());
  EXPECT_EQ(q.DueOf("p"), kT0 + Days(24));
}

TEST(DueQueueTest, CancelRemovesByKey) {
  DueQueue<std::string> q;
  q.Schedule("p", kT0);
  EXPECT_TRUE(q.Cancel("p"));
  EXPECT_FALSE(q.Cancel("p"));
  EXPECT_TRUE(q.Empty());
  EXPECT_FALSE(q.NextDue().has_value());
  EXPECT_TRUE(q.PopDue(kT0 + Days(100)).empty());
}

}  // namespace
}  // namespace keyledger::projections
