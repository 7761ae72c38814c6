// A child process for tests that need a real program beside them: the SMTP sink, or keyledger
// itself when a test must SIGKILL the server. Its stdout is read line by line; stderr is
// inherited so failures show in the test log.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace keyledger::testing {

class ChildProcess {
 public:
  // Starts `argv[0]` (a path) with `argv` and the test's environment, `extra_env` ("K=V") added or
  // replacing the inherited value.
  ChildProcess(std::vector<std::string> argv, std::vector<std::string> extra_env = {});
  ~ChildProcess();  // Kill(SIGKILL)
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool Running() const { return pid_ > 0; }
  // The first stdout line starting with `prefix` (the whole line), or nullopt on timeout/exit.
  std::optional<std::string> WaitForLine(const std::string& prefix, std::chrono::milliseconds timeout);
  // Sends `signal` and reaps the child; returns its wait status.
  int Kill(int signal);
  // Waits for the child to exit by itself (blocks) and reaps it; returns its wait status.
  int Wait();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
};

// A loopback TCP port that was free a moment ago.
uint16_t FreeLoopbackPort();

}  // namespace keyledger::testing
