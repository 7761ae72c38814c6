// Encoding/decoding of event payloads over the schemas in event_schemas.h, and the upcasters.
#include "domain/codec/event_codec.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "domain/codec/event_schemas.h"
#include "domain/codec/json_read.h"
#include "domain/codec/json_write.h"

namespace keyledger::domain {
namespace {

using codec::dom_element;
using codec::ReadError;
using codec::Schema;

// Upcasters: Upcast<T>::From(version, element, out) for versions older than Schema<T>::kVersion.
// The default knows no old versions.
template <class T>
struct Upcast {
  static ReadError From(uint32_t version, dom_element, T&) {
    return "schema_version " + std::to_string(version) + " is not supported";
  }
};

// TierChanged v1 (before 2026-11) carried {"new_tier","reason"}; v2 renamed new_tier → tier and
// added previous_tier, unknown for old events.
struct TierChangedV1 {
  Tier new_tier = Tier::kC;
  std::string reason;
};

}  // namespace
}  // namespace keyledger::domain

KL_SCHEMA(keyledger::domain::TierChangedV1, 1, KL_F(keyledger::domain::TierChangedV1, new_tier),
          KL_F(keyledger::domain::TierChangedV1, reason));

namespace keyledger::domain {
namespace {

template <>
struct Upcast<TierChanged> {
  static ReadError From(uint32_t version, dom_element e, TierChanged& out) {
    if (version != 1) return "schema_version " + std::to_string(version) + " is not supported";
    TierChangedV1 v1;
    if (auto err = codec::ReadValue(e, v1)) return err;
    out = TierChanged{std::nullopt, v1.new_tier, std::move(v1.reason)};
    return std::nullopt;
  }
};

template <class Variant>
EncodedEvent EncodeVariant(const Variant& event) {
  return std::visit(
      [](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        codec::WriteValue(writer, e);
        return EncodedEvent{std::string(Schema<T>::kName), Schema<T>::kVersion, std::string(buffer.GetString(), buffer.GetSize())};
      },
      event);
}

static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING);

// Parses `data` into a DOM owned by a thread-local parser; the element is valid until the next
// parse on this thread. Unless `padded`, simdjson first copies the bytes into a padded buffer.
ReadError Parse(std::string_view data, bool padded, dom_element& out) {
  thread_local simdjson::dom::parser parser;
  auto err = parser.parse(data.data(), data.size(), !padded).get(out);
  if (err) return std::string("invalid JSON: ") + simdjson::error_message(err);
  if (!out.is_object()) return std::string("payload is not a JSON object");
  return std::nullopt;
}

template <class Variant, size_t I = 0>
Result<Variant, DecodeError> DecodeAlternative(std::string_view type, uint32_t version, dom_element e) {
  if constexpr (I == std::variant_size_v<Variant>) {
    return Fail(DecodeError{"unknown event type \"" + std::string(type) + "\""});
  } else {
    using T = std::variant_alternative_t<I, Variant>;
    if (Schema<T>::kName != type) return DecodeAlternative<Variant, I + 1>(type, version, e);
    T out{};
    ReadError err;
    if (version == Schema<T>::kVersion) {
      err = codec::ReadValue(e, out);
    } else if (version > Schema<T>::kVersion || version == 0) {
      err = "schema_version " + std::to_string(version) + " is newer than this build supports";
    } else {
      err = Upcast<T>::From(version, e, out);
    }
    if (err) return Fail(DecodeError{std::string(type) + " v" + std::to_string(version) + ": " + *err});
    return Variant{std::move(out)};
  }
}

template <class Variant>
Result<Variant, DecodeError> DecodeVariant(std::string_view type, uint32_t version, std::string_view data,
                                           bool padded = false) {
  dom_element e;
  if (auto err = Parse(data, padded, e)) return Fail(DecodeError{std::string(type) + ": " + *err});
  return DecodeAlternative<Variant>(type, version, e);
}

template <class Variant, size_t I = 0>
bool HasType(std::string_view type) {
  if constexpr (I == std::variant_size_v<Variant>) {
    return false;
  } else {
    return Schema<std::variant_alternative_t<I, Variant>>::kName == type || HasType<Variant, I + 1>(type);
  }
}

template <class Variant>
void AppendTypes(std::vector<EventTypeInfo>& out) {
  [&]<size_t... I>(std::index_sequence<I...>) {
    (out.push_back({Schema<std::variant_alternative_t<I, Variant>>::kName, Schema<std::variant_alternative_t<I, Variant>>::kVersion}), ...);
  }(std::make_index_sequence<std::variant_size_v<Variant>>());
}

template <class Inner>
Result<DomainEvent, DecodeError> Widen(Result<Inner, DecodeError> r) {
  if (!r.ok()) return Fail(r.error());
  return DomainEvent{std::move(r).value()};
}

}  // namespace

EncodedEvent EncodeEvent(const OrgEvent& e) { return EncodeVariant(e); }
EncodedEvent EncodeEvent(const AccountEvent& e) { return EncodeVariant(e); }
EncodedEvent EncodeEvent(const ProjectEvent& e) { return EncodeVariant(e); }
EncodedEvent EncodeEvent(const ComplaintEvent& e) { return EncodeVariant(e); }
EncodedEvent EncodeEvent(const VisitEvent& e) { return EncodeVariant(e); }
EncodedEvent EncodeEvent(const SurveyEvent& e) { return EncodeVariant(e); }
EncodedEvent EncodeEvent(const ReminderEvent& e) { return EncodeVariant(e); }
EncodedEvent EncodeEvent(const DomainEvent& e) {
  return std::visit([](const auto& inner) { return EncodeEvent(inner); }, e);
}

Result<OrgEvent, DecodeError> DecodeOrgEvent(std::string_view t, uint32_t v, std::string_view d) { return DecodeVariant<OrgEvent>(t, v, d); }
Result<AccountEvent, DecodeError> DecodeAccountEvent(std::string_view t, uint32_t v, std::string_view d) { return DecodeVariant<AccountEvent>(t, v, d); }
Result<ProjectEvent, DecodeError> DecodeProjectEvent(std::string_view t, uint32_t v, std::string_view d) { return DecodeVariant<ProjectEvent>(t, v, d); }
Result<ComplaintEvent, DecodeError> DecodeComplaintEvent(std::string_view t, uint32_t v, std::string_view d) { return DecodeVariant<ComplaintEvent>(t, v, d); }
Result<VisitEvent, DecodeError> DecodeVisitEvent(std::string_view t, uint32_t v, std::string_view d) { return DecodeVariant<VisitEvent>(t, v, d); }
Result<SurveyEvent, DecodeError> DecodeSurveyEvent(std::string_view t, uint32_t v, std::string_view d) { return DecodeVariant<SurveyEvent>(t, v, d); }
Result<ReminderEvent, DecodeError> DecodeReminderEvent(std::string_view t, uint32_t v, std::string_view d) { return DecodeVariant<ReminderEvent>(t, v, d); }

namespace {

Result<DomainEvent, DecodeError> DecodeAny(std::string_view t, uint32_t v, std::string_view d, bool padded) {
  // Type names are unique across aggregates (checked by the codec test), so the first family
  // that knows the name decodes it.
  if (HasType<OrgEvent>(t)) return Widen(DecodeVariant<OrgEvent>(t, v, d, padded));
  if (HasType<AccountEvent>(t)) return Widen(DecodeVariant<AccountEvent>(t, v, d, padded));
  if (HasType<ProjectEvent>(t)) return Widen(DecodeVariant<ProjectEvent>(t, v, d, padded));
  if (HasType<ComplaintEvent>(t)) return Widen(DecodeVariant<ComplaintEvent>(t, v, d, padded));
  if (HasType<VisitEvent>(t)) return Widen(DecodeVariant<VisitEvent>(t, v, d, padded));
  if (HasType<SurveyEvent>(t)) return Widen(DecodeVariant<SurveyEvent>(t, v, d, padded));
  if (HasType<ReminderEvent>(t)) return Widen(DecodeVariant<ReminderEvent>(t, v, d, padded));
  return Fail(DecodeError{"unknown event type \"" + std::string(t) + "\""});
}

}  // namespace

Result<DomainEvent, DecodeError> DecodeEvent(std::string_view t, uint32_t v, std::string_view d) {
  return DecodeAny(t, v, d, false);
}

Result<DomainEvent, DecodeError> DecodePaddedEvent(std::string_view t, uint32_t v, std::string_view d) {
  return DecodeAny(t, v, d, true);
}

std::vector<EventTypeInfo> AllEventTypes() {
  std::vector<EventTypeInfo> out;
  AppendTypes<OrgEvent>(out);
  AppendTypes<AccountEvent>(out);
  AppendTypes<ProjectEvent>(out);
  AppendTypes<ComplaintEvent>(out);
  AppendTypes<VisitEvent>(out);
  AppendTypes<SurveyEvent>(out);
  AppendTypes<ReminderEvent>(out);
  return out;
}

}  // namespace keyledger::domain
