// StreamLocks: a map of reference-counted mutexes, entries dropped by their last user.
#include "server/stream_locks.h"

namespace keyledger::server {

StreamLocks::Guard::Guard(StreamLocks& locks, const std::string& stream)
    : locks_(locks), stream_(stream), entry_(locks.Acquire(stream)) {
  entry_->mu.lock();
}

StreamLocks::Guard::~Guard() {
  entry_->mu.unlock();
  locks_.Release(stream_, entry_);
}

StreamLocks::Entry* StreamLocks::Acquire(const std::string& stream) {
  std::lock_guard lock(mu_);
  std::unique_ptr<Entry>& entry = entries_[stream];
  if (!entry) entry = std::make_unique<Entry>();
  ++entry->users;
  return entry.get();
}

void StreamLocks::Release(const std::string& stream, Entry* entry) {
  std::lock_guard lock(mu_);
  if (--entry->users == 0) entries_.erase(stream);
}

size_t StreamLocks::InUse() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace keyledger::server
