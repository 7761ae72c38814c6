// ApplicationsModel: named-account applications (R-A5) still under review, with when each was
// last touched: the approval-pending reminder counts working days from there.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "projections/facts.h"

namespace keyledger::projections {

struct ApplicationRow {
  std::string application_id;
  std::string account_id;
  std::string applicant;
  Instant submitted_at;
  Instant last_touch_at;
  std::string last_event_id;
  bool closed = false;
  bool operator==(const ApplicationRow&) const = default;
};

// Not thread-safe; guarded by its owner.
class ApplicationsModel {
 public:
  void Apply(const FactMeta& m, const ApplicationSubmitted& f);
  void Apply(const FactMeta& m, const ApplicationStep& f);
  const ApplicationRow* Find(std::string_view id) const;
  // Every application id, sorted.
  std::vector<std::string> Ids() const;

  void Serialize(class BinaryWriter& w) const;
  bool Deserialize(class BinaryReader& r);
  bool operator==(const ApplicationsModel& o) const { return rows_ == o.rows_; }

 private:
  std::unordered_map<std::string, ApplicationRow> rows_;
};

}  // namespace keyledger::projections
