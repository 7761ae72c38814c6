// ConflictFeed: keeps the domain's conflict index (R-P2) current from the log, so that a
// registration's conflict check is a few hash lookups against every project registered so far.
// It is a ReadSideExtension: the read side applies it with its models and keeps it in their
// snapshot, so a start from a snapshot does not read every account and project event again.
#pragma once

#include <mutex>
#include <vector>

#include "domain/conflict/conflict_index.h"
#include "domain/core/event_envelope.h"
#include "projections/read_side_extension.h"

namespace keyledger::server {

// Thread-safe: the read side's calls (its writer thread) and Find (request threads) take a mutex.
class ConflictFeed final : public projections::ReadSideExtension {
 public:
  void Reset() override;
  // Folds account names and affiliations and project registrations and status changes; other
  // events are ignored. An undecodable event is skipped (the read side reports it).
  void Apply(const EventEnvelope& e) override;
  void Save(projections::BinaryWriter& w) const override;
  bool Load(projections::BinaryReader& r) override;

  std::vector<domain::ConflictHit> Find(const domain::ConflictQuery& query) const;

 private:
  mutable std::mutex mu_;
  domain::ConflictIndex index_;  // GUARDED_BY(mu_)
};

}  // namespace keyledger::server
