// ConflictIndex implementation.
//
// A check is a handful of hash lookups (account, customer name, end user, project name,
// registrant) and then a walk over the projects filed under them. To keep that walk cheap and
// independent of the number of projects, the lists are flat vectors of ints, what a candidate is
// tested on sits in a small Slot, and the strings of a project are only read once it is a hit.
#include "domain/conflict/conflict_index.h"

#include <algorithm>
#include <utility>

#include "domain/conflict/name_normaliser.h"

namespace keyledger::domain {

bool ConflictIndex::Active(ProjectStatus s) {
  switch (s) {
    case ProjectStatus::kRegistered:
    case ProjectStatus::kConflictReview:
    case ProjectStatus::kApproved:
    case ProjectStatus::kDeferred:
    case ProjectStatus::kContractSigned:
      return true;
    case ProjectStatus::kNone:
    case ProjectStatus::kRejected:
    case ProjectStatus::kClosed:
    case ProjectStatus::kOnHold:
      return false;
  }
  return false;
}

// After Load: a snapshot passed its checksum, but a wrong int here would be an out-of-bounds
// read or an endless Root walk later, so every table is checked against the others once.
bool ConflictIndex::Consistent() const {
  const int keys = static_cast<int>(key_ids_.size());
  const int projects = static_cast<int>(project_ids_.size());
  auto in = [](int x, int lo, int n) { return x >= lo && x < n; };
  if (parent_.size() != key_ids_.size() || same_parent_.size() != key_ids_.size() ||
      group_projects_.size() != key_ids_.size() || account_keys_.size() != account_ids_.size() ||
      by_end_user_.size() != end_user_ids_.size() || by_name_.size() != name_ids_.size() ||
      slots_.size() != project_ids_.size() || filings_.size() != slots_.size() || facts_.size() != slots_.size()) {
    return false;
  }
  for (const std::vector<int>* forest : {&parent_, &same_parent_}) {
    for (int k = 0; k < keys; ++k) {
      int at = k;
      for (int steps = 0; (*forest)[at] != at; ++steps) {  // a cycle would make Root spin
        if (steps > keys || !in((*forest)[at], 0, keys)) return false;
        at = (*forest)[at];
      }
    }
  }
  for (int key : account_keys_) {
    if (!in(key, 0, keys)) return false;
  }
  for (const Slot& s : slots_) {
    if (!in(s.customer_key, -1, keys) || !in(s.end_user, -1, static_cast<int>(end_user_ids_.size())) ||
        !in(s.owner, 0, static_cast<int>(user_ids_.size())) || !in(s.name, -1, static_cast<int>(name_ids_.size()))) {
      return false;
    }
  }
  // An indexed project is where its filing says, in the lists Unindex will remove it from.
  auto filed = [&](int p, List list, const Members& members) {
    const int at = filings_[p].pos[list];
    return in(at, 0, static_cast<int>(members.size())) && members[at] == p;
  };
  // With as many members in all lists as filings, that is every member there is: no project
  // is listed twice, none where its filing does not point.
  size_t filed_count[kLists] = {0, 0, 0};
  for (int p = 0; p < projects; ++p) {
    const Slot& s = slots_[p];
    const Filing& f = filings_[p];
    const bool group = f.indexed && s.customer_key >= 0, end_user = f.indexed && s.end_user >= 0,
               name = f.indexed && s.name >= 0;
    if ((group && !filed(p, kGroup, group_projects_[Root(s.customer_key)])) ||
        (end_user && !filed(p, kEndUser, by_end_user_[s.end_user])) || (name && !filed(p, kName, by_name_[s.name])) ||
        (!group && f.pos[kGroup] != -1) || (!end_user && f.pos[kEndUser] != -1) || (!name && f.pos[kName] != -1)) {
      return false;
    }
    filed_count[kGroup] += group;
    filed_count[kEndUser] += end_user;
    filed_count[kName] += name;
  }
  auto members_in = [](const std::vector<Members>& lists) {
    size_t n = 0;
    for (const Members& m : lists) n += m.size();
    return n;
  };
  if (members_in(group_projects_) != filed_count[kGroup] || members_in(by_end_user_) != filed_count[kEndUser] ||
      members_in(by_name_) != filed_count[kName]) {
    return false;
  }
  auto lists_ok = [&](List list, const std::vector<Members>& lists) {
    for (const Members& members : lists) {
      for (size_t i = 0; i < members.size(); ++i) {
        if (!in(members[i], 0, projects) || filings_[members[i]].pos[list] != static_cast<int>(i)) return false;
      }
    }
    return true;
  };
  return lists_ok(kGroup, group_projects_) && lists_ok(kEndUser, by_end_user_) && lists_ok(kName, by_name_);
}

int ConflictIndex::KeyFor(std::string_view normalised) {
  const int key = key_ids_.Intern(normalised);
  if (key == static_cast<int>(parent_.size())) {
    parent_.push_back(key);
    same_parent_.push_back(key);
    group_projects_.emplace_back();
  }
  return key;
}

int ConflictIndex::AccountKey(const AccountId& account) const {
  const int a = account_ids_.Find(account.value);
  return a < 0 ? -1 : account_keys_[a];
}

int ConflictIndex::Root(int key) const {
  while (parent_[key] != key) {
    parent_[key] = parent_[parent_[key]];
    key = parent_[key];
  }
  return key;
}

int ConflictIndex::SameRoot(int key) const {
  while (same_parent_[key] != key) {
    same_parent_[key] = same_parent_[same_parent_[key]];
    key = same_parent_[key];
  }
  return key;
}

void ConflictIndex::UnionSame(int a, int b) {
  int ra = SameRoot(a), rb = SameRoot(b);
  if (ra != rb) same_parent_[rb] = ra;
}

void ConflictIndex::Union(int a, int b) {
  int ra = Root(a), rb = Root(b);
  if (ra == rb) return;
  // Merge the smaller project list into the larger so that total merge work stays O(n log n).
  if (group_projects_[ra].size() < group_projects_[rb].size()) std::swap(ra, rb);
  parent_[rb] = ra;
  for (int p : group_projects_[rb]) Add(kGroup, group_projects_[ra], p);
  Members().swap(group_projects_[rb]);  // release the memory, not just the size
}

void ConflictIndex::Add(List list, Members& members, int project) {
  filings_[project].pos[list] = static_cast<int>(members.size());
  members.push_back(project);
}

// Order within a list carries no meaning (hits are unordered), so the last member fills the gap.
void ConflictIndex::Remove(List list, Members& members, int project) {
  const int at = filings_[project].pos[list];
  const int moved = members.back();
  members[at] = moved;
  filings_[moved].pos[list] = at;
  members.pop_back();
  filings_[project].pos[list] = -1;
}

void ConflictIndex::UpsertAccount(const AccountId& account, std::string_view name) {
  const std::string key_text = NormaliseCompanyName(name);
  if (key_text.empty()) return;
  const int key = KeyFor(key_text);
  const int a = account_ids_.Intern(account.value);
  if (a == static_cast<int>(account_keys_.size())) {
    account_keys_.push_back(key);
  } else if (account_keys_[a] != key) {
    // A rename: the old name stays the same customer (not merely an affiliate).
    Union(account_keys_[a], key);
    UnionSame(account_keys_[a], key);
    account_keys_[a] = key;
  }
}

void ConflictIndex::LinkAffiliates(const AccountId& a, const AccountId& b) {
  // An affiliate not yet named gets a placeholder key of its own id, linked when it is named.
  auto key_of = [&](const AccountId& id) {
    if (int k = AccountKey(id); k >= 0) return k;
    const int k = KeyFor("#account:" + id.value);
    account_ids_.Intern(id.value);  // new, so its index is account_keys_.size()
    account_keys_.push_back(k);
    return k;
  };
  Union(key_of(a), key_of(b));
}

void ConflictIndex::Index(int p) {
  const Slot& s = slots_[p];
  if (filings_[p].indexed || !Active(facts_[p].status)) return;
  if (s.customer_key >= 0) Add(kGroup, group_projects_[Root(s.customer_key)], p);
  if (s.end_user >= 0) Add(kEndUser, by_end_user_[s.end_user], p);
  if (s.name >= 0) Add(kName, by_name_[s.name], p);
  filings_[p].indexed = true;
}

// Unions since Index moved the project along with its group, so it is filed under today's root.
void ConflictIndex::Unindex(int p) {
  const Slot& s = slots_[p];
  if (!filings_[p].indexed) return;
  if (s.customer_key >= 0) Remove(kGroup, group_projects_[Root(s.customer_key)], p);
  if (s.end_user >= 0) Remove(kEndUser, by_end_user_[s.end_user], p);
  if (s.name >= 0) Remove(kName, by_name_[s.name], p);
  filings_[p].indexed = false;
}

void ConflictIndex::UpsertProject(const ProjectConflictFacts& facts) {
  const int p = project_ids_.Intern(facts.id.value);
  if (p == static_cast<int>(slots_.size())) {
    slots_.emplace_back();
    filings_.emplace_back();
    facts_.emplace_back();
  }
  Unindex(p);
  facts_[p] = facts;
  Slot& s = slots_[p];
  s.customer_key = AccountKey(facts.account);
  const std::string customer = NormaliseCompanyName(facts.customer_name);
  if (!customer.empty()) {
    const int k = KeyFor(customer);
    if (s.customer_key < 0) {
      s.customer_key = k;
    } else {
      // The name on the project and the account's name are one customer.
      Union(s.customer_key, k);
      UnionSame(s.customer_key, k);
    }
  }
  s.end_user = -1;
  if (const std::string eu = NormaliseCompanyName(facts.end_user); !eu.empty()) {
    s.end_user = end_user_ids_.Intern(eu);
    if (s.end_user == static_cast<int>(by_end_user_.size())) by_end_user_.emplace_back();
  }
  s.name = -1;
  if (const std::string nk = NormaliseProjectName(facts.name); !nk.empty()) {
    s.name = name_ids_.Intern(nk);
    if (s.name == static_cast<int>(by_name_.size())) by_name_.emplace_back();
  }
  s.owner = user_ids_.Intern(facts.owner.value);
  Index(p);
}

void ConflictIndex::SetProjectStatus(const ProjectId& project, ProjectStatus status) {
  const int p = project_ids_.Find(project.value);
  if (p < 0) return;
  Unindex(p);
  facts_[p].status = status;
  Index(p);
}

std::vector<ConflictHit> ConflictIndex::FindConflicts(const ConflictQuery& q) const {
  // Per-thread scratch, so that a warm check allocates nothing but its result.
  struct Scratch {
    std::string customer, end_user, project;  // the query's normalised names
    std::vector<std::pair<int, ConflictReason>> chosen;
  };
  thread_local Scratch t;

  // The five lookups do not depend on one another: hash every key and prefetch every first slot
  // before probing any, so that their cache misses overlap.
  NormaliseCompanyNameInto(q.customer_name, t.customer);
  NormaliseCompanyNameInto(q.end_user, t.end_user);
  NormaliseProjectNameInto(q.project_name, t.project);
  const size_t h_registrant = StringTable::Hash(q.registrant.value), h_account = StringTable::Hash(q.account.value),
               h_customer = StringTable::Hash(t.customer), h_end_user = StringTable::Hash(t.end_user),
               h_project = StringTable::Hash(t.project);
  user_ids_.Prefetch(h_registrant);
  account_ids_.Prefetch(h_account);
  key_ids_.Prefetch(h_customer);
  end_user_ids_.Prefetch(h_end_user);
  name_ids_.Prefetch(h_project);

  // Unknown registrant or self: -1, which matches no project.
  const int me = user_ids_.Find(q.registrant.value, h_registrant);
  const int self = q.self ? project_ids_.Find(q.self->value) : -1;
  const int account = account_ids_.Find(q.account.value, h_account);
  // Empty names were never interned; skipping them saves a probe.
  const int customer = t.customer.empty() ? -1 : key_ids_.Find(t.customer, h_customer);
  const int end_user = t.end_user.empty() ? -1 : end_user_ids_.Find(t.end_user, h_end_user);
  const int name = t.project.empty() ? -1 : name_ids_.Find(t.project, h_project);

  // Customer keys of the query (the account's and the typed customer name's): at most two, so
  // their roots live in fixed arrays.
  int roots[2], same_roots[2];
  int n_roots = 0, n_same = 0;
  for (int k : {account < 0 ? -1 : account_keys_[account], customer}) {
    if (k < 0) continue;
    same_roots[n_same++] = SameRoot(k);
    const int r = Root(k);
    if (n_roots == 0 || roots[0] != r) roots[n_roots++] = r;
  }
  auto in_roots = [&](int key) {
    if (key < 0) return false;
    const int r = Root(key);
    return std::find(roots, roots + n_roots, r) != roots + n_roots;
  };

  // The candidates' Slots are scattered: request them all before testing the first.
  const Members* lists[4];
  int n_lists = 0;
  for (int i = 0; i < n_roots; ++i) lists[n_lists++] = &group_projects_[roots[i]];
  if (end_user >= 0) lists[n_lists++] = &by_end_user_[end_user];
  if (name >= 0) lists[n_lists++] = &by_name_[name];
  for (int i = 0; i < n_lists; ++i) {
    for (int p : *lists[i]) __builtin_prefetch(&slots_[p]);
  }
  auto excluded = [&](int p) { return slots_[p].owner == me || p == self; };

  // One hit per project with its strongest reason, without a "seen" set: a project is in exactly
  // one group, one end-user list and one name list, so a later list skips the projects that an
  // earlier list already holds, which its Slot tells directly (its root is one of the query's,
  // or its end user is the query's).
  t.chosen.clear();
  for (int i = 0; i < n_roots; ++i) {
    for (int p : group_projects_[roots[i]]) {
      if (excluded(p)) continue;
      // Same customer is by customer identity, not by key: a project filed under an account's
      // old name is still the same customer after the rename.
      const int identity = SameRoot(slots_[p].customer_key);
      const bool same = std::find(same_roots, same_roots + n_same, identity) != same_roots + n_same;
      t.chosen.emplace_back(p, same ? ConflictReason::kSameCustomer : ConflictReason::kAffiliate);
    }
  }
  if (end_user >= 0) {
    for (int p : by_end_user_[end_user]) {
      if (excluded(p) || in_roots(slots_[p].customer_key)) continue;
      t.chosen.emplace_back(p, ConflictReason::kSameEndUser);
    }
  }
  if (name >= 0) {
    for (int p : by_name_[name]) {
      const Slot& s = slots_[p];
      if (excluded(p) || in_roots(s.customer_key) || (end_user >= 0 && s.end_user == end_user)) continue;
      t.chosen.emplace_back(p, ConflictReason::kSameProject);
    }
  }

  // Only now the strings: one allocation for the result, the hits' facts requested together.
  for (const auto& [p, reason] : t.chosen) __builtin_prefetch(&facts_[p]);
  std::vector<ConflictHit> hits;
  hits.reserve(t.chosen.size());
  for (const auto& [p, reason] : t.chosen) {
    const ProjectConflictFacts& f = facts_[p];
    hits.push_back(ConflictHit{f.id, f.owner, f.vp, reason});
  }
  return hits;
}

}  // namespace keyledger::domain
