// ProjectsModel: rows in a deque, looked up by id through a string_view index into the rows.
#include "projections/projects_model.h"

#include <chrono>

#include "projections/binary_codec.h"

namespace keyledger::projections {

std::string_view StalenessName(Staleness s) {
  switch (s) {
    case Staleness::kFine: return "fine";
    case Staleness::kStale2w: return "2w";
    case Staleness::kStale1m: return "1m";
    case Staleness::kOnHold: return "on_hold";
  }
  return "fine";
}

std::string_view ProjectStatusName(ProjectStatus s) {
  switch (s) {
    case ProjectStatus::kRegistered: return "registered";
    case ProjectStatus::kConflictReview: return "conflict_review";
    case ProjectStatus::kApproved: return "approved";
    case ProjectStatus::kDeferred: return "deferred";
    case ProjectStatus::kRejected: return "rejected";
    case ProjectStatus::kContractSigned: return "contract_signed";
    case ProjectStatus::kClosed: return "closed";
    case ProjectStatus::kOnHold: return "on_hold";
  }
  return "registered";
}

Staleness StalenessAt(const ProjectRow& row, Instant now, const ReminderPolicy& policy) {
  if (row.status == ProjectStatus::kOnHold) return Staleness::kOnHold;
  if (row.status != ProjectStatus::kApproved) return Staleness::kFine;
  const auto age = now - row.last_update_at;
  if (age >= policy.project_stale_1m) return Staleness::kStale1m;
  if (age >= policy.project_stale_2w) return Staleness::kStale2w;
  return Staleness::kFine;
}

ProjectRow* ProjectsModel::Mutable(std::string_view id) {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &rows_[it->second];
}

const ProjectRow* ProjectsModel::Find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &rows_[it->second];
}

void ProjectsModel::Apply(const FactMeta& m, const ProjectRegistered& f) {
  if (Find(f.project_id) != nullptr) return;  // registration is once per project id
  ProjectRow& row = rows_.emplace_back();
  row.project_id = f.project_id;
  row.name = f.name;
  row.account = pool_.Intern(f.account_id);
  row.end_user = pool_.Intern(f.end_user);
  row.owner = pool_.Intern(f.owner);
  row.amount_fen = f.amount_fen;
  row.probability_pct = f.probability_pct;
  row.margin_pct = f.margin_pct;
  row.expected_signing = f.expected_signing;
  row.registered_at = m.occurred_at;
  row.last_update_at = m.occurred_at;
  row.last_touch_at = m.occurred_at;
  row.last_update_event_id = m.event_id;
  const auto index = static_cast<uint32_t>(rows_.size() - 1);
  index_.emplace(row.project_id, index);
  by_owner_[row.owner].push_back(index);
}

void ProjectsModel::Apply(const FactMeta& m, const ProjectStatusChanged& f) {
  ProjectRow* row = Mutable(f.project_id);
  if (row == nullptr) return;
  row->last_touch_at = m.occurred_at;
  if (f.status == ProjectStatus::kApproved && row->status != ProjectStatus::kApproved) {
    // The weekly-update duty (R-P4) starts at approval: that is the first "update".
    row->last_update_at = m.occurred_at;
    row->last_update_event_id = m.event_id;
  }
  row->status = f.status;
  if (!f.number.empty()) row->number = f.number;
}

void ProjectsModel::Apply(const FactMeta& m, const ProjectUpdated& f) {
  ProjectRow* row = Mutable(f.project_id);
  if (row == nullptr) return;
  row->last_touch_at = m.occurred_at;
  row->last_update_at = m.occurred_at;
  row->last_update_event_id = m.event_id;
  if (f.amount_fen) row->amount_fen = *f.amount_fen;
  if (f.probability_pct) row->probability_pct = *f.probability_pct;
  if (f.margin_pct) row->margin_pct = *f.margin_pct;
  if (f.expected_signing) row->expected_signing = *f.expected_signing;
}

std::vector<const ProjectRow*> ProjectsModel::ByOwner(std::string_view owner) const {
  std::vector<const ProjectRow*> out;
  StrId id;
  if (!pool_.Find(owner, id)) return out;
  auto it = by_owner_.find(id);
  if (it == by_owner_.end()) return out;
  out.reserve(it->second.size());
  for (uint32_t i : it->second) out.push_back(&rows_[i]);
  return out;
}

ProjectView ProjectsModel::View(const ProjectRow& row, Instant now, const ReminderPolicy& policy) const {
  return ProjectView{row.project_id,
                     row.name,
                     row.number,
                     Str(row.account),
                     Str(row.end_user),
                     Str(row.owner),
                     row.status,
                     StalenessAt(row, now, policy),
                     std::chrono::floor<std::chrono::days>(now - row.last_update_at).count(),
                     row.amount_fen,
                     row.probability_pct,
                     row.margin_pct,
                     row.expected_signing,
                     row.last_update_at};
}

size_t ProjectsModel::ApproxBytes() const {
  auto heap = [](const std::string& s) { return s.size() > 15 ? s.capacity() + 1 : 0; };
  size_t bytes = rows_.size() * sizeof(ProjectRow);
  for (const auto& r : rows_) {
    bytes += heap(r.project_id) + heap(r.name) + heap(r.number) + heap(r.last_update_event_id);
  }
  // unordered_map: one node (key, value, next pointer, cached hash) plus one bucket pointer.
  bytes += index_.size() * (sizeof(std::string_view) + sizeof(uint32_t) + 2 * sizeof(void*) + 8);
  bytes += index_.bucket_count() * sizeof(void*);
  for (const auto& [owner, v] : by_owner_) bytes += v.capacity() * sizeof(uint32_t) + 64;
  bytes += pool_.ApproxBytes();
  return bytes;
}

void ProjectsModel::Serialize(BinaryWriter& w) const {
  w.PutVarint(pool_.Size());
  for (size_t i = 0; i < pool_.Size(); ++i) w.PutString(pool_.Get(static_cast<StrId>(i)));
  w.PutVarint(rows_.size());
  for (const auto& r : rows_) {
    w.PutString(r.project_id);
    w.PutString(r.name);
    w.PutString(r.number);
    w.PutString(r.last_update_event_id);
    w.PutVarint(r.account);
    w.PutVarint(r.end_user);
    w.PutVarint(r.owner);
    w.PutVarint(static_cast<uint64_t>(r.status));
    w.PutSigned(r.probability_pct);
    w.PutSigned(r.margin_pct);
    w.PutSigned(r.amount_fen);
    w.PutSigned(ToUnixMicros(r.expected_signing));
    w.PutSigned(ToUnixMicros(r.registered_at));
    w.PutSigned(ToUnixMicros(r.last_update_at));
    w.PutSigned(ToUnixMicros(r.last_touch_at));
  }
}

bool ProjectsModel::Deserialize(BinaryReader& r) {
  pool_ = StringPool();
  rows_.clear();
  index_.clear();
  by_owner_.clear();
  const uint64_t n_strings = r.GetVarint();
  // Id 0 is the pool's own empty string; the file's first entry is that same "".
  for (uint64_t i = 0; i < n_strings && r.ok(); ++i) {
    if (pool_.Intern(r.GetString()) != i) return false;
  }
  const uint64_t n = r.GetVarint();
  index_.reserve(n);
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    ProjectRow& row = rows_.emplace_back();
    row.project_id = r.GetString();
    row.name = r.GetString();
    row.number = r.GetString();
    row.last_update_event_id = r.GetString();
    row.account = static_cast<StrId>(r.GetVarint());
    row.end_user = static_cast<StrId>(r.GetVarint());
    row.owner = static_cast<StrId>(r.GetVarint());
    row.status = static_cast<ProjectStatus>(r.GetVarint());
    row.probability_pct = static_cast<int32_t>(r.GetSigned());
    row.margin_pct = static_cast<int32_t>(r.GetSigned());
    row.amount_fen = r.GetSigned();
    row.expected_signing = FromUnixMicros(r.GetSigned());
    row.registered_at = FromUnixMicros(r.GetSigned());
    row.last_update_at = FromUnixMicros(r.GetSigned());
    row.last_touch_at = FromUnixMicros(r.GetSigned());
    if (row.account >= pool_.Size() || row.end_user >= pool_.Size() || row.owner >= pool_.Size()) {
      return false;
    }
    index_.emplace(row.project_id, static_cast<uint32_t>(i));
    by_owner_[row.owner].push_back(static_cast<uint32_t>(i));
  }
  return r.ok();
}

bool ProjectsModel::operator==(const ProjectsModel& o) const {
  if (rows_.size() != o.rows_.size()) return false;
  for (size_t i = 0; i < rows_.size(); ++i) {
    const ProjectRow& a = rows_[i];
    const ProjectRow& b = o.rows_[i];
    // Pools may intern in different orders (snapshot vs replay); compare resolved strings.
    if (a.project_id != b.project_id || a.name != b.name || a.number != b.number ||
        a.last_update_event_id != b.last_update_event_id || Str(a.account) != o.Str(b.account) ||
        Str(a.end_user) != o.Str(b.end_user) || Str(a.owner) != o.Str(b.owner) ||
        a.status != b.status || a.probability_pct != b.probability_pct ||
        a.margin_pct != b.margin_pct || a.amount_fen != b.amount_fen ||
        a.expected_signing != b.expected_signing || a.registered_at != b.registered_at ||
        a.last_update_at != b.last_update_at || a.last_touch_at != b.last_touch_at) {
      return false;
    }
  }
  return true;
}

}  // namespace keyledger::projections
