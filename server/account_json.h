// The account as the API shows it (client_web/API_ASSUMPTIONS.md "Accounts"): the list's
// AccountSummary from the read side's row, the full file (R-A9) from the aggregate's state plus
// what other streams hold about the account, and the account fields read from request bodies.
// Wire names follow the dashboard where it differs from the codec: payment habit "by_progress",
// relationship "none" (the codec's "progress_payment" and "none_yet" are accepted on input too).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/account/account_decider.h"
#include "domain/complaint/complaint_decider.h"
#include "domain/core/config.h"
#include "domain/org/org_decider.h"
#include "domain/project/project_decider.h"
#include "domain/survey/survey_events.h"
#include "projections/accounts_model.h"
#include "projections/reminder_policy.h"
#include "server/json_reader.h"
#include "server/json_writer.h"

namespace keyledger::server {

std::string_view PaymentHabitText(domain::PaymentHabit h);  // "" for unknown
std::optional<domain::PaymentHabit> ParsePaymentHabit(std::string_view text);
std::string_view RelationshipText(domain::Relationship r);
std::optional<domain::Relationship> ParseRelationship(std::string_view text);
// "none" | "applied" | "named" | "rejected" from the state. "revoked" needs the history (a
// revocation resets the application), so the file reports a revoked account as "none"; the
// named-application endpoint, which reads the history, tells the two apart.
std::string_view NamedStatusOf(const domain::AccountState& a);

// Overwrites the profile fields present in `obj` (name, credit_code, nature, industry, scale,
// address, region, source, payment_habit, funding_status, credit_notes, construction_customer);
// absent fields keep their value. 400 naming the first malformed field.
ApiResult<Ok> MergeProfileFields(const JsonObjectView& obj, domain::AccountProfile& profile);

// Overwrites the key-person fields present in `obj` (name, title, decision_role, relationship,
// decision_weight, known_by [user ids], next_contact, profile {hobbies, birthday, education,
// notes}). 400 naming the first malformed field (an unknown user in known_by included).
ApiResult<Ok> MergeKeyPersonFields(const JsonObjectView& obj, const domain::OrgState& org,
                                   std::chrono::minutes utc_offset, domain::KeyPerson& person);

struct AccountJsonContext {
  const domain::OrgState& org;
  Instant now;
  const domain::DomainConfig& config;
  const projections::ReminderPolicy& policy;
};

// AccountSummary from the read model alone (no aggregate load, not a file read).
void WriteAccountSummary(JsonOut& out, const projections::AccountRow& row, uint64_t version,
                         const AccountJsonContext& ctx);

struct ProjectEntry {
  domain::ProjectState state;
  uint64_t version = 0;
};
struct ComplaintEntry {
  domain::ComplaintState state;
  uint64_t version = 0;
  std::string content;
  std::string contact;
  Instant opened_at;
};
// What the file shows besides the account stream, gathered by the handler.
struct AccountFileParts {
  std::optional<projections::AccountRow> row;                         // visit cadence; nullopt if not yet projected
  std::vector<std::pair<domain::Affiliate, std::string>> affiliates;  // with the affiliate's name
  std::vector<ProjectEntry> projects;
  std::vector<ComplaintEntry> complaints;
  std::vector<domain::SurveyRecorded> surveys;
};

// The full account file. Key persons' personal profiles (R-A8) are never written.
void WriteAccountFile(JsonOut& out, const domain::AccountState& a, uint64_t version, const AccountFileParts& parts,
                      const AccountJsonContext& ctx);

void WriteSurvey(JsonOut& out, const domain::SurveyRecorded& s, std::chrono::minutes utc_offset);

}  // namespace keyledger::server
