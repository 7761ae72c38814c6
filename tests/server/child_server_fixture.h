// The real keyledger executable as a child process, for the tests that must SIGKILL the server
// (crash and fault tests). The ServerFixture helpers (BuildOrg, Login, Call…) talk to it over
// loopback exactly as they talk to the in-process server.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>

#include <random>

#include "tests/server/child_process.h"
#include "tests/server/server_fixture.h"

#ifndef KEYLEDGER_BINARY
#error "KEYLEDGER_BINARY must name the keyledger executable"
#endif

namespace keyledger::testing {

class ChildServerFixture : public ServerFixture {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("keyledger-child-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    http_.reset();
    if (child_) child_->Kill(SIGKILL);
  }

  // `keyledger serve` on dir_, on a free loopback port, with `extra` flags.
  std::vector<std::string> ServeArgv(const std::vector<std::string>& extra) const {
    std::vector<std::string> argv{KEYLEDGER_BINARY, "serve", "--data-dir", dir_.string(), "--listen", "127.0.0.1:0",
                                  "--log-level", "warn"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
  }

  // Starts the executable on dir_ with `extra` flags and `env` ("K=V"); returns when it listens.
  // `tls_ca_file` non-empty: `extra` has --tls-cert/--tls-key, and http_ speaks HTTPS trusting it.
  void Spawn(std::vector<std::string> extra, std::vector<std::string> env = {}, const std::string& tls_ca_file = "") {
    http_.reset();
    env.push_back(std::string("KEYLEDGER_ADMIN_PASSWORD=") + kAdminPassword);
    child_ = std::make_unique<ChildProcess>(ServeArgv(extra), env);
    std::string scheme = tls_ca_file.empty() ? "http" : "https";
    auto line = child_->WaitForLine("listening on " + scheme + "://127.0.0.1:", std::chrono::seconds(120));
    ASSERT_TRUE(line) << "keyledger did not start";
    port_ = static_cast<uint16_t>(std::stoi(line->substr(line->rfind(':') + 1)));
    http_ = std::make_unique<HttpClient>(port_, tls_ca_file);
  }

  std::unique_ptr<ChildProcess> child_;
};

}  // namespace keyledger::testing
