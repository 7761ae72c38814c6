// Reminder rules. Business meaning of each deadline is in DOMAIN.md; the numbers come from
// ReminderPolicy. Every slot of a subject is set or cancelled on every change of that subject, so
// the schedule is a pure function of the state (what makes replay and snapshot start-up agree).
#include "projections/reminder_rules.h"

namespace keyledger::projections {
namespace {

void Set(ReminderEngine& engine, ReminderKind kind, SubjectType type, std::string_view subject,
         uint8_t stage, Instant due, const std::string& person, Audience audience,
         const std::string& causation) {
  PendingReminder p;
  p.slot = ReminderSlot{kind, std::string(subject), stage};
  p.subject_type = type;
  p.due = due;
  p.person = person;
  p.audience = audience;
  p.causation_id = causation;
  engine.Schedule(std::move(p));
}

void Unset(ReminderEngine& engine, ReminderKind kind, std::string_view subject, uint8_t stage) {
  engine.Cancel(ReminderSlot{kind, std::string(subject), stage});
}

}  // namespace

std::string KeyPersonSubject(std::string_view account_id, std::string_view key_person_id) {
  std::string s(account_id);
  s += ':';
  s += key_person_id;
  return s;
}

void RescheduleProject(const ReadModels& m, std::string_view project_id, ReminderEngine& engine) {
  const ProjectRow* row = m.projects.Find(project_id);
  const ReminderPolicy& policy = m.Policy();
  const bool approved = row != nullptr && row->status == ProjectStatus::kApproved;
  const bool awaiting_approval =
      row != nullptr && (row->status == ProjectStatus::kRegistered ||
                         row->status == ProjectStatus::kConflictReview ||
                         row->status == ProjectStatus::kDeferred);
  if (approved) {
    const std::string& owner = m.projects.Str(row->owner);
    const Instant base = row->last_update_at;
    const std::string& cause = row->last_update_event_id;
    Set(engine, ReminderKind::kProjectStale2w, SubjectType::kProject, project_id, 0,
        base + policy.project_stale_2w, owner, Audience::kPersonAndManager, cause);
    Set(engine, ReminderKind::kProjectStale1m, SubjectType::kProject, project_id, 0,
        base + policy.project_stale_1m, owner, Audience::kPersonManagerAndVp, cause);
    Set(engine, ReminderKind::kProjectOnHold, SubjectType::kProject, project_id, 0,
        base + policy.project_on_hold, owner, Audience::kPersonManagerAndVp, cause);
  } else {
    Unset(engine, ReminderKind::kProjectStale2w, project_id, 0);
    Unset(engine, ReminderKind::kProjectStale1m, project_id, 0);
    if (row != nullptr && row->status == ProjectStatus::kOnHold) {
      // The on-hold and its reminder are two appends (two streams). If a crash fell between
      // them, the project is on hold but the reminder not raised: keep the slot so it is raised
      // on start (the sink's on-hold step then finds the project already on hold). If it was
      // raised, Schedule refuses the raised id and this is a no-op.
      Set(engine, ReminderKind::kProjectOnHold, SubjectType::kProject, project_id, 0,
          row->last_update_at + policy.project_on_hold, m.projects.Str(row->owner),
          Audience::kPersonManagerAndVp, row->last_update_event_id);
    } else {
      Unset(engine, ReminderKind::kProjectOnHold, project_id, 0);
    }
  }
  if (awaiting_approval) {
    // Untouched for N working days: any event on the project counts as a touch.
    Set(engine, ReminderKind::kApprovalPending, SubjectType::kProject, project_id, 0,
        m.Calendar().AddWorkingDays(row->last_touch_at, policy.approval_working_days),
        m.projects.Str(row->owner), Audience::kVpOnly, row->last_update_event_id);
  } else {
    Unset(engine, ReminderKind::kApprovalPending, project_id, 0);
  }
}

void RescheduleAccount(const ReadModels& m, std::string_view account_id, ReminderEngine& engine) {
  const AccountRow* row = m.accounts.Find(account_id);
  if (row == nullptr) return;
  const ReminderPolicy& policy = m.Policy();
  if (auto due = NextVisitDue(*row, policy)) {
    // Stage 0 at one cadence (owner), stage 1 at twice the cadence (owner and manager, R-V2).
    Set(engine, ReminderKind::kVisitOverdue, SubjectType::kAccount, account_id, 0, *due, row->owner,
        Audience::kPerson, row->last_event_id);
    Set(engine, ReminderKind::kVisitOverdue, SubjectType::kAccount, account_id, 1,
        *due + policy.VisitCadence(row->tier), row->owner, Audience::kPersonAndManager,
        row->last_event_id);
  } else {
    Unset(engine, ReminderKind::kVisitOverdue, account_id, 0);
    Unset(engine, ReminderKind::kVisitOverdue, account_id, 1);
  }
  for (const auto& kp : row->key_persons) {
    const std::string subject = KeyPersonSubject(account_id, kp.key_person_id);
    if (kp.next_contact_at && !row->owner.empty()) {
      Set(engine, ReminderKind::kKeyPersonContactDue, SubjectType::kKeyPerson, subject, 0,
          *kp.next_contact_at, row->owner, Audience::kPerson, row->last_event_id);
    } else {
      Unset(engine, ReminderKind::kKeyPersonContactDue, subject, 0);
    }
  }
}

void RescheduleComplaint(const ReadModels& m, std::string_view complaint_id, ReminderEngine& engine) {
  const ComplaintRow* row = m.complaints.Find(complaint_id);
  if (row == nullptr) return;
  if (!row->closed && !row->first_contact_at) {
    Set(engine, ReminderKind::kComplaintOverdue, SubjectType::kComplaint, complaint_id, 0,
        row->first_contact_due, row->assignee, Audience::kPersonAndManager, row->last_event_id);
  } else {
    Unset(engine, ReminderKind::kComplaintOverdue, complaint_id, 0);
  }
  if (!row->closed && !row->feedback_given && row->plan_deadline) {
    Set(engine, ReminderKind::kComplaintOverdue, SubjectType::kComplaint, complaint_id, 1,
        *row->plan_deadline, row->assignee, Audience::kPersonAndManager, row->last_event_id);
  } else {
    Unset(engine, ReminderKind::kComplaintOverdue, complaint_id, 1);
  }
}

void RescheduleApplication(const ReadModels& m, std::string_view application_id,
                           ReminderEngine& engine) {
  const ApplicationRow* row = m.applications.Find(application_id);
  if (row == nullptr) return;
  if (!row->closed) {
    Set(engine, ReminderKind::kApprovalPending, SubjectType::kApplication, application_id, 0,
        m.Calendar().AddWorkingDays(row->last_touch_at, m.Policy().approval_working_days),
        row->applicant, Audience::kVpOnly, row->last_event_id);
  } else {
    Unset(engine, ReminderKind::kApprovalPending, application_id, 0);
  }
}

}  // namespace keyledger::projections
