// Named-account application endpoints (R-A5): the salesperson's application with the account
// plan and the R-A6 qualification facts, the review whose step (business office check, VP,
// general manager) the domain takes from the caller's role, the applicant's request for a second
// review, and the steps so far, read from the account's history.
#include "domain/core/overloaded.h"
#include "server/account_routes.h"
#include "server/account_support.h"
#include "server/api_support.h"
#include "server/json_writer.h"
#include "server/org_view.h"
#include "server/time_text.h"

namespace keyledger::server {
namespace {

constexpr int64_t kMaxFen = int64_t{1} << 53;

ApiResult<domain::AccountPlan> PlanOf(const JsonObjectView& root) {
  domain::AccountPlan plan;
  if (!root.Has("plan")) return plan;
  auto obj = root.RequiredObject("plan");
  if (!obj.ok()) return Fail(obj.error());
  struct Field {
    std::string_view name;
    std::string* target;
  };
  const Field fields[] = {{"customer_info", &plan.customer_info},     {"affiliates", &plan.affiliates},
                          {"past_cooperation", &plan.past_cooperation}, {"sales_potential", &plan.sales_potential},
                          {"products", &plan.products},               {"resources_needed", &plan.resources_needed}};
  for (const auto& f : fields) {
    auto v = obj->OptionalString(f.name, 20000);
    if (!v.ok()) return Fail(v.error());
    if (*v) *f.target = std::move(**v);
  }
  return plan;
}

ApiResult<domain::QualificationFacts> QualificationOf(const JsonObjectView& root) {
  domain::QualificationFacts q;
  if (!root.Has("qualification")) return q;
  auto obj = root.RequiredObject("qualification");
  if (!obj.ok()) return Fail(obj.error());
  struct Flag {
    std::string_view name;
    bool* target;
  };
  const Flag flags[] = {{"independent_legal_person", &q.independent_legal_person},
                        {"litigation_or_malicious_arrears", &q.litigation_or_malicious_arrears},
                        {"centralised_purchasing", &q.centralised_purchasing},
                        {"core_channel", &q.core_channel}};
  for (const auto& f : flags) {
    auto v = obj->OptionalBool(f.name);
    if (!v.ok()) return Fail(v.error());
    if (*v) *f.target = **v;
  }
  auto year = obj->OptionalInt("cooperation_year", 1, 1000);
  if (!year.ok()) return Fail(year.error());
  if (*year) q.cooperation_year = int(**year);
  struct Amount {
    std::string_view name;
    domain::Money* target;
  };
  const Amount amounts[] = {{"gross_profit_fen", &q.gross_profit},
                            {"technical_service_revenue_fen", &q.technical_service_revenue},
                            {"own_service_revenue_fen", &q.own_service_revenue},
                            {"channel_contracts_signed_fen", &q.channel_contracts_signed}};
  for (const auto& a : amounts) {
    auto v = obj->OptionalInt(a.name, 0, kMaxFen);
    if (!v.ok()) return Fail(v.error());
    if (*v) *a.target = domain::Money{**v};
  }
  return q;
}

Response Apply(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(body, BodyOf(req));
  KL_TRY(plan, PlanOf(body.Root()));
  KL_TRY(qualification, QualificationOf(body.Root()));
  // R-A4: how many named accounts the applicant holds already, from the read side.
  const int owned = NamedAccountsOwnedBy(ledger, actor.user);
  return RunOnAccount(ledger, req, ctx, domain::ApplyForNamed{plan, qualification, owned});
}

Response Review(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(decision, RequiredEnum<domain::ReviewDecision>(root, "decision"));
  KL_TRY(reason, root.OptionalString("reason", 4000));
  KL_TRY(justification, root.OptionalString("justification", 20000));
  return RunOnAccount(ledger, req, ctx,
                      domain::ReviewNamedApplication{decision, reason.value_or(""), justification.value_or("")});
}

Response SecondReview(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  KL_TRY(reason, body.Root().OptionalString("reason", 4000));
  return RunOnAccount(ledger, req, ctx, domain::RequestSecondReview{reason.value_or("")});
}

struct Step {
  std::string_view step;  // submitted | business_office | vp | gm | second_review
  domain::UserId actor;
  std::optional<bool> approved;
  std::string reason;
  std::string justification;
  Instant at;
};

// The steps of the latest application, from the account's history: the state keeps only where
// the application stands, not who decided what when. `revoked`: named status was revoked after it.
struct History {
  bool applied = false;
  bool revoked = false;
  std::vector<Step> steps;
  domain::AccountPlan plan;
  domain::QualificationFacts qualification;
};

Result<History, CommandFailure> ReadHistory(Ledger& ledger, const std::string& id) {
  History h;
  const std::string stream = AccountAggregate::Stream(id);
  constexpr size_t kPage = 1024;
  for (uint64_t from = 1;;) {
    auto events = ledger.Store().ReadStream(stream, from, kPage);
    if (!events.ok()) return Fail(StoreFailure(events.error()));
    for (const EventEnvelope& e : *events) {
      auto decoded = AccountAggregate::Decode(e.type, e.schema_version, e.data);
      if (!decoded.ok()) {
        return Fail(CommandFailure{CommandFailure::Kind::kCorrupt, {}, stream + ": " + decoded.error().message});
      }
      const Instant at = e.occurred_at;
      std::visit(domain::Overloaded{
                     [&](const domain::NamedApplicationSubmitted& ev) {
                       h = History{true, false, {}, ev.plan, ev.qualification};
                       h.steps.push_back({"submitted", ev.applicant, std::nullopt, "", "", at});
                     },
                     [&](const domain::NamedApplicationChecked& ev) {
                       h.steps.push_back({"business_office", ev.reviewer, ev.passed, ev.reason, "", at});
                     },
                     [&](const domain::NamedApplicationVpReviewed& ev) {
                       h.steps.push_back({"vp", ev.vp, ev.approved, ev.reason, ev.justification, at});
                     },
                     [&](const domain::NamedApplicationGmReviewed& ev) {
                       h.steps.push_back({"gm", ev.gm, ev.approved, ev.reason, "", at});
                     },
                     [&](const domain::NamedSecondReviewRequested& ev) {
                       h.steps.push_back({"second_review", ev.applicant, std::nullopt, ev.reason, "", at});
                     },
                     [&](const domain::NamedStatusRevoked&) { h.revoked = h.applied; },
                     [](const domain::AccountNamed&) {},  // the outcome: the state's kind says it
                     [](const domain::AccountOpened&) {}, [](const domain::AccountProfileUpdated&) {},
                     [](const domain::AffiliateAdded&) {}, [](const domain::AffiliateRemoved&) {},
                     [](const domain::TierChanged&) {}, [](const domain::KeyPersonAdded&) {},
                     [](const domain::KeyPersonUpdated&) {}, [](const domain::OwnerChanged&) {},
                     [](const domain::AccountReviewRecorded&) {}, [](const domain::QualificationAssessed&) {},
                     [](const domain::AccountFileRead&) {},
                 },
                 *decoded);
    }
    if (events->size() < kPage) return h;
    from = events->back().stream_version + 1;
  }
}

std::string_view StateOf(const domain::AccountState& a, const History& h) {
  if (h.revoked) return "revoked";
  if (a.kind == domain::AccountKind::kNamed) return "named";
  switch (a.application.stage) {
    case domain::ApplicationStage::kOfficeCheck:
    case domain::ApplicationStage::kVpReview:
    case domain::ApplicationStage::kGmApproval:
    case domain::ApplicationStage::kSecondReview:
      return "applied";
    case domain::ApplicationStage::kRejected:
      return "rejected";
    case domain::ApplicationStage::kNone:
      return "none";
  }
  return "none";
}

// Whose decision the application awaits: business_office | vp | gm, or null.
const char* PendingStep(domain::ApplicationStage stage) {
  switch (stage) {
    case domain::ApplicationStage::kOfficeCheck: return "business_office";
    case domain::ApplicationStage::kVpReview: return "vp";
    case domain::ApplicationStage::kGmApproval:
    case domain::ApplicationStage::kSecondReview: return "gm";
    case domain::ApplicationStage::kNone:
    case domain::ApplicationStage::kRejected: return nullptr;
  }
  return nullptr;
}

Response Get(Ledger& ledger, const Request&, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  std::string id(ctx.Param("id"));
  KL_TRY(account, LoadAccount(ledger, id));
  auto history = ReadHistory(ledger, id);
  if (!history.ok()) return ErrorResponse(FromFailure(history.error()));
  if (!history->applied) return ErrorResponse(ApiError{ApiErrorCode::kNotFound, "no named-account application", {}});
  const domain::UserId applicant = history->steps.front().actor;
  // Those who read the account's events (the applicant, their supervisors, the business office,
  // auditors) and every reviewer of applications (VPs of any area, GM) see the steps.
  domain::AccessSubject subject{account.state.owner, std::nullopt, {applicant}};
  auto org = ledger.Org().Current();
  if (!domain::MayDo(*org, actor, domain::Action::kReadEvents, subject) &&
      !domain::MayDo(*org, actor, domain::Action::kReviewNamed, subject)) {
    return ErrorResponse(ApiError{ApiErrorCode::kForbidden, "your role and scope do not allow this", {}}
                             .Detail("action", "read_events"));
  }
  const auto offset = ledger.Config().utc_offset;
  const auto& app = account.state.application;
  JsonOut out;
  out.BeginObject();
  out.Field("account_id", id);
  out.Field("version", account.version);
  out.Field("state", StateOf(account.state, *history));
  out.Field("stage", domain::NameOf(app.stage));
  out.Key("pending_step");
  if (const char* p = history->revoked ? nullptr : PendingStep(app.stage)) out.String(p); else out.Null();
  out.Field("applicant", applicant.value);
  out.Field("applicant_name", DisplayName(*org, applicant));
  out.Field("needs_gm_approval", app.needs_gm_approval);
  out.Field("final", app.final_decision);
  out.Key("steps");
  out.BeginArray();
  for (const auto& s : history->steps) {
    out.BeginObject();
    out.Field("step", s.step);
    out.Field("actor", s.actor.value);
    out.Field("actor_name", DisplayName(*org, s.actor));
    out.Key("decision");
    if (s.approved) out.String(*s.approved ? "approve" : "reject"); else out.Null();
    out.Field("reason", s.reason);
    if (!s.justification.empty()) out.Field("justification", s.justification);
    out.Field("at", FormatTime(s.at, offset));
    out.EndObject();
  }
  out.EndArray();
  const auto& plan = history->plan;
  out.Key("plan");
  out.BeginObject();
  out.Field("customer_info", plan.customer_info);
  out.Field("affiliates", plan.affiliates);
  out.Field("past_cooperation", plan.past_cooperation);
  out.Field("sales_potential", plan.sales_potential);
  out.Field("products", plan.products);
  out.Field("resources_needed", plan.resources_needed);
  out.EndObject();
  const auto& q = history->qualification;
  out.Key("qualification");
  out.BeginObject();
  out.Field("independent_legal_person", q.independent_legal_person);
  out.Field("litigation_or_malicious_arrears", q.litigation_or_malicious_arrears);
  out.Field("centralised_purchasing", q.centralised_purchasing);
  out.Field("core_channel", q.core_channel);
  out.Field("cooperation_year", q.cooperation_year);
  out.Field("gross_profit_fen", q.gross_profit.fen);
  out.Field("technical_service_revenue_fen", q.technical_service_revenue.fen);
  out.Field("own_service_revenue_fen", q.own_service_revenue.fen);
  out.Field("channel_contracts_signed_fen", q.channel_contracts_signed.fen);
  out.EndObject();
  out.EndObject();
  return JsonResponse(out.Take());
}

}  // namespace

void AddNamedApplicationRoutes(Router& router, Ledger& ledger) {
  auto& l = ledger;
  auto route = [&](const char* method, const char* path, Response (*fn)(Ledger&, const Request&, RequestContext&)) {
    router.Add(method, path, Access::kAuthenticated,
               [&l, fn](const Request& r, RequestContext& c) { return fn(l, r, c); });
  };
  route("POST", "/api/accounts/{id}/named-application", Apply);
  route("POST", "/api/accounts/{id}/named-application/review", Review);
  route("POST", "/api/accounts/{id}/named-application/second-review", SecondReview);
  route("GET", "/api/accounts/{id}/named-application", Get);
}

}  // namespace keyledger::server
