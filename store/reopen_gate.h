// ReopenGate: lets the writer close and reopen the database under readers that use it at any
// time (RocksLog::Reopen, for the recovery after a failed write or sync; group_commit.h).
// Readers never wait for a reopen that is only pending, only for one in progress, and a reopen
// starts only once no reader is inside. So a reader may enter again while inside (a Scan handler
// that reads), and a reader that waits for another thread (a lock of the read side) cannot
// deadlock with a reopen: the reopen gives up after its patience and is tried again later.
// Internal to store/.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace keyledger::store {

class ReopenGate {
 public:
  // A reader: blocks only while a reopen is in progress.
  void Enter() {
    std::unique_lock lock(mu_);
    reopened_cv_.wait(lock, [&] { return !closed_; });
    ++readers_;
  }
  void Leave() {
    std::lock_guard lock(mu_);
    if (--readers_ == 0) idle_cv_.notify_all();
  }

  // The reopener: waits up to `patience` for every reader to leave, then keeps new ones out
  // until Open(). False if readers stayed longer (nothing changed then).
  bool CloseWithin(std::chrono::milliseconds patience) {
    std::unique_lock lock(mu_);
    if (!idle_cv_.wait_for(lock, patience, [&] { return readers_ == 0; })) return false;
    closed_ = true;
    return true;
  }
  void Open() {
    {
      std::lock_guard lock(mu_);
      closed_ = false;
    }
    reopened_cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable idle_cv_;      // readers_ reached 0
  std::condition_variable reopened_cv_;  // closed_ turned false
  int readers_ = 0;                      // GUARDED_BY(mu_)
  bool closed_ = false;                  // GUARDED_BY(mu_)
};

}  // namespace keyledger::store
