// A complaint as the API shows it (client_web/API_ASSUMPTIONS.md "Complaints"): the aggregate's
// state, the facts only its opening event holds (content, contact, opening time), the next R-C2
// deadline and whether it is overdue by the server's clock. Shared by the complaint endpoints and
// any other view that lists complaints (the account file).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/access/access_policy.h"
#include "domain/complaint/complaint_decider.h"
#include "server/json_reader.h"
#include "server/json_writer.h"
#include "server/ledger.h"

namespace keyledger::server {

struct ComplaintView {
  domain::ComplaintState state;
  uint64_t version = 0;
  std::string content;
  std::string contact;
  std::string opened_by;
  Instant opened_at;
};

// Loads complaint `id`: 404 when it does not exist, the store's error otherwise. Blocks for two
// short stream reads (the state's tail and the opening event).
ApiResult<ComplaintView> LoadComplaint(Ledger& ledger, std::string_view id);

// Who the access policy sees in a complaint: the account's owner, the responsible unit once
// assigned, and the assignee and plan owner as participants (as the feed's visibility does).
domain::AccessSubject ComplaintSubject(const domain::ComplaintState& state, const std::optional<std::string>& account_owner);

// The API's state name: the domain stage ("open" … "closed"). A reopened complaint goes back to
// the domain's "contacted" stage (a new plan is due), so it is listed as "contacted" with
// "reopened": true — naming it "reopened" would make the board offer "assign" again and again.
std::string_view ComplaintStateName(const domain::ComplaintState& state);

struct ComplaintJsonContext {
  const domain::OrgState& org;
  Instant now;
  const domain::DomainConfig& config;
  std::string_view account_name;
};

// {"id","version","account_id","account_name","content","contact","severity","state","assignee",
//  "assignee_name","unit","opened_by","opened_at","first_contact_due","plan_deadline",
//  "next_deadline","overdue","cause","reopened","reopen_count"}; absent optional values are null.
void WriteComplaint(JsonOut& out, const ComplaintView& c, const ComplaintJsonContext& ctx);

}  // namespace keyledger::server
