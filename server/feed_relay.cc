// FeedRelay: a bounded queue and one thread.
#include "server/feed_relay.h"

namespace keyledger::server {

FeedRelay::FeedRelay(Publish publish, size_t max_queued)
    : publish_(std::move(publish)), max_queued_(max_queued == 0 ? 1 : max_queued), thread_([this] { Run(); }) {}

FeedRelay::~FeedRelay() { Stop(); }

void FeedRelay::Push(const EventEnvelope& e) {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [&] { return stopping_ || queue_.size() < max_queued_; });
  if (stopping_) return;
  queue_.push_back(e);
  changed_.notify_all();
}

void FeedRelay::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void FeedRelay::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything queued was published
    EventEnvelope e = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();  // room for a blocked Push
    lock.unlock();
    publish_(e);
    lock.lock();
  }
}

}  // namespace keyledger::server
