// Generic JSON writing over Schema tables with RapidJSON's Writer. Wire forms: strings and ids
// as JSON strings, enums by their EnumNames name, Money as integer fen, Instant as integer Unix
// microseconds, optional as null when empty, vectors as arrays, nested values as objects.
// Internal to the codec.
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <rapidjson/rapidjson.h>

#include "domain/codec/schema.h"
#include "domain/core/enum_names.h"
#include "domain/core/ids.h"
#include "domain/core/money.h"
#include "domain/core/time.h"

namespace keyledger::domain::codec {

template <class W>
void WriteValue(W& w, const std::string& v) { w.String(v.data(), static_cast<rapidjson::SizeType>(v.size())); }
template <class W>
void WriteValue(W& w, bool v) { w.Bool(v); }
template <class W>
void WriteValue(W& w, int v) { w.Int(v); }
template <class W>
void WriteValue(W& w, int64_t v) { w.Int64(v); }
template <class W>
void WriteValue(W& w, Money v) { w.Int64(v.fen); }
template <class W>
void WriteValue(W& w, Instant v) { w.Int64(ToUnixMicros(v)); }
template <class W, class Tag>
void WriteValue(W& w, const Id<Tag>& v) { WriteValue(w, v.value); }
template <class W, class E>
  requires std::is_enum_v<E>
void WriteValue(W& w, E v) {
  auto name = NameOf(v);
  w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}
template <class W, class T>
void WriteValue(W& w, const std::optional<T>& v);
template <class W, class T>
void WriteValue(W& w, const std::vector<T>& v);
template <class W, class T>
  requires HasSchema<T>
void WriteValue(W& w, const T& v);

template <class W, class T>
void WriteValue(W& w, const std::optional<T>& v) {
  if (v) {
    WriteValue(w, *v);
  } else {
    w.Null();
  }
}
template <class W, class T>
void WriteValue(W& w, const std::vector<T>& v) {
  w.StartArray();
  for (const auto& x : v) WriteValue(w, x);
  w.EndArray();
}
template <class W, class T>
  requires HasSchema<T>
void WriteValue(W& w, const T& v) {
  w.StartObject();
  std::apply(
      [&](const auto&... field) {
        ((w.Key(field.name.data(), static_cast<rapidjson::SizeType>(field.name.size())), WriteValue(w, v.*(field.ptr))), ...);
      },
      Schema<T>::kFields);
  w.EndObject();
}

}  // namespace keyledger::domain::codec
