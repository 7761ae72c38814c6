// Typed identifiers: an AccountId cannot be passed where a ProjectId is expected.
// The text itself is minted outside the domain (UUIDs, codes) and arrives in commands or Context.
#pragma once

#include <compare>
#include <functional>
#include <string>

namespace keyledger::domain {

template <class Tag>
struct Id {
  std::string value;
  bool empty() const { return value.empty(); }
  friend auto operator<=>(const Id&, const Id&) = default;
  friend bool operator==(const Id&, const Id&) = default;
};

struct UserTag {};
struct OrgUnitTag {};
struct AccountTag {};
struct ProjectTag {};
struct ComplaintTag {};
struct VisitTag {};
struct SurveyTag {};
struct ReminderTag {};
struct KeyPersonTag {};

using UserId = Id<UserTag>;
using OrgUnitId = Id<OrgUnitTag>;
using AccountId = Id<AccountTag>;
using ProjectId = Id<ProjectTag>;
using ComplaintId = Id<ComplaintTag>;
using VisitId = Id<VisitTag>;
using SurveyId = Id<SurveyTag>;
using ReminderId = Id<ReminderTag>;
using KeyPersonId = Id<KeyPersonTag>;

}  // namespace keyledger::domain

template <class Tag>
struct std::hash<keyledger::domain::Id<Tag>> {
  size_t operator()(const keyledger::domain::Id<Tag>& id) const noexcept {
    return std::hash<std::string>{}(id.value);
  }
};
