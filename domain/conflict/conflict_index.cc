// ConflictIndex implementation.
//
// A check is a handful of hash lookups (account, customer name, end user, project name,
// registrant) and then a walk over the projects filed under them. To keep that walk cheap and
// independent of the number of projects, the lists are flat vectors of ints, what a candidate is
// tested on sits in a small Slot, and the strings of a project are only read once it is a hit.
#include "domain/conflict/conflict_index.h"

#include <algorithm>

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

int ConflictIndex::Find(const Interned& map, std::string_view text) {
  auto it = map.find(text);
  return it == map.end() ? -1 : it->second;
}

// Ids are dense (0, 1, 2...), so they index the vectors kept alongside each map.
int ConflictIndex::Intern(Interned& map, std::string_view text) {
  auto it = map.find(text);
  if (it != map.end()) return it->second;
  const int id = static_cast<int>(map.size());
  map.emplace(std::string(text), id);
  return id;
}

int ConflictIndex::KeyFor(std::string_view normalised) {
  const int key = Intern(key_ids_, normalised);
  if (key == static_cast<int>(parent_.size())) {
    parent_.push_back(key);
    same_parent_.push_back(key);
    group_projects_.emplace_back();
  }
  return key;
}

int ConflictIndex::AccountKey(const AccountId& account) const { return Find(account_key_, account.value); }

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
  slots_[project].pos[list] = static_cast<int>(members.size());
  members.push_back(project);
}

// Order within a list carries no meaning (hits are unordered), so the last member fills the gap.
void ConflictIndex::Remove(List list, Members& members, int project) {
  const int at = slots_[project].pos[list];
  const int moved = members.back();
  members[at] = moved;
  slots_[moved].pos[list] = at;
  members.pop_back();
  slots_[project].pos[list] = -1;
}

void ConflictIndex::UpsertAccount(const AccountId& account, std::string_view name) {
  const std::string key_text = NormaliseCompanyName(name);
  if (key_text.empty()) return;
  const int key = KeyFor(key_text);
  auto it = account_key_.find(std::string_view(account.value));
  if (it == account_key_.end()) {
    account_key_.emplace(account.value, key);
  } else if (it->second != key) {
    // A rename: the old name stays the same customer (not merely an affiliate).
    Union(it->second, key);
    UnionSame(it->second, key);
    it->second = key;
  }
}

void ConflictIndex::LinkAffiliates(const AccountId& a, const AccountId& b) {
  // An affiliate not yet named gets a placeholder key of its own id, linked when it is named.
  auto key_of = [&](const AccountId& id) {
    if (int k = AccountKey(id); k >= 0) return k;
    const int k = KeyFor("#account:" + id.value);
    account_key_.emplace(id.value, k);
    return k;
  };
  Union(key_of(a), key_of(b));
}

void ConflictIndex::Index(int p) {
  Slot& s = slots_[p];
  if (s.indexed || !Active(facts_[p].status)) return;
  if (s.customer_key >= 0) Add(kGroup, group_projects_[Root(s.customer_key)], p);
  if (s.end_user >= 0) Add(kEndUser, by_end_user_[s.end_user], p);
  if (s.name >= 0) Add(kName, by_name_[s.name], p);
  s.indexed = true;
}

// Unions since Index moved the project along with its group, so it is filed under today's root.
void ConflictIndex::Unindex(int p) {
  Slot& s = slots_[p];
  if (!s.indexed) return;
  if (s.customer_key >= 0) Remove(kGroup, group_projects_[Root(s.customer_key)], p);
  if (s.end_user >= 0) Remove(kEndUser, by_end_user_[s.end_user], p);
  if (s.name >= 0) Remove(kName, by_name_[s.name], p);
  s.indexed = false;
}

void ConflictIndex::UpsertProject(const ProjectConflictFacts& facts) {
  const int p = Intern(project_ids_, facts.id.value);
  if (p == static_cast<int>(slots_.size())) {
    slots_.emplace_back();
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
    s.end_user = Intern(end_user_ids_, eu);
    if (s.end_user == static_cast<int>(by_end_user_.size())) by_end_user_.emplace_back();
  }
  s.name = -1;
  if (const std::string nk = NormaliseProjectName(facts.name); !nk.empty()) {
    s.name = Intern(name_ids_, nk);
    if (s.name == static_cast<int>(by_name_.size())) by_name_.emplace_back();
  }
  s.owner = Intern(user_ids_, facts.owner.value);
  Index(p);
}

void ConflictIndex::SetProjectStatus(const ProjectId& project, ProjectStatus status) {
  const int p = Find(project_ids_, project.value);
  if (p < 0) return;
  Unindex(p);
  facts_[p].status = status;
  Index(p);
}

std::vector<ConflictHit> ConflictIndex::FindConflicts(const ConflictQuery& q) const {
  // The normalised names of the query, one at a time; per thread so a warm check allocates only
  // its result.
  thread_local std::string text;

  // Unknown registrant or self: -1, which matches no project.
  const int me = Find(user_ids_, q.registrant.value);
  const int self = q.self ? Find(project_ids_, q.self->value) : -1;
  auto excluded = [&](int p) { return slots_[p].owner == me || p == self; };

  // Customer keys of the query (the account's and the typed customer name's): at most two, so
  // their roots live in fixed arrays.
  int roots[2], same_roots[2];
  int n_roots = 0, n_same = 0;
  auto add_key = [&](int k) {
    if (k < 0) return;
    same_roots[n_same++] = SameRoot(k);
    const int r = Root(k);
    if (n_roots == 0 || roots[0] != r) roots[n_roots++] = r;
  };
  add_key(AccountKey(q.account));
  NormaliseCompanyNameInto(q.customer_name, text);
  if (!text.empty()) add_key(Find(key_ids_, text));
  auto in_roots = [&](int key) {
    if (key < 0) return false;
    const int r = Root(key);
    return std::find(roots, roots + n_roots, r) != roots + n_roots;
  };

  NormaliseCompanyNameInto(q.end_user, text);
  const int end_user = text.empty() ? -1 : Find(end_user_ids_, text);
  NormaliseProjectNameInto(q.project_name, text);
  const int name = text.empty() ? -1 : Find(name_ids_, text);

  // Every candidate is visited once, so their count bounds the hits: usually one allocation. Capped
  // so that a huge list of mostly excluded projects does not reserve for nothing.
  size_t candidates = 0;
  for (int i = 0; i < n_roots; ++i) candidates += group_projects_[roots[i]].size();
  if (end_user >= 0) candidates += by_end_user_[end_user].size();
  if (name >= 0) candidates += by_name_[name].size();
  std::vector<ConflictHit> hits;
  hits.reserve(std::min<size_t>(candidates, 64));
  auto emit = [&](int p, ConflictReason reason) {
    const ProjectConflictFacts& f = facts_[p];
    hits.push_back(ConflictHit{f.id, f.owner, f.vp, reason});
  };

  // One hit per project with its strongest reason, without a "seen" set: a project is in exactly
  // one group, one end-user list and one name list, so a later list skips the projects that an
  // earlier list already holds, which its Slot tells directly (its root is one of the query's,
  // or its end user is the query's).
  for (int i = 0; i < n_roots; ++i) {
    for (int p : group_projects_[roots[i]]) {
      if (excluded(p)) continue;
      // Same customer is by customer identity, not by key: a project filed under an account's
      // old name is still the same customer after the rename.
      const int identity = SameRoot(slots_[p].customer_key);
      const bool same = std::find(same_roots, same_roots + n_same, identity) != same_roots + n_same;
      emit(p, same ? ConflictReason::kSameCustomer : ConflictReason::kAffiliate);
    }
  }
  if (end_user >= 0) {
    for (int p : by_end_user_[end_user]) {
      if (excluded(p) || in_roots(slots_[p].customer_key)) continue;
      emit(p, ConflictReason::kSameEndUser);
    }
  }
  if (name >= 0) {
    for (int p : by_name_[name]) {
      const Slot& s = slots_[p];
      if (excluded(p) || in_roots(s.customer_key) || (end_user >= 0 && s.end_user == end_user)) continue;
      emit(p, ConflictReason::kSameProject);
    }
  }
  return hits;
}

}  // namespace keyledger::domain
