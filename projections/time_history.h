// TimeHistory<T>: a value's successive settings with the instant each took effect, for "as of
// instant t" lookups (R-R4 recipients, R-U2 audits) without replaying the log.
#pragma once

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "domain/core/time.h"

namespace keyledger::projections {

template <class T>
class TimeHistory {
 public:
  // Records `value` from `at` on. Settings normally arrive in time order; one arriving earlier
  // than the newest is inserted at its place so lookups stay correct.
  void Set(Instant at, T value) {
    auto it = std::upper_bound(entries_.begin(), entries_.end(), at,
                               [](Instant t, const auto& e) { return t < e.first; });
    entries_.insert(it, {at, std::move(value)});
  }
  // The value in effect at `at` (the last setting with time <= at), or nullopt before the first.
  const T* At(Instant at) const {
    auto it = std::upper_bound(entries_.begin(), entries_.end(), at,
                               [](Instant t, const auto& e) { return t < e.first; });
    if (it == entries_.begin()) return nullptr;
    return &std::prev(it)->second;
  }
  const T* Latest() const { return entries_.empty() ? nullptr : &entries_.back().second; }
  const std::vector<std::pair<Instant, T>>& Entries() const { return entries_; }
  std::vector<std::pair<Instant, T>>& MutableEntries() { return entries_; }

 private:
  std::vector<std::pair<Instant, T>> entries_;
};

}  // namespace keyledger::projections
