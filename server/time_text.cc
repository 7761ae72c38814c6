// RFC 3339 parsing and formatting with Howard Hinnant's date library (GCC 12's <chrono> has no
// parse or format).
#include "server/time_text.h"

#include <date/date.h>

#include <sstream>

namespace keyledger::server {
namespace {

std::optional<Instant> ParseWith(std::string_view text, const char* format) {
  std::istringstream in{std::string(text)};
  date::sys_time<Micros> t;
  in >> date::parse(format, t);
  if (in.fail()) return std::nullopt;
  in.peek();
  if (!in.eof()) return std::nullopt;  // trailing text
  return Instant(t);
}

}  // namespace

std::optional<Instant> ParseTime(std::string_view text) {
  if (text.size() < 20 || text.size() > 40) return std::nullopt;
  if (text.back() == 'Z' || text.back() == 'z') return ParseWith(text.substr(0, text.size() - 1), "%FT%T");
  return ParseWith(text, "%FT%T%Ez");
}

std::optional<Instant> ParseDate(std::string_view text, std::chrono::minutes utc_offset) {
  if (text.size() != 10) return std::nullopt;
  std::istringstream in{std::string(text)};
  date::year_month_day ymd{};
  in >> date::parse("%F", ymd);
  if (in.fail() || !ymd.ok()) return std::nullopt;
  return Instant(date::sys_days(ymd)) - utc_offset;
}

std::optional<Instant> ParseTimeOrDate(std::string_view text, std::chrono::minutes utc_offset) {
  if (text.size() == 10) return ParseDate(text, utc_offset);
  return ParseTime(text);
}

std::string FormatTime(Instant t, std::chrono::minutes utc_offset) {
  auto local = std::chrono::floor<std::chrono::seconds>(t + utc_offset);
  std::string out = date::format("%FT%T", date::sys_seconds(local.time_since_epoch()));
  int minutes = int(utc_offset.count());
  char sign = minutes < 0 ? '-' : '+';
  minutes = std::abs(minutes);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, minutes / 60, minutes % 60);
  return out + buf;
}

std::string FormatDate(Instant t, std::chrono::minutes utc_offset) {
  auto day = std::chrono::floor<std::chrono::days>(t + utc_offset);
  return date::format("%F", date::sys_days(day.time_since_epoch()));
}

}  // namespace keyledger::server
