// JsonBody parsing and the field accessors.
#include "server/json_reader.h"

#include <algorithm>
#include <vector>

namespace keyledger::server {

namespace {

ApiError InvalidJson(std::string message) {
  return {ApiErrorCode::kInvalidJson, std::move(message), {}};
}

// Depth-first walk; false on the first object holding a key twice. The parser already bounded the
// depth, so recursion is bounded by kMaxJsonDepth.
bool NoDuplicateKeys(simdjson::dom::element e, std::string* duplicate) {
  if (e.is_object()) {
    simdjson::dom::object obj = e.get_object().value_unsafe();
    std::vector<std::string_view> keys;
    for (auto field : obj) {
      keys.push_back(field.key);
      if (!NoDuplicateKeys(field.value, duplicate)) return false;
    }
    std::sort(keys.begin(), keys.end());
    auto dup = std::adjacent_find(keys.begin(), keys.end());
    if (dup != keys.end()) {
      *duplicate = std::string(*dup);
      return false;
    }
  } else if (e.is_array()) {
    // Named first: value_unsafe() on the temporary result would hand the loop a dangling array.
    simdjson::dom::array items = e.get_array().value_unsafe();
    for (simdjson::dom::element child : items)
      if (!NoDuplicateKeys(child, duplicate)) return false;
  }
  return true;
}

}  // namespace

ApiResult<JsonBody> JsonBody::Parse(std::string_view text) {
  JsonBody body;
  body.parser_ = std::make_unique<simdjson::dom::parser>();
  if (body.parser_->allocate(std::max<size_t>(text.size(), 64), kMaxJsonDepth) != simdjson::SUCCESS)
    return Fail(ApiError{ApiErrorCode::kTooLarge, "body too large to parse", {}});
  simdjson::padded_string padded(text);
  simdjson::dom::element root;
  auto error = body.parser_->parse(padded).get(root);
  if (error == simdjson::DEPTH_ERROR)
    return Fail(InvalidJson("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"));
  if (error) return Fail(InvalidJson(std::string("malformed JSON: ") + simdjson::error_message(error)));
  if (!root.is_object()) return Fail(InvalidJson("the body must be a JSON object"));
  std::string duplicate;
  if (!NoDuplicateKeys(root, &duplicate)) {
    ApiError e = InvalidJson("duplicate key in JSON object");
    e.Detail("key", duplicate);
    return Fail(std::move(e));
  }
  body.root_ = root.get_object().value_unsafe();
  return body;
}

std::string JsonObjectView::PathOf(std::string_view field) const {
  return path_.empty() ? std::string(field) : path_ + "." + std::string(field);
}

std::optional<simdjson::dom::element> JsonObjectView::Element(std::string_view field) const {
  simdjson::dom::element e;
  if (obj_.at_key(field).get(e) != simdjson::SUCCESS) return std::nullopt;
  return e;
}

bool JsonObjectView::Has(std::string_view field) const { return Element(field).has_value(); }

ApiResult<std::optional<std::string>> JsonObjectView::OptionalString(std::string_view field,
                                                                     size_t max_bytes) const {
  auto e = Element(field);
  if (!e || e->is_null()) return std::optional<std::string>();
  std::string_view s;
  if (e->get_string().get(s) != simdjson::SUCCESS)
    return Fail(FieldError(PathOf(field), "must be a string"));
  if (s.size() > max_bytes)
    return Fail(FieldError(PathOf(field), "longer than " + std::to_string(max_bytes) + " bytes"));
  return std::optional<std::string>(std::string(s));
}

ApiResult<std::string> JsonObjectView::RequiredString(std::string_view field, size_t max_bytes) const {
  auto s = OptionalString(field, max_bytes);
  if (!s.ok()) return Fail(s.error());
  if (!s.value()) return Fail(FieldError(PathOf(field), "is required"));
  return std::move(*s.value());
}

ApiResult<std::optional<int64_t>> JsonObjectView::OptionalInt(std::string_view field, int64_t min,
                                                              int64_t max) const {
  auto e = Element(field);
  if (!e || e->is_null()) return std::optional<int64_t>();
  int64_t v = 0;
  if (e->is_int64()) {
    v = e->get_int64().value_unsafe();
  } else if (e->is_uint64() || e->is_double()) {
    // A uint64 above INT64_MAX or a float: either way not an integer in range.
    if (e->is_double()) return Fail(FieldError(PathOf(field), "must be an integer"));
    return Fail(FieldError(PathOf(field), "out of range"));
  } else {
    return Fail(FieldError(PathOf(field), "must be an integer"));
  }
  if (v < min || v > max)
    return Fail(FieldError(PathOf(field), "must be between " + std::to_string(min) + " and " +
                                              std::to_string(max)));
  return std::optional<int64_t>(v);
}

ApiResult<int64_t> JsonObjectView::RequiredInt(std::string_view field, int64_t min, int64_t max) const {
  auto v = OptionalInt(field, min, max);
  if (!v.ok()) return Fail(v.error());
  if (!v.value()) return Fail(FieldError(PathOf(field), "is required"));
  return *v.value();
}

ApiResult<std::optional<bool>> JsonObjectView::OptionalBool(std::string_view field) const {
  auto e = Element(field);
  if (!e || e->is_null()) return std::optional<bool>();
  if (!e->is_bool()) return Fail(FieldError(PathOf(field), "must be true or false"));
  return std::optional<bool>(e->get_bool().value_unsafe());
}

ApiResult<JsonObjectView> JsonObjectView::RequiredObject(std::string_view field) const {
  auto e = Element(field);
  if (!e) return Fail(FieldError(PathOf(field), "is required"));
  if (!e->is_object()) return Fail(FieldError(PathOf(field), "must be an object"));
  return JsonObjectView(e->get_object().value_unsafe(), PathOf(field));
}

}  // namespace keyledger::server
