// CommandPool: the threads that run the requests which block. A command waits for its group
// commit's sync and then for the read side to apply it; a sign-in hashes a password. Run on the
// few I/O threads, each of those holds a thread for milliseconds, so at most `--threads`
// commands could ever wait on one sync together and every other connection waits behind them.
// On this pool, many commands share each sync while the I/O threads go on serving reads.
#pragma once

#include <functional>
#include <memory>

namespace keyledger::server {

// Thread-safe.
class CommandPool {
 public:
  explicit CommandPool(int threads);
  ~CommandPool();  // Join()

  void Post(std::function<void()> task);
  // Lets every posted task finish, then ends the threads. Idempotent; Post after it is an error.
  void Join();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace keyledger::server
