// Writes run on the server's CommandPool, not on the I/O threads: a request that waits (here a
// test route that blocks until released, standing in for a command waiting on its sync) holds up
// no read, and more writes than there are I/O threads are in their handlers at once, which is
// what lets a group commit gather them into one sync.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "tests/server/server_fixture.h"

namespace keyledger::testing {
namespace {

using namespace std::chrono_literals;

class CommandPoolTest : public ServerFixture {
 protected:
  int IoThreads() const override { return 1; }

  void AddRoutes(server::Router& routes) override {
    routes.Add("POST", "/api/test/wait", server::Access::kPublic, [this](const server::Request&, server::RequestContext&) {
      std::unique_lock lock(mu_);
      ++inside_;
      cv_.notify_all();
      cv_.wait_for(lock, 60s, [&] { return released_; });
      --inside_;
      return server::Response{200, "application/json", R"({"waited":true})", {}};
    });
  }

  void TearDown() override {
    Release();  // a failed assertion must not leave handlers waiting on a stopping server
    ServerFixture::TearDown();
  }

  // True once `n` handlers are inside the route at the same time (false after `timeout`).
  bool WaitInside(int n, std::chrono::seconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return inside_ >= n; });
  }
  void Release() {
    std::lock_guard lock(mu_);
    released_ = true;
    cv_.notify_all();
  }
  // A POST to the waiting route on a connection of its own, answered on another thread.
  std::future<HttpReply> PostWait() {
    return std::async(std::launch::async, [port = port_] { return HttpClient(port).Send("POST", "/api/test/wait", "{}"); });
  }

  std::mutex mu_;
  std::condition_variable cv_;
  int inside_ = 0;
  bool released_ = false;
};

TEST_F(CommandPoolTest, AWaitingWriteHoldsUpNoReadOnTheOnlyIoThread) {
  auto write = PostWait();
  ASSERT_TRUE(WaitInside(1, 30s));
  auto read = std::async(std::launch::async, [port = port_] { return HttpClient(port).Send("GET", "/healthz"); });
  ASSERT_EQ(read.wait_for(10s), std::future_status::ready) << "the read waited for the write's handler";
  EXPECT_EQ(read.get().status, 200);
  Release();
  HttpReply answer = write.get();
  EXPECT_EQ(answer.status, 200) << answer.body;
  EXPECT_NE(answer.body.find("waited"), std::string::npos);
}

TEST_F(CommandPoolTest, MoreWritesThanIoThreadsAreInTheirHandlersAtOnce) {
  constexpr int kWriters = 8;
  std::vector<std::future<HttpReply>> writes;
  for (int i = 0; i < kWriters; ++i) writes.push_back(PostWait());
  EXPECT_TRUE(WaitInside(kWriters, 30s)) << "fewer than " << kWriters << " at once on 1 I/O thread";
  Release();
  for (auto& w : writes) EXPECT_EQ(w.get().status, 200);
}

}  // namespace
}  // namespace keyledger::testing
