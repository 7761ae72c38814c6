// Visit and survey endpoints (API.md "Visits", "Surveys"): logging a contact (R-V1) and a
// satisfaction survey (R-S1) in streams of their own, each checked against the access policy
// with the account's owner, and the account's visits and surveys read back through VisitIndex
// (the read side keeps only the visit cadence; see visit_index.h for why the index follows the log).
#include <algorithm>

#include "domain/codec/event_codec.h"
#include "server/account_json.h"
#include "server/account_routes.h"
#include "server/account_support.h"
#include "server/api_support.h"
#include "server/json_writer.h"
#include "server/org_view.h"
#include "server/time_text.h"

namespace keyledger::server {
namespace {

// people_met: a string (as the dashboard sends it) or an array of strings.
ApiResult<std::vector<std::string>> PeopleOf(const JsonObjectView& root) {
  std::vector<std::string> people;
  auto e = root.Element("people_met");
  if (!e || e->is_null()) return people;
  std::string_view text;
  if (e->get_string().get(text) == simdjson::SUCCESS) {
    if (text.size() > 4000) return Fail(FieldError("people_met", "longer than 4000 bytes"));
    if (!text.empty()) people.emplace_back(text);
    return people;
  }
  if (!e->is_array()) return Fail(FieldError("people_met", "a string or an array of strings"));
  for (auto item : simdjson::dom::array(*e)) {
    if (item.get_string().get(text) != simdjson::SUCCESS || text.size() > 400) {
      return Fail(FieldError("people_met", "a string or an array of strings"));
    }
    if (!text.empty()) people.emplace_back(text);
  }
  if (people.size() > 100) return Fail(FieldError("people_met", "at most 100 people"));
  return people;
}

ApiResult<std::optional<domain::ConstructionSatisfaction>> SatisfactionOf(const JsonObjectView& root) {
  if (!root.Has("satisfaction")) return std::optional<domain::ConstructionSatisfaction>();
  if (auto e = root.Element("satisfaction"); e && e->is_null()) return std::optional<domain::ConstructionSatisfaction>();
  auto obj = root.RequiredObject("satisfaction");
  if (!obj.ok()) return Fail(obj.error());
  domain::ConstructionSatisfaction s;
  struct Item {
    std::string_view name;
    int* target;
  };
  const Item items[] = {{"quality", &s.quality},
                        {"progress", &s.progress},
                        {"technical_management", &s.technical_management},
                        {"materials", &s.materials},
                        {"safety", &s.safety},
                        {"documents", &s.documents},
                        {"site_conduct", &s.site_conduct},
                        {"service_cooperation", &s.service_cooperation}};
  for (const auto& item : items) {
    // The 1..5 range is the domain's rule (R-V1); here only "a small integer".
    auto v = obj->OptionalInt(item.name, 0, 100);
    if (!v.ok()) return Fail(v.error());
    if (*v) *item.target = int(**v);
  }
  return std::optional<domain::ConstructionSatisfaction>(s);
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "、") + p;
  return out;
}

Response LogVisitRoute(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(kind, RequiredEnum<domain::VisitKind>(root, "kind"));
  KL_TRY(occurred_at, OptionalTimeField(root, "occurred_at", ledger));
  KL_TRY(date, OptionalTimeField(root, "date", ledger));
  // The exact time when given, else the day (local midnight).
  std::optional<Instant> when = occurred_at ? occurred_at : date;
  if (!when) return ErrorResponse(FieldError("date", "is required (date YYYY-MM-DD or occurred_at)"));
  KL_TRY(people, PeopleOf(root));
  KL_TRY(content, root.OptionalString("content", 20000));
  KL_TRY(report, root.OptionalString("report", 20000));
  KL_TRY(satisfaction, SatisfactionOf(root));
  const std::string account_id(ctx.Param("id"));
  KL_TRY(account, LoadAccount(ledger, account_id));
  domain::LogVisit command{domain::AccountId{account_id}, kind, *when, people, content.value_or(""),
                           report.value_or(""), satisfaction, account.state.profile.construction_customer};
  if (auto denied = CheckAccess(ledger, actor, domain::ActionOf(domain::VisitCommand(command)),
                                AccountSubject(account.state))) {
    return ErrorResponse(*denied);
  }
  KL_TRY(meta, MetaFor(req, actor, ledger));
  meta.new_id = NewUuid();
  auto result = ledger.Commands().Execute<VisitAggregate>(meta.new_id, command, meta);
  std::string id = result.ok() ? IdAfter(result->stream, "visit-") : meta.new_id;
  return CreatedAnswer(ledger, result, id, account_id);
}

// Reads of visits and surveys follow the list's scope (MaySeeAccountSummary): they are not the
// full file of R-A9 and are not logged.
ApiResult<LoadedAccount> SeeAccount(Ledger& ledger, const RequestContext& ctx, const domain::Actor& actor) {
  auto account = LoadAccount(ledger, ctx.Param("id"));
  if (!account.ok()) return account;
  auto org = ledger.Org().Current();
  // The effective owner, as the list has it: a non-named account's opener looks after it.
  const auto subject = AccountSubject(account->state);
  const std::string owner = subject.owner ? subject.owner->value : std::string();
  if (!MaySeeAccountSummary(*org, actor, owner)) {
    return Fail(ApiError{ApiErrorCode::kForbidden, "your role and scope do not allow this", {}}.Detail("action", "read_events"));
  }
  return account;
}

Response ListVisits(Ledger& ledger, VisitIndex& index, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(account, SeeAccount(ledger, ctx, actor));
  auto entries = index.For(account.state.id.value);
  if (!entries.ok()) return ErrorResponse(FromStoreError(entries.error()));
  std::vector<std::pair<EventEnvelope, domain::VisitLogged>> visits;
  for (const auto& vid : entries->visits) {
    auto visit = FirstEvent(ledger, VisitAggregate::Stream(vid), [](const EventEnvelope& e) {
      return domain::DecodeVisitEvent(e.type, e.schema_version, e.data);
    });
    if (visit) visits.emplace_back(std::move(visit->first), std::get<domain::VisitLogged>(visit->second));
  }
  // Newest contact first.
  std::stable_sort(visits.begin(), visits.end(), [](const auto& x, const auto& y) { return x.second.date > y.second.date; });
  auto org = ledger.Org().Current();
  const auto offset = ledger.Config().utc_offset;
  return ItemsPage([&](JsonOut& out) {
    for (const auto& [envelope, v] : visits) {
      out.BeginObject();
      out.Field("id", v.visit.value);
      out.Field("account_id", v.account.value);
      out.Field("occurred_at", FormatTime(v.date, offset));
      out.Field("date", FormatDate(v.date, offset));
      out.Field("kind", domain::NameOf(v.kind));
      out.Field("people_met", Joined(v.people_met));
      out.Key("people");
      out.BeginArray();
      for (const auto& p : v.people_met) out.String(p);
      out.EndArray();
      out.Field("content", v.content);
      out.Field("report", v.report);
      out.Field("visitor", v.visitor.value);
      out.Field("actor_name", DisplayName(*org, v.visitor));
      out.Field("recorded_at", FormatTime(envelope.occurred_at, offset));
      out.Key("satisfaction");
      if (v.satisfaction) {
        const auto& s = *v.satisfaction;
        out.BeginObject();
        out.Field("quality", s.quality);
        out.Field("progress", s.progress);
        out.Field("technical_management", s.technical_management);
        out.Field("materials", s.materials);
        out.Field("safety", s.safety);
        out.Field("documents", s.documents);
        out.Field("site_conduct", s.site_conduct);
        out.Field("service_cooperation", s.service_cooperation);
        out.EndObject();
      } else {
        out.Null();
      }
      out.EndObject();
    }
  });
}

// scores: {"service":4,…} (as the file shows them) or [{"dimension","score"}].
ApiResult<std::vector<domain::SurveyScore>> ScoresOf(const JsonObjectView& root) {
  std::vector<domain::SurveyScore> scores;
  auto e = root.Element("scores");
  if (!e || e->is_null()) return Fail(FieldError("scores", "is required"));
  auto score_of = [](simdjson::dom::element v) -> std::optional<int> {
    int64_t n = 0;
    if (v.get_int64().get(n) != simdjson::SUCCESS || n < 0 || n > 100) return std::nullopt;
    return int(n);
  };
  if (e->is_object()) {
    for (auto field : simdjson::dom::object(*e)) {
      auto n = score_of(field.value);
      if (!n) return Fail(FieldError("scores." + std::string(field.key), "an integer score"));
      if (field.key.size() > 100) return Fail(FieldError("scores", "dimension names are at most 100 bytes"));
      scores.push_back({std::string(field.key), *n});
    }
    return scores;
  }
  if (!e->is_array()) return Fail(FieldError("scores", "an object {dimension: score} or an array of {dimension, score}"));
  size_t i = 0;
  for (auto item : simdjson::dom::array(*e)) {
    std::string path = "scores[" + std::to_string(i++) + "]";
    if (!item.is_object()) return Fail(FieldError(path, "an object {dimension, score}"));
    JsonObjectView s(simdjson::dom::object(item), path);
    auto dimension = s.RequiredString("dimension", 100);
    if (!dimension.ok()) return Fail(dimension.error());
    auto score = s.RequiredInt("score", 0, 100);
    if (!score.ok()) return Fail(score.error());
    scores.push_back({*dimension, int(*score)});
  }
  return scores;
}

// The survey round when none is given: the company-local half year, "2026-H2".
std::string DefaultPeriod(Instant now, std::chrono::minutes offset) {
  const std::string date = FormatDate(now, offset);  // YYYY-MM-DD
  const int month = std::atoi(date.c_str() + 5);
  return date.substr(0, 4) + (month <= 6 ? "-H1" : "-H2");
}

Response RecordSurveyRoute(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(scores, ScoresOf(root));
  KL_TRY(period, root.OptionalString("period", 64));
  KL_TRY(comment, root.OptionalString("comment", 20000));
  KL_TRY(comments, root.OptionalString("comments", 20000));
  const std::string account_id(ctx.Param("id"));
  KL_TRY(account, LoadAccount(ledger, account_id));
  // R-S1: the survey remembers the account's owner at the time (trends per owner).
  domain::RecordSurvey command{domain::AccountId{account_id},
                               period && !period->empty() ? *period : DefaultPeriod(ledger.Now(), ledger.Config().utc_offset),
                               scores, comment.value_or(comments.value_or("")),
                               account.state.owner.value_or(domain::UserId{})};
  if (auto denied = CheckAccess(ledger, actor, domain::ActionOf(domain::SurveyCommand(command)),
                                AccountSubject(account.state))) {
    return ErrorResponse(*denied);
  }
  KL_TRY(meta, MetaFor(req, actor, ledger));
  meta.new_id = NewUuid();
  auto result = ledger.Commands().Execute<SurveyAggregate>(meta.new_id, command, meta);
  std::string id = result.ok() ? IdAfter(result->stream, "survey-") : meta.new_id;
  return CreatedAnswer(ledger, result, id, account_id);
}

Response ListSurveys(Ledger& ledger, VisitIndex& index, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(account, SeeAccount(ledger, ctx, actor));
  auto entries = index.For(account.state.id.value);
  if (!entries.ok()) return ErrorResponse(FromStoreError(entries.error()));
  std::vector<domain::SurveyRecorded> surveys;
  for (const auto& sid : entries->surveys) {
    auto survey = FirstEvent(ledger, SurveyAggregate::Stream(sid), [](const EventEnvelope& e) {
      return domain::DecodeSurveyEvent(e.type, e.schema_version, e.data);
    });
    if (survey) surveys.push_back(std::get<domain::SurveyRecorded>(survey->second));
  }
  std::stable_sort(surveys.begin(), surveys.end(), [](const auto& x, const auto& y) { return x.at > y.at; });
  return ItemsPage([&](JsonOut& out) {
    for (const auto& s : surveys) WriteSurvey(out, s, ledger.Config().utc_offset);
  });
}

}  // namespace

void AddVisitRoutes(Router& router, Ledger& ledger, std::shared_ptr<VisitIndex> index) {
  auto& l = ledger;
  router.Add("POST", "/api/accounts/{id}/visits", Access::kAuthenticated,
             [&l](const Request& r, RequestContext& c) { return LogVisitRoute(l, r, c); });
  router.Add("GET", "/api/accounts/{id}/visits", Access::kAuthenticated,
             [&l, index](const Request&, RequestContext& c) { return ListVisits(l, *index, c); });
  router.Add("POST", "/api/accounts/{id}/surveys", Access::kAuthenticated,
             [&l](const Request& r, RequestContext& c) { return RecordSurveyRoute(l, r, c); });
  router.Add("GET", "/api/accounts/{id}/surveys", Access::kAuthenticated,
             [&l, index](const Request&, RequestContext& c) { return ListSurveys(l, *index, c); });
}

}  // namespace keyledger::server
