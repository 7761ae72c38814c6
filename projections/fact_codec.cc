// FactCodec: a field visitor writes flat JSON; simdjson's on-demand parser reads it back.
#include "projections/fact_codec.h"

#include <simdjson.h>

#include <charconv>
#include <cstring>
#include <type_traits>

#include "projections/fact_fields.h"

namespace keyledger::projections {
namespace {

void AppendEscaped(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

struct JsonWriter {
  std::string out = "{";
  bool first = true;
  void Key(const char* name) {
    if (!first) out.push_back(',');
    first = false;
    AppendEscaped(out, name);
    out.push_back(':');
  }
  void operator()(const char* name, const std::string& v) { Key(name); AppendEscaped(out, v); }
  void operator()(const char* name, bool v) { Key(name); out += v ? "true" : "false"; }
  void operator()(const char* name, int64_t v) { Key(name); out += std::to_string(v); }
  void operator()(const char* name, int32_t v) { Key(name); out += std::to_string(v); }
  void operator()(const char* name, Instant v) { Key(name); out += std::to_string(ToUnixMicros(v)); }
  template <class E, std::enable_if_t<std::is_enum_v<E>, int> = 0>
  void operator()(const char* name, E v) { Key(name); out += std::to_string(static_cast<int>(v)); }
  template <class T>
  void operator()(const char* name, const std::optional<T>& v) {
    if (v) (*this)(name, *v);  // absent member = nullopt
  }
  void operator()(const char* name, const std::vector<std::string>& v) {
    Key(name);
    out.push_back('[');
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out.push_back(',');
      AppendEscaped(out, v[i]);
    }
    out.push_back(']');
  }
};

// Reads members in any order: the writer's order is not a contract of the format.
struct JsonReader {
  simdjson::ondemand::object& obj;
  bool ok = true;

  template <class T>
  bool Find(const char* name, T& out) {
    auto field = obj.find_field_unordered(name);
    if (field.error() == simdjson::NO_SUCH_FIELD) return false;
    if (field.error()) {
      ok = false;
      return false;
    }
    return Read(field.value_unsafe(), out);
  }
  bool Read(simdjson::ondemand::value v, std::string& out) {
    std::string_view sv;
    if (v.get_string().get(sv)) return ok = false;
    out.assign(sv);
    return true;
  }
  bool Read(simdjson::ondemand::value v, bool& out) {
    if (v.get_bool().get(out)) return ok = false;
    return true;
  }
  bool Read(simdjson::ondemand::value v, int64_t& out) {
    if (v.get_int64().get(out)) return ok = false;
    return true;
  }
  bool Read(simdjson::ondemand::value v, int32_t& out) {
    int64_t x;
    if (v.get_int64().get(x)) return ok = false;
    out = static_cast<int32_t>(x);
    return true;
  }
  bool Read(simdjson::ondemand::value v, Instant& out) {
    int64_t x;
    if (v.get_int64().get(x)) return ok = false;
    out = FromUnixMicros(x);
    return true;
  }
  template <class E, std::enable_if_t<std::is_enum_v<E>, int> = 0>
  bool Read(simdjson::ondemand::value v, E& out) {
    int64_t x;
    if (v.get_int64().get(x)) return ok = false;
    out = static_cast<E>(x);
    return true;
  }
  bool Read(simdjson::ondemand::value v, std::vector<std::string>& out) {
    simdjson::ondemand::array arr;
    if (v.get_array().get(arr)) return ok = false;
    for (auto item : arr) {
      std::string_view sv;
      if (item.get_string().get(sv)) return ok = false;
      out.emplace_back(sv);
    }
    return true;
  }

  template <class T>
  void operator()(const char* name, T& v) {
    if (!Find(name, v)) {
      if constexpr (!std::is_same_v<T, std::string>) {
        // Missing scalars keep their defaults only for strings (an empty id); anything else
        // missing means the payload is not what this codec wrote.
        if (ok) ok = false;
      }
    }
  }
  template <class T>
  void operator()(const char* name, std::optional<T>& v) {
    T x{};
    if (Find(name, x)) v = std::move(x);
  }
};

template <size_t I = 0>
std::optional<Fact> DecodeIndex(size_t index, simdjson::ondemand::object& obj) {
  if constexpr (I == std::variant_size_v<Fact>) {
    return std::nullopt;
  } else {
    if (index != I) return DecodeIndex<I + 1>(index, obj);
    std::variant_alternative_t<I, Fact> fact;
    JsonReader reader{obj};
    Fields(reader, fact);
    if (!reader.ok) return std::nullopt;
    return Fact(std::move(fact));
  }
}

}  // namespace

std::string FactTypeName(const Fact& fact) { return kFactTypeNames[fact.index()]; }

std::string EncodeFactData(const Fact& fact) {
  JsonWriter w;
  std::visit([&](const auto& f) { Fields(w, const_cast<std::decay_t<decltype(f)>&>(f)); }, fact);
  w.out.push_back('}');
  return std::move(w.out);
}

std::optional<Fact> DecodeFact(const EventEnvelope& e) {
  if (e.type.rfind("Fact.", 0) != 0) return std::nullopt;
  size_t index = std::size(kFactTypeNames);
  for (size_t i = 0; i < std::size(kFactTypeNames); ++i) {
    if (e.type == kFactTypeNames[i]) {
      index = i;
      break;
    }
  }
  if (index == std::size(kFactTypeNames)) return std::nullopt;
  // One parser per thread: on-demand parsing reuses its buffers, and replay decodes millions.
  thread_local simdjson::ondemand::parser parser;
  simdjson::padded_string padded(e.data);
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc)) return std::nullopt;
  simdjson::ondemand::object obj;
  if (doc.get_object().get(obj)) return std::nullopt;
  return DecodeIndex(index, obj);
}

store::NewEvent MakeFactEvent(const Fact& fact, Instant occurred_at, std::string actor,
                              std::string id, std::string causation_id) {
  store::NewEvent e;
  e.id = std::move(id);
  e.type = FactTypeName(fact);
  e.occurred_at = occurred_at;
  e.actor = std::move(actor);
  e.causation_id = std::move(causation_id);
  e.data = EncodeFactData(fact);
  return e;
}

}  // namespace keyledger::projections
