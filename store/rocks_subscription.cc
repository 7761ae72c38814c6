#include "store/rocks_subscription.h"

#include <algorithm>

#include "store/log_reader.h"

namespace keyledger::store {
namespace {
// Events per read: bounds how long a subscription holds one RocksDB iterator.
constexpr uint64_t kPageEvents = 4096;
}  // namespace

RocksSubscription::RocksSubscription(std::shared_ptr<RocksLog> log, Seq after, EventHandler on_event,
                                     ErrorHandler on_error)
    : log_(std::move(log)),
      on_event_(std::move(on_event)),
      on_error_(std::move(on_error)),
      position_(after.value),
      thread_([this] { Run(); }) {}

RocksSubscription::~RocksSubscription() {
  stop_.store(true);
  log_->WakeAll();
  thread_.join();
}

void RocksSubscription::Run() {
  Seq position = Position();
  bool keep_going = true;
  while (keep_going && !stop_.load()) {
    Seq head = log_->WaitForHeadAfter(position, [&] { return stop_.load(); });
    if (stop_.load()) return;
    Seq upto(std::min(head.value, position.value + kPageEvents));
    // Far behind: a bulk read (readahead, no cache fill); at the tail, the newest blocks are hot.
    ReadPattern pattern = head.value - position.value > kPageEvents ? ReadPattern::kBulk
                                                                    : ReadPattern::kPoint;
    auto scanned = ScanEvents(*log_, position, upto, pattern, [&](const EventEnvelope& event) {
      if (stop_.load()) {
        keep_going = false;
        return false;
      }
      keep_going = on_event_(event);
      position = event.seq;
      position_.store(event.seq.value, std::memory_order_release);
      return keep_going;
    });
    if (!scanned) {
      if (on_error_) on_error_(scanned.error());
      return;
    }
  }
}

}  // namespace keyledger::store
