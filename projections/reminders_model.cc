// RemindersModel: a second raise of the same id (cannot happen through the sink; a replayed
// duplicate can) is ignored, so the model stays exactly-once even if the log were not.
#include "projections/reminders_model.h"

#include <algorithm>

#include "projections/binary_codec.h"

namespace keyledger::projections {

void RemindersModel::Apply(const FactMeta& m, const ReminderRaised& f) {
  if (rows_.count(f.reminder_id) != 0) return;
  for (const auto& user : f.recipients) by_recipient_[user].push_back(f.reminder_id);
  order_.push_back(f.reminder_id);
  rows_.emplace(f.reminder_id, Row{f, m.occurred_at, {}});
}

void RemindersModel::Apply(const FactMeta& m, const ReminderAcknowledged& f) {
  auto it = rows_.find(f.reminder_id);
  if (it != rows_.end()) it->second.acked_by.insert(f.user_id);
}

bool RemindersModel::Contains(std::string_view id) const { return rows_.count(std::string(id)) != 0; }

ReminderView RemindersModel::ToView(const Row& row, std::string_view user) const {
  const bool acked = row.acked_by.count(std::string(user)) != 0;
  return ReminderView{row.raised.reminder_id, row.raised.kind,   row.raised.subject_type,
                      row.raised.subject_id,  row.raised.due_at, row.raised_at,
                      row.raised.recipients,
                      acked ? ReminderState::kAcknowledged : ReminderState::kOpen};
}

std::vector<ReminderView> RemindersModel::ForRecipient(std::string_view user,
                                                       std::optional<ReminderState> state) const {
  std::vector<ReminderView> out;
  auto it = by_recipient_.find(std::string(user));
  if (it == by_recipient_.end()) return out;
  for (const auto& id : it->second) {
    ReminderView v = ToView(rows_.at(id), user);
    if (!state || v.state == *state) out.push_back(std::move(v));
  }
  return out;
}

std::optional<ReminderView> RemindersModel::Get(std::string_view id) const {
  auto it = rows_.find(std::string(id));
  if (it == rows_.end()) return std::nullopt;
  return ToView(it->second, "");
}

std::map<std::string, size_t> RemindersModel::OpenCountByPerson() const {
  std::map<std::string, size_t> out;
  for (const auto& [user, ids] : by_recipient_) {
    size_t open = 0;
    for (const auto& id : ids) open += rows_.at(id).acked_by.count(user) == 0 ? 1 : 0;
    if (open > 0) out[user] = open;
  }
  return out;
}

std::vector<std::string> RemindersModel::AllIds() const {
  std::vector<std::string> ids = order_;
  std::sort(ids.begin(), ids.end());
  return ids;
}

void RemindersModel::Serialize(BinaryWriter& w) const {
  w.PutVarint(order_.size());
  for (const auto& id : order_) {
    const Row& row = rows_.at(id);
    w.PutString(row.raised.reminder_id);
    w.PutVarint(static_cast<uint64_t>(row.raised.kind));
    w.PutVarint(static_cast<uint64_t>(row.raised.subject_type));
    w.PutString(row.raised.subject_id);
    w.PutSigned(row.raised.stage);
    w.PutSigned(ToUnixMicros(row.raised.due_at));
    w.PutVarint(row.raised.recipients.size());
    for (const auto& r : row.raised.recipients) w.PutString(r);
    w.PutSigned(ToUnixMicros(row.raised_at));
    w.PutVarint(row.acked_by.size());
    for (const auto& a : row.acked_by) w.PutString(a);
  }
}

bool RemindersModel::Deserialize(BinaryReader& r) {
  rows_.clear();
  order_.clear();
  by_recipient_.clear();
  const uint64_t n = r.GetVarint();
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    ReminderRaised f;
    f.reminder_id = r.GetString();
    f.kind = static_cast<ReminderKind>(r.GetVarint());
    f.subject_type = static_cast<SubjectType>(r.GetVarint());
    f.subject_id = r.GetString();
    f.stage = static_cast<int32_t>(r.GetSigned());
    f.due_at = FromUnixMicros(r.GetSigned());
    const uint64_t nr = r.GetVarint();
    for (uint64_t j = 0; j < nr && r.ok(); ++j) f.recipients.push_back(r.GetString());
    FactMeta m;
    m.occurred_at = FromUnixMicros(r.GetSigned());
    Apply(m, f);
    const uint64_t na = r.GetVarint();
    for (uint64_t j = 0; j < na && r.ok(); ++j) rows_[f.reminder_id].acked_by.insert(r.GetString());
  }
  return r.ok();
}

bool RemindersModel::operator==(const RemindersModel& o) const {
  if (order_ != o.order_) return false;
  for (const auto& [id, row] : rows_) {
    auto it = o.rows_.find(id);
    if (it == o.rows_.end()) return false;
    const Row& b = it->second;
    if (row.raised.kind != b.raised.kind || row.raised.subject_id != b.raised.subject_id ||
        row.raised.due_at != b.raised.due_at || row.raised.recipients != b.raised.recipients ||
        row.raised_at != b.raised_at || row.acked_by != b.acked_by) {
      return false;
    }
  }
  return true;
}

}  // namespace keyledger::projections
