// Field lists of every event payload and nested value, as compile-time tables of member
// pointers. The generic JSON writer/reader (json_write.h, json_read.h) walk these tables, so each
// type's wire format is written down once. Internal to the codec.
#pragma once

#include <cstdint>
#include <string_view>
#include <tuple>

namespace keyledger::domain::codec {

template <class C, class M>
struct Field {
  std::string_view name;
  M C::*ptr;
};

// Specialised per type with kName (the event type name; events only), kVersion (current schema
// version; 0 for nested values) and kFields (a tuple of Field).
template <class T>
struct Schema;

// "kd::AccountOpened" → "AccountOpened": the type name on the wire is the unqualified one.
constexpr std::string_view Unqualified(std::string_view name) {
  auto pos = name.rfind(':');
  return pos == std::string_view::npos ? name : name.substr(pos + 1);
}

template <class T>
concept HasSchema = requires { Schema<T>::kFields; };

}  // namespace keyledger::domain::codec

#define KL_F(T, m) ::keyledger::domain::codec::Field<T, decltype(T::m)>{#m, &T::m}
#define KL_SCHEMA(T, version, ...)                                     \
  template <>                                                          \
  struct keyledger::domain::codec::Schema<T> {                         \
    static constexpr std::string_view kName = ::keyledger::domain::codec::Unqualified(#T);                      \
    static constexpr uint32_t kVersion = version;                      \
    static constexpr auto kFields = std::make_tuple(__VA_ARGS__);      \
  }
