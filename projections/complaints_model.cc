// ComplaintsModel: deadlines are computed once, when the complaint is (re)opened, from the
// event's time, so a replay computes the same instants.
#include "projections/complaints_model.h"

#include <algorithm>

#include "projections/binary_codec.h"

namespace keyledger::projections {

void ComplaintsModel::Apply(const FactMeta& m, const ComplaintOpened& f) {
  ComplaintRow row;
  row.complaint_id = f.complaint_id;
  row.account_id = f.account_id;
  row.assignee = f.assignee;
  row.severity = f.severity;
  row.opened_at = m.occurred_at;
  row.first_contact_due =
      calendar_->AddWorkingDays(m.occurred_at, policy_->complaint_first_contact_working_days);
  row.last_event_id = m.event_id;
  rows_.insert_or_assign(f.complaint_id, std::move(row));
}

void ComplaintsModel::Apply(const FactMeta& m, const ComplaintStep& f) {
  auto it = rows_.find(f.complaint_id);
  if (it == rows_.end()) return;
  ComplaintRow& row = it->second;
  row.last_event_id = m.event_id;
  switch (f.step) {
    case ComplaintStepKind::kFirstContact:
      if (!row.first_contact_at) row.first_contact_at = m.occurred_at;
      break;
    case ComplaintStepKind::kPlan:
      row.plan_deadline = f.plan_deadline;
      break;
    case ComplaintStepKind::kFeedback:
      row.feedback_given = true;
      break;
    case ComplaintStepKind::kFollowUp:
      break;
    case ComplaintStepKind::kClosed:
      row.closed = true;
      break;
    case ComplaintStepKind::kReopened:
      // A reopened complaint starts its duty over: first contact again within N working days.
      row.closed = false;
      row.feedback_given = false;
      row.opened_at = m.occurred_at;
      row.first_contact_at.reset();
      row.plan_deadline.reset();
      row.first_contact_due =
          calendar_->AddWorkingDays(m.occurred_at, policy_->complaint_first_contact_working_days);
      break;
  }
}

void ComplaintsModel::Apply(const FactMeta& m, const ComplaintAssigned& f) {
  auto it = rows_.find(f.complaint_id);
  if (it == rows_.end()) return;
  ComplaintRow& row = it->second;
  row.last_event_id = m.event_id;
  row.assignee = f.assignee;
  // The writer's due time wins over the one computed at opening: the domain counts from the
  // first assignment and keeps that due time across re-assignments.
  if (f.first_contact_due) row.first_contact_due = *f.first_contact_due;
}

const ComplaintRow* ComplaintsModel::Find(std::string_view id) const {
  auto it = rows_.find(std::string(id));
  return it == rows_.end() ? nullptr : &it->second;
}

std::vector<const ComplaintRow*> ComplaintsModel::List(bool open_only) const {
  std::vector<const ComplaintRow*> out;
  for (const auto& [id, row] : rows_) {
    if (!open_only || !row.closed) out.push_back(&row);
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->complaint_id < b->complaint_id; });
  return out;
}

void ComplaintsModel::Serialize(BinaryWriter& w) const {
  w.PutVarint(rows_.size());
  for (const auto& [id, c] : rows_) {
    w.PutString(c.complaint_id);
    w.PutString(c.account_id);
    w.PutString(c.assignee);
    w.PutString(c.severity);
    w.PutSigned(ToUnixMicros(c.opened_at));
    w.PutSigned(ToUnixMicros(c.first_contact_due));
    w.PutVarint(c.first_contact_at ? 1 : 0);
    if (c.first_contact_at) w.PutSigned(ToUnixMicros(*c.first_contact_at));
    w.PutVarint(c.plan_deadline ? 1 : 0);
    if (c.plan_deadline) w.PutSigned(ToUnixMicros(*c.plan_deadline));
    w.PutVarint(c.feedback_given);
    w.PutVarint(c.closed);
    w.PutString(c.last_event_id);
  }
}

bool ComplaintsModel::Deserialize(BinaryReader& r) {
  rows_.clear();
  const uint64_t n = r.GetVarint();
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    ComplaintRow c;
    c.complaint_id = r.GetString();
    c.account_id = r.GetString();
    c.assignee = r.GetString();
    c.severity = r.GetString();
    c.opened_at = FromUnixMicros(r.GetSigned());
    c.first_contact_due = FromUnixMicros(r.GetSigned());
    if (r.GetVarint()) c.first_contact_at = FromUnixMicros(r.GetSigned());
    if (r.GetVarint()) c.plan_deadline = FromUnixMicros(r.GetSigned());
    c.feedback_given = r.GetVarint() != 0;
    c.closed = r.GetVarint() != 0;
    c.last_event_id = r.GetString();
    std::string id = c.complaint_id;
    rows_.emplace(std::move(id), std::move(c));
  }
  return r.ok();
}

}  // namespace keyledger::projections
