// ConflictIndex: projects that take part in conflict detection (R-P2), indexed by customer, end
// user and normalised project name. On-hold, rejected and closed projects leave it (R-P7).
// The domain owns the conflict rule; this index answers "which projects could conflict" fast.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "projections/facts.h"

namespace keyledger::projections {

// Lower-cases ASCII, drops whitespace and punctuation (ASCII and full-width CJK punctuation),
// so "Acme  Corp." and "acme corp" meet. Other UTF-8 text is kept byte for byte.
std::string NormalizeName(std::string_view name);

// Not thread-safe; guarded by its owner.
class ConflictIndex {
 public:
  // Called after a project's row changed, with its current fields.
  void Update(std::string_view project_id, std::string_view account_id, std::string_view end_user,
              std::string_view name, std::string_view owner, ProjectStatus status);

  // Projects owned by someone other than `applicant` sharing the customer, the end user or the
  // normalised name, sorted by id.
  std::vector<std::string> PossibleConflicts(std::string_view account_id, std::string_view end_user,
                                             std::string_view name, std::string_view applicant) const;
  bool Contains(std::string_view project_id) const { return entries_.count(std::string(project_id)) != 0; }
  size_t Size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string account, end_user, name, owner;
  };
  void Remove(const std::string& project_id);

  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<std::string, std::set<std::string>> by_account_, by_end_user_, by_name_;
};

}  // namespace keyledger::projections
