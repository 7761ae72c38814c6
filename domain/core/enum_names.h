// One name table per enum, shared by the codec (event payloads) and the server (API strings),
// so the wire names of roles, statuses and kinds are written down exactly once.
#pragma once

#include <optional>
#include <string_view>

namespace keyledger::domain {

// Specialise with: static constexpr std::pair<E, std::string_view> kNames[] = {...};
template <class E>
struct EnumNames;

// The wire name of `e`; "" only if the table is incomplete (a bug caught by the codec tests).
template <class E>
constexpr std::string_view NameOf(E e) {
  for (const auto& [value, name] : EnumNames<E>::kNames) {
    if (value == e) return name;
  }
  return {};
}

// The enum value named `name`, or nullopt for an unknown name (case-sensitive).
template <class E>
constexpr std::optional<E> ParseEnum(std::string_view name) {
  for (const auto& [value, n] : EnumNames<E>::kNames) {
    if (n == name) return value;
  }
  return std::nullopt;
}

}  // namespace keyledger::domain
