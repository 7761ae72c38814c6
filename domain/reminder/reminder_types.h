// Reminder kinds and subjects of API.md (R-R1).
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "domain/core/enum_names.h"

namespace keyledger::domain {

enum class ReminderKind { kProjectStale2w, kProjectStale1m, kProjectOnHold, kVisitOverdue, kKeyPersonContactDue, kComplaintOverdue, kApprovalPending };
template <>
struct EnumNames<ReminderKind> {
  static constexpr std::pair<ReminderKind, std::string_view> kNames[] = {
      {ReminderKind::kProjectStale2w, "project_stale_2w"}, {ReminderKind::kProjectStale1m, "project_stale_1m"},
      {ReminderKind::kProjectOnHold, "project_on_hold"}, {ReminderKind::kVisitOverdue, "visit_overdue"},
      {ReminderKind::kKeyPersonContactDue, "key_person_contact_due"}, {ReminderKind::kComplaintOverdue, "complaint_overdue"},
      {ReminderKind::kApprovalPending, "approval_pending"}};
};

enum class SubjectType { kProject, kAccount, kKeyPerson, kComplaint };
template <>
struct EnumNames<SubjectType> {
  static constexpr std::pair<SubjectType, std::string_view> kNames[] = {
      {SubjectType::kProject, "project"}, {SubjectType::kAccount, "account"},
      {SubjectType::kKeyPerson, "key_person"}, {SubjectType::kComplaint, "complaint"}};
};

struct ReminderSubject {
  SubjectType type = SubjectType::kProject;
  std::string id;
  friend bool operator==(const ReminderSubject&, const ReminderSubject&) = default;
};

}  // namespace keyledger::domain
