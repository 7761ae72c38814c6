// Audit endpoints (API.md "Audit"): raw events the caller may see, a project or account as of a
// past instant (R-U2, folded with the domain's own Evolve), the supervisor dashboard as of an
// instant (the read models folded to that instant), a stream's timeline (R-U3) and the access
// log (R-U4).
#include "server/audit_handlers.h"

#include "projections/audit.h"
#include "server/account_json.h"
#include "server/account_support.h"
#include "server/api_support.h"
#include "server/event_visibility.h"
#include "server/feed_protocol.h"
#include "server/json_writer.h"
#include "server/project_json.h"
#include "server/time_text.h"

namespace keyledger::server {
namespace {

ApiResult<std::optional<Instant>> TimeParam(const Request& req, std::string_view name, const Ledger& ledger) {
  auto text = req.QueryParam(name);
  if (!text || text->empty()) return std::optional<Instant>();
  auto t = ParseTimeOrDate(*text, ledger.Config().utc_offset);
  if (!t) return Fail(FieldError(std::string(name), "an RFC 3339 time or a date"));
  return std::optional<Instant>(*t);
}

// GET /api/events: pages through the log, keeping what the caller may see, until `limit` visible
// events or a scan budget are reached (so a caller who sees little cannot make one request scan
// the whole log); `next` continues after the last event looked at.
Response Events(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  uint64_t after = 0;
  size_t limit = 100;
  if (auto a = req.QueryParam("after")) after = std::strtoull(a->c_str(), nullptr, 10);
  if (auto l = req.QueryParam("limit")) limit = std::clamp<size_t>(std::strtoul(l->c_str(), nullptr, 10), 1, 1000);
  auto stream = req.QueryParam("stream");
  auto type = req.QueryParam("type");
  auto by = req.QueryParam("actor");
  KL_TRY(from, TimeParam(req, "from", ledger));
  KL_TRY(to, TimeParam(req, "to", ledger));
  auto org = ledger.Org().Current();
  // Admins read the org stream only (MaySeeEvent); other roles without an event scope read nothing.
  if (domain::ScopeFor(actor.role, domain::Action::kReadEvents) == domain::Scope::kNone &&
      actor.role != domain::Role::kAdmin) {
    return ErrorResponse({ApiErrorCode::kForbidden, "your role does not read events", {}});
  }
  std::vector<EventEnvelope> visible;
  Seq cursor(after);
  const Seq head = ledger.Store().HeadSeq();
  size_t budget = 50'000;
  while (visible.size() < limit && cursor < head && budget > 0) {
    auto page = ledger.Store().ReadAll(cursor, std::min<size_t>(1000, budget));
    if (!page.ok()) return ErrorResponse(FromStoreError(page.error()));
    if (page->empty()) break;
    for (auto& e : *page) {
      cursor = e.seq;
      --budget;
      if (stream && e.stream != *stream) continue;
      if (type && e.type != *type) continue;
      if (by && e.actor != *by) continue;
      if (from && e.occurred_at < *from) continue;
      if (to && e.occurred_at > *to) continue;
      if (!MaySee(*org, actor, ledger.Reads(), e)) continue;
      visible.push_back(std::move(e));
      if (visible.size() == limit) break;
    }
  }
  JsonOut out;
  out.BeginObject();
  out.Key("items");
  out.BeginArray();
  for (const auto& e : visible) WriteEvent(out, e);
  out.EndArray();
  out.Key("next");
  if (cursor < head) out.Uint(cursor.value); else out.Null();
  out.Field("head_seq", head.value);
  out.EndObject();
  return JsonResponse(out.Take());
}

// Folds aggregate A's stream up to `as_of` (occurred_at, as projections/audit.h explains).
template <class A>
ApiResult<std::pair<typename A::State, uint64_t>> FoldStreamAsOf(Ledger& ledger, std::string_view id, Instant as_of,
                                                                 Seq& last_seq) {
  auto events = ledger.Store().ReadStream(A::Stream(id), 1, std::numeric_limits<size_t>::max());
  if (!events.ok()) return Fail(FromStoreError(events.error()));
  typename A::State state{};
  uint64_t version = 0;
  for (const auto& e : *events) {
    if (e.occurred_at > as_of) continue;
    auto decoded = A::Decode(e.type, e.schema_version, e.data);
    if (!decoded.ok()) return Fail(ApiError{ApiErrorCode::kInternal, decoded.error().message, {}});
    state = domain::Evolve(std::move(state), *decoded);
    version = e.stream_version;
    last_seq = e.seq;
  }
  if (version == 0) return Fail(ApiError{ApiErrorCode::kNotFound, "it did not exist at that instant", {}});
  return std::pair<typename A::State, uint64_t>(std::move(state), version);
}

// An aggregate as it stood at `as_of`, read by a caller the policy allows.
template <class A>
struct PastState {
  domain::Actor actor;
  Instant as_of;
  Seq seq;  // the last event folded
  typename A::State state;
  uint64_t version = 0;
};

// Parses as_of (default now), folds the stream to it, and checks `action` for the caller.
// Access is judged on the aggregate as it is now: one moved out of my scope since is not mine.
template <class A, class SubjectOf>
ApiResult<PastState<A>> ReadAsOf(Ledger& ledger, const Request& req, const RequestContext& ctx,
                                 domain::Action action, SubjectOf subject_of) {
  auto actor = ActorFor(ctx);
  if (!actor.ok()) return Fail(actor.error());
  auto as_of = TimeParam(req, "as_of", ledger);
  if (!as_of.ok()) return Fail(as_of.error());
  PastState<A> past{*actor, as_of->value_or(ledger.Now()), Seq(), {}, 0};
  auto folded = FoldStreamAsOf<A>(ledger, ctx.Param("id"), past.as_of, past.seq);
  if (!folded.ok()) return Fail(folded.error());
  auto current = ledger.Commands().template Load<A>(ctx.Param("id"));
  const auto& subject_state = current.ok() ? current->first : folded->first;
  if (auto denied = CheckAccess(ledger, past.actor, action, subject_of(subject_state))) return Fail(*denied);
  past.state = std::move(folded->first);
  past.version = folded->second;
  return past;
}

// {"as_of","seq",<key>: …} around what `write` writes.
template <class Write>
Response AsOfAnswer(const Ledger& ledger, Instant as_of, Seq seq, std::string_view key, Write write) {
  JsonOut out;
  out.BeginObject();
  out.Field("as_of", FormatTime(as_of, ledger.Config().utc_offset));
  out.Field("seq", seq.value);
  out.Key(key);
  write(out);
  out.EndObject();
  return JsonResponse(out.Take());
}

Response ProjectAsOf(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(past, ReadAsOf<ProjectAggregate>(ledger, req, ctx, domain::Action::kReadEvents,
                                          [](const domain::ProjectState& p) { return ProjectSubject(p); }));
  auto org = ledger.Org().Current();
  return AsOfAnswer(ledger, past.as_of, past.seq, "project", [&](JsonOut& out) {
    WriteProject(out, past.state, past.version, {*org, past.as_of, ledger.Config(), "", nullptr});
  });
}

// An account file as it stood (R-U2). A past file is still the trade secret of R-A9: the same
// people may read it as the live file, and the read is logged before the body is sent.
Response AccountAsOf(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(past, ReadAsOf<AccountAggregate>(ledger, req, ctx, domain::Action::kReadAccountFile,
                                          [](const domain::AccountState& a) { return AccountSubject(a); }));
  KL_TRY(meta, MetaFor(req, past.actor, ledger));
  auto logged = ledger.Commands().Execute<AccountAggregate>(ctx.Param("id"), domain::ReadAccountFile{}, meta);
  if (!logged.ok()) return ErrorResponse(FromFailure(logged.error()));
  ledger.WaitApplied(logged->seq);
  auto org = ledger.Org().Current();
  return AsOfAnswer(ledger, past.as_of, past.seq, "account", [&](JsonOut& out) {
    WriteAccountFile(out, past.state, past.version, AccountFileParts{},
                     AccountJsonContext{*org, past.as_of, ledger.Config(), ledger.Reads().Policy()});
  });
}

Response Dashboard(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  if (domain::ScopeFor(actor.role, domain::Action::kReadForecast) == domain::Scope::kNone &&
      actor.role != domain::Role::kAuditor) {
    return ErrorResponse({ApiErrorCode::kForbidden, "the dashboard is for supervisors and auditors", {}});
  }
  KL_TRY(as_of_param, TimeParam(req, "as_of", ledger));
  Instant as_of = as_of_param.value_or(ledger.Now());
  const auto& reads = ledger.Reads();
  auto models = projections::FoldAsOf(ledger.Store(), reads.Decoder(), reads.Calendar(), reads.Policy(), as_of);
  if (!models.ok()) return ErrorResponse({ApiErrorCode::kUnavailable, models.error().message, {}});
  const projections::ReadModels& m = **models;
  auto org = ledger.Org().Current();
  std::map<std::string, int64_t> by_status;
  int64_t stale_2w = 0, stale_1m = 0, on_hold = 0;
  struct UnitCount {
    int64_t projects = 0, s2w = 0, s1m = 0, hold = 0;
  };
  std::map<std::string, UnitCount> by_unit;
  for (const auto& row : m.projects.Rows()) {
    const std::string& owner = m.projects.Str(row.owner);
    if (!domain::MayDo(*org, actor, domain::Action::kReadEvents, {domain::UserId{owner}, std::nullopt, {}}) &&
        actor.role != domain::Role::kAuditor) {
      continue;
    }
    ++by_status[std::string(projections::ProjectStatusName(row.status))];
    auto& unit = by_unit[m.org.UnitOf(owner, as_of)];
    ++unit.projects;
    switch (projections::StalenessAt(row, as_of, m.Policy())) {
      case projections::Staleness::kFine: break;
      case projections::Staleness::kStale2w: ++stale_2w; ++unit.s2w; break;
      case projections::Staleness::kStale1m: ++stale_1m; ++unit.s1m; break;
      case projections::Staleness::kOnHold: ++on_hold; ++unit.hold; break;
    }
  }
  int64_t open_reminders = 0;
  for (const auto& [user, count] : m.reminders.OpenCountByPerson()) open_reminders += int64_t(count);
  int64_t named = 0;
  for (const auto* a : m.accounts.List()) named += a->named ? 1 : 0;
  JsonOut out;
  out.BeginObject();
  out.Field("as_of", FormatTime(as_of, ledger.Config().utc_offset));
  out.Field("seq", m.LastSeq().value);
  out.Key("projects_by_status");
  out.BeginObject();
  for (const auto& [status, n] : by_status) out.Field(status, n);
  out.EndObject();
  out.Key("stale");
  out.BeginObject();
  out.Field("stale_2w", stale_2w);
  out.Field("stale_1m", stale_1m);
  out.Field("on_hold", on_hold);
  out.EndObject();
  out.Field("open_reminders", open_reminders);
  out.Field("named_accounts", named);
  out.Field("open_complaints", int64_t(m.complaints.List(true).size()));
  out.Key("by_unit");
  out.BeginArray();
  for (const auto& [unit_id, c] : by_unit) {
    out.BeginObject();
    out.Field("unit_id", unit_id);
    auto unit = org->units.find(domain::OrgUnitId{unit_id});
    out.Field("unit_name", unit == org->units.end() ? unit_id : unit->second.name);
    out.Field("projects", c.projects);
    out.Field("stale_2w", c.s2w);
    out.Field("stale_1m", c.s1m);
    out.Field("on_hold", c.hold);
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
  return JsonResponse(out.Take());
}

Response AccessLogQuery(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  if (domain::ScopeFor(actor.role, domain::Action::kReadAccessLog) == domain::Scope::kNone) {
    return ErrorResponse({ApiErrorCode::kForbidden, "the access log is for auditors, the GM and information admins", {}});
  }
  projections::AccessQuery q;
  q.account_id = req.QueryParam("account");
  q.user_id = req.QueryParam("user");
  KL_TRY(from, TimeParam(req, "from", ledger));
  KL_TRY(to, TimeParam(req, "to", ledger));
  q.from = from;
  q.to = to;
  auto org = ledger.Org().Current();
  return ledger.Reads().Read([&](const projections::ReadModels& m) {
    return ItemsPage([&](JsonOut& out) {
      for (const auto& e : m.access_log.Query(q)) {
        out.BeginObject();
        out.Field("at", FormatTime(e.at, ledger.Config().utc_offset));
        out.Field("seq", e.seq.value);
        out.Field("user", e.user_id);
        out.Field("user_name", DisplayName(*org, domain::UserId{e.user_id}));
        out.Field("account_id", e.account_id);
        const auto* a = m.accounts.Find(e.account_id);
        out.Field("account_name", a ? a->name : std::string());
        out.Field("action", "read_file");
        out.EndObject();
      }
    });
  });
}

}  // namespace

void AddAuditRoutes(Router& router, Ledger& ledger) {
  auto& l = ledger;
  auto route = [&](const char* path, Response (*fn)(Ledger&, const Request&, RequestContext&)) {
    router.Add("GET", path, Access::kAuthenticated, [&l, fn](const Request& r, RequestContext& c) { return fn(l, r, c); });
  };
  route("/api/events", Events);
  route("/api/audit/projects/{id}", ProjectAsOf);
  route("/api/audit/accounts/{id}", AccountAsOf);
  route("/api/audit/dashboard", Dashboard);
  route("/api/audit/access-log", AccessLogQuery);
}

}  // namespace keyledger::server
