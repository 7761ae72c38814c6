// WeeklyDigest: weeks start on Monday in the company time zone.
#include "projections/weekly_digest.h"

#include "projections/binary_codec.h"

namespace keyledger::projections {

LocalDay WeeklyDigest::WeekStart(const CompanyCalendar& calendar, Instant at) {
  const LocalDay day = calendar.LocalDate(at);
  const std::chrono::weekday wd{day};
  return day - (wd - std::chrono::Monday);
}

void WeeklyDigest::Record(const CompanyCalendar& calendar, std::string_view department,
                          std::string_view owner, std::string_view project_id, Instant at) {
  const int64_t week = WeekStart(calendar, at).time_since_epoch().count();
  auto& lines = weeks_[{std::string(department), week}];
  DigestLine& line = lines[{std::string(owner), std::string(project_id)}];
  line.owner = owner;
  line.project_id = project_id;
  ++line.updates;
  if (at > line.last_update_at) line.last_update_at = at;
}

std::vector<DigestLine> WeeklyDigest::Week(const CompanyCalendar& calendar, std::string_view department,
                                           Instant any_instant_in_week) const {
  std::vector<DigestLine> out;
  const int64_t week = WeekStart(calendar, any_instant_in_week).time_since_epoch().count();
  auto it = weeks_.find({std::string(department), week});
  if (it == weeks_.end()) return out;
  for (const auto& [key, line] : it->second) out.push_back(line);
  return out;
}

void WeeklyDigest::Serialize(BinaryWriter& w) const {
  w.PutVarint(weeks_.size());
  for (const auto& [key, lines] : weeks_) {
    w.PutString(key.first);
    w.PutSigned(key.second);
    w.PutVarint(lines.size());
    for (const auto& [k, line] : lines) {
      w.PutString(line.owner);
      w.PutString(line.project_id);
      w.PutVarint(line.updates);
      w.PutSigned(ToUnixMicros(line.last_update_at));
    }
  }
}

bool WeeklyDigest::Deserialize(BinaryReader& r) {
  weeks_.clear();
  const uint64_t n = r.GetVarint();
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    std::string dept = r.GetString();
    const int64_t week = r.GetSigned();
    auto& lines = weeks_[{std::move(dept), week}];
    const uint64_t m = r.GetVarint();
    for (uint64_t j = 0; j < m && r.ok(); ++j) {
      DigestLine line;
      line.owner = r.GetString();
      line.project_id = r.GetString();
      line.updates = static_cast<uint32_t>(r.GetVarint());
      line.last_update_at = FromUnixMicros(r.GetSigned());
      lines.emplace(std::make_pair(line.owner, line.project_id), line);
    }
  }
  return r.ok();
}

}  // namespace keyledger::projections
