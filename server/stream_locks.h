// StreamLocks: one mutex per stream that has a command in progress. Commands on one stream are
// serialised (a decision reads the state it appends after); commands on different streams never
// wait for each other. A fixed array of striped mutexes did that only approximately: the lock is
// held across the durable append, so two unrelated commands whose streams hashed to the same
// stripe waited a whole sync for each other, and with 64 commands in flight most of them did.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace keyledger::server {

// Thread-safe. An entry lives while a command holds or waits for it, so the map's size is the
// number of streams with commands in flight, not of streams ever written.
class StreamLocks {
 private:
  struct Entry {
    std::mutex mu;
    int users = 0;  // GUARDED_BY(StreamLocks::mu_): holders and waiters
  };

 public:
  // Holds the stream's lock from construction to destruction.
  class Guard {
   public:
    Guard(StreamLocks& locks, const std::string& stream);
    ~Guard();
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;

   private:
    StreamLocks& locks_;
    const std::string stream_;
    Entry* entry_;
  };

  size_t InUse() const;  // streams with a holder or waiter (tests)

 private:
  Entry* Acquire(const std::string& stream);
  void Release(const std::string& stream, Entry* entry);

  mutable std::mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries_;  // GUARDED_BY(mu_)
};

}  // namespace keyledger::server
