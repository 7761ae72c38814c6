// Reminders: the caller's list, acknowledgement (an event, R-R1), and the manual test clock.
#include "server/reminder_handlers.h"

#include "server/api_support.h"
#include "server/time_text.h"

namespace keyledger::server {
namespace {

std::string_view StateName(projections::ReminderState s) {
  return s == projections::ReminderState::kOpen ? "open" : "acked";
}

Response List(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  std::optional<projections::ReminderState> filter = projections::ReminderState::kOpen;
  if (auto s = req.QueryParam("state")) {
    if (*s == "open") filter = projections::ReminderState::kOpen;
    else if (*s == "acked") filter = projections::ReminderState::kAcknowledged;
    else if (*s == "all") filter = std::nullopt;
    else return ErrorResponse(FieldError("state", "must be one of: open, acked, all"));
  }
  auto org = ledger.Org().Current();
  return ledger.Reads().Read([&](const projections::ReadModels& m) {
    return ItemsPage([&](JsonOut& out) {
      for (const auto& r : m.reminders.ForRecipient(actor.user.value, filter)) {
        WriteReminder(out, r, m, *org, ledger.Config());
      }
    });
  });
}

Response Ack(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(meta, MetaFor(req, actor, ledger));
  std::string id(ctx.Param("id"));
  // Only a recipient sees that the reminder exists: everyone else gets 404, not 403.
  bool addressed = ledger.Reads().Read([&](const projections::ReadModels& m) {
    auto r = m.reminders.Get(id);
    return r && std::find(r->recipients.begin(), r->recipients.end(), actor.user.value) != r->recipients.end();
  });
  if (!addressed) return ErrorResponse({ApiErrorCode::kNotFound, "no such reminder for you", {}});
  auto result = ledger.Commands().Execute<ReminderAggregate>(id, domain::AcknowledgeReminder{}, meta);
  return CommandAnswer(ledger, result, id);
}

Response MoveClock(Ledger& ledger, projections::ManualClock& clock, const Request& req) {
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(now_text, root.OptionalString("now", 40));
  KL_TRY(days, root.OptionalInt("advance_days", 0, 3650));
  if (now_text.has_value() == days.has_value()) {
    return ErrorResponse(FieldError("now", "send exactly one of now, advance_days"));
  }
  if (now_text) {
    auto t = ParseTime(*now_text);
    if (!t) return ErrorResponse(FieldError("now", "an RFC 3339 time"));
    if (!clock.Set(*t)) {
      return ErrorResponse(ApiError{ApiErrorCode::kRuleViolation, "the test clock only moves forward", {}}
                               .Detail("rule", "clock_forward_only"));
    }
  } else {
    clock.Advance(Days(*days));
  }
  size_t raised = ledger.RunDueReminders();
  JsonOut out;
  out.BeginObject();
  out.Field("now", FormatTime(clock.Now(), ledger.Config().utc_offset));
  out.Field("raised", uint64_t{raised});
  out.Field("head_seq", ledger.Store().HeadSeq().value);
  out.EndObject();
  return JsonResponse(out.Take());
}

}  // namespace

void WriteReminder(JsonOut& out, const projections::ReminderView& r, const projections::ReadModels& m,
                   const domain::OrgState& org, const domain::DomainConfig& config) {
  out.BeginObject();
  out.Field("id", r.id);
  out.Field("kind", projections::ReminderKindName(r.kind));
  out.Field("subject_type", projections::SubjectTypeName(r.subject_type));
  out.Field("subject_id", r.subject_id);
  std::string subject_name, owner;
  if (r.subject_type == projections::SubjectType::kProject) {
    if (const auto* p = m.projects.Find(r.subject_id)) {
      subject_name = p->name;
      owner = m.projects.Str(p->owner);
    }
  } else if (r.subject_type == projections::SubjectType::kAccount) {
    if (const auto* a = m.accounts.Find(r.subject_id)) {
      subject_name = a->name;
      owner = a->owner;
    }
  }
  out.Field("subject_name", subject_name);
  out.Field("due_at", FormatTime(r.due_at, config.utc_offset));
  out.Field("raised_at", FormatTime(r.raised_at, config.utc_offset));
  out.Key("recipients");
  out.BeginArray();
  for (const auto& u : r.recipients) out.String(u);
  out.EndArray();
  out.Field("state", StateName(r.state));
  if (!owner.empty()) {
    out.Field("owner", owner);
    out.Field("owner_name", DisplayName(org, domain::UserId{owner}));
    auto user = org.users.find(domain::UserId{owner});
    if (user != org.users.end()) {
      out.Field("org_unit", user->second.unit.value);
      auto unit = org.units.find(user->second.unit);
      out.Field("org_unit_name", unit == org.units.end() ? user->second.unit.value : unit->second.name);
    }
  }
  out.EndObject();
}

std::optional<std::string> ReminderFrame(Ledger& ledger, std::string_view reminder_id, std::string_view user) {
  auto org = ledger.Org().Current();
  return ledger.Reads().Read([&](const projections::ReadModels& m) -> std::optional<std::string> {
    for (const auto& r : m.reminders.ForRecipient(user, std::nullopt)) {
      if (r.id != reminder_id) continue;
      JsonOut out;
      out.BeginObject();
      out.Field("type", "reminder");
      out.Key("reminder");
      WriteReminder(out, r, m, *org, ledger.Config());
      out.EndObject();
      return out.Take();
    }
    return std::nullopt;
  });
}

void AddReminderRoutes(Router& router, Ledger& ledger) {
  auto& l = ledger;
  router.Add("GET", "/api/reminders", Access::kAuthenticated,
             [&l](const Request& r, RequestContext& c) { return List(l, r, c); });
  router.Add("POST", "/api/reminders/{id}/ack", Access::kAuthenticated,
             [&l](const Request& r, RequestContext& c) { return Ack(l, r, c); });
}

void AddTestClockRoutes(Router& router, Ledger& ledger, projections::ManualClock& clock) {
  auto& l = ledger;
  auto& c = clock;
  // Public: the route exists only under --manual-clock, where tests and demos drive time.
  router.Add("POST", "/api/test/clock", Access::kPublic,
             [&l, &c](const Request& r, RequestContext&) { return MoveClock(l, c, r); });
}

}  // namespace keyledger::server
