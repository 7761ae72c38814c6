// The approvals inbox (client_web/API_ASSUMPTIONS.md "Approvals inbox"), derived from state, not
// stored: projects registered or deferred whose approving VP is the caller (R-P3); conflict
// reviews where the caller is a reviewer who has not yet cleared (R-P2); reactivation requests
// for the business office (R-P8); named-account applications at the caller's step (R-A5: office
// check → VPs → GM). The read models name the candidates; each candidate aggregate is loaded to
// decide, so the answer agrees with what Decide would accept.
#include "server/approvals_handlers.h"

#include <algorithm>
#include <unordered_set>

#include "server/api_support.h"
#include "server/json_writer.h"
#include "server/time_text.h"

namespace keyledger::server {
namespace {

using domain::Role;

struct Item {
  std::string kind;
  std::string subject_type;
  std::string subject_id;
  std::string subject_name;
  std::string requested_by;
  Instant requested_at;
  std::string step;
  uint64_t version = 0;
  std::string summary;
};

// "2,380,000.00 元 · 30%".
std::string AmountSummary(domain::Money amount, int probability) {
  const int64_t fen = amount.fen < 0 ? -amount.fen : amount.fen;
  std::string yuan = std::to_string(fen / 100);
  for (int i = int(yuan.size()) - 3; i > 0; i -= 3) yuan.insert(size_t(i), ",");
  char cents[8];
  std::snprintf(cents, sizeof cents, ".%02d", int(fen % 100));
  return (amount.fen < 0 ? "-" : "") + yuan + cents + " 元 · " + std::to_string(probability) + "%";
}

bool Contains(const std::vector<domain::UserId>& v, const domain::UserId& u) {
  return std::find(v.begin(), v.end(), u) != v.end();
}

struct Candidates {
  std::vector<std::pair<std::string, Instant>> projects;  // id, last touch
  std::vector<std::pair<std::string, Instant>> accounts;  // account id, application submitted
};

Candidates FindCandidates(Ledger& ledger, const domain::Actor& actor) {
  using PS = projections::ProjectStatus;
  const bool decides_projects = actor.role == Role::kVp;
  const bool reviews_reactivation = actor.role == Role::kBusinessOffice;
  const bool reviews_named = actor.role == Role::kBusinessOffice || actor.role == Role::kVp || actor.role == Role::kGm;
  Candidates c;
  ledger.Reads().Read([&](const projections::ReadModels& m) {
    for (const auto& row : m.projects.Rows()) {
      const bool wanted = row.status == PS::kConflictReview ||
                          (decides_projects && (row.status == PS::kRegistered || row.status == PS::kDeferred)) ||
                          (reviews_reactivation && row.status == PS::kOnHold);
      if (wanted) c.projects.emplace_back(row.project_id, row.last_touch_at);
    }
    if (!reviews_named) return;
    std::unordered_set<std::string> seen;
    for (const auto& id : m.applications.Ids()) {
      const auto* row = m.applications.Find(id);
      if (!row || row->closed || !seen.insert(row->account_id).second) continue;
      c.accounts.emplace_back(row->account_id, row->submitted_at);
    }
  });
  return c;
}

std::optional<Item> ProjectItem(Ledger& ledger, const domain::Actor& actor, const std::string& id, Instant touched) {
  auto loaded = ledger.Commands().Load<ProjectAggregate>(id);
  if (!loaded.ok() || loaded->second == 0) return std::nullopt;
  const domain::ProjectState& p = loaded->first;
  Item item{"", "project", id, p.details.name, p.owner.value, p.registered_at, "", loaded->second,
            AmountSummary(p.details.contract_amount, p.details.win_probability)};
  using PS = domain::ProjectStatus;
  switch (p.status) {
    case PS::kConflictReview:
      if (!Contains(p.conflict_reviewers, actor.user) || Contains(p.conflict_cleared_by, actor.user)) return std::nullopt;
      item.kind = "conflict_review";
      item.step = "conflict_review";
      return item;
    case PS::kRegistered:
    case PS::kDeferred:
      if (actor.role != Role::kVp || p.approver_vp != actor.user) return std::nullopt;
      item.kind = "project_registration";
      item.step = "vp";
      return item;
    case PS::kOnHold:
      if (actor.role != Role::kBusinessOffice || !p.reactivation_pending) return std::nullopt;
      item.kind = "reactivation";
      item.step = "business_office";
      item.requested_at = touched;  // the request is the project's last event
      return item;
    case PS::kNone:
    case PS::kApproved:
    case PS::kRejected:
    case PS::kContractSigned:
    case PS::kClosed:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Item> ApplicationItem(Ledger& ledger, const domain::Actor& actor, const std::string& id, Instant submitted) {
  auto loaded = ledger.Commands().Load<AccountAggregate>(id);
  if (!loaded.ok() || loaded->second == 0) return std::nullopt;
  const domain::AccountState& a = loaded->first;
  const domain::NamedApplication& app = a.application;
  Item item{"named_application", "account", id, a.profile.name, app.applicant.value, submitted, "", loaded->second,
            a.code + " · " + std::string(domain::NameOf(a.tier))};
  using AS = domain::ApplicationStage;
  switch (app.stage) {
    case AS::kOfficeCheck:
      if (actor.role != Role::kBusinessOffice) return std::nullopt;
      item.step = "business_office";
      return item;
    case AS::kVpReview:
      if (actor.role != Role::kVp || Contains(app.approving_vps, actor.user)) return std::nullopt;
      item.step = "vp";
      return item;
    case AS::kGmApproval:
    case AS::kSecondReview:
      if (actor.role != Role::kGm) return std::nullopt;
      item.step = "gm";
      return item;
    case AS::kNone:
    case AS::kRejected:
      return std::nullopt;
  }
  return std::nullopt;
}

Response List(Ledger& ledger, const Request&, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  Candidates candidates = FindCandidates(ledger, actor);
  std::vector<Item> items;
  for (const auto& [id, touched] : candidates.projects) {
    if (auto item = ProjectItem(ledger, actor, id, touched)) items.push_back(std::move(*item));
  }
  for (const auto& [id, submitted] : candidates.accounts) {
    if (auto item = ApplicationItem(ledger, actor, id, submitted)) items.push_back(std::move(*item));
  }
  // Oldest request first: that is the one keeping someone waiting longest.
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return a.requested_at != b.requested_at ? a.requested_at < b.requested_at : a.subject_id < b.subject_id;
  });
  auto org = ledger.Org().Current();
  const auto offset = ledger.Config().utc_offset;
  return ItemsPage([&](JsonOut& out) {
    for (const auto& item : items) {
      out.BeginObject();
      out.Field("kind", item.kind);
      out.Field("subject_type", item.subject_type);
      out.Field("subject_id", item.subject_id);
      out.Field("subject_name", item.subject_name);
      out.Field("requested_by", item.requested_by);
      out.Field("requested_by_name", DisplayName(*org, domain::UserId{item.requested_by}));
      out.Field("requested_at", FormatTime(item.requested_at, offset));
      out.Field("step", item.step);
      out.Field("version", item.version);
      out.Field("summary", item.summary);
      out.EndObject();
    }
  });
}

}  // namespace

void AddApprovalRoutes(Router& router, Ledger& ledger) {
  auto& l = ledger;
  router.Add("GET", "/api/approvals", Access::kAuthenticated,
             [&l](const Request& r, RequestContext& c) { return List(l, r, c); });
}

}  // namespace keyledger::server
