// Decide/Evolve for reminders.
#include "domain/reminder/reminder_decider.h"

#include <algorithm>

#include "domain/core/overloaded.h"

namespace keyledger::domain {
namespace {
bool Contains(const std::vector<UserId>& v, const UserId& u) { return std::find(v.begin(), v.end(), u) != v.end(); }
}  // namespace

std::string ReminderStreamId(ReminderKind kind, const ReminderSubject& subject, Instant due_at) {
  return std::string(NameOf(kind)) + ":" + std::string(NameOf(subject.type)) + ":" + subject.id + ":" +
         std::to_string(ToUnixMicros(due_at));
}

Decision<ReminderEvent> Decide(const ReminderState& s, const ReminderCommand& command, const Context& ctx) {
  using Events = std::vector<ReminderEvent>;
  const Actor& a = ctx.actor;
  return std::visit(
      Overloaded{
          [&](const RaiseReminder& c) -> Decision<ReminderEvent> {
            if (a.role != Role::kSystem) return Fail(Forbidden("R-R1", "reminders are raised by the system"));
            if (s.raised || s.cancelled) return Events{};
            if (c.recipients.empty()) return Fail(Invalid("recipients", "a reminder has recipients", "R-R1"));
            if (c.subject.id.empty()) return Fail(Invalid("subject", "a reminder has a subject", "R-R1"));
            return Events{ReminderRaised{c.kind, c.subject, c.recipients, c.due_at, ctx.now, c.causation}};
          },
          [&](const AcknowledgeReminder&) -> Decision<ReminderEvent> {
            if (!s.raised) return Fail(NotFound("reminder"));
            if (!Contains(s.recipients, a.user)) return Fail(Forbidden("R-R1", "only a recipient acknowledges"));
            if (Contains(s.acknowledged_by, a.user)) return Events{};
            return Events{ReminderAcknowledged{a.user, ctx.now}};
          },
          [&](const CancelReminder& c) -> Decision<ReminderEvent> {
            if (a.role != Role::kSystem) return Fail(Forbidden("R-R2", "reminders are cancelled by the system when the cause goes away"));
            if (s.cancelled) return Events{};
            return Events{ReminderCancelled{c.reason, c.causation, ctx.now}};
          },
      },
      command);
}

ReminderState Evolve(ReminderState s, const ReminderEvent& event) {
  std::visit(Overloaded{
                 [&](const ReminderRaised& e) {
                   s.raised = true;
                   s.kind = e.kind;
                   s.subject = e.subject;
                   s.recipients = e.recipients;
                   s.due_at = e.due_at;
                 },
                 [&](const ReminderAcknowledged& e) { s.acknowledged_by.push_back(e.by); },
                 [&](const ReminderCancelled&) { s.cancelled = true; },
             },
             event);
  return s;
}

bool IsOpenFor(const ReminderState& s, const UserId& user) {
  return s.raised && !s.cancelled && Contains(s.recipients, user) && !Contains(s.acknowledged_by, user);
}

}  // namespace keyledger::domain
