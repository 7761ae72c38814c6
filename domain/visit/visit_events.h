// Events of a visit stream ("visit-<id>").
#pragma once

#include <variant>

#include "domain/visit/visit_commands.h"

namespace keyledger::domain {

// R-V1: a contact with the customer took place and was reported.
struct VisitLogged {
  VisitId visit; AccountId account; UserId visitor; VisitKind kind; Instant date;
  std::vector<std::string> people_met; std::string content; std::string report;
  std::optional<ConstructionSatisfaction> satisfaction;
};

using VisitEvent = std::variant<VisitLogged>;

}  // namespace keyledger::domain
