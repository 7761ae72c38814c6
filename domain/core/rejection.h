// Why Decide refused a command. The server maps kind to API.md statuses:
// kValidation → 400 validation_failed (details.field), kRuleViolation → 422 rule_violation
// (details.rule), kForbidden → 403, kNotFound → 404, kConflict → 409/422 per handler.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/core/result.h"

namespace keyledger::domain {

struct Rejection {
  enum class Kind { kRuleViolation, kValidation, kForbidden, kNotFound, kConflict };
  Kind kind = Kind::kRuleViolation;
  std::string rule;     // rule id of DOMAIN.md ("R-A4") or "status_machine"; "" for plain validation
  std::string field;    // offending field for kValidation
  std::string message;  // human-readable, English
  friend bool operator==(const Rejection&, const Rejection&) = default;
};

inline Rejection RuleViolation(std::string rule, std::string message) {
  return {Rejection::Kind::kRuleViolation, std::move(rule), "", std::move(message)};
}
inline Rejection Invalid(std::string field, std::string message, std::string rule = "") {
  return {Rejection::Kind::kValidation, std::move(rule), std::move(field), std::move(message)};
}
inline Rejection Forbidden(std::string rule, std::string message) {
  return {Rejection::Kind::kForbidden, std::move(rule), "", std::move(message)};
}
inline Rejection NotFound(std::string message) {
  return {Rejection::Kind::kNotFound, "", "", std::move(message)};
}
inline Rejection Conflict(std::string rule, std::string message) {
  return {Rejection::Kind::kConflict, std::move(rule), "", std::move(message)};
}

// What every Decide returns: the new events (possibly none) or the reason for refusal.
template <class Event>
using Decision = keyledger::Result<std::vector<Event>, Rejection>;

}  // namespace keyledger::domain
