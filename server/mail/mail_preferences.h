// Which reminders a user wants by mail. Until a user chooses, the defaults of issue 7 hold: the
// stale-project kinds (two weeks, one month, put on hold) and complaint deadlines, and the weekly
// digest for those who get one (department managers).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/enum_names.h"
#include "domain/reminder/reminder_types.h"

namespace keyledger::server::mail {

struct MailPreferences {
  std::vector<std::string> kinds;  // reminder kind names, sorted, unique
  bool weekly_digest = true;

  static MailPreferences Defaults() {
    return {{"complaint_overdue", "project_on_hold", "project_stale_1m", "project_stale_2w"}, true};
  }
  bool Wants(std::string_view kind) const { return std::find(kinds.begin(), kinds.end(), kind) != kinds.end(); }
};

// True for a reminder kind name the domain knows (domain/reminder/reminder_types.h).
inline bool IsReminderKind(std::string_view name) {
  return domain::ParseEnum<domain::ReminderKind>(name).has_value();
}

}  // namespace keyledger::server::mail
