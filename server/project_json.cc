// Project JSON and the allowed-actions probe.
#include "server/project_json.h"

#include "domain/access/access_policy.h"
#include "domain/core/enum_names.h"
#include "server/time_text.h"

namespace keyledger::server {
using domain::ProjectStatus;

domain::AccessSubject ProjectSubject(const domain::ProjectState& p) {
  domain::AccessSubject s{p.owner, p.owner_unit, {}};
  for (const auto& share : p.credit_split) s.participants.push_back(share.user);
  for (const auto& r : p.conflict_reviewers) s.participants.push_back(r);
  if (p.approver_vp) s.participants.push_back(*p.approver_vp);
  return s;
}

int64_t DaysSinceUpdate(const domain::ProjectState& p, Instant now) {
  return std::chrono::floor<std::chrono::days>(now - p.last_activity).count();
}

std::string_view StalenessOf(const domain::ProjectState& p, Instant now, const domain::DomainConfig& config) {
  if (p.status == ProjectStatus::kOnHold) return "on_hold";
  if (p.status != ProjectStatus::kApproved) return "fresh";
  auto quiet = now - p.last_activity;
  if (quiet >= config.stale_escalation) return "stale_1m";
  if (quiet >= config.stale_reminder) return "stale_2w";
  return "fresh";
}

std::vector<std::string_view> AllowedActions(const domain::OrgState& org, const domain::Actor& actor,
                                             const domain::ProjectState& p, Instant now,
                                             const domain::DomainConfig& config) {
  // Each API action with a representative command: allowed when the policy covers the caller and
  // Decide would accept it. Decide is pure and takes microseconds, so asking it is cheaper than
  // keeping a second copy of the status machine here.
  struct Probe {
    std::string_view name;
    domain::ProjectCommand command;
  };
  const bool office = actor.role == domain::Role::kBusinessOffice;
  const Probe probes[] = {
      {"update", domain::UpdateProject{"probe", {}}},
      {"credit_split", domain::RecordCreditSplit{{{p.owner, 100}}, domain::IsManagement(actor.role), "probe"}},
      {"contract_signed", office ? domain::ProjectCommand(domain::MarkContractSigned{p.details.contract_amount, now})
                                 : domain::ProjectCommand(domain::RequestContractReview{"probe"})},
      {"close", domain::CloseProject{"probe"}},
      {"approve", domain::DecideProject{domain::ProjectDecisionKind::kApprove, "probe"}},
      {"defer", domain::DecideProject{domain::ProjectDecisionKind::kDefer, "probe"}},
      {"reject", domain::DecideProject{domain::ProjectDecisionKind::kReject, "probe"}},
      {"conflict_review", domain::ReviewConflict{false, "probe"}},
      {"reactivation", domain::RequestReactivation{"probe", "probe"}},
      {"reactivation_review", domain::ReviewReactivation{false, "probe"}},
  };
  std::vector<std::string_view> allowed;
  const domain::AccessSubject subject = ProjectSubject(p);
  domain::Context ctx{now, actor, "probe-id", "XM-PROBE", &config};
  for (const auto& probe : probes) {
    if (!domain::MayDo(org, actor, domain::ActionOf(probe.command), subject)) continue;
    auto decision = domain::Decide(p, probe.command, ctx);
    if (decision.ok() && !decision->empty()) allowed.push_back(probe.name);
  }
  return allowed;
}

void WriteProject(JsonOut& out, const domain::ProjectState& p, uint64_t version, const ProjectJsonContext& ctx) {
  const auto offset = ctx.config.utc_offset;
  out.BeginObject();
  out.Field("id", p.id.value);
  out.Field("version", version);
  out.Field("number", p.number);
  out.Field("name", p.details.name);
  out.Field("account_id", p.details.account.value);
  out.Field("account_name", ctx.account_name.empty() ? std::string_view(p.details.customer_name) : ctx.account_name);
  out.Field("end_user", p.details.end_user);
  out.Field("owner", p.owner.value);
  out.Field("owner_name", DisplayName(ctx.org, p.owner));
  out.Field("org_unit", p.owner_unit.value);
  auto unit = ctx.org.units.find(p.owner_unit);
  out.Field("org_unit_name", unit == ctx.org.units.end() ? p.owner_unit.value : unit->second.name);
  out.Field("status", domain::NameOf(p.status));
  out.Field("products", p.details.products);
  out.Field("contract_amount_fen", p.details.contract_amount.fen);
  out.Field("win_probability", p.details.win_probability);
  out.Field("margin_pct", p.details.margin);
  out.Key("expected_signing_date");
  if (p.details.expected_signing) out.String(FormatDate(*p.details.expected_signing, offset)); else out.Null();
  out.Field("stage", p.details.stage);
  out.Field("registered_at", FormatTime(p.registered_at, offset));
  out.Field("last_update_at", FormatTime(p.last_activity, offset));
  out.Field("days_since_update", DaysSinceUpdate(p, ctx.now));
  out.Field("staleness", StalenessOf(p, ctx.now, ctx.config));
  out.Field("updates", int64_t{p.updates});
  if (!p.closed_reason.empty()) out.Field("closed_reason", p.closed_reason);
  out.Key("credit_split");
  out.BeginArray();
  for (const auto& share : p.credit_split) {
    out.BeginObject();
    out.Field("user", share.user.value);
    out.Field("user_name", DisplayName(ctx.org, share.user));
    out.Field("percent", share.percent);
    out.EndObject();
  }
  out.EndArray();
  out.Field("needs_credit_split", p.needs_credit_split);
  out.Key("conflict");
  if (p.status == ProjectStatus::kConflictReview || p.rejected_by_conflict) {
    out.BeginObject();
    out.Field("state", p.rejected_by_conflict ? "confirmed" : "possible");
    out.Key("reviewers");
    out.BeginArray();
    for (const auto& r : p.conflict_reviewers) out.String(r.value);
    out.EndArray();
    out.Field("objection_pending", p.objection_pending);
    out.EndObject();
  } else {
    out.Null();
  }
  if (p.successor) out.Field("successor", p.successor->value);
  if (p.reactivates) out.Field("reactivates", p.reactivates->value);
  out.Field("reactivation_pending", p.reactivation_pending);
  if (ctx.viewer) {
    out.Key("allowed_actions");
    out.BeginArray();
    for (auto a : AllowedActions(ctx.org, *ctx.viewer, p, ctx.now, ctx.config)) out.String(a);
    out.EndArray();
  }
  out.EndObject();
}

}  // namespace keyledger::server
