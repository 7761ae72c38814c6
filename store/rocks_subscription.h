// RocksSubscription: one subscriber's own thread. It catches up from disk, then waits for the
// writer's head notification and reads the new tail itself, so a slow handler delays nobody but
// itself and the switch from catch-up to live has no gap and no duplicate (it is the same loop).
// Internal to store/.
#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "store/event_store.h"
#include "store/rocks_log.h"

namespace keyledger::store {

class RocksSubscription : public Subscription {
 public:
  // Starts delivering events with seq > after. Handlers run on the subscription's thread.
  RocksSubscription(std::shared_ptr<RocksLog> log, Seq after, EventHandler on_event,
                    ErrorHandler on_error);
  // Stops delivery and joins the thread. Must not be called from inside a handler.
  ~RocksSubscription() override;

  Seq Position() const override { return Seq(position_.load(std::memory_order_acquire)); }

 private:
  void Run();

  const std::shared_ptr<RocksLog> log_;
  const EventHandler on_event_;
  const ErrorHandler on_error_;
  std::atomic<uint64_t> position_;
  std::atomic<bool> stop_{false};
  std::thread thread_;  // last: starts after the members above
};

}  // namespace keyledger::store
