// StringTable: interns strings as dense ints (0, 1, 2... in order of first sight), for the
// conflict index's hot lookups. Open addressing with linear probing over a flat array of slots
// that carry the hash, so a lookup is one probe run in one array plus one compare of the text
// (kept in a single arena), instead of std::unordered_map's bucket → node → string chain of
// cache misses. Insert-only: the index never forgets a name. Header-only (small, and inlined
// into the lookups of ConflictIndex::FindConflicts).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace keyledger::domain {

class StringTable {
 public:
  static size_t Hash(std::string_view text) { return std::hash<std::string_view>{}(text); }

  // -1 if `text` was never interned. `hash` is Hash(text), for callers that computed it already.
  int Find(std::string_view text) const { return Find(text, Hash(text)); }
  int Find(std::string_view text, size_t hash) const {
    if (slots_.empty()) return -1;
    return slots_[Probe(text, hash)].id;
  }

  // Starts loading the slot where a lookup of `hash` begins, so that a caller with several
  // independent lookups waits for their cache misses together rather than one after another.
  void Prefetch(size_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }

  // The id of `text`, interning it if new (the new id is size() before the call).
  int Intern(std::string_view text) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
    const size_t hash = Hash(text);
    Slot& s = slots_[Probe(text, hash)];
    if (s.id >= 0) return s.id;
    s = Slot{hash, arena_.size(), static_cast<uint32_t>(text.size()), static_cast<int32_t>(size_)};
    arena_.append(text);
    return static_cast<int>(size_++);
  }
  size_t size() const { return size_; }

  // Snapshot form: the texts in id order (interning them again in that order gives the same
  // ids). `W`/`R` are any writer/reader with PutVarint/PutString and GetVarint/GetString/ok(),
  // such as the projections' binary codec: the domain names no serialisation library.
  template <class W>
  void Save(W& w) const {
    std::vector<const Slot*> by_id(size_);
    for (const Slot& s : slots_) {
      if (s.id >= 0) by_id[s.id] = &s;
    }
    w.PutVarint(size_);
    for (const Slot* s : by_id) w.PutString(std::string_view(arena_).substr(s->offset, s->length));
  }
  // Replaces the contents; false (contents unspecified) on a malformed or inconsistent input.
  template <class R>
  bool Load(R& r) {
    *this = StringTable();
    const uint64_t n = r.GetVarint();
    for (uint64_t i = 0; i < n && r.ok(); ++i) {
      if (Intern(r.GetString()) != static_cast<int>(i)) return false;  // a repeated text
    }
    return r.ok();
  }

 private:
  struct Slot {
    size_t hash = 0;
    uint64_t offset = 0;  // of the text in arena_
    uint32_t length = 0;
    int32_t id = -1;  // -1: empty
  };

  // The slot holding `text`, or the empty slot where it would go (there is always one).
  size_t Probe(std::string_view text, size_t hash) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.id < 0) return i;
      // The full hash filters out nearly every other key before its text is touched.
      if (s.hash == hash && s.length == text.size() && std::string_view(arena_).substr(s.offset, s.length) == text) return i;
    }
  }

  // Doubles the slots, re-placing them by their stored hashes; the texts stay in the arena.
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.id < 0) continue;
      size_t i = s.hash & mask;
      while (slots_[i].id >= 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;  // capacity a power of two, at most 3/4 full
  std::string arena_;
  size_t size_ = 0;
};

}  // namespace keyledger::domain
