// Complaint endpoints: opening (R-C1), the R-C2 steps (assign, first contact, plan, feedback,
// follow-up visit, close, reopen), the R-C4 cause category, and the reads. Every command is
// checked against the access policy with the complaint's account owner, responsible unit and
// assignee before the domain decides; the domain decides the order of the steps.
#include "server/complaint_handlers.h"

#include <algorithm>

#include "domain/core/calendar.h"
#include "server/api_support.h"
#include "server/complaint_json.h"
#include "server/time_text.h"

namespace keyledger::server {
namespace {

// When the plan step names no deadline, the plan is due this many working days from now. The
// client's board sends only the measures; a script may send "deadline".
constexpr int kDefaultPlanWorkingDays = 5;

std::optional<std::string> AccountOwner(Ledger& ledger, const std::string& account_id) {
  return ledger.Reads().Read([&](const projections::ReadModels& m) -> std::optional<std::string> {
    const auto* row = m.accounts.Find(account_id);
    if (!row || row->owner.empty()) return std::nullopt;
    return row->owner;
  });
}

std::string AccountName(Ledger& ledger, const std::string& account_id) {
  return ledger.Reads().Read([&](const projections::ReadModels& m) {
    const auto* row = m.accounts.Find(account_id);
    return row ? row->name : std::string();
  });
}

// A free-text field the client may leave out; the step itself is the fact, so a neutral text
// stands in (the domain refuses empty notes so that scripts cannot record nothing by mistake).
ApiResult<std::string> NoteOr(const JsonObjectView& root, std::string_view field, std::string_view fallback) {
  auto note = root.OptionalString(field, 4000);
  if (!note.ok()) return Fail(note.error());
  if (!*note || (*note)->empty()) return std::string(fallback);
  return **note;
}

// Runs `command` on the complaint in the path after the access check.
Response RunOnComplaint(Ledger& ledger, const Request& req, RequestContext& ctx, const domain::ComplaintCommand& command) {
  KL_TRY(actor, ActorFor(ctx));
  std::string id(ctx.Param("id"));
  KL_TRY(complaint, LoadComplaint(ledger, id));
  auto subject = ComplaintSubject(complaint.state, AccountOwner(ledger, complaint.state.account.value));
  if (auto denied = CheckAccess(ledger, actor, domain::ActionOf(command), subject)) return ErrorResponse(*denied);
  KL_TRY(meta, MetaFor(req, actor, ledger));
  auto result = ledger.Commands().Execute<ComplaintAggregate>(id, command, meta);
  return CommandAnswer(ledger, result, id);
}

Response Open(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(account_id, root.RequiredString("account_id", 64));
  KL_TRY(contact, root.RequiredString("contact", 400));
  KL_TRY(content, root.RequiredString("content", 20000));
  KL_TRY(severity, OptionalEnum<domain::Severity>(root, "severity"));
  KL_TRY(cause, OptionalEnum<domain::ComplaintCause>(root, "cause"));
  auto account = ledger.Commands().Load<AccountAggregate>(account_id);
  if (!account.ok()) return ErrorResponse(FromFailure(account.error()));
  if (!account->first.exists) return ErrorResponse(FieldError("account_id", "no such account"));
  domain::AccessSubject subject{account->first.owner, std::nullopt, {}};
  if (auto denied = CheckAccess(ledger, actor, domain::Action::kOpenComplaint, subject)) return ErrorResponse(*denied);
  KL_TRY(meta, MetaFor(req, actor, ledger));
  meta.new_id = NewUuid();
  domain::OpenComplaint command{domain::AccountId{account_id}, content, contact,
                                severity.value_or(domain::Severity::kMedium), cause};
  auto result = ledger.Commands().Execute<ComplaintAggregate>(meta.new_id, command, meta);
  std::string id = result.ok() ? result->stream.substr(std::string_view("complaint-").size()) : meta.new_id;
  return CommandAnswer(ledger, result, id, 201);
}

Response Assign(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(assignee, root.RequiredString("assignee", 64));
  KL_TRY(unit, root.OptionalString("unit", 64));
  auto org = ledger.Org().Current();
  auto user = org->users.find(domain::UserId{assignee});
  if (user == org->users.end() || !user->second.enabled) return ErrorResponse(FieldError("assignee", "no such user"));
  domain::OrgUnitId unit_id = unit && !unit->empty() ? domain::OrgUnitId{*unit} : user->second.unit;
  if (!org->units.contains(unit_id)) return ErrorResponse(FieldError("unit", "no such org unit"));
  return RunOnComplaint(ledger, req, ctx, domain::AssignComplaint{unit_id, user->second.id});
}

Response Contact(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  KL_TRY(note, NoteOr(body.Root(), "note", "已与客户首次联系"));
  return RunOnComplaint(ledger, req, ctx, domain::RecordFirstContact{note});
}

Response Plan(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(measures, root.RequiredString("measures", 20000));
  KL_TRY(responsible, root.OptionalString("responsible", 64));
  KL_TRY(deadline_text, root.OptionalString("deadline", 40));
  const auto offset = ledger.Config().utc_offset;
  Instant deadline = domain::AddWorkingDays(ledger.Now(), kDefaultPlanWorkingDays, ledger.Config());
  if (deadline_text && !deadline_text->empty()) {
    // A bare date means the end of that local day: "by the 20th" includes the 20th.
    std::optional<Instant> t = deadline_text->size() == 10 ? ParseDate(*deadline_text, offset) : ParseTime(*deadline_text);
    if (t && deadline_text->size() == 10) *t += Days(1) - std::chrono::seconds(1);
    if (!t) return ErrorResponse(FieldError("deadline", "a date YYYY-MM-DD or an RFC 3339 time"));
    deadline = *t;
  }
  domain::UserId who = actor.user;
  if (responsible && !responsible->empty()) {
    auto org = ledger.Org().Current();
    if (!org->users.contains(domain::UserId{*responsible})) return ErrorResponse(FieldError("responsible", "no such user"));
    who = domain::UserId{*responsible};
  } else {
    // The assignee answers for the plan unless the body names someone else.
    auto current = ledger.Commands().Load<ComplaintAggregate>(ctx.Param("id"));
    if (current.ok() && current->first.assignee) who = *current->first.assignee;
  }
  return RunOnComplaint(ledger, req, ctx, domain::PlanResolution{measures, who, deadline});
}

Response Resolve(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(feedback, root.OptionalString("feedback", 4000));
  KL_TRY(note, NoteOr(root, "note", "已向客户反馈处理结果"));
  return RunOnComplaint(ledger, req, ctx, domain::ResolveComplaint{feedback && !feedback->empty() ? *feedback : note});
}

// R-C2 回访. The board's follow-up step confirms satisfaction; an unsatisfied visit is recorded
// with "satisfied": false and leads to a reopen rather than a close.
Response FollowUp(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(satisfied, root.OptionalBool("satisfied"));
  KL_TRY(note, NoteOr(root, "note", ""));
  return RunOnComplaint(ledger, req, ctx, domain::RecordFollowUp{satisfied.value_or(true), note});
}

Response Categorise(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  KL_TRY(cause, RequiredEnum<domain::ComplaintCause>(body.Root(), "cause"));
  return RunOnComplaint(ledger, req, ctx, domain::CategoriseComplaint{cause});
}

// Closing needs a cause (R-C4): a close body may carry "cause", recorded first as its own event
// so the board can categorise and close in one step. The If-Match the client sent guards the
// first command it applies to; the Idempotency-Key belongs to the close (a retry finds the cause
// already set, skips the categorisation and gets the close's first answer).
Response Close(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(cause, OptionalEnum<domain::ComplaintCause>(root, "cause"));
  KL_TRY(note, NoteOr(root, "note", ""));
  KL_TRY(complaint, LoadComplaint(ledger, ctx.Param("id")));
  if (!cause || complaint.state.cause == *cause) return RunOnComplaint(ledger, req, ctx, domain::CloseComplaint{note});
  auto without = [&](std::string_view header) {
    Request copy = req;
    std::erase_if(copy.headers, [&](const HeaderField& h) { return EqualsIgnoreCase(h.name, header); });
    return copy;
  };
  Response categorised = RunOnComplaint(ledger, without("Idempotency-Key"), ctx, domain::CategoriseComplaint{*cause});
  if (categorised.status != 200) return categorised;
  return RunOnComplaint(ledger, without("If-Match"), ctx, domain::CloseComplaint{note});
}

Response Reopen(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  KL_TRY(reason, body.Root().OptionalString("reason", 4000));
  return RunOnComplaint(ledger, req, ctx, domain::ReopenComplaint{reason.value_or("")});
}

// Who may see a complaint at all: their read scope over it, or their handling scope.
bool MaySeeComplaint(const domain::OrgState& org, const domain::Actor& actor, const domain::AccessSubject& s) {
  return domain::MayDo(org, actor, domain::Action::kReadEvents, s) ||
         domain::MayDo(org, actor, domain::Action::kHandleComplaint, s);
}

Response GetComplaint(Ledger& ledger, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(complaint, LoadComplaint(ledger, ctx.Param("id")));
  auto org = ledger.Org().Current();
  auto subject = ComplaintSubject(complaint.state, AccountOwner(ledger, complaint.state.account.value));
  if (!MaySeeComplaint(*org, actor, subject)) {
    return ErrorResponse(ApiError{ApiErrorCode::kForbidden, "your role and scope do not allow this", {}});
  }
  JsonOut out;
  WriteComplaint(out, complaint, {*org, ledger.Now(), ledger.Config(), AccountName(ledger, complaint.state.account.value)});
  return JsonResponse(out.Take());
}

bool StateMatches(const ComplaintView& c, const std::optional<std::string>& filter) {
  if (!filter || filter->empty() || *filter == "all") return true;
  const bool closed = c.state.stage == domain::ComplaintStage::kClosed;
  if (*filter == "active") return !closed;
  if (*filter == "reopened") return !closed && c.state.reopen_count > 0;
  return ComplaintStateName(c.state) == *filter;
}

Response ListComplaints(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  auto filter = req.QueryParam("state");
  if (filter && !filter->empty() && *filter != "all" && *filter != "active" && *filter != "reopened" &&
      !domain::ParseEnum<domain::ComplaintStage>(*filter)) {
    return ErrorResponse(FieldError(
        "state", "must be one of: open, assigned, contacted, planned, resolved, followed_up, closed, reopened, active, all"));
  }
  auto account_filter = req.QueryParam("account");
  auto org = ledger.Org().Current();
  const Instant now = ledger.Now();

  // Scope on the compact read model first; load only what the caller may see.
  struct Candidate {
    std::string id;
    std::string account_name;
  };
  std::vector<Candidate> candidates;
  ledger.Reads().Read([&](const projections::ReadModels& m) {
    const bool only_open = filter && *filter != "closed" && *filter != "all" && !filter->empty();
    for (const auto* row : m.complaints.List(only_open)) {
      if (account_filter && row->account_id != *account_filter) continue;
      domain::AccessSubject s;
      std::string account_name;
      if (const auto* a = m.accounts.Find(row->account_id)) {
        if (!a->owner.empty()) s.owner = domain::UserId{a->owner};
        account_name = a->name;
      }
      if (!row->assignee.empty()) s.participants.push_back(domain::UserId{row->assignee});
      if (!MaySeeComplaint(*org, actor, s)) continue;
      candidates.push_back({row->complaint_id, std::move(account_name)});
    }
  });
  std::vector<std::pair<ComplaintView, std::string>> items;
  for (auto& c : candidates) {
    auto view = LoadComplaint(ledger, c.id);
    if (!view.ok() || !StateMatches(*view, filter)) continue;
    items.emplace_back(std::move(*view), std::move(c.account_name));
  }
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return a.first.opened_at != b.first.opened_at ? a.first.opened_at > b.first.opened_at
                                                  : a.first.state.id.value < b.first.state.id.value;
  });
  return ItemsPage([&](JsonOut& out) {
    for (const auto& [view, account_name] : items) WriteComplaint(out, view, {*org, now, ledger.Config(), account_name});
  });
}

}  // namespace

void AddComplaintRoutes(Router& router, Ledger& ledger) {
  auto& l = ledger;
  auto route = [&](const char* method, const char* path, Response (*fn)(Ledger&, const Request&, RequestContext&)) {
    router.Add(method, path, Access::kAuthenticated,
               [&l, fn](const Request& r, RequestContext& c) { return fn(l, r, c); });
  };
  route("POST", "/api/complaints", Open);
  route("GET", "/api/complaints", ListComplaints);
  router.Add("GET", "/api/complaints/{id}", Access::kAuthenticated,
             [&l](const Request&, RequestContext& c) { return GetComplaint(l, c); });
  route("POST", "/api/complaints/{id}/assign", Assign);
  route("POST", "/api/complaints/{id}/contact", Contact);
  route("POST", "/api/complaints/{id}/plan", Plan);
  route("POST", "/api/complaints/{id}/resolve", Resolve);
  route("POST", "/api/complaints/{id}/follow-up", FollowUp);
  route("POST", "/api/complaints/{id}/cause", Categorise);
  route("POST", "/api/complaints/{id}/close", Close);
  route("POST", "/api/complaints/{id}/reopen", Reopen);
}

}  // namespace keyledger::server
