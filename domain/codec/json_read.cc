// Scalar readers with range checks.
#include "domain/codec/json_read.h"

#include <algorithm>
#include <array>
#include <vector>
#include <limits>

namespace keyledger::domain::codec {

ReadError ReadValue(dom_element e, std::string& out) {
  std::string_view s;
  if (e.get_string().get(s)) return std::string("expected string");
  out.assign(s);
  return std::nullopt;
}

ReadError ReadValue(dom_element e, bool& out) {
  if (e.get_bool().get(out)) return std::string("expected boolean");
  return std::nullopt;
}

ReadError ReadValue(dom_element e, int64_t& out) {
  // Only JSON integers: 1.0 or 1e3 are refused rather than silently truncated.
  if (!e.is_int64()) return std::string("expected integer");
  if (e.get_int64().get(out)) return std::string("expected integer");
  return std::nullopt;
}

ReadError ReadValue(dom_element e, int& out) {
  int64_t v = 0;
  if (auto err = ReadValue(e, v)) return err;
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) return std::string("integer out of range");
  out = static_cast<int>(v);
  return std::nullopt;
}

ReadError ReadValue(dom_element e, Money& out) { return ReadValue(e, out.fen); }

ReadError ReadValue(dom_element e, Instant& out) {
  int64_t us = 0;
  if (auto err = ReadValue(e, us)) return err;
  out = FromUnixMicros(us);
  return std::nullopt;
}

namespace {

ReadError FirstDuplicate(std::string_view* begin, std::string_view* end) {
  std::sort(begin, end);
  auto dup = std::adjacent_find(begin, end);
  if (dup != end) return "duplicate key \"" + std::string(*dup) + "\"";
  return std::nullopt;
}

}  // namespace

ReadError CheckNoDuplicateKeys(simdjson::dom::object obj) {
  // Payload objects are small (≤ ~12 keys): a sorted copy of the keys is cheaper than a hash set,
  // and on the stack it costs no allocation (this runs for every object of every replayed event).
  constexpr size_t kOnStack = 32;
  const size_t n = obj.size();
  if (n <= kOnStack) {
    std::array<std::string_view, kOnStack> keys;
    size_t i = 0;
    for (auto field : obj) keys[i++] = field.key;
    return FirstDuplicate(keys.data(), keys.data() + i);
  }
  std::vector<std::string_view> keys;
  keys.reserve(n);
  for (auto field : obj) keys.push_back(field.key);
  return FirstDuplicate(keys.data(), keys.data() + keys.size());
}

}  // namespace keyledger::domain::codec
