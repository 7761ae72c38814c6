// DueQueue: ordering, replacement, cancellation by key, values, bulk loading.
#include "projections/due_queue.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

TEST(DueQueueTest, RescheduleReplacesTheValueAndPopReturnsIt) {
  DueQueue<std::string, std::string> q;
  q.Schedule("p", kT0 + Days(1), "first");
  q.Schedule("p", kT0 + Days(1), "second");  // same due, new value
  ASSERT_NE(q.Find("p"), nullptr);
  EXPECT_EQ(q.Find("p")->value, "second");
  q.Schedule("p", kT0 + Days(2), "third");
  auto due = q.PopDue(kT0 + Days(2));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].key, "p");
  EXPECT_EQ(due[0].due, kT0 + Days(2));
  EXPECT_EQ(due[0].value, "third");
  EXPECT_EQ(q.Find("p"), nullptr);
}

TEST(DueQueueTest, TiesPopInKeyOrderAcrossRehashes) {
  DueQueue<std::string> q;
  // Enough keys to rehash the map several times: the index must still point at live keys.
  for (int i = 999; i >= 0; --i) q.Schedule("k" + std::to_string(1000 + i), kT0);
  auto due = q.PopDue(kT0);
  ASSERT_EQ(due.size(), 1000u);
  for (size_t i = 0; i < due.size(); ++i) EXPECT_EQ(due[i].key, "k" + std::to_string(1000 + i));
}

TEST(DueQueueTest, AppendLoadsInOrderAndRefusesADuplicate) {
  DueQueue<std::string, int> source;
  source.Schedule("c", kT0 + Days(1), 3);
  source.Schedule("a", kT0 + Days(2), 1);
  source.Schedule("b", kT0 + Days(1), 2);
  DueQueue<std::string, int> copy;
  copy.Reserve(source.Size());
  std::vector<std::string> order;
  source.ForEachInOrder([&](const std::string& key, Instant due, int value) {
    order.push_back(key);
    EXPECT_NE(copy.Append(key, due, value), nullptr);
  });
  EXPECT_EQ(order, (std::vector<std::string>{"b", "c", "a"}));
  EXPECT_EQ(copy.Append("a", kT0 + Days(3), 9), nullptr);
  EXPECT_EQ(copy.Find("a")->value, 1);
  EXPECT_EQ(copy.Size(), 3u);
  EXPECT_EQ(copy.NextDue(), kT0 + Days(1));
  auto due = copy.PopDue(kT0 + Days(5));
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0].key, "b");
  EXPECT_EQ(due[1].key, "c");
  EXPECT_EQ(due[2].key, "a");
  EXPECT_EQ(due[2].value, 1);
}

TEST(DueQueueTest, SuspendedOrderIsRebuiltWithTheSameContent) {
  DueQueue<std::string, int> one_by_one, bulk;
  bulk.SuspendOrder();
  for (auto* q : {&one_by_one, &bulk}) {
    for (int i = 0; i < 200; ++i) q->Schedule("k" + std::to_string(i), kT0 + Days((i * 37) % 11), i);
    for (int i = 0; i < 200; i += 3) q->Cancel("k" + std::to_string(i));
    for (int i = 0; i < 200; i += 5) q->Schedule("k" + std::to_string(i), kT0 + Days(20), -i);
  }
  bulk.ResumeOrder();
  EXPECT_EQ(bulk.Size(), one_by_one.Size());
  EXPECT_EQ(bulk.NextDue(), one_by_one.NextDue());
  const auto a = one_by_one.PopDue(kT0 + Days(30));
  const auto b = bulk.PopDue(kT0 + Days(30));
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].key, b[i].key);
    EXPECT_EQ(a[i].due, b[i].due);
    EXPECT_EQ(a[i].value, b[i].value);
  }
  EXPECT_TRUE(bulk.Empty());
}

}  // namespace
}  // namespace keyledger::projections
