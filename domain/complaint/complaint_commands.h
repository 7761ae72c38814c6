// Commands on a complaint stream ("complaint-<id>"), one per step of R-C2.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/complaint/complaint_types.h"
#include "domain/core/ids.h"
#include "domain/core/time.h"

namespace keyledger::domain {

// R-C1; complaint id = Context::new_id.
struct OpenComplaint { AccountId account; std::string content; std::string contact; Severity severity = Severity::kMedium; std::optional<ComplaintCause> cause; };
struct AssignComplaint { OrgUnitId unit; UserId assignee; };
struct RecordFirstContact { std::string note; };
struct PlanResolution { std::string measures; UserId responsible; Instant deadline; };
struct ResolveComplaint { std::string feedback; };  // feedback given to the customer
struct RecordFollowUp { bool satisfied = false; std::string note; };  // 回访
struct CloseComplaint { std::string note; };
struct ReopenComplaint { std::string reason; };
struct CategoriseComplaint { ComplaintCause cause; };  // R-C4

using ComplaintCommand = std::variant<OpenComplaint, AssignComplaint, RecordFirstContact, PlanResolution, ResolveComplaint,
                                      RecordFollowUp, CloseComplaint, ReopenComplaint, CategoriseComplaint>;

}  // namespace keyledger::domain
