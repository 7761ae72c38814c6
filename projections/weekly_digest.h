// WeeklyDigest: who updated which project in each local week, per department (R-P4), for the
// department manager's weekly review.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "projections/company_calendar.h"
#include "projections/facts.h"

namespace keyledger::projections {

struct DigestLine {
  std::string owner;
  std::string project_id;
  uint32_t updates = 0;
  Instant last_update_at;
  bool operator==(const DigestLine&) const = default;
};

// Not thread-safe; guarded by its owner.
class WeeklyDigest {
 public:
  // Records one project update by `owner` in `department` at `at`.
  void Record(const CompanyCalendar& calendar, std::string_view department, std::string_view owner,
              std::string_view project_id, Instant at);
  // The week (Monday, company time) containing `day`, for `department`; sorted by owner, project.
  std::vector<DigestLine> Week(const CompanyCalendar& calendar, std::string_view department,
                               Instant any_instant_in_week) const;

  void Serialize(class BinaryWriter& w) const;
  bool Deserialize(class BinaryReader& r);
  bool operator==(const WeeklyDigest& o) const { return weeks_ == o.weeks_; }

 private:
  static LocalDay WeekStart(const CompanyCalendar& calendar, Instant at);
  // (department, week start days since epoch) -> (owner, project) -> line
  std::map<std::pair<std::string, int64_t>, std::map<std::pair<std::string, std::string>, DigestLine>> weeks_;
};

}  // namespace keyledger::projections
