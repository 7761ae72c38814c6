// Request bodies in: simdjson DOM over a padded copy, with the checks simdjson does not make by
// itself (duplicate keys anywhere in the document, a depth bound) and typed field accessors that
// answer 400 validation_failed naming the field.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "domain/core/result.h"
#include "server/http_errors.h"

namespace keyledger::server {

inline constexpr size_t kMaxJsonDepth = 32;

template <class T>
using ApiResult = Result<T, ApiError>;

// A JSON object inside a parsed body. Borrowed: valid while its JsonBody lives.
class JsonObjectView {
 public:
  JsonObjectView(simdjson::dom::object obj, std::string path) : obj_(obj), path_(std::move(path)) {}

  bool Has(std::string_view field) const;
  // Field errors name the dotted path, e.g. "address.city". Strings are bounded in bytes.
  ApiResult<std::string> RequiredString(std::string_view field, size_t max_bytes = 4096) const;
  ApiResult<std::optional<std::string>> OptionalString(std::string_view field,
                                                       size_t max_bytes = 4096) const;
  // Integers must be JSON integers within [min, max]; 1.0, "1" and 1e3 are refused.
  ApiResult<int64_t> RequiredInt(std::string_view field, int64_t min, int64_t max) const;
  ApiResult<std::optional<int64_t>> OptionalInt(std::string_view field, int64_t min,
                                                int64_t max) const;
  ApiResult<std::optional<bool>> OptionalBool(std::string_view field) const;
  ApiResult<JsonObjectView> RequiredObject(std::string_view field) const;
  // The raw element for codecs that need arrays or nested shapes; nullopt when absent.
  std::optional<simdjson::dom::element> Element(std::string_view field) const;
  std::string PathOf(std::string_view field) const;

 private:
  simdjson::dom::object obj_;
  std::string path_;
};

// A parsed request body whose root is an object. Movable; views borrow from it.
class JsonBody {
 public:
  // 400 invalid_json for malformed JSON, a non-object root, a duplicate key at any level or
  // nesting deeper than kMaxJsonDepth; the message says which.
  static ApiResult<JsonBody> Parse(std::string_view text);

  JsonObjectView Root() const { return JsonObjectView(root_, ""); }

 private:
  JsonBody() = default;
  std::unique_ptr<simdjson::dom::parser> parser_;  // owns the tape root_ points into
  simdjson::dom::object root_;
};

}  // namespace keyledger::server
