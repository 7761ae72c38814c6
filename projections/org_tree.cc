// OrgTree: history-keeping org model; every lookup takes the instant it is asked for.
#include "projections/org_tree.h"

#include <algorithm>

#include "projections/binary_codec.h"

namespace keyledger::projections {

void OrgTree::Apply(const FactMeta& meta, const UnitDefined& f) {
  Unit& u = units_[f.unit_id];
  u.level = f.level;
  u.name = f.name;
  const std::string* parent = u.parent.Latest();
  if (parent == nullptr || *parent != f.parent_id) u.parent.Set(meta.occurred_at, f.parent_id);
}

void OrgTree::Apply(const FactMeta& meta, const UnitHeadAssigned& f) {
  units_[f.unit_id].head.Set(meta.occurred_at, f.user_id);
}

void OrgTree::Apply(const FactMeta& meta, const UserPlaced& f) {
  Person& p = users_[f.user_id];
  if (!f.name.empty()) p.name = f.name;
  const std::string* unit = p.unit.Latest();
  if (unit == nullptr || *unit != f.unit_id) p.unit.Set(meta.occurred_at, f.unit_id);
}

std::string OrgTree::HeadAt(const std::string& unit_id, Instant at) const {
  auto it = units_.find(unit_id);
  if (it == units_.end()) return {};
  const std::string* head = it->second.head.At(at);
  return head ? *head : std::string();
}

const std::string* OrgTree::AncestorRef(const std::string* unit_id, UnitLevel level, Instant at) const {
  const std::string* current = unit_id;
  // Depth is bounded by the number of units; the bound also stops a malformed cycle.
  for (size_t steps = 0; current != nullptr && !current->empty() && steps <= units_.size(); ++steps) {
    auto it = units_.find(*current);
    if (it == units_.end()) return nullptr;
    if (it->second.level == level) return &it->first;
    current = it->second.parent.At(at);
  }
  return nullptr;
}

const std::string* OrgTree::UnitRef(std::string_view user, Instant at) const {
  auto it = users_.find(std::string(user));
  if (it == users_.end()) return nullptr;
  return it->second.unit.At(at);
}

std::string OrgTree::UnitOf(std::string_view user, Instant at) const {
  const std::string* unit = UnitRef(user, at);
  return unit ? *unit : std::string();
}

std::string_view OrgTree::DepartmentView(std::string_view user, Instant at) const {
  const std::string* dept = AncestorRef(UnitRef(user, at), UnitLevel::kDepartment, at);
  return dept ? std::string_view(*dept) : std::string_view();
}

std::string OrgTree::DepartmentOf(std::string_view user, Instant at) const {
  return std::string(DepartmentView(user, at));
}

std::string OrgTree::AreaOf(std::string_view user, Instant at) const {
  const std::string* area = AncestorRef(UnitRef(user, at), UnitLevel::kArea, at);
  return area ? *area : std::string();
}

std::optional<std::string> OrgTree::ManagerOf(std::string_view user, Instant at) const {
  const std::string head = HeadAt(DepartmentOf(user, at), at);
  if (head.empty() || head == user) return std::nullopt;
  return head;
}

std::optional<std::string> OrgTree::VpOf(std::string_view user, Instant at) const {
  const std::string head = HeadAt(AreaOf(user, at), at);
  if (head.empty() || head == user) return std::nullopt;
  return head;
}

std::vector<OrgUnitView> OrgTree::Units(Instant now) const {
  std::vector<OrgUnitView> out;
  out.reserve(units_.size());
  for (const auto& [id, u] : units_) {
    const std::string* parent = u.parent.At(now);
    out.push_back({id, parent ? *parent : std::string(), u.level, u.name, HeadAt(id, now)});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.unit_id < b.unit_id; });
  return out;
}

std::optional<OrgUserView> OrgTree::User(std::string_view user_id, Instant now) const {
  auto it = users_.find(std::string(user_id));
  if (it == users_.end()) return std::nullopt;
  return OrgUserView{it->first, it->second.name, UnitOf(user_id, now),
                     ManagerOf(user_id, now).value_or(""), VpOf(user_id, now).value_or("")};
}

std::vector<OrgUserView> OrgTree::Users(Instant now) const {
  std::vector<OrgUserView> out;
  out.reserve(users_.size());
  for (const auto& [id, p] : users_) out.push_back(*User(id, now));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.user_id < b.user_id; });
  return out;
}

namespace {
void PutHistory(BinaryWriter& w, const TimeHistory<std::string>& h) {
  w.PutVarint(h.Entries().size());
  for (const auto& [at, v] : h.Entries()) {
    w.PutSigned(ToUnixMicros(at));
    w.PutString(v);
  }
}
bool GetHistory(BinaryReader& r, TimeHistory<std::string>& h) {
  const uint64_t n = r.GetVarint();
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    const Instant at = FromUnixMicros(r.GetSigned());
    h.MutableEntries().emplace_back(at, r.GetString());
  }
  return r.ok();
}
}  // namespace

void OrgTree::Serialize(BinaryWriter& w) const {
  w.PutVarint(units_.size());
  for (const auto& [id, u] : units_) {
    w.PutString(id);
    w.PutVarint(static_cast<uint64_t>(u.level));
    w.PutString(u.name);
    PutHistory(w, u.parent);
    PutHistory(w, u.head);
  }
  w.PutVarint(users_.size());
  for (const auto& [id, p] : users_) {
    w.PutString(id);
    w.PutString(p.name);
    PutHistory(w, p.unit);
  }
}

bool OrgTree::Deserialize(BinaryReader& r) {
  units_.clear();
  users_.clear();
  const uint64_t n_units = r.GetVarint();
  for (uint64_t i = 0; i < n_units && r.ok(); ++i) {
    std::string id = r.GetString();
    Unit u;
    u.level = static_cast<UnitLevel>(r.GetVarint());
    u.name = r.GetString();
    if (!GetHistory(r, u.parent) || !GetHistory(r, u.head)) return false;
    units_.emplace(std::move(id), std::move(u));
  }
  const uint64_t n_users = r.GetVarint();
  for (uint64_t i = 0; i < n_users && r.ok(); ++i) {
    std::string id = r.GetString();
    Person p;
    p.name = r.GetString();
    if (!GetHistory(r, p.unit)) return false;
    users_.emplace(std::move(id), std::move(p));
  }
  return r.ok();
}

}  // namespace keyledger::projections
