// OrgTree: the org read model (units, their heads, where each user sits) with its history, so
// "the department manager of X as of t" and "the VP of X as of t" answer R-R4 exactly.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "projections/facts.h"
#include "projections/org_directory.h"
#include "projections/time_history.h"

namespace keyledger::projections {

struct OrgUnitView {
  std::string unit_id;
  std::string parent_id;
  UnitLevel level;
  std::string name;
  std::string head;  // manager of a department, VP of an area; "" if vacant
};

struct OrgUserView {
  std::string user_id;
  std::string name;
  std::string unit_id;
  std::string manager;  // department manager now ("" if none)
  std::string vp;       // VP of the area now ("" if none)
};

// Not thread-safe; guarded by its owner (ReadModels).
class OrgTree final : public OrgDirectory {
 public:
  void Apply(const FactMeta& meta, const UnitDefined& f);
  void Apply(const FactMeta& meta, const UnitHeadAssigned& f);
  void Apply(const FactMeta& meta, const UserPlaced& f);

  std::optional<std::string> ManagerOf(std::string_view user, Instant at) const override;
  std::optional<std::string> VpOf(std::string_view user, Instant at) const override;
  // The unit `user` sat in at `at` ("" if unknown), and the department / area above it.
  std::string UnitOf(std::string_view user, Instant at) const;
  std::string DepartmentOf(std::string_view user, Instant at) const;
  std::string AreaOf(std::string_view user, Instant at) const;
  // DepartmentOf without a copy, for the fold's hot path: valid until the next org fact.
  std::string_view DepartmentView(std::string_view user, Instant at) const;

  // Current state, sorted by id. `now` is the instant heads are read at.
  std::vector<OrgUnitView> Units(Instant now) const;
  std::vector<OrgUserView> Users(Instant now) const;
  std::optional<OrgUserView> User(std::string_view user_id, Instant now) const;

  // Snapshot support: exact state round trip.
  void Serialize(class BinaryWriter& w) const;
  bool Deserialize(class BinaryReader& r);

 private:
  struct Unit {
    TimeHistory<std::string> parent;
    UnitLevel level = UnitLevel::kDepartment;
    std::string name;
    TimeHistory<std::string> head;
    bool operator==(const Unit& o) const {
      return parent.Entries() == o.parent.Entries() && level == o.level && name == o.name &&
             head.Entries() == o.head.Entries();
    }
  };
  struct Person {
    std::string name;
    TimeHistory<std::string> unit;
    bool operator==(const Person& o) const { return name == o.name && unit.Entries() == o.unit.Entries(); }
  };

  // Walks from `unit_id` upwards (as of `at`) to the first unit of `level`; nullptr if none.
  // Pointers point into the tree, so lookups allocate nothing.
  const std::string* AncestorRef(const std::string* unit_id, UnitLevel level, Instant at) const;
  const std::string* UnitRef(std::string_view user, Instant at) const;
  std::string HeadAt(const std::string& unit_id, Instant at) const;

  std::unordered_map<std::string, Unit> units_;
  std::unordered_map<std::string, Person> users_;
};

}  // namespace keyledger::projections
