// Readiness: what /readyz reports. Later code (projection catch-up) flips the flag.
#pragma once

#include <atomic>

namespace keyledger::server {

// Thread-safe (atomics).
class Readiness {
 public:
  // False while projections are catching up at start; /readyz answers 503 until it is true.
  void SetProjectionsCaughtUp(bool caught_up) { projections_caught_up_.store(caught_up); }
  bool ProjectionsCaughtUp() const { return projections_caught_up_.load(); }

 private:
  std::atomic<bool> projections_caught_up_{true};
};

}  // namespace keyledger::server
