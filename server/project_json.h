// The project as the API shows it (client_web/API_ASSUMPTIONS.md "Projects"): the aggregate's
// state, its staleness at the server's clock (R-P5..R-P7), names resolved from the org tree, and
// the actions this caller may take now (found by asking the domain, not by a second rulebook).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/access/access_policy.h"
#include "domain/core/role.h"
#include "domain/org/org_decider.h"
#include "domain/project/project_decider.h"
#include "server/json_writer.h"
#include "server/org_view.h"

namespace keyledger::server {

// Who the access policy sees in a project: its owner and unit, plus the credit-split partners,
// conflict reviewers and approving VP as participants.
domain::AccessSubject ProjectSubject(const domain::ProjectState& p);

// "fresh" | "stale_2w" | "stale_1m" | "on_hold", from the last update at `now`.
std::string_view StalenessOf(const domain::ProjectState& p, Instant now, const domain::DomainConfig& config);
int64_t DaysSinceUpdate(const domain::ProjectState& p, Instant now);

// The API action names (update, credit_split, contract_signed, close, approve, defer, reject,
// conflict_review, reactivation, reactivation_review) that the access policy and Decide both
// allow `actor` on `p` now.
std::vector<std::string_view> AllowedActions(const domain::OrgState& org, const domain::Actor& actor,
                                             const domain::ProjectState& p, Instant now,
                                             const domain::DomainConfig& config);

struct ProjectJsonContext {
  const domain::OrgState& org;
  Instant now;
  const domain::DomainConfig& config;
  std::string_view account_name;
  const domain::Actor* viewer = nullptr;  // null: no allowed_actions (lists, audits)
};

void WriteProject(JsonOut& out, const domain::ProjectState& p, uint64_t version, const ProjectJsonContext& ctx);

}  // namespace keyledger::server
