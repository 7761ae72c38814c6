// AccountsModel: facts copied into rows; facts about unknown accounts are ignored (a replay
// that starts mid-log never sees them; the log itself guarantees opening comes first).
#include "projections/accounts_model.h"

#include <algorithm>

#include "projections/binary_codec.h"

namespace keyledger::projections {

std::optional<Instant> NextVisitDue(const AccountRow& row, const ReminderPolicy& policy) {
  if (row.owner.empty()) return std::nullopt;
  const Instant base = row.last_visit_at ? std::max(*row.last_visit_at, row.owner_since) : row.owner_since;
  return base + policy.VisitCadence(row.tier);
}

AccountRow* AccountsModel::Mutable(const std::string& id, const FactMeta& m) {
  auto it = rows_.find(id);
  if (it == rows_.end()) return nullptr;
  it->second.last_event_id = m.event_id;
  return &it->second;
}

void AccountsModel::Apply(const FactMeta& m, const AccountOpened& f) {
  AccountRow row;
  row.account_id = f.account_id;
  row.code = f.code;
  row.name = f.name;
  row.tier = f.tier;
  row.named = f.named;
  row.owner = f.owner;
  row.opened_at = m.occurred_at;
  row.owner_since = m.occurred_at;
  row.last_event_id = m.event_id;
  rows_.insert_or_assign(f.account_id, std::move(row));
}

void AccountsModel::Apply(const FactMeta& m, const AccountTierChanged& f) {
  if (auto* row = Mutable(f.account_id, m)) row->tier = f.tier;
}

void AccountsModel::Apply(const FactMeta& m, const AccountOwnerChanged& f) {
  if (auto* row = Mutable(f.account_id, m)) {
    // A new owner gets a full cadence before their first visit is due.
    if (row->owner != f.owner) row->owner_since = m.occurred_at;
    row->owner = f.owner;
  }
}

void AccountsModel::Apply(const FactMeta& m, const AccountNamedChanged& f) {
  if (auto* row = Mutable(f.account_id, m)) row->named = f.named;
}

void AccountsModel::Apply(const FactMeta& m, const VisitLogged& f) {
  if (auto* row = Mutable(f.account_id, m)) {
    ++row->visit_count;
    // A visit logged late with an older date must not move the cadence back.
    if (!row->last_visit_at || f.visited_at > *row->last_visit_at) row->last_visit_at = f.visited_at;
  }
}

void AccountsModel::Apply(const FactMeta& m, const KeyPersonRecorded& f) {
  if (auto* row = Mutable(f.account_id, m)) {
    auto it = std::find_if(row->key_persons.begin(), row->key_persons.end(),
                           [&](const KeyPersonView& k) { return k.key_person_id == f.key_person_id; });
    if (it == row->key_persons.end()) {
      row->key_persons.push_back({f.key_person_id, f.name, f.next_contact_at});
    } else {
      if (!f.name.empty()) it->name = f.name;
      it->next_contact_at = f.next_contact_at;
    }
  }
}

void AccountsModel::Apply(const FactMeta& m, const KeyPersonRemoved& f) {
  if (auto* row = Mutable(f.account_id, m)) {
    std::erase_if(row->key_persons, [&](const KeyPersonView& k) { return k.key_person_id == f.key_person_id; });
  }
}

const AccountRow* AccountsModel::Find(std::string_view account_id) const {
  auto it = rows_.find(std::string(account_id));
  return it == rows_.end() ? nullptr : &it->second;
}

std::vector<const AccountRow*> AccountsModel::List() const {
  std::vector<const AccountRow*> out;
  out.reserve(rows_.size());
  for (const auto& [id, row] : rows_) out.push_back(&row);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->code < b->code; });
  return out;
}

namespace {
void PutOptInstant(BinaryWriter& w, const std::optional<Instant>& t) {
  w.PutVarint(t ? 1 : 0);
  if (t) w.PutSigned(ToUnixMicros(*t));
}
std::optional<Instant> GetOptInstant(BinaryReader& r) {
  if (r.GetVarint() == 0) return std::nullopt;
  return FromUnixMicros(r.GetSigned());
}
}  // namespace

void AccountsModel::Serialize(BinaryWriter& w) const {
  w.PutVarint(rows_.size());
  for (const auto& [id, a] : rows_) {
    w.PutString(a.account_id);
    w.PutString(a.code);
    w.PutString(a.name);
    w.PutVarint(static_cast<uint64_t>(a.tier));
    w.PutVarint(a.named);
    w.PutString(a.owner);
    w.PutSigned(ToUnixMicros(a.opened_at));
    w.PutSigned(ToUnixMicros(a.owner_since));
    PutOptInstant(w, a.last_visit_at);
    w.PutVarint(a.visit_count);
    w.PutVarint(a.key_persons.size());
    for (const auto& k : a.key_persons) {
      w.PutString(k.key_person_id);
      w.PutString(k.name);
      PutOptInstant(w, k.next_contact_at);
    }
    w.PutString(a.last_event_id);
  }
}

bool AccountsModel::Deserialize(BinaryReader& r) {
  rows_.clear();
  const uint64_t n = r.GetVarint();
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    AccountRow a;
    a.account_id = r.GetString();
    a.code = r.GetString();
    a.name = r.GetString();
    a.tier = static_cast<Tier>(r.GetVarint());
    a.named = r.GetVarint() != 0;
    a.owner = r.GetString();
    a.opened_at = FromUnixMicros(r.GetSigned());
    a.owner_since = FromUnixMicros(r.GetSigned());
    a.last_visit_at = GetOptInstant(r);
    a.visit_count = static_cast<uint32_t>(r.GetVarint());
    const uint64_t k = r.GetVarint();
    for (uint64_t j = 0; j < k && r.ok(); ++j) {
      KeyPersonView kp;
      kp.key_person_id = r.GetString();
      kp.name = r.GetString();
      kp.next_contact_at = GetOptInstant(r);
      a.key_persons.push_back(std::move(kp));
    }
    a.last_event_id = r.GetString();
    std::string id = a.account_id;
    rows_.emplace(std::move(id), std::move(a));
  }
  return r.ok();
}

}  // namespace keyledger::projections
