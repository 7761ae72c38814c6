// WeeklyDigest: weeks start on Monday in the company time zone.
#include "projections/weekly_digest.h"

#include <algorithm>

#include "projections/binary_codec.h"

namespace keyledger::projections {

int64_t WeeklyDigest::WeekOf(const CompanyCalendar& calendar, Instant at) const {
  if (at >= cached_begin_ && at < cached_end_) return cached_week_;
  const LocalDay day = calendar.LocalDate(at);
  const LocalDay monday = day - (std::chrono::weekday{day} - std::chrono::Monday);
  cached_begin_ = calendar.StartOfDay(monday);
  cached_end_ = calendar.StartOfDay(monday + std::chrono::days(7));
  cached_week_ = monday.time_since_epoch().count();
  return cached_week_;
}

void WeeklyDigest::DropWeeksBefore(int64_t week) { weeks_.erase(weeks_.begin(), weeks_.lower_bound(week)); }

void WeeklyDigest::Record(const CompanyCalendar& calendar, std::string_view department,
                          std::string_view owner, std::string_view project_id, Instant at) {
  const int64_t week = WeekOf(calendar, at);
  if (!weeks_.empty()) {
    const int64_t newest = weeks_.rbegin()->first;
    // An update back-dated beyond the kept weeks is not kept either (the log still has it).
    if (week < newest - kSpanDays) return;
    if (week > newest) DropWeeksBefore(week - kSpanDays);
  }
  Departments& departments = weeks_[week];
  auto dept = departments.find(department);
  if (dept == departments.end()) dept = departments.emplace(std::string(department), Lines()).first;
  Lines& lines = dept->second;
  auto line = lines.find(LineKeyView{owner, project_id});
  if (line == lines.end()) line = lines.emplace(LineKey{std::string(owner), std::string(project_id)}, LineStats()).first;
  ++line->second.updates;
  if (at > line->second.last_update_at) line->second.last_update_at = at;
}

std::vector<DigestLine> WeeklyDigest::Week(const CompanyCalendar& calendar, std::string_view department,
                                           Instant any_instant_in_week) const {
  std::vector<DigestLine> out;
  auto week = weeks_.find(WeekOf(calendar, any_instant_in_week));
  if (week == weeks_.end()) return out;
  auto dept = week->second.find(department);
  if (dept == week->second.end()) return out;
  out.reserve(dept->second.size());
  for (const auto& [key, stats] : dept->second) {
    out.push_back(DigestLine{key.owner, key.project_id, stats.updates, stats.last_update_at});
  }
  std::sort(out.begin(), out.end(), [](const DigestLine& a, const DigestLine& b) {
    return a.owner != b.owner ? a.owner < b.owner : a.project_id < b.project_id;
  });
  return out;
}

void WeeklyDigest::Serialize(BinaryWriter& w) const {
  w.PutVarint(weeks_.size());
  for (const auto& [week, departments] : weeks_) {
    w.PutSigned(week);
    w.PutVarint(departments.size());
    for (const auto& [dept, lines] : departments) {
      w.PutString(dept);
      w.PutVarint(lines.size());
      for (const auto& [key, stats] : lines) {
        w.PutString(key.owner);
        w.PutString(key.project_id);
        w.PutVarint(stats.updates);
        w.PutSigned(ToUnixMicros(stats.last_update_at));
      }
    }
  }
}

bool WeeklyDigest::Deserialize(BinaryReader& r) {
  weeks_.clear();
  const uint64_t n = r.GetVarint();
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    Departments& departments = weeks_.emplace_hint(weeks_.end(), r.GetSigned(), Departments())->second;
    const uint64_t d = r.GetVarint();
    for (uint64_t j = 0; j < d && r.ok(); ++j) {
      Lines& lines = departments.emplace(r.GetString(), Lines()).first->second;
      const uint64_t m = r.GetVarint();
      if (!r.ok() || m > r.Remaining()) return false;  // a damaged count must not reserve terabytes
      lines.reserve(m);
      for (uint64_t k = 0; k < m && r.ok(); ++k) {
        LineKey key;
        key.owner = r.GetString();
        key.project_id = r.GetString();
        LineStats stats;
        stats.updates = static_cast<uint32_t>(r.GetVarint());
        stats.last_update_at = FromUnixMicros(r.GetSigned());
        lines.emplace(std::move(key), stats);
      }
    }
  }
  return r.ok();
}

}  // namespace keyledger::projections
