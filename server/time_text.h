// Times as the API writes and reads them: RFC 3339 with an offset ("2026-11-22T09:30:00+08:00"),
// and civil dates ("2027-01-15") taken in the company's time zone (R-R5).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/core/time.h"

namespace keyledger::server {

// RFC 3339 with "Z" or a numeric offset, optional fraction (up to microseconds); nullopt otherwise.
std::optional<Instant> ParseTime(std::string_view text);
// "YYYY-MM-DD" → local midnight in a zone `utc_offset` ahead of UTC; nullopt if not a real date.
std::optional<Instant> ParseDate(std::string_view text, std::chrono::minutes utc_offset);
// Either form: a date means local midnight.
std::optional<Instant> ParseTimeOrDate(std::string_view text, std::chrono::minutes utc_offset);
// "2026-11-22T09:30:00+08:00" (seconds precision) in a zone `utc_offset` ahead of UTC.
std::string FormatTime(Instant t, std::chrono::minutes utc_offset);
// "2026-11-22": the local civil date of `t`.
std::string FormatDate(Instant t, std::chrono::minutes utc_offset);

}  // namespace keyledger::server
