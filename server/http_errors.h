// The one place where API error codes meet HTTP statuses and the error body of API.md:
// {"error":{"code","message","details"}}.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "server/http_types.h"
#include "store/event_store.h"

namespace keyledger::server {

enum class ApiErrorCode {
  kInvalidJson,        // 400 invalid_json
  kValidationFailed,   // 400 validation_failed (details.field)
  kUnauthenticated,    // 401 unauthenticated
  kForbidden,          // 403 forbidden
  kNotFound,           // 404 not_found
  kMethodNotAllowed,   // 405 method_not_allowed
  kVersionConflict,    // 409 version_conflict
  kTooLarge,           // 413 too_large
  kRuleViolation,      // 422 rule_violation (details.rule)
  kRateLimited,        // 429 rate_limited
  kUnavailable,        // 503 unavailable
  kInternal,           // 500 internal (a bug)
};

// An error a handler answers with. details are string-valued members of "details".
struct ApiError {
  ApiErrorCode code;
  std::string message;
  std::vector<std::pair<std::string, std::string>> details;

  ApiError& Detail(std::string key, std::string value) {
    details.emplace_back(std::move(key), std::move(value));
    return *this;
  }
};

int HttpStatus(ApiErrorCode code);
const char* CodeName(ApiErrorCode code);
// A 400 validation_failed naming `field`.
ApiError FieldError(std::string field, std::string message);
// Maps a store failure to the API error a client sees (conflict → 409, read-only/IO → 503, ...).
ApiError FromStoreError(const store::StoreError& error);
// The full response for `error`, body in the API.md format.
Response ErrorResponse(const ApiError& error);

}  // namespace keyledger::server
