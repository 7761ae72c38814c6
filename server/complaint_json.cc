// Complaint view: state from the command service's cache, the opening facts from the stream's
// first event (the state does not keep free text it never decides on).
#include "server/complaint_json.h"

#include "domain/codec/event_codec.h"
#include "server/api_support.h"
#include "server/time_text.h"

namespace keyledger::server {

ApiResult<ComplaintView> LoadComplaint(Ledger& ledger, std::string_view id) {
  auto loaded = ledger.Commands().Load<ComplaintAggregate>(id);
  if (!loaded.ok()) return Fail(FromFailure(loaded.error()));
  if (loaded->second == 0) return Fail(ApiError{ApiErrorCode::kNotFound, "no such complaint", {}});
  ComplaintView view;
  view.state = std::move(loaded->first);
  view.version = loaded->second;
  auto first = ledger.Store().ReadStream(ComplaintAggregate::Stream(id), 1, 1);
  if (!first.ok()) return Fail(FromStoreError(first.error()));
  if (!first->empty()) {
    const EventEnvelope& e = first->front();
    view.opened_at = e.occurred_at;
    auto decoded = domain::DecodeComplaintEvent(e.type, e.schema_version, e.data);
    if (decoded.ok()) {
      if (const auto* opened = std::get_if<domain::ComplaintOpened>(&*decoded)) {
        view.content = opened->content;
        view.contact = opened->contact;
        view.opened_by = opened->opened_by.value;
        view.opened_at = opened->at;
      }
    }
  }
  return view;
}

domain::AccessSubject ComplaintSubject(const domain::ComplaintState& s, const std::optional<std::string>& account_owner) {
  domain::AccessSubject subject;
  if (account_owner && !account_owner->empty()) subject.owner = domain::UserId{*account_owner};
  if (s.unit) subject.unit = *s.unit;
  if (s.assignee) subject.participants.push_back(*s.assignee);
  if (s.responsible && s.responsible != s.assignee) subject.participants.push_back(*s.responsible);
  return subject;
}

std::string_view ComplaintStateName(const domain::ComplaintState& s) { return domain::NameOf(s.stage); }

namespace {

void OptionalTime(JsonOut& out, std::string_view key, const std::optional<Instant>& t, const domain::DomainConfig& config) {
  out.Key(key);
  if (t) out.String(FormatTime(*t, config.utc_offset)); else out.Null();
}

void OptionalUser(JsonOut& out, std::string_view key, const std::optional<domain::UserId>& u, const domain::OrgState& org) {
  out.Key(key);
  if (u) out.String(u->value); else out.Null();
  out.Key(std::string(key) + "_name");
  if (u) out.String(DisplayName(org, *u)); else out.Null();
}

}  // namespace

void WriteComplaint(JsonOut& out, const ComplaintView& c, const ComplaintJsonContext& ctx) {
  const domain::ComplaintState& s = c.state;
  out.BeginObject();
  out.Field("id", s.id.value);
  out.Field("version", c.version);
  out.Field("account_id", s.account.value);
  out.Field("account_name", ctx.account_name);
  out.Field("content", c.content);
  out.Field("contact", c.contact);
  out.Field("severity", domain::NameOf(s.severity));
  out.Field("state", ComplaintStateName(s));
  OptionalUser(out, "assignee", s.assignee, ctx.org);
  OptionalUser(out, "responsible", s.responsible, ctx.org);
  out.Key("unit");
  if (s.unit) out.String(s.unit->value); else out.Null();
  out.Field("opened_by", c.opened_by);
  out.Field("opened_at", FormatTime(c.opened_at, ctx.config.utc_offset));
  OptionalTime(out, "first_contact_due", s.first_contact_due, ctx.config);
  OptionalTime(out, "first_contact_at", s.first_contact_at, ctx.config);
  OptionalTime(out, "plan_deadline", s.plan_deadline, ctx.config);
  const auto deadline = domain::NextComplaintDeadline(s);
  OptionalTime(out, "next_deadline", deadline, ctx.config);
  out.Field("overdue", deadline.has_value() && ctx.now > *deadline);
  out.Key("cause");
  if (s.cause) out.String(domain::NameOf(*s.cause)); else out.Null();
  out.Field("reopened", s.reopen_count > 0);
  out.Field("reopen_count", s.reopen_count);
  out.EndObject();
}

}  // namespace keyledger::server
