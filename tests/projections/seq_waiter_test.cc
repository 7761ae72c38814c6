// SeqWaiter: read-your-writes waiting.
#include "projections/seq_waiter.h"

#include <gtest/gtest.h>

#include <thread>

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

}  // namespace
}  // namespace keyledger::projections
