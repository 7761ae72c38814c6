// GET /api/accounts/{id}: the full account file, a trade secret (R-A9). Only readers the access
// policy allows get it, and only after the read is durable in the account's stream (the 借阅卡
// line, R-U4): a file read that could not be logged is answered 503 with no data.
#include <algorithm>

#include "domain/codec/event_codec.h"
#include "server/account_json.h"
#include "server/account_routes.h"
#include "server/account_support.h"
#include "server/api_support.h"
#include "server/json_writer.h"

namespace keyledger::server {
namespace {

AccountFileParts GatherParts(Ledger& ledger, VisitIndex& index, const domain::AccountState& a) {
  AccountFileParts parts;
  const std::string& id = a.id.value;
  std::vector<std::string> project_ids, complaint_ids;
  ledger.Reads().Read([&](const projections::ReadModels& m) {
    if (const auto* row = m.accounts.Find(id)) parts.row = *row;
    for (const auto& affiliate : a.affiliates) {
      const auto* other = m.accounts.Find(affiliate.account.value);
      parts.affiliates.emplace_back(affiliate, other ? other->name : std::string());
    }
    for (const auto& row : m.projects.Rows()) {
      if (m.projects.Str(row.account) == id) project_ids.push_back(row.project_id);
    }
    for (const auto* row : m.complaints.List(false)) {
      if (row->account_id == id) complaint_ids.push_back(row->complaint_id);
    }
  });
  for (const auto& pid : project_ids) {
    auto project = ledger.Commands().Load<ProjectAggregate>(pid);
    if (project.ok() && project->second > 0) parts.projects.push_back({std::move(project->first), project->second});
  }
  for (const auto& cid : complaint_ids) {
    auto complaint = ledger.Commands().Load<ComplaintAggregate>(cid);
    if (!complaint.ok() || complaint->second == 0) continue;
    ComplaintEntry entry{std::move(complaint->first), complaint->second, {}, {}, {}};
    auto opened = FirstEvent(ledger, ComplaintAggregate::Stream(cid), [](const EventEnvelope& e) {
      return domain::DecodeComplaintEvent(e.type, e.schema_version, e.data);
    });
    if (opened) {
      if (const auto* o = std::get_if<domain::ComplaintOpened>(&opened->second)) {
        entry.content = o->content;
        entry.contact = o->contact;
        entry.opened_at = o->at;
      }
    }
    parts.complaints.push_back(std::move(entry));
  }
  if (auto entries = index.For(id); entries.ok()) {
    for (const auto& sid : entries->surveys) {
      auto survey = FirstEvent(ledger, SurveyAggregate::Stream(sid), [](const EventEnvelope& e) {
        return domain::DecodeSurveyEvent(e.type, e.schema_version, e.data);
      });
      if (survey) parts.surveys.push_back(std::get<domain::SurveyRecorded>(survey->second));
    }
  }
  // Newest survey first, as the file shows the trend from the latest round.
  std::stable_sort(parts.surveys.begin(), parts.surveys.end(),
                   [](const auto& x, const auto& y) { return x.at > y.at; });
  return parts;
}

}  // namespace

Response GetAccountFile(Ledger& ledger, VisitIndex& index, RequestContext& ctx) {
  KL_TRY(actor, ActorFor(ctx));
  std::string id(ctx.Param("id"));
  KL_TRY(account, LoadAccount(ledger, id));
  auto org = ledger.Org().Current();
  if (!domain::MayDo(*org, actor, domain::Action::kReadAccountFile, AccountSubject(account.state))) {
    return ErrorResponse(ApiError{ApiErrorCode::kForbidden, "account files are readable by their managers only", {}}
                             .Detail("action", "read_account_file")
                             .Detail("rule", "R-A9"));
  }
  // R-A9: the read is recorded first, as the reader, and the file is built only once that record
  // is durable. No Idempotency-Key or If-Match: every read is its own line in the log.
  CommandMeta meta;
  meta.actor = actor;
  meta.now = ledger.Now();
  auto logged = ledger.Commands().Execute<AccountAggregate>(id, domain::ReadAccountFile{}, meta);
  if (!logged.ok()) {
    if (logged.error().kind == CommandFailure::Kind::kRejected) return ErrorResponse(FromFailure(logged.error()));
    return ErrorResponse(ApiError{ApiErrorCode::kUnavailable,
                                  "the file read could not be recorded, so the file is not shown: " +
                                      logged.error().message,
                                  {}}
                             .Detail("rule", "R-A9"));
  }
  // The access log (R-U4) shows this read before the file is sent.
  ledger.WaitApplied(logged->seq);
  KL_TRY(file, LoadAccount(ledger, id));
  AccountFileParts parts = GatherParts(ledger, index, file.state);
  JsonOut out;
  WriteAccountFile(out, file.state, file.version, parts,
                   {*org, ledger.Now(), ledger.Config(), ledger.Reads().Policy()});
  return JsonResponse(out.Take());
}

}  // namespace keyledger::server
