// The read side's view of a reminder (DOMAIN §7, API.md "Reminders"): what may fall due, what was
// raised, and the deterministic id that makes raising exactly-once (R-R3).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/time.h"

namespace keyledger::projections {

// The kinds of API.md. Stages of one kind (a visit past twice its cadence, a complaint's plan
// deadline after its first-contact deadline) are separate reminders with their own due times.
enum class ReminderKind : uint8_t {
  kProjectStale2w,
  kProjectStale1m,
  kProjectOnHold,
  kVisitOverdue,
  kKeyPersonContactDue,
  kComplaintOverdue,
  kApprovalPending,
};

// API name, e.g. "project_stale_2w".
std::string_view ReminderKindName(ReminderKind kind);
// Inverse of ReminderKindName; false if unknown.
bool ParseReminderKind(std::string_view name, ReminderKind& out);

// What a reminder is about (API `subject_type`).
enum class SubjectType : uint8_t { kProject, kAccount, kKeyPerson, kComplaint, kApplication };
std::string_view SubjectTypeName(SubjectType type);

// One pending deadline: at most one per (kind, subject, stage); a later schedule of the same
// slot replaces the earlier (the cause moved), a cancel removes it (the cause went away, R-R2).
struct ReminderSlot {
  ReminderKind kind = ReminderKind::kProjectStale2w;
  std::string subject_id;
  uint8_t stage = 0;  // 0 first deadline; 1 visit twice overdue / complaint plan deadline

  auto operator<=>(const ReminderSlot&) const = default;
  bool operator==(const ReminderSlot&) const = default;
};

struct ReminderSlotHash {
  size_t operator()(const ReminderSlot& s) const {
    return std::hash<std::string>()(s.subject_id) * 31 + static_cast<size_t>(s.kind) * 7 + s.stage;
  }
};

// How recipients are found at the due time (R-R4): a base person plus their supervisors.
enum class Audience : uint8_t {
  kPerson,                    // the person only (R-V2 first stage, R-V3)
  kPersonAndManager,          // + department manager of the person's unit (R-P5, R-V2, R-C3)
  kPersonManagerAndVp,        // + the VP of the area (R-P6, R-P7)
  kVpOnly,                    // the VP above the person: the approver of their registration
};

struct PendingReminder {
  ReminderSlot slot;
  SubjectType subject_type = SubjectType::kProject;
  Instant due;
  std::string person;          // owner / assignee / approver the audience is built around
  Audience audience = Audience::kPerson;
  std::string causation_id;    // id of the event the deadline was measured from
};

// A reminder the engine asks the write path to raise.
struct ReminderToRaise {
  std::string id;  // ReminderId(kind, subject, stage, due): also the stream is "reminder-" + id
  ReminderKind kind;
  SubjectType subject_type;
  std::string subject_id;
  uint8_t stage = 0;
  Instant due_at;
  std::vector<std::string> recipients;  // resolved from the org tree as of due_at
  std::string causation_id;
  std::string person;                   // the schedule's base person and audience, kept so a
  Audience audience = Audience::kPerson;  // failed raise can be put back unchanged
};

// "<kind>-<subject>-<stage>-<due unix seconds>": a pure function of the cause, so a restart or
// replay that computes the same deadline computes the same id, and the store's NoStream check on
// stream "reminder-<id>" refuses a second raise. Seconds suffice: distinct due times of one slot
// are at least a day apart.
std::string ReminderId(ReminderKind kind, std::string_view subject_id, uint8_t stage, Instant due);

}  // namespace keyledger::projections
