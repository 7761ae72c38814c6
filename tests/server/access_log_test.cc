// The executable's log on stderr: JSON lines written in batches (server/log.cc), which must still
// come out while the server runs (the periodic flush), not only when it stops.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "tests/server/child_process.h"
#include "tests/server/server_fixture.h"
#include "tests/server/test_client.h"

#ifndef KEYLEDGER_BINARY
#error "KEYLEDGER_BINARY must name the keyledger executable"
#endif

namespace keyledger::testing {
namespace {

using namespace std::chrono_literals;

class AccessLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("keyledger-log-" + std::to_string(rd()));
    // The shell joins stderr (the log) to the stdout pipe that ChildProcess reads.
    child_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{"/bin/sh", "-c", "exec \"$0\" \"$@\" 2>&1", KEYLEDGER_BINARY, "serve",
                                 "--data-dir", (dir_ / "data").string(), "--listen", "127.0.0.1:0",
                                 "--log-level", "info"},
        std::vector<std::string>{std::string("KEYLEDGER_ADMIN_PASSWORD=") + kAdminPassword});
    auto line = child_->WaitForLine("listening on http://127.0.0.1:", 120s);
    ASSERT_TRUE(line) << "keyledger did not start";
    port_ = static_cast<uint16_t>(std::stoi(line->substr(line->rfind(':') + 1)));
  }
  void TearDown() override {
    if (child_) child_->Kill(SIGKILL);
    std::filesystem::remove_all(dir_);
  }
  // The next log line whose text holds `needle`, or "" if none came within `timeout`.
  std::string NextLineWith(const std::string& needle, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      auto line = child_->WaitForLine("{\"ts\":", left);
      if (!line) return "";
      if (line->find(needle) != std::string::npos) return *line;
    }
    return "";
  }

  std::filesystem::path dir_;
  std::unique_ptr<ChildProcess> child_;
  uint16_t port_ = 0;
};

TEST_F(AccessLogTest, ARequestsLineComesOutWhileTheServerRuns) {
  HttpClient http(port_);
  ASSERT_EQ(http.Send("GET", "/healthz").status, 200);
  // Batched, but flushed every second: well within this wait, and without stopping the server.
  std::string line = NextLineWith("\"msg\":\"request\"", 10s);
  ASSERT_FALSE(line.empty()) << "no request line in the log";
  EXPECT_NE(line.find("\"route\":\"/healthz\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"status\":200"), std::string::npos) << line;
  EXPECT_TRUE(child_->Running());
}

TEST_F(AccessLogTest, WhatIsBufferedComesOutOnSigterm) {
  HttpClient http(port_);
  ASSERT_EQ(http.Send("GET", "/nothing-here").status, 404);
  ASSERT_EQ(http.Send("GET", "/healthz").status, 200);
  // Stopped at once: the lines may still be in the buffer; a clean stop writes them, in order.
  int status = child_->Kill(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "wait status " << status;
  std::string not_found = NextLineWith("\"status\":404", 5s);
  EXPECT_FALSE(not_found.empty()) << "the 404's line was lost";
  std::string health = NextLineWith("\"route\":\"/healthz\"", 5s);
  EXPECT_FALSE(health.empty()) << "the /healthz line was lost";
  EXPECT_FALSE(NextLineWith("\"msg\":\"stopping\"", 5s).empty());
}

}  // namespace
}  // namespace keyledger::testing
