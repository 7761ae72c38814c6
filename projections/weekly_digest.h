// WeeklyDigest: who updated which project in each local week, per department (R-P4), for the
// department manager's weekly review. Only the last kWeeksKept weeks are kept: the digest is mailed
// on the Monday after its week, and an audit of an older week folds the log as of then (R-U2), so
// older weeks would only grow the live read side (one line per project and week, forever).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/core/string_map.h"
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
  // The week being recorded and the ones before it that are kept.
  static constexpr int64_t kWeeksKept = 5;

  // Records one project update by `owner` in `department` at `at`.
  void Record(const CompanyCalendar& calendar, std::string_view department, std::string_view owner,
              std::string_view project_id, Instant at);
  // The week (Monday, company time) containing `any_instant_in_week`, for `department`; sorted by
  // owner, project. Empty for a week older than the kept ones.
  std::vector<DigestLine> Week(const CompanyCalendar& calendar, std::string_view department,
                               Instant any_instant_in_week) const;
  size_t WeekCount() const { return weeks_.size(); }

  void Serialize(class BinaryWriter& w) const;
  bool Deserialize(class BinaryReader& r);
  bool operator==(const WeeklyDigest& o) const { return weeks_ == o.weeks_; }

 private:
  struct LineKey {
    std::string owner;
    std::string project_id;
    bool operator==(const LineKey&) const = default;
  };
  struct LineKeyView {
    std::string_view owner;
    std::string_view project_id;
  };
  // Transparent hash and equality, so a lookup with string_views allocates nothing. Hash maps:
  // an update is one hash lookup instead of a walk through string comparisons.
  struct LineHash {
    using is_transparent = void;
    template <class K>
    size_t operator()(const K& k) const {
      const size_t h = std::hash<std::string_view>()(k.owner);
      return h ^ (std::hash<std::string_view>()(k.project_id) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2));
    }
  };
  struct LineEq {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return std::string_view(a.project_id) == std::string_view(b.project_id) &&
             std::string_view(a.owner) == std::string_view(b.owner);
    }
  };
  struct LineStats {
    uint32_t updates = 0;
    Instant last_update_at;
    bool operator==(const LineStats&) const = default;
  };
  using Lines = std::unordered_map<LineKey, LineStats, LineHash, LineEq>;
  using Departments = StringMap<Lines>;

  // Week start (local Monday) as days since the epoch, for `at`.
  int64_t WeekOf(const CompanyCalendar& calendar, Instant at) const;
  // Days from the oldest kept week's Monday to the newest's.
  static constexpr int64_t kSpanDays = 7 * (kWeeksKept - 1);
  void DropWeeksBefore(int64_t week);

  // week start day -> department -> (owner, project) -> stats
  std::map<int64_t, Departments> weeks_;
  // The UTC span of the week last looked up: updates come in time order, so most lookups hit it
  // and skip the time-zone conversion.
  mutable Instant cached_begin_ = Instant::max();
  mutable Instant cached_end_ = Instant::min();
  mutable int64_t cached_week_ = 0;
};

}  // namespace keyledger::projections
