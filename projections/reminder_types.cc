// Names of reminder kinds and subject types, and the deterministic reminder id.
#include "projections/reminder_types.h"

#include <array>
#include <chrono>

namespace keyledger::projections {
namespace {

constexpr std::array<std::string_view, 7> kKindNames = {
    "project_stale_2w",        "project_stale_1m",  "project_on_hold", "visit_overdue",
    "key_person_contact_due", "complaint_overdue", "approval_pending",
};

}  // namespace

std::string_view ReminderKindName(ReminderKind kind) {
  return kKindNames[static_cast<size_t>(kind)];
}

bool ParseReminderKind(std::string_view name, ReminderKind& out) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) {
      out = static_cast<ReminderKind>(i);
      return true;
    }
  }
  return false;
}

std::string_view SubjectTypeName(SubjectType type) {
  switch (type) {
    case SubjectType::kProject: return "project";
    case SubjectType::kAccount: return "account";
    case SubjectType::kKeyPerson: return "key_person";
    case SubjectType::kComplaint: return "complaint";
    case SubjectType::kApplication: return "application";
  }
  return "unknown";
}

std::string ReminderId(ReminderKind kind, std::string_view subject_id, uint8_t stage, Instant due) {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(due.time_since_epoch()).count();
  std::string id(ReminderKindName(kind));
  id += '-';
  id += subject_id;
  id += '-';
  id += std::to_string(stage);
  id += '-';
  id += std::to_string(secs);
  return id;
}

}  // namespace keyledger::projections
