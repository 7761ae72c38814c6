// ComplaintsModel: complaints with their working-day deadlines (R-C2, R-C3): first contact due,
// plan deadline, and which steps happened.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "projections/company_calendar.h"
#include "projections/facts.h"
#include "projections/reminder_policy.h"

namespace keyledger::projections {

struct ComplaintRow {
  std::string complaint_id;
  std::string account_id;
  std::string assignee;
  std::string severity;
  Instant opened_at;                   // last (re)opening
  Instant first_contact_due;           // opened_at + N working days
  std::optional<Instant> first_contact_at;
  std::optional<Instant> plan_deadline;  // the resolution plan's own deadline
  bool feedback_given = false;
  bool closed = false;
  std::string last_event_id;
  bool operator==(const ComplaintRow&) const = default;
};

// Not thread-safe; guarded by its owner. `calendar` must outlive the model.
class ComplaintsModel {
 public:
  ComplaintsModel(const CompanyCalendar& calendar, const ReminderPolicy& policy)
      : calendar_(&calendar), policy_(&policy) {}

  void Apply(const FactMeta& m, const ComplaintOpened& f);
  void Apply(const FactMeta& m, const ComplaintStep& f);
  void Apply(const FactMeta& m, const ComplaintAssigned& f);

  const ComplaintRow* Find(std::string_view id) const;
  // All complaints sorted by id; `open_only` drops closed ones.
  std::vector<const ComplaintRow*> List(bool open_only) const;

  void Serialize(class BinaryWriter& w) const;
  bool Deserialize(class BinaryReader& r);
  bool operator==(const ComplaintsModel& o) const { return rows_ == o.rows_; }

 private:
  const CompanyCalendar* calendar_;
  const ReminderPolicy* policy_;
  std::unordered_map<std::string, ComplaintRow> rows_;
};

}  // namespace keyledger::projections
