// AccountsModel: the account list (kind, tier, owner, next visit due) and the full account file
// (key persons, visits), folded from account facts.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "projections/facts.h"
#include "projections/reminder_policy.h"

namespace keyledger::projections {

struct KeyPersonView {
  std::string key_person_id;
  std::string name;
  std::optional<Instant> next_contact_at;
  bool operator==(const KeyPersonView&) const = default;
};

struct AccountRow {
  std::string account_id;
  std::string code;
  std::string name;
  Tier tier = Tier::kC;
  bool named = false;
  std::string owner;
  Instant opened_at;
  Instant owner_since;                     // visit cadence counts from here until a first visit
  std::optional<Instant> last_visit_at;
  uint32_t visit_count = 0;
  std::vector<KeyPersonView> key_persons;  // in recording order
  std::string last_event_id;
  bool operator==(const AccountRow&) const = default;
};

// The instant the account's next visit falls due (R-V2), nullopt if it has no owner.
std::optional<Instant> NextVisitDue(const AccountRow& row, const ReminderPolicy& policy);

// Not thread-safe; guarded by its owner.
class AccountsModel {
 public:
  void Apply(const FactMeta& m, const AccountOpened& f);
  void Apply(const FactMeta& m, const AccountTierChanged& f);
  void Apply(const FactMeta& m, const AccountOwnerChanged& f);
  void Apply(const FactMeta& m, const AccountNamedChanged& f);
  void Apply(const FactMeta& m, const VisitLogged& f);
  void Apply(const FactMeta& m, const KeyPersonRecorded& f);
  void Apply(const FactMeta& m, const KeyPersonRemoved& f);

  const AccountRow* Find(std::string_view account_id) const;
  // All accounts sorted by code.
  std::vector<const AccountRow*> List() const;
  size_t Size() const { return rows_.size(); }

  void Serialize(class BinaryWriter& w) const;
  bool Deserialize(class BinaryReader& r);
  bool operator==(const AccountsModel&) const = default;

 private:
  AccountRow* Mutable(const std::string& id, const FactMeta& m);
  std::unordered_map<std::string, AccountRow> rows_;
};

}  // namespace keyledger::projections
