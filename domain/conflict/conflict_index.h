// ConflictIndex: the in-memory index behind R-P2 conflict detection. The projections feed it
// account names, affiliations and project facts as events arrive; the command service asks it
// FindConflicts before RegisterProject and passes the hits in RegistrationFacts.
// Lookups are hash lookups plus the hits themselves: the cost does not grow with the number of
// projects. Affiliates are followed transitively through a union-find over customer keys.
// Not thread-safe: one writer (the projection thread); readers must synchronise externally.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/conflict/string_table.h"
#include "domain/core/ids.h"
#include "domain/project/project_types.h"

namespace keyledger::domain {

// What the index needs to know of a project (from ProjectRegistered and status events).
struct ProjectConflictFacts {
  ProjectId id;
  UserId owner;
  std::optional<UserId> vp;
  AccountId account;
  std::string customer_name;
  std::string end_user;
  std::string name;
  ProjectStatus status = ProjectStatus::kRegistered;
};

struct ConflictQuery {
  UserId registrant;           // their own projects never conflict
  AccountId account;           // may be empty for a customer not yet on file
  std::string customer_name;
  std::string end_user;
  std::string project_name;
  std::optional<ProjectId> self;  // excluded (re-check of an existing registration)
};

class ConflictIndex {
 public:
  // Records or renames an account. A rename keeps the old and new names linked (same customer).
  void UpsertAccount(const AccountId& account, std::string_view name);
  // Records an affiliation (parent/subsidiary/related); transitive. Removal is not supported
  // incrementally: rebuild the index from events after an AffiliateRemoved.
  void LinkAffiliates(const AccountId& a, const AccountId& b);
  // Adds or updates a project. On-hold, rejected and closed projects leave the index (R-P2/R-P7).
  void UpsertProject(const ProjectConflictFacts& facts);
  void SetProjectStatus(const ProjectId& project, ProjectStatus status);

  // Active projects of other registrants that share the customer, an affiliate, the end user or
  // the project name. One hit per project, with the strongest reason
  // (same customer > affiliate > same end user > same project), in no particular order.
  std::vector<ConflictHit> FindConflicts(const ConflictQuery& query) const;

  size_t project_count() const { return facts_.size(); }

  // Snapshot form of the whole index (conflict_index_io.h defines them), so that a start from a
  // snapshot does not fold every account and project event again. Load replaces the contents
  // and returns false, leaving the index empty, on malformed or inconsistent input.
  template <class W>
  void Save(W& w) const;
  template <class R>
  bool Load(R& r);

 private:
  // The lists a project can be in: its customer group, its end user's, its project name's.
  enum List { kGroup, kEndUser, kName, kLists };
  // Members as a flat vector (one contiguous read per check); each project remembers its
  // position in each list so that removal is an O(1) swap with the last member.
  using Members = std::vector<int>;

  // Everything a check reads about a candidate before it is known to be a hit (16 bytes, four to
  // a cache line), kept apart from the strings (ProjectConflictFacts) that only hits need and
  // from the bookkeeping (Filing) that only writes need.
  struct Slot {
    int customer_key = -1;  // -1: no customer
    int end_user = -1;      // id in end_user_ids_; -1: none
    int owner = -1;         // id in user_ids_
    int name = -1;          // id in name_ids_; -1: none
  };
  struct Filing {
    int pos[kLists] = {-1, -1, -1};  // position in each list it is in
    bool indexed = false;
  };
  bool Consistent() const;  // every stored int is in range (checked after Load)

  int KeyFor(std::string_view normalised);  // interns a customer key
  int AccountKey(const AccountId& account) const;  // -1 if unknown
  int Root(int key) const;
  void Union(int a, int b);
  // Customer identity: the keys that are one customer (an account's old and new names, the name
  // typed on a project and its account's name). Finer than the affiliate groups of Root/Union.
  int SameRoot(int key) const;
  void UnionSame(int a, int b);
  void Add(List list, Members& members, int project);
  void Remove(List list, Members& members, int project);
  void Index(int project);
  void Unindex(int project);
  static bool Active(ProjectStatus s);

  StringTable key_ids_;                  // normalised customer name (or #account:<id>) → key
  mutable std::vector<int> parent_;      // union-find; path halving in Root
  mutable std::vector<int> same_parent_;  // union-find for customer identity; path halving in SameRoot
  std::vector<Members> group_projects_;  // by key; valid at roots
  StringTable account_ids_;              // account id → index into account_keys_
  std::vector<int> account_keys_;        // the key of the account's current name
  StringTable end_user_ids_;             // normalised end user → index into by_end_user_
  std::vector<Members> by_end_user_;
  StringTable name_ids_;                 // normalised project name → index into by_name_
  std::vector<Members> by_name_;
  StringTable user_ids_;                 // owner id → int, so a check compares ints
  StringTable project_ids_;              // project id → index into slots_/filings_/facts_
  std::vector<Slot> slots_;
  std::vector<Filing> filings_;
  std::vector<ProjectConflictFacts> facts_;
};

}  // namespace keyledger::domain
