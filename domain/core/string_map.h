// StringMap<V>: an unordered_map keyed by std::string that is searched with a std::string_view,
// so a lookup on a hot path (a stream's version, a route's metrics, a department's lines)
// allocates nothing.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace keyledger {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

}  // namespace keyledger
