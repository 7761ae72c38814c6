// ProjectsModel: the project list (status, owner, amounts, last update, staleness). Rows are
// compact (interned ids, no per-row maps) to stay under 1 KiB per project at a million projects.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "projections/facts.h"
#include "projections/reminder_policy.h"
#include "projections/string_pool.h"

namespace keyledger::projections {

enum class Staleness : uint8_t { kFine, kStale2w, kStale1m, kOnHold };
std::string_view StalenessName(Staleness s);  // "fine", "2w", "1m", "on_hold"
std::string_view ProjectStatusName(ProjectStatus s);

struct ProjectRow {
  std::string project_id;
  std::string name;
  std::string number;
  std::string last_update_event_id;  // R-P7: the on-hold's causation
  StrId account = 0;                 // interned in the model's pool
  StrId end_user = 0;
  StrId owner = 0;
  ProjectStatus status = ProjectStatus::kRegistered;
  int32_t probability_pct = 0;
  int32_t margin_pct = 0;
  int64_t amount_fen = 0;
  Instant expected_signing;
  Instant registered_at;
  Instant last_update_at;  // staleness counts from here: approval, then each update
  Instant last_touch_at;   // any event on the project: "untouched" for approvals
  bool operator==(const ProjectRow&) const = default;
};

// Value view for callers (strings resolved).
struct ProjectView {
  std::string project_id;
  std::string name;
  std::string number;
  std::string account_id;
  std::string end_user;
  std::string owner;
  ProjectStatus status;
  Staleness staleness;
  int64_t days_since_update;
  int64_t amount_fen;
  int32_t probability_pct;
  int32_t margin_pct;
  Instant expected_signing;
  Instant last_update_at;
};

// Staleness of `row` at `now` (R-P5..R-P7). Only approved projects go stale.
Staleness StalenessAt(const ProjectRow& row, Instant now, const ReminderPolicy& policy);

// Not thread-safe; guarded by its owner.
class ProjectsModel {
 public:
  void Apply(const FactMeta& m, const ProjectRegistered& f);
  void Apply(const FactMeta& m, const ProjectStatusChanged& f);
  void Apply(const FactMeta& m, const ProjectUpdated& f);

  const ProjectRow* Find(std::string_view project_id) const;
  ProjectView View(const ProjectRow& row, Instant now, const ReminderPolicy& policy) const;
  const std::string& Str(StrId id) const { return pool_.Get(id); }
  // Rows in registration order.
  const std::deque<ProjectRow>& Rows() const { return rows_; }
  // Rows owned by `owner`, in registration order.
  std::vector<const ProjectRow*> ByOwner(std::string_view owner) const;
  size_t Size() const { return rows_.size(); }
  // Heap bytes held by rows, index and pool (an estimate from sizes and capacities).
  size_t ApproxBytes() const;

  void Serialize(class BinaryWriter& w) const;
  bool Deserialize(class BinaryReader& r);
  bool operator==(const ProjectsModel& o) const;

 private:
  ProjectRow* Mutable(std::string_view id);

  StringPool pool_;
  std::deque<ProjectRow> rows_;  // a deque: rows never move, so index keys stay valid
  std::unordered_map<std::string_view, uint32_t> index_;
  std::unordered_map<StrId, std::vector<uint32_t>> by_owner_;
};

}  // namespace keyledger::projections
