// DueQueue: pending deadlines ordered by due instant, at most one per key, cancellable by key.
// The reminder engine keeps one entry per (reminder kind, subject); advancing the clock touches
// only the entries that fell due, never every project (ARCHITECTURE "Reminders").
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/core/time.h"

namespace keyledger::projections {

// Key must be totally ordered (ties on the same instant pop in key order, so runs are
// deterministic) and hashable. Not thread-safe: the owner serialises access.
template <class Key, class Hash = std::hash<Key>>
class DueQueue {
 public:
  struct Entry {
    Instant due;
    Key key;
  };

  // Schedules `key` at `due`, replacing any earlier schedule of the same key. O(log n).
  void Schedule(const Key& key, Instant due) {
    auto [it, inserted] = due_by_key_.try_emplace(key, due);
    if (!inserted) {
      if (it->second == due) return;
      order_.erase({it->second, key});
      it->second = due;
    }
    order_.insert({due, key});
  }

  // Removes the schedule of `key`. Returns false if nothing was scheduled. O(log n).
  bool Cancel(const Key& key) {
    auto it = due_by_key_.find(key);
    if (it == due_by_key_.end()) return false;
    order_.erase({it->second, key});
    due_by_key_.erase(it);
    return true;
  }

  // The due instant of `key`, if scheduled.
  std::optional<Instant> DueOf(const Key& key) const {
    auto it = due_by_key_.find(key);
    if (it == due_by_key_.end()) return std::nullopt;
    return it->second;
  }

  // The earliest due instant, or nullopt when empty. O(1).
  std::optional<Instant> NextDue() const {
    if (order_.empty()) return std::nullopt;
    return order_.begin()->first;
  }

  // Removes and returns every entry with due <= now, earliest first. O(k log n) for k entries.
  std::vector<Entry> PopDue(Instant now) {
    std::vector<Entry> out;
    while (!order_.empty() && order_.begin()->first <= now) {
      auto node = order_.extract(order_.begin());
      due_by_key_.erase(node.value().second);
      out.push_back(Entry{node.value().first, std::move(node.value().second)});
    }
    return out;
  }

  size_t Size() const { return due_by_key_.size(); }
  bool Empty() const { return due_by_key_.empty(); }
  void Clear() {
    order_.clear();
    due_by_key_.clear();
  }

 private:
  std::set<std::pair<Instant, Key>> order_;
  std::unordered_map<Key, Instant, Hash> due_by_key_;
};

}  // namespace keyledger::projections
