// ConflictIndex's snapshot form: every table and list as it stands, so that loading is a copy
// (plus re-interning the names) rather than a fold of every account and project event. Written
// with any writer/reader offering PutVarint/PutSigned/PutString and GetVarint/GetSigned/
// GetString/ok() (the projections' binary codec); the domain itself names no codec.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/conflict/conflict_index.h"

namespace keyledger::domain {
namespace conflict_io {

template <class W>
void PutInts(W& w, const std::vector<int>& v) {
  w.PutVarint(v.size());
  for (int x : v) w.PutSigned(x);
}
template <class R>
std::vector<int> GetInts(R& r) {
  std::vector<int> v;
  const uint64_t n = r.GetVarint();
  for (uint64_t i = 0; i < n && r.ok(); ++i) v.push_back(static_cast<int>(r.GetSigned()));
  return v;
}
template <class W>
void PutLists(W& w, const std::vector<std::vector<int>>& lists) {
  w.PutVarint(lists.size());
  for (const auto& l : lists) PutInts(w, l);
}
template <class R>
std::vector<std::vector<int>> GetLists(R& r) {
  std::vector<std::vector<int>> lists;
  const uint64_t n = r.GetVarint();
  for (uint64_t i = 0; i < n && r.ok(); ++i) lists.push_back(GetInts(r));
  return lists;
}

}  // namespace conflict_io

template <class W>
void ConflictIndex::Save(W& w) const {
  using namespace conflict_io;
  for (const StringTable* t : {&key_ids_, &account_ids_, &end_user_ids_, &name_ids_, &user_ids_, &project_ids_}) {
    t->Save(w);
  }
  // Each key's root rather than its parent: the path halving of lookups reshapes the trees (not
  // the roots), so this makes the bytes depend on the changes applied only, never on the checks
  // made in between (`keyledger verify` compares a served index with a replayed one), and the
  // loaded trees are flat.
  w.PutVarint(parent_.size());
  for (size_t k = 0; k < parent_.size(); ++k) w.PutSigned(Root(static_cast<int>(k)));
  w.PutVarint(same_parent_.size());
  for (size_t k = 0; k < same_parent_.size(); ++k) w.PutSigned(SameRoot(static_cast<int>(k)));
  PutInts(w, account_keys_);
  PutLists(w, group_projects_);
  PutLists(w, by_end_user_);
  PutLists(w, by_name_);
  w.PutVarint(slots_.size());
  for (size_t p = 0; p < slots_.size(); ++p) {
    const Slot& s = slots_[p];
    const Filing& f = filings_[p];
    const ProjectConflictFacts& facts = facts_[p];
    for (int x : {s.customer_key, s.end_user, s.owner, s.name, f.pos[0], f.pos[1], f.pos[2]}) w.PutSigned(x);
    w.PutVarint(f.indexed ? 1 : 0);
    w.PutString(facts.id.value);
    w.PutString(facts.owner.value);
    w.PutVarint(facts.vp ? 1 : 0);
    w.PutString(facts.vp ? facts.vp->value : std::string());
    w.PutString(facts.account.value);
    w.PutString(facts.customer_name);
    w.PutString(facts.end_user);
    w.PutString(facts.name);
    w.PutVarint(static_cast<uint64_t>(facts.status));
  }
}

template <class R>
bool ConflictIndex::Load(R& r) {
  using namespace conflict_io;
  *this = ConflictIndex();
  bool ok = true;
  for (StringTable* t : {&key_ids_, &account_ids_, &end_user_ids_, &name_ids_, &user_ids_, &project_ids_}) {
    ok = ok && t->Load(r);
  }
  parent_ = GetInts(r);
  same_parent_ = GetInts(r);
  account_keys_ = GetInts(r);
  group_projects_ = GetLists(r);
  by_end_user_ = GetLists(r);
  by_name_ = GetLists(r);
  const uint64_t n = r.GetVarint();
  for (uint64_t p = 0; p < n && r.ok(); ++p) {
    Slot& s = slots_.emplace_back();
    Filing& f = filings_.emplace_back();
    ProjectConflictFacts& facts = facts_.emplace_back();
    for (int* x : {&s.customer_key, &s.end_user, &s.owner, &s.name, &f.pos[0], &f.pos[1], &f.pos[2]}) {
      *x = static_cast<int>(r.GetSigned());
    }
    f.indexed = r.GetVarint() != 0;
    facts.id.value = r.GetString();
    facts.owner.value = r.GetString();
    const bool has_vp = r.GetVarint() != 0;
    std::string vp = r.GetString();
    if (has_vp) facts.vp = UserId{std::move(vp)};
    facts.account.value = r.GetString();
    facts.customer_name = r.GetString();
    facts.end_user = r.GetString();
    facts.name = r.GetString();
    const uint64_t status = r.GetVarint();
    ok = ok && status <= static_cast<uint64_t>(ProjectStatus::kOnHold);
    facts.status = static_cast<ProjectStatus>(status);
  }
  if (!(ok && r.ok() && Consistent())) {
    *this = ConflictIndex();
    return false;
  }
  return true;
}

}  // namespace keyledger::domain
