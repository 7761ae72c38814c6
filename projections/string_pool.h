// StringPool: interns repeated strings (owner ids, account ids, unit ids) so a read-model row
// stores a 4-byte handle instead of its own copy; part of keeping a project row under 1 KiB.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace keyledger::projections {

using StrId = uint32_t;

// Not thread-safe; owned by a read model and guarded like it. Strings are never removed.
class StringPool {
 public:
  StringPool() { Intern(""); }  // id 0 is the empty string
  StringPool(const StringPool& other) { *this = other; }
  StringPool& operator=(const StringPool& other) {
    if (this == &other) return *this;
    strings_.clear();
    index_.clear();
    for (const auto& s : other.strings_) Intern(s);
    return *this;
  }

  StrId Intern(std::string_view s) {
    auto it = index_.find(s);
    if (it != index_.end()) return it->second;
    // The deque never moves its elements, so the map's string_view keys stay valid.
    strings_.emplace_back(s);
    const StrId id = static_cast<StrId>(strings_.size() - 1);
    index_.emplace(strings_.back(), id);
    return id;
  }
  // The id of `s` if interned, else nullopt-like 0 with found=false.
  bool Find(std::string_view s, StrId& out) const {
    auto it = index_.find(s);
    if (it == index_.end()) return false;
    out = it->second;
    return true;
  }
  const std::string& Get(StrId id) const { return strings_[id]; }
  size_t Size() const { return strings_.size(); }
  size_t ApproxBytes() const;

 private:
  std::deque<std::string> strings_;
  std::unordered_map<std::string_view, StrId> index_;
};

inline size_t StringPool::ApproxBytes() const {
  size_t bytes = strings_.size() * (sizeof(std::string) + 2 * sizeof(void*) + sizeof(StrId) +
                                    sizeof(std::string_view));
  for (const auto& s : strings_) {
    if (s.size() > 15) bytes += s.capacity() + 1;
  }
  return bytes;
}

}  // namespace keyledger::projections
