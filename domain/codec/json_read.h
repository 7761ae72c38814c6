// Generic JSON reading over Schema tables from a simdjson DOM. Every failure is an error string
// naming the path ("profile.name: expected string"), never an exception or a crash. Objects with
// a duplicate key are refused (simdjson accepts them). Unknown keys are ignored so that an older
// reader tolerates additive fields. Internal to the codec.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include <simdjson.h>

#include "domain/codec/schema.h"
#include "domain/core/enum_names.h"
#include "domain/core/ids.h"
#include "domain/core/money.h"
#include "domain/core/time.h"

namespace keyledger::domain::codec {

using dom_element = simdjson::dom::element;
// nullopt = success; otherwise the error message.
using ReadError = std::optional<std::string>;

ReadError ReadValue(dom_element e, std::string& out);
ReadError ReadValue(dom_element e, bool& out);
ReadError ReadValue(dom_element e, int& out);
ReadError ReadValue(dom_element e, int64_t& out);
ReadError ReadValue(dom_element e, Money& out);
ReadError ReadValue(dom_element e, Instant& out);
// Refuses an object that repeats a key.
ReadError CheckNoDuplicateKeys(simdjson::dom::object obj);

template <class Tag>
ReadError ReadValue(dom_element e, Id<Tag>& out) { return ReadValue(e, out.value); }

template <class E>
  requires std::is_enum_v<E>
ReadError ReadValue(dom_element e, E& out) {
  std::string_view s;
  if (e.get_string().get(s)) return std::string("expected string");
  auto v = ParseEnum<E>(s);
  if (!v) return "unknown value \"" + std::string(s) + "\"";
  out = *v;
  return std::nullopt;
}
template <class T>
ReadError ReadValue(dom_element e, std::optional<T>& out);
template <class T>
ReadError ReadValue(dom_element e, std::vector<T>& out);
template <class T>
  requires HasSchema<T>
ReadError ReadValue(dom_element e, T& out);

template <class T>
ReadError ReadValue(dom_element e, std::optional<T>& out) {
  if (e.is_null()) {
    out.reset();
    return std::nullopt;
  }
  T v{};
  if (auto err = ReadValue(e, v)) return err;
  out = std::move(v);
  return std::nullopt;
}

template <class T>
ReadError ReadValue(dom_element e, std::vector<T>& out) {
  simdjson::dom::array arr;
  if (e.get_array().get(arr)) return std::string("expected array");
  out.clear();
  size_t i = 0;
  for (dom_element item : arr) {
    T v{};
    if (auto err = ReadValue(item, v)) return "[" + std::to_string(i) + "]: " + *err;
    out.push_back(std::move(v));
    ++i;
  }
  return std::nullopt;
}

template <class M>
constexpr bool kIsOptional = false;
template <class M>
constexpr bool kIsOptional<std::optional<M>> = true;

template <class T>
  requires HasSchema<T>
ReadError ReadValue(dom_element e, T& out) {
  simdjson::dom::object obj;
  if (e.get_object().get(obj)) return std::string("expected object");
  if (auto err = CheckNoDuplicateKeys(obj)) return err;
  ReadError result;
  std::apply(
      [&](const auto&... field) {
        // Stops at the first error: `result` short-circuits the fold.
        ((result ? void() : [&] {
           dom_element value;
           using M = std::remove_reference_t<decltype(out.*(field.ptr))>;
           if (obj.at_key(field.name).get(value)) {
             if constexpr (kIsOptional<M>) {
               (out.*(field.ptr)).reset();
             } else {
               result = std::string(field.name) + ": missing field";
             }
             return;
           }
           if (auto err = ReadValue(value, out.*(field.ptr))) result = std::string(field.name) + ": " + *err;
         }()),
         ...);
      },
      Schema<T>::kFields);
  return result;
}

}  // namespace keyledger::domain::codec
