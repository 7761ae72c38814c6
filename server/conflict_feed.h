// ConflictFeed: keeps the domain's conflict index (R-P2) current from the log, so that a
// registration's conflict check is a few hash lookups against every project registered so far.
#pragma once

#include <mutex>
#include <vector>

#include "domain/conflict/conflict_index.h"
#include "domain/core/event_envelope.h"

namespace keyledger::server {

// Thread-safe: Apply (the subscription thread) and Find (request threads) take a mutex.
class ConflictFeed {
 public:
  // Folds account names and affiliations and project registrations and status changes; other
  // events are ignored. An undecodable event is skipped (the read side reports it).
  void Apply(const EventEnvelope& e);
  std::vector<domain::ConflictHit> Find(const domain::ConflictQuery& query) const;

 private:
  mutable std::mutex mu_;
  domain::ConflictIndex index_;  // GUARDED_BY(mu_)
};

}  // namespace keyledger::server
