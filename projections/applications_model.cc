// ApplicationsModel: facts copied into rows.
#include "projections/applications_model.h"

#include <algorithm>

#include "projections/binary_codec.h"

namespace keyledger::projections {

void ApplicationsModel::Apply(const FactMeta& m, const ApplicationSubmitted& f) {
  rows_.insert_or_assign(f.application_id, ApplicationRow{f.application_id, f.account_id, f.applicant,
                                                          m.occurred_at, m.occurred_at, m.event_id, false});
}

void ApplicationsModel::Apply(const FactMeta& m, const ApplicationStep& f) {
  auto it = rows_.find(f.application_id);
  if (it == rows_.end()) return;
  it->second.last_touch_at = m.occurred_at;
  it->second.last_event_id = m.event_id;
  if (f.closed) it->second.closed = true;
}

const ApplicationRow* ApplicationsModel::Find(std::string_view id) const {
  auto it = rows_.find(std::string(id));
  return it == rows_.end() ? nullptr : &it->second;
}

std::vector<std::string> ApplicationsModel::Ids() const {
  std::vector<std::string> ids;
  ids.reserve(rows_.size());
  for (const auto& [id, row] : rows_) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

void ApplicationsModel::Serialize(BinaryWriter& w) const {
  w.PutVarint(rows_.size());
  for (const auto& [id, a] : rows_) {
    w.PutString(a.application_id);
    w.PutString(a.account_id);
    w.PutString(a.applicant);
    w.PutSigned(ToUnixMicros(a.submitted_at));
    w.PutSigned(ToUnixMicros(a.last_touch_at));
    w.PutString(a.last_event_id);
    w.PutVarint(a.closed);
  }
}

bool ApplicationsModel::Deserialize(BinaryReader& r) {
  rows_.clear();
  const uint64_t n = r.GetVarint();
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    ApplicationRow a;
    a.application_id = r.GetString();
    a.account_id = r.GetString();
    a.applicant = r.GetString();
    a.submitted_at = FromUnixMicros(r.GetSigned());
    a.last_touch_at = FromUnixMicros(r.GetSigned());
    a.last_event_id = r.GetString();
    a.closed = r.GetVarint() != 0;
    std::string id = a.application_id;
    rows_.emplace(std::move(id), std::move(a));
  }
  return r.ok();
}

}  // namespace keyledger::projections
