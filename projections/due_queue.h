// DueQueue: pending deadlines ordered by due instant, at most one per key, cancellable by key,
// each with a value. The reminder engine keeps one entry per (reminder kind, subject); advancing
// the clock touches only the entries that fell due, never every project (ARCHITECTURE
// "Reminders").
//
// Each key is stored once: the hash map owns key, due and value; the ordered index holds
// pointers to the map's nodes, ordered by (due, key). Nodes of std::unordered_map never move, so the pointers stay
// valid across rehashes. This halves the memory and the allocations of a (set, map, map) layout,
// which matters at millions of pending reminders and when a snapshot loads them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/core/time.h"

namespace keyledger::projections {

struct NoValue {
  bool operator==(const NoValue&) const = default;
};

// Key must be totally ordered (ties on the same instant pop in key order, so runs are
// deterministic) and hashable. Not thread-safe: the owner serialises access.
template <class Key, class Value = NoValue, class Hash = std::hash<Key>>
class DueQueue {
 public:
  struct Entry {
    Instant due;
    Key key;
    Value value;
  };
  struct Item {
    Instant due;
    Value value;
  };

  DueQueue() = default;
  // The index points into the map: copying would leave the copy's index pointing into the original.
  DueQueue(const DueQueue&) = delete;
  DueQueue& operator=(const DueQueue&) = delete;

  // Schedules `key` at `due` with `value`, replacing any earlier schedule of the same key. O(log n).
  void Schedule(const Key& key, Instant due, Value value = Value()) {
    auto it = items_.find(key);
    if (it == items_.end()) {
      it = items_.emplace(key, Item{due, std::move(value)}).first;
      if (!suspended_) order_.insert(&*it);
      return;
    }
    it->second.value = std::move(value);
    if (it->second.due == due) return;
    if (!suspended_) order_.erase(&*it);  // before the due changes: the index is ordered by it
    it->second.due = due;
    if (!suspended_) order_.insert(&*it);
  }

  // Schedule for bulk loading in (due, key) order, e.g. from a snapshot: amortised O(1) per entry.
  // `key` must sort after every entry already present. Returns the stored key, or nullptr (and
  // changes nothing) if `key` is already scheduled.
  const Key* Append(Key key, Instant due, Value value) {
    auto [it, inserted] = items_.emplace(std::move(key), Item{due, std::move(value)});
    if (!inserted) return nullptr;
    if (!suspended_) order_.emplace_hint(order_.end(), &*it);
    return &it->first;
  }
  void Reserve(size_t n) { items_.reserve(n); }

  // Bulk scheduling: while the order is suspended, Schedule and Cancel touch only the map, and
  // ResumeOrder builds the ordered index with one sort. Inserting millions of entries one by one
  // in random due order costs a cache miss per level of the index; sorted appends do not.
  // NextDue, PopDue and ForEachInOrder must not be called while suspended.
  void SuspendOrder() {
    order_.clear();
    suspended_ = true;
  }
  void ResumeOrder() {
    if (!suspended_) return;
    suspended_ = false;
    std::vector<const Node*> nodes;
    nodes.reserve(items_.size());
    for (const Node& n : items_) nodes.push_back(&n);
    std::sort(nodes.begin(), nodes.end(), ByDueThenKey());
    for (const Node* n : nodes) order_.emplace_hint(order_.end(), n);
  }

  // Removes the schedule of `key`. Returns false if nothing was scheduled. O(log n).
  bool Cancel(const Key& key) {
    auto it = items_.find(key);
    if (it == items_.end()) return false;
    if (!suspended_) order_.erase(&*it);
    items_.erase(it);
    return true;
  }

  // The due instant of `key`, if scheduled.
  std::optional<Instant> DueOf(const Key& key) const {
    const Item* item = Find(key);
    if (item == nullptr) return std::nullopt;
    return item->due;
  }
  // The schedule of `key`, or nullptr. Valid until the next change.
  const Item* Find(const Key& key) const {
    auto it = items_.find(key);
    return it == items_.end() ? nullptr : &it->second;
  }

  // The earliest due instant, or nullopt when empty. O(1).
  std::optional<Instant> NextDue() const {
    if (order_.empty()) return std::nullopt;
    return (*order_.begin())->second.due;
  }

  // Removes and returns every entry with due <= now, earliest first. O(k log n) for k entries.
  std::vector<Entry> PopDue(Instant now) {
    std::vector<Entry> out;
    while (!order_.empty() && (*order_.begin())->second.due <= now) {
      const Key& key = (*order_.begin())->first;
      order_.erase(order_.begin());
      auto node = items_.extract(items_.find(key));
      out.push_back(Entry{node.mapped().due, std::move(node.key()), std::move(node.mapped().value)});
    }
    return out;
  }

  // Calls f(key, due, value) for every entry in (due, key) order.
  template <class F>
  void ForEachInOrder(F&& f) const {
    for (const Node* n : order_) f(n->first, n->second.due, n->second.value);
  }

  size_t Size() const { return items_.size(); }
  bool Empty() const { return items_.empty(); }
  void Clear() {
    order_.clear();
    items_.clear();
    suspended_ = false;
  }

 private:
  using Map = std::unordered_map<Key, Item, Hash>;
  using Node = typename Map::value_type;
  struct ByDueThenKey {
    bool operator()(const Node* a, const Node* b) const {
      if (a->second.due != b->second.due) return a->second.due < b->second.due;
      return a->first < b->first;
    }
  };

  Map items_;
  std::set<const Node*, ByDueThenKey> order_;
  bool suspended_ = false;
};

}  // namespace keyledger::projections
