// Events of a complaint stream ("complaint-<id>").
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/complaint/complaint_types.h"
#include "domain/core/ids.h"
#include "domain/core/time.h"

namespace keyledger::domain {

// R-C1: a customer complaint was received.
struct ComplaintOpened { ComplaintId complaint; AccountId account; std::string content; std::string contact; Severity severity; std::optional<ComplaintCause> cause; UserId opened_by; Instant at; };
// R-C1/R-C2: assigned; first contact is due by `first_contact_due` (working days, R-C3 reminder).
struct ComplaintAssigned { OrgUnitId unit; UserId assignee; Instant first_contact_due; };
// R-C2: the customer was first contacted; `late` if after the due time.
struct FirstContactMade { std::string note; Instant at; bool late; };
// R-C2: resolution plan with measures, responsible person and deadline (R-C3 reminder).
struct ResolutionPlanned { std::string measures; UserId responsible; Instant deadline; };
// R-C2: feedback was given to the customer.
struct ComplaintResolved { std::string feedback; Instant at; };
// R-C2: follow-up visit (回访) to confirm satisfaction.
struct FollowUpVisited { bool satisfied; std::string note; Instant at; };
// R-C2: closed.
struct ComplaintClosed { std::string note; Instant at; };
// R-C2: reopened after closing or an unsatisfied follow-up.
struct ComplaintReopened { std::string reason; Instant at; };
// R-C4: the cause category was set or changed.
struct ComplaintCauseCategorised { ComplaintCause cause; };

using ComplaintEvent = std::variant<ComplaintOpened, ComplaintAssigned, FirstContactMade, ResolutionPlanned, ComplaintResolved,
                                    FollowUpVisited, ComplaintClosed, ComplaintReopened, ComplaintCauseCategorised>;

}  // namespace keyledger::domain
