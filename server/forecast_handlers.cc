// The monthly forecast (R-P10): approved projects whose expected signing date falls in the month
// (company time zone), grouped by owner, unit or VP area, with the domain's exact fen arithmetic
// (domain/forecast). Scope is the access policy's kReadForecast: a manager sees their unit, a VP
// their area, the business office, the general manager and the auditor everything; others 403.
#include "server/forecast_handlers.h"

#include <charconv>

#include "domain/core/calendar.h"
#include "domain/forecast/forecast.h"
#include "server/api_support.h"
#include "server/json_writer.h"

namespace keyledger::server {
namespace {

std::optional<std::chrono::year_month> ParseMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0;
  auto y = std::from_chars(text.data(), text.data() + 4, year);
  auto m = std::from_chars(text.data() + 5, text.data() + 7, month);
  if (y.ec != std::errc() || y.ptr != text.data() + 4 || m.ec != std::errc() || m.ptr != text.data() + 7) return std::nullopt;
  std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{month}};
  if (!ym.ok()) return std::nullopt;
  return ym;
}

std::string MonthText(std::chrono::year_month ym) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", int(ym.year()), unsigned(ym.month()));
  return buf;
}

std::string UnitName(const domain::OrgState& org, const std::string& id) {
  auto it = org.units.find(domain::OrgUnitId{id});
  return it == org.units.end() ? id : it->second.name;
}

Response Forecast(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  if (domain::ScopeFor(actor.role, domain::Action::kReadForecast) == domain::Scope::kNone) {
    return ErrorResponse(ApiError{ApiErrorCode::kForbidden, "the forecast is for managers, VPs and the business office", {}}
                             .Detail("action", "read_forecast"));
  }
  const domain::DomainConfig& config = ledger.Config();
  const Instant now = ledger.Now();
  std::chrono::year_month month;
  if (auto text = req.QueryParam("month"); text && !text->empty()) {
    auto parsed = ParseMonth(*text);
    if (!parsed) return ErrorResponse(FieldError("month", "a month YYYY-MM"));
    month = *parsed;
  } else {
    auto today = domain::LocalDate(now, config);
    month = today.year() / today.month();
  }
  domain::ForecastGroupBy group_by = domain::ForecastGroupBy::kOwner;
  if (auto text = req.QueryParam("group_by"); text && !text->empty()) {
    auto parsed = domain::ParseEnum<domain::ForecastGroupBy>(*text);
    if (!parsed) return ErrorResponse(FieldError("group_by", "must be one of: owner, unit, vp_area"));
    group_by = *parsed;
  }
  auto org = ledger.Org().Current();

  // Candidates from the compact read model (approved, signing in the month, in scope); the
  // figures come from the aggregates, which are the truth the domain's arithmetic reads.
  std::vector<std::string> ids;
  ledger.Reads().Read([&](const projections::ReadModels& m) {
    for (const auto& row : m.projects.Rows()) {
      if (row.status != projections::ProjectStatus::kApproved) continue;
      auto date = domain::LocalDate(row.expected_signing, config);
      if (date.year() / date.month() != month) continue;
      if (!domain::MayDo(*org, actor, domain::Action::kReadForecast,
                         {domain::UserId{m.projects.Str(row.owner)}, std::nullopt, {}})) {
        continue;
      }
      ids.push_back(row.project_id);
    }
  });
  std::vector<domain::ProjectState> projects;
  projects.reserve(ids.size());
  for (const auto& id : ids) {
    auto loaded = ledger.Commands().Load<ProjectAggregate>(id);
    if (!loaded.ok()) return ErrorResponse(FromFailure(loaded.error()));
    if (loaded->second == 0) continue;
    // Scope again on the aggregate: its unit is the one recorded at registration.
    if (!domain::MayDo(*org, actor, domain::Action::kReadForecast, {loaded->first.owner, std::nullopt, {}})) continue;
    projects.push_back(std::move(loaded->first));
  }
  auto rows = domain::MonthlyForecast(projects, month, group_by, *org, config);

  JsonOut out;
  out.BeginObject();
  out.Field("month", MonthText(month));
  out.Field("group_by", domain::NameOf(group_by));
  out.Key("rows");
  out.BeginArray();
  for (const auto& row : rows) {
    out.BeginObject();
    out.Field("key", row.group);
    switch (group_by) {
      case domain::ForecastGroupBy::kOwner: out.Field("label", DisplayName(*org, domain::UserId{row.group})); break;
      case domain::ForecastGroupBy::kUnit: out.Field("label", UnitName(*org, row.group)); break;
      case domain::ForecastGroupBy::kVpArea:
        out.Field("label", row.group.empty() ? std::string("（无VP区域）") : UnitName(*org, row.group));
        break;
    }
    out.Field("count", row.projects);
    out.Field("contract_fen", row.contract_amount.fen);
    out.Field("expected_revenue_fen", row.expected_revenue.fen);
    out.Field("expected_profit_fen", row.expected_profit.fen);
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
  return JsonResponse(out.Take());
}

}  // namespace

void AddForecastRoutes(Router& router, Ledger& ledger) {
  auto& l = ledger;
  router.Add("GET", "/api/forecast", Access::kAuthenticated,
             [&l](const Request& r, RequestContext& c) { return Forecast(l, r, c); });
}

}  // namespace keyledger::server
