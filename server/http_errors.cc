// Error code → status and body. Adding a code means adding it to both switches here.
#include "server/http_errors.h"

#include "server/json_writer.h"

namespace keyledger::server {

int HttpStatus(ApiErrorCode code) {
  switch (code) {
    case ApiErrorCode::kInvalidJson: return 400;
    case ApiErrorCode::kValidationFailed: return 400;
    case ApiErrorCode::kUnauthenticated: return 401;
    case ApiErrorCode::kForbidden: return 403;
    case ApiErrorCode::kNotFound: return 404;
    case ApiErrorCode::kMethodNotAllowed: return 405;
    case ApiErrorCode::kVersionConflict: return 409;
    case ApiErrorCode::kTooLarge: return 413;
    case ApiErrorCode::kRuleViolation: return 422;
    case ApiErrorCode::kRateLimited: return 429;
    case ApiErrorCode::kUnavailable: return 503;
    case ApiErrorCode::kInternal: return 500;
  }
  return 500;
}

const char* CodeName(ApiErrorCode code) {
  switch (code) {
    case ApiErrorCode::kInvalidJson: return "invalid_json";
    case ApiErrorCode::kValidationFailed: return "validation_failed";
    case ApiErrorCode::kUnauthenticated: return "unauthenticated";
    case ApiErrorCode::kForbidden: return "forbidden";
    case ApiErrorCode::kNotFound: return "not_found";
    case ApiErrorCode::kMethodNotAllowed: return "method_not_allowed";
    case ApiErrorCode::kVersionConflict: return "version_conflict";
    case ApiErrorCode::kTooLarge: return "too_large";
    case ApiErrorCode::kRuleViolation: return "rule_violation";
    case ApiErrorCode::kRateLimited: return "rate_limited";
    case ApiErrorCode::kUnavailable: return "unavailable";
    case ApiErrorCode::kInternal: return "internal";
  }
  return "internal";
}

ApiError FieldError(std::string field, std::string message) {
  ApiError e{ApiErrorCode::kValidationFailed, std::move(message), {}};
  e.Detail("field", std::move(field));
  return e;
}

ApiError FromStoreError(const store::StoreError& error) {
  using C = store::StoreError::Code;
  switch (error.code) {
    case C::kInvalidArgument:
      return {ApiErrorCode::kValidationFailed, error.message, {}};
    case C::kNotFound:
      return {ApiErrorCode::kNotFound, error.message, {}};
    case C::kConflict: {
      ApiError e{ApiErrorCode::kVersionConflict, "the resource changed since it was read", {}};
      e.Detail("actual_version", std::to_string(error.actual_version));
      return e;
    }
    case C::kIdempotencyMismatch:
      return {ApiErrorCode::kVersionConflict, "idempotency key reused with a different request", {}};
    case C::kCorruption:
      return {ApiErrorCode::kInternal, "storage corruption", {}};
    case C::kIOError:
    case C::kReadOnly:
      return {ApiErrorCode::kUnavailable, "storage unavailable", {}};
  }
  return {ApiErrorCode::kInternal, "unknown storage error", {}};
}

Response ErrorResponse(const ApiError& error) {
  JsonOut out;
  out.BeginObject();
  out.Key("error");
  out.BeginObject();
  out.Field("code", CodeName(error.code));
  out.Field("message", error.message);
  out.Key("details");
  out.BeginObject();
  for (const auto& [k, v] : error.details) out.Field(k, v);
  out.EndObject();
  out.EndObject();
  out.EndObject();
  Response r;
  r.status = HttpStatus(error.code);
  r.body = out.Take();
  return r;
}

}  // namespace keyledger::server
