// Project endpoints (API.md "Projects"): registration with the conflict check (R-P1, R-P2),
// conflict review, approval (R-P3), weekly updates (R-P4), credit split, contract, close (R-P9),
// reactivation (R-P8), and the reads. Every command is checked against the access policy with
// the project's owner, unit and participants before the domain decides.
#include "server/project_handlers.h"

#include "server/api_support.h"
#include "server/json_writer.h"
#include "server/project_json.h"
#include "server/time_text.h"

namespace keyledger::server {
namespace {

using domain::ProjectState;

struct Loaded {
  ProjectState state;
  uint64_t version = 0;
};

ApiResult<Loaded> LoadProject(Ledger& ledger, std::string_view id) {
  auto loaded = ledger.Commands().Load<ProjectAggregate>(id);
  if (!loaded.ok()) return Fail(FromFailure(loaded.error()));
  if (loaded->second == 0) return Fail(ApiError{ApiErrorCode::kNotFound, "no such project", {}});
  return Loaded{std::move(loaded->first), loaded->second};
}

std::string AccountName(Ledger& ledger, const domain::AccountId& id) {
  auto account = ledger.Commands().Load<AccountAggregate>(id.value);
  return account.ok() ? account->first.profile.name : std::string();
}

// Runs `command` on the project in the path after the access check.
Response RunOnProject(Ledger& ledger, const Request& req, RequestContext& ctx, const domain::ProjectCommand& command,
                      CommandMeta* prepared = nullptr) {
  KL_TRY(actor, ActorFor(ctx));
  std::string id(ctx.Param("id"));
  KL_TRY(project, LoadProject(ledger, id));
  if (auto denied = CheckAccess(ledger, actor, domain::ActionOf(command), ProjectSubject(project.state))) {
    return ErrorResponse(*denied);
  }
  CommandMeta meta;
  if (prepared) {
    meta = *prepared;
  } else {
    KL_TRY(m, MetaFor(req, actor, ledger));
    meta = m;
  }
  auto result = ledger.Commands().Execute<ProjectAggregate>(id, command, meta);
  return CommandAnswer(ledger, result, id);
}

ApiResult<std::optional<Instant>> OptionalDate(const JsonObjectView& obj, std::string_view field,
                                                const Ledger& ledger) {
  auto text = obj.OptionalString(field, 40);
  if (!text.ok()) return Fail(text.error());
  if (!*text || (*text)->empty()) return std::optional<Instant>();
  auto t = ParseTimeOrDate(**text, ledger.Config().utc_offset);
  if (!t) return Fail(FieldError(obj.PathOf(field), "a date YYYY-MM-DD or an RFC 3339 time"));
  return std::optional<Instant>(*t);
}

Response Register(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  domain::ProjectDetails d;
  KL_TRY(name, root.RequiredString("name", 400));
  KL_TRY(account_id, root.RequiredString("account_id", 64));
  KL_TRY(end_user, root.OptionalString("end_user", 400));
  KL_TRY(products, root.OptionalString("products", 2000));
  KL_TRY(amount, root.RequiredInt("contract_amount_fen", 0, int64_t{1} << 53));
  KL_TRY(probability, root.RequiredInt("win_probability", 0, 100));
  KL_TRY(margin, root.OptionalInt("margin_pct", 0, 100));
  KL_TRY(signing, OptionalDate(root, "expected_signing_date", ledger));
  KL_TRY(stage, root.OptionalString("stage", 200));
  KL_TRY(notes, root.OptionalString("notes", 20000));
  if (auto denied = CheckAccess(ledger, actor, domain::Action::kRegisterProject, {actor.user, actor.unit, {}})) {
    return ErrorResponse(*denied);
  }
  auto account = ledger.Commands().Load<AccountAggregate>(account_id);
  if (!account.ok()) return ErrorResponse(FromFailure(account.error()));
  if (!account->first.exists) return ErrorResponse(FieldError("account_id", "no such account"));
  const domain::AccountState& a = account->first;
  d.name = name;
  d.account = domain::AccountId{account_id};
  d.customer_name = a.profile.name;
  d.end_user = end_user.value_or("");
  d.products = products.value_or("");
  d.contract_amount = domain::Money{amount};
  d.win_probability = int(probability);
  d.margin = int(margin.value_or(0));
  d.expected_signing = signing;
  d.stage = stage.value_or("");
  d.notes = notes.value_or("");

  auto org = ledger.Org().Current();
  domain::RegistrationFacts facts;
  facts.account_is_named = a.kind == domain::AccountKind::kNamed;
  facts.account_owner = a.owner;
  facts.registrant_vp = domain::VpOf(*org, actor.user);
  facts.gm = domain::GeneralManager(*org);
  facts.conflicts = ledger.Conflicts().Find({actor.user, d.account, d.customer_name, d.end_user, d.name, std::nullopt});
  KL_TRY(meta, MetaFor(req, actor, ledger));
  meta.new_id = NewUuid();
  auto result = ledger.Commands().Execute<ProjectAggregate>(meta.new_id, domain::RegisterProject{d, facts}, meta);
  std::string id = result.ok() ? result->stream.substr(std::string_view("project-").size()) : meta.new_id;
  return CommandAnswer(ledger, result, id, 201);
}

Response Decision(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  KL_TRY(decision, RequiredEnum<domain::ProjectDecisionKind>(body.Root(), "decision"));
  KL_TRY(reason, body.Root().OptionalString("reason", 4000));
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(meta, MetaFor(req, actor, ledger));
  if (decision == domain::ProjectDecisionKind::kApprove) meta.project_number = ledger.ReserveProjectNumber(meta.now);
  return RunOnProject(ledger, req, ctx, domain::DecideProject{decision, reason.value_or("")}, &meta);
}

Response ConflictReview(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  KL_TRY(decision, body.Root().RequiredString("decision", 32));
  if (decision != "conflict" && decision != "no_conflict") {
    return ErrorResponse(FieldError("decision", "must be one of: conflict, no_conflict"));
  }
  KL_TRY(reason, body.Root().OptionalString("reason", 4000));
  return RunOnProject(ledger, req, ctx, domain::ReviewConflict{decision == "conflict", reason.value_or("")});
}

Response Update(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(note, root.RequiredString("note", 20000));
  domain::ProjectChanges changes;
  KL_TRY(amount, root.OptionalInt("contract_amount_fen", 0, int64_t{1} << 53));
  KL_TRY(probability, root.OptionalInt("win_probability", 0, 100));
  KL_TRY(margin, root.OptionalInt("margin_pct", 0, 100));
  KL_TRY(signing, OptionalDate(root, "expected_signing_date", ledger));
  KL_TRY(stage, root.OptionalString("stage", 200));
  KL_TRY(products, root.OptionalString("products", 2000));
  if (amount) changes.contract_amount = domain::Money{*amount};
  if (probability) changes.win_probability = int(*probability);
  if (margin) changes.margin = int(*margin);
  changes.expected_signing = signing;
  changes.stage = stage;
  changes.products = products;
  return RunOnProject(ledger, req, ctx, domain::UpdateProject{note, changes});
}

Response CreditSplit(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  auto splits = root.Element("splits");
  if (!splits || !splits->is_array()) return ErrorResponse(FieldError("splits", "an array of {user, percent}"));
  domain::RecordCreditSplit command;
  size_t i = 0;
  for (auto item : simdjson::dom::array(*splits)) {
    std::string path = "splits[" + std::to_string(i++) + "]";
    if (!item.is_object()) return ErrorResponse(FieldError(path, "an object {user, percent}"));
    JsonObjectView share(simdjson::dom::object(item), path);
    KL_TRY(user, share.RequiredString("user", 64));
    KL_TRY(percent, share.RequiredInt("percent", 0, 100));
    command.shares.push_back({domain::UserId{user}, int(percent)});
  }
  KL_TRY(by_management, root.OptionalBool("decided_by_management"));
  KL_TRY(note, root.OptionalString("note", 4000));
  command.decided_by_management = by_management.value_or(false);
  command.note = note.value_or("");
  return RunOnProject(ledger, req, ctx, command);
}

// R-P9: the owner asks for the contract review; the business office records the signature.
Response ContractSigned(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(body, BodyOf(req));
  if (actor.role != domain::Role::kBusinessOffice) {
    KL_TRY(note, body.Root().OptionalString("note", 4000));
    return RunOnProject(ledger, req, ctx, domain::RequestContractReview{note.value_or("")});
  }
  KL_TRY(project, LoadProject(ledger, ctx.Param("id")));
  KL_TRY(amount, body.Root().OptionalInt("signed_amount_fen", 0, int64_t{1} << 53));
  KL_TRY(signed_at, OptionalDate(body.Root(), "signed_at", ledger));
  domain::MarkContractSigned command{amount ? domain::Money{*amount} : project.state.details.contract_amount,
                                     signed_at.value_or(ledger.Now())};
  return RunOnProject(ledger, req, ctx, command);
}

Response Close(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  KL_TRY(reason, body.Root().OptionalString("reason", 4000));
  return RunOnProject(ledger, req, ctx, domain::CloseProject{reason.value_or("")});
}

Response Reactivation(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  auto root = body.Root();
  KL_TRY(reason, root.OptionalString("reason", 4000));
  KL_TRY(why_not, root.OptionalString("why_not_updated", 4000));
  KL_TRY(why_resume, root.OptionalString("why_resume", 4000));
  return RunOnProject(ledger, req, ctx,
                      domain::RequestReactivation{why_not.value_or(reason.value_or("")),
                                                  why_resume.value_or(reason.value_or(""))});
}

// R-P8: an accepted reactivation is registered anew, as its owner, through the same conflict
// check and approval as any registration.
Response ReactivationReview(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(body, BodyOf(req));
  KL_TRY(decision, body.Root().RequiredString("decision", 32));
  if (decision != "approve" && decision != "reject") {
    return ErrorResponse(FieldError("decision", "must be one of: approve, reject"));
  }
  KL_TRY(reason, body.Root().OptionalString("reason", 4000));
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(meta, MetaFor(req, actor, ledger));
  const bool accept = decision == "approve";
  meta.new_id = NewUuid();
  Response answer = RunOnProject(ledger, req, ctx, domain::ReviewReactivation{accept, reason.value_or("")}, &meta);
  if (!accept || answer.status != 200) return answer;

  KL_TRY(old, LoadProject(ledger, ctx.Param("id")));
  if (!old.state.successor) return answer;  // a retried review: the successor exists already
  auto org = ledger.Org().Current();
  auto owner = org->users.find(old.state.owner);
  if (owner == org->users.end()) return answer;
  domain::Actor as_owner{owner->second.id, owner->second.role, owner->second.unit};
  domain::RegistrationFacts facts;
  auto account = ledger.Commands().Load<AccountAggregate>(old.state.details.account.value);
  if (account.ok()) {
    facts.account_is_named = account->first.kind == domain::AccountKind::kNamed;
    facts.account_owner = account->first.owner;
  }
  facts.registrant_vp = domain::VpOf(*org, as_owner.user);
  facts.gm = domain::GeneralManager(*org);
  facts.reactivates = old.state.id;
  const auto& d = old.state.details;
  facts.conflicts = ledger.Conflicts().Find({as_owner.user, d.account, d.customer_name, d.end_user, d.name, old.state.id});
  CommandMeta reg;
  reg.actor = as_owner;
  reg.now = meta.now;
  reg.new_id = old.state.successor->value;
  reg.causation_id = old.state.id.value;
  reg.idempotency_key = "reactivate-" + old.state.id.value;
  reg.fingerprint = reg.idempotency_key;
  auto registered = ledger.Commands().Execute<ProjectAggregate>(reg.new_id, domain::RegisterProject{d, facts}, reg);
  return CommandAnswer(ledger, registered, reg.new_id);
}

Response GetProject(Ledger& ledger, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  KL_TRY(project, LoadProject(ledger, ctx.Param("id")));
  if (auto denied = CheckAccess(ledger, actor, domain::Action::kReadEvents, ProjectSubject(project.state))) {
    return ErrorResponse(*denied);
  }
  auto org = ledger.Org().Current();
  std::string account_name = AccountName(ledger, project.state.details.account);
  JsonOut out;
  WriteProject(out, project.state, project.version,
               {*org, ledger.Now(), ledger.Config(), account_name, &actor});
  return JsonResponse(out.Take());
}

Response ListProjects(Ledger& ledger, const Request& req, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  auto status = req.QueryParam("status");
  auto owner = req.QueryParam("owner");
  if (owner && *owner == "me") owner = actor.user.value;
  auto stale = req.QueryParam("stale");
  const bool only_stale = stale && (*stale == "true" || *stale == "1");
  size_t limit = 200, cursor = 0;
  if (auto l = req.QueryParam("limit")) limit = std::clamp<size_t>(std::strtoul(l->c_str(), nullptr, 10), 1, 1000);
  if (auto c = req.QueryParam("cursor")) cursor = std::strtoul(c->c_str(), nullptr, 10);
  auto org = ledger.Org().Current();
  const Instant now = ledger.Now();

  // Filter on the compact read model; load only the page's aggregates.
  std::vector<std::string> ids;
  size_t next = 0;
  ledger.Reads().Read([&](const projections::ReadModels& m) {
    const auto& rows = m.projects.Rows();
    for (size_t i = cursor; i < rows.size(); ++i) {
      const auto& row = rows[i];
      const std::string& row_owner = m.projects.Str(row.owner);
      if (owner && row_owner != *owner) continue;
      if (status && projections::ProjectStatusName(row.status) != *status) continue;
      if (only_stale && projections::StalenessAt(row, now, m.Policy()) == projections::Staleness::kFine) continue;
      if (!domain::MayDo(*org, actor, domain::Action::kReadEvents,
                         {domain::UserId{row_owner}, std::nullopt, {}})) {
        continue;
      }
      if (ids.size() == limit) {
        next = i;
        break;
      }
      ids.push_back(row.project_id);
    }
  });
  return ItemsPage(
      [&](JsonOut& out) {
      for (const auto& id : ids) {
        auto project = LoadProject(ledger, id);
        if (!project.ok()) continue;
        std::string account_name = AccountName(ledger, project->state.details.account);
        WriteProject(out, project->state, project->version, {*org, now, ledger.Config(), account_name, nullptr});
      }
      },
      next ? std::optional<std::string>(std::to_string(next)) : std::nullopt);
}

}  // namespace

void AddProjectRoutes(Router& router, Ledger& ledger) {
  auto& l = ledger;
  auto route = [&](const char* method, const char* path, Response (*fn)(Ledger&, const Request&, RequestContext&)) {
    router.Add(method, path, Access::kAuthenticated,
               [&l, fn](const Request& r, RequestContext& c) { return fn(l, r, c); });
  };
  route("POST", "/api/projects", Register);
  route("GET", "/api/projects", ListProjects);
  router.Add("GET", "/api/projects/{id}", Access::kAuthenticated,
             [&l](const Request&, RequestContext& c) { return GetProject(l, c); });
  route("POST", "/api/projects/{id}/conflict-review", ConflictReview);
  route("POST", "/api/projects/{id}/decision", Decision);
  route("POST", "/api/projects/{id}/updates", Update);
  route("POST", "/api/projects/{id}/credit-split", CreditSplit);
  route("POST", "/api/projects/{id}/contract-signed", ContractSigned);
  route("POST", "/api/projects/{id}/close", Close);
  route("POST", "/api/projects/{id}/reactivation", Reactivation);
  route("POST", "/api/projects/{id}/reactivation/review", ReactivationReview);
}

}  // namespace keyledger::server
