// FeedRelay: hands each applied event to the live feed on a thread of its own, in seq order.
// The store's subscription thread applies an event to the read side and then moves on to the
// next; if it also offered every event to every feed session, a fan-out to thousands of sockets
// would stand between each command's sync and its answer (commands wait until the read side has
// applied their event, read-your-writes), so a busy feed would slow every writer down.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "domain/core/event_envelope.h"

namespace keyledger::server {

// Thread-safe: Push from one thread (the subscription's), Stop from any.
class FeedRelay {
 public:
  using Publish = std::function<void(const EventEnvelope&)>;
  // Starts the relay thread. At most `max_queued` events wait; Push blocks beyond that, so a feed
  // that cannot keep up slows the read side down rather than growing without bound.
  FeedRelay(Publish publish, size_t max_queued);
  ~FeedRelay();  // Stop()

  void Push(const EventEnvelope& e);
  // Publishes what is queued, then ends the thread. Idempotent; Push after Stop drops the event.
  void Stop();

 private:
  void Run();

  const Publish publish_;
  const size_t max_queued_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<EventEnvelope> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;            // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace keyledger::server
