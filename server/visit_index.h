// VisitIndex: which visit and survey streams belong to which account, for
// GET /api/accounts/{id}/visits and the surveys of the account file. Visits and surveys live in
// streams of their own ("visit-<id>", "survey-<id>", see server/aggregates.h) and the read side
// keeps only each account's visit count and last visit (the R-V2 cadence), so this index follows
// the log itself: each query first scans the events appended since the previous one (the first
// query scans the whole log once), then answers from memory. It holds ids only; the handlers
// read each stream's one event for the details.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/core/result.h"
#include "domain/core/seq.h"
#include "store/event_store.h"

namespace keyledger::server {

// Thread-safe. Borrows `store`, which must outlive it. A query blocks while it scans the tail.
class VisitIndex {
 public:
  explicit VisitIndex(store::EventStore& store) : store_(store) {}

  struct Entries {
    std::vector<std::string> visits;   // visit ids, in log order
    std::vector<std::string> surveys;  // survey ids, in log order
  };

  // The account's visit and survey ids, including every event durable before the call.
  // Fails only if the store cannot be read.
  Result<Entries, store::StoreError> For(std::string_view account_id);

 private:
  store::EventStore& store_;
  std::mutex mu_;
  Seq scanned_;                                        // GUARDED_BY(mu_)
  std::unordered_map<std::string, Entries> accounts_;  // GUARDED_BY(mu_)
};

}  // namespace keyledger::server
