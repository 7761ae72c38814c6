// Facts: the read side's own vocabulary of what happened, one struct per business fact the read
// models, the reminder engine and the audit need. domain_adapter.h turns each stored domain event
// into facts (via the domain codec), so the read models do not change shape whenever a domain
// event gains a field, and can be tested without encoding JSON. Every fact carries its envelope
// metadata (FactMeta) so replay, as-of cuts and causation work the same for all of them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/seq.h"
#include "domain/core/time.h"
#include "projections/reminder_types.h"

namespace keyledger::projections {

struct FactMeta {
  Seq seq;
  Instant occurred_at;  // business time; the as-of cut (audit.h explains why not recorded_at)
  Instant recorded_at;
  std::string event_id;
  std::string actor;
};

// ---- Org tree (company -> VP area -> department -> people).
enum class UnitLevel : uint8_t { kCompany, kArea, kDepartment };
// An org unit exists (or was renamed / moved under another parent).
struct UnitDefined {
  std::string unit_id;
  std::string parent_id;  // "" for the company
  UnitLevel level = UnitLevel::kDepartment;
  std::string name;
};
// The head of a unit changed: the department manager of a department, the VP of an area.
struct UnitHeadAssigned {
  std::string unit_id;
  std::string user_id;  // "" = vacant
};
// A user exists in (or moved to) a unit.
struct UserPlaced {
  std::string user_id;
  std::string unit_id;
  std::string name;
};

// ---- Accounts.
enum class Tier : uint8_t { kA, kB, kC };
struct AccountOpened {
  std::string account_id;
  std::string code;  // "A-00012"
  std::string name;
  Tier tier = Tier::kC;
  bool named = false;
  std::string owner;  // "" for a non-named account without a dedicated owner
};
struct AccountTierChanged {
  std::string account_id;
  Tier tier = Tier::kC;
  std::string reason;
};
struct AccountOwnerChanged {
  std::string account_id;
  std::string owner;
  std::string reason;
};
// Named status granted (both VPs approved, R-A5) or revoked (R-A7).
struct AccountNamedChanged {
  std::string account_id;
  bool named = false;
};
// A contact with the customer (R-V1), dated when it happened.
struct VisitLogged {
  std::string account_id;
  std::string visit_id;
  std::string by;
  Instant visited_at;
};
// A key person was recorded or their next planned contact changed (R-A8, R-V3).
struct KeyPersonRecorded {
  std::string account_id;
  std::string key_person_id;
  std::string name;
  std::optional<Instant> next_contact_at;
};
struct KeyPersonRemoved {
  std::string account_id;
  std::string key_person_id;
};
// A full account file was read (R-A9): the access log's entry.
struct AccountFileRead {
  std::string account_id;
  std::string user_id;
};
// Named-account application (R-A5) and its review steps.
struct ApplicationSubmitted {
  std::string application_id;
  std::string account_id;
  std::string applicant;
};
// Any step on a pending application (business office check, one VP's decision): it is touched.
struct ApplicationStep {
  std::string application_id;
  bool closed = false;  // approved by both, rejected finally, withdrawn
};

// ---- Projects.
enum class ProjectStatus : uint8_t {
  kRegistered,
  kConflictReview,
  kApproved,
  kDeferred,
  kRejected,
  kContractSigned,
  kClosed,
  kOnHold,
};
struct ProjectRegistered {
  std::string project_id;
  std::string name;
  std::string account_id;
  std::string end_user;
  std::string owner;
  int64_t amount_fen = 0;       // contract amount in fen (0.01 RMB)
  int32_t probability_pct = 0;  // 0..100
  int32_t margin_pct = 0;       // expected margin, 0..100
  Instant expected_signing;
};
struct ProjectStatusChanged {
  std::string project_id;
  ProjectStatus status = ProjectStatus::kApproved;
  std::string reason;
  std::string number;  // project number assigned on approval, else ""
};
// The owner's update (R-P4): restarts the staleness clock; changed figures ride along.
struct ProjectUpdated {
  std::string project_id;
  std::optional<int64_t> amount_fen;
  std::optional<int32_t> probability_pct;
  std::optional<int32_t> margin_pct;
  std::optional<Instant> expected_signing;
  std::string note;
};

// ---- Complaints (R-C1..R-C3).
enum class ComplaintStepKind : uint8_t { kFirstContact, kPlan, kFeedback, kFollowUp, kClosed, kReopened };
struct ComplaintOpened {
  std::string complaint_id;
  std::string account_id;
  std::string assignee;
  std::string severity;
};
struct ComplaintStep {
  std::string complaint_id;
  ComplaintStepKind step = ComplaintStepKind::kFirstContact;
  std::optional<Instant> plan_deadline;  // only for kPlan
};
// The complaint was (re)assigned to a responsible person (R-C1); first contact is due by
// `first_contact_due` when the writer computed it (the domain does, in working days from the
// first assignment), else the model keeps the due time it computed at opening.
struct ComplaintAssigned {
  std::string complaint_id;
  std::string assignee;
  std::optional<Instant> first_contact_due;
};

// ---- Reminders (R-R1).
struct ReminderRaised {
  std::string reminder_id;
  ReminderKind kind = ReminderKind::kProjectStale2w;
  SubjectType subject_type = SubjectType::kProject;
  std::string subject_id;
  int32_t stage = 0;
  Instant due_at;
  std::vector<std::string> recipients;
};
struct ReminderAcknowledged {
  std::string reminder_id;
  std::string user_id;
};

using Fact = std::variant<UnitDefined, UnitHeadAssigned, UserPlaced, AccountOpened,
                          AccountTierChanged, AccountOwnerChanged, AccountNamedChanged,
                          VisitLogged, KeyPersonRecorded, KeyPersonRemoved, AccountFileRead,
                          ApplicationSubmitted, ApplicationStep, ProjectRegistered,
                          ProjectStatusChanged, ProjectUpdated, ComplaintOpened, ComplaintStep,
                          ReminderRaised, ReminderAcknowledged, ComplaintAssigned>;

struct MetaFact {
  FactMeta meta;
  Fact fact;
};

}  // namespace keyledger::projections
