// Visits (R-V1) live in their own stream, one per contact ("visit-<id>"), rather than in the
// account stream: a visit has no invariant shared with the account file, so a separate stream
// keeps the account's expected-version free of contention with daily visit logging and keeps the
// account file (R-A9, read-logged) small; the cadence projection (R-V2) joins them by account id.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "domain/core/enum_names.h"
#include "domain/core/ids.h"
#include "domain/core/time.h"

namespace keyledger::domain {

enum class VisitKind { kVisit, kPhone, kEmail, kMeeting, kExecutiveVisit, kTechnicalExchange, kDemo };
template <>
struct EnumNames<VisitKind> {
  static constexpr std::pair<VisitKind, std::string_view> kNames[] = {
      {VisitKind::kVisit, "visit"}, {VisitKind::kPhone, "phone"}, {VisitKind::kEmail, "email"},
      {VisitKind::kMeeting, "meeting"}, {VisitKind::kExecutiveVisit, "executive_visit"},
      {VisitKind::kTechnicalExchange, "technical_exchange"}, {VisitKind::kDemo, "demo"}};
};

// R-V1 satisfaction items for construction customers, each scored 1..5.
struct ConstructionSatisfaction {
  int quality = 0;
  int progress = 0;
  int technical_management = 0;
  int materials = 0;
  int safety = 0;
  int documents = 0;
  int site_conduct = 0;
  int service_cooperation = 0;
  friend bool operator==(const ConstructionSatisfaction&, const ConstructionSatisfaction&) = default;
};

// Visit id = Context::new_id; visitor = actor. `account_is_construction` is a projection fact.
struct LogVisit {
  AccountId account;
  VisitKind kind = VisitKind::kVisit;
  Instant date;
  std::vector<std::string> people_met;
  std::string content;
  std::string report;
  std::optional<ConstructionSatisfaction> satisfaction;
  bool account_is_construction = false;
};

using VisitCommand = std::variant<LogVisit>;

}  // namespace keyledger::domain
