// Account JSON: summary, full file, and the account fields of request bodies.
#include "server/account_json.h"

#include "domain/core/enum_names.h"
#include "domain/survey/survey_decider.h"
#include "server/api_support.h"
#include "server/org_view.h"
#include "server/project_json.h"
#include "server/time_text.h"

namespace keyledger::server {
namespace {

std::string_view TierText(projections::Tier t) {
  switch (t) {
    case projections::Tier::kA: return "A";
    case projections::Tier::kB: return "B";
    case projections::Tier::kC: return "C";
  }
  return "C";
}

void WriteOwner(JsonOut& out, const std::optional<domain::UserId>& owner, const domain::OrgState& org) {
  out.Key("owner");
  if (owner && !owner->empty()) out.String(owner->value); else out.Null();
  out.Key("owner_name");
  if (owner && !owner->empty()) out.String(DisplayName(org, *owner)); else out.Null();
  std::optional<domain::OrgUnitId> unit;
  if (owner) {
    if (auto it = org.users.find(*owner); it != org.users.end()) unit = it->second.unit;
  }
  out.Key("org_unit");
  if (unit) out.String(unit->value); else out.Null();
  out.Key("org_unit_name");
  if (unit) {
    auto u = org.units.find(*unit);
    out.String(u == org.units.end() ? unit->value : u->second.name);
  } else {
    out.Null();
  }
}

// last_visit_at, next_visit_due (a date), visit_due (server clock, R-V2), visit_count.
void WriteVisitCadence(JsonOut& out, const projections::AccountRow* row, const AccountJsonContext& ctx) {
  const auto offset = ctx.config.utc_offset;
  out.Key("last_visit_at");
  if (row && row->last_visit_at) out.String(FormatTime(*row->last_visit_at, offset)); else out.Null();
  std::optional<Instant> due = row ? projections::NextVisitDue(*row, ctx.policy) : std::nullopt;
  out.Key("next_visit_due");
  if (due) out.String(FormatDate(*due, offset)); else out.Null();
  out.Field("visit_due", due.has_value() && ctx.now >= *due);
  out.Field("visit_count", uint64_t{row ? row->visit_count : 0});
}

ApiResult<Ok> SetString(const JsonObjectView& obj, std::string_view field, size_t max, std::string& target) {
  auto v = obj.OptionalString(field, max);
  if (!v.ok()) return Fail(v.error());
  if (*v) target = std::move(**v);
  return Ok{};
}

#define KL_CHECK(expr)                      \
  do {                                      \
    auto check_ = (expr);                   \
    if (!check_.ok()) return Fail(check_.error()); \
  } while (0)

void WriteComplaint(JsonOut& out, const ComplaintEntry& c, std::string_view account_name, const AccountJsonContext& ctx) {
  const auto offset = ctx.config.utc_offset;
  const auto& s = c.state;
  out.BeginObject();
  out.Field("id", s.id.value);
  out.Field("version", c.version);
  out.Field("account_id", s.account.value);
  out.Field("account_name", account_name);
  out.Field("content", c.content);
  out.Field("contact", c.contact);
  out.Field("severity", domain::NameOf(s.severity));
  const bool reopened = s.stage == domain::ComplaintStage::kOpen && s.reopen_count > 0;
  out.Field("state", reopened ? std::string_view("reopened") : domain::NameOf(s.stage));
  out.Key("assignee");
  if (s.assignee) out.String(s.assignee->value); else out.Null();
  out.Key("assignee_name");
  if (s.assignee) out.String(DisplayName(ctx.org, *s.assignee)); else out.Null();
  out.Field("opened_at", FormatTime(c.opened_at, offset));
  auto deadline = domain::NextComplaintDeadline(s);
  out.Key("next_deadline");
  if (deadline) out.String(FormatTime(*deadline, offset)); else out.Null();
  out.Field("overdue", deadline.has_value() && ctx.now > *deadline);
  out.Key("cause");
  if (s.cause) out.String(domain::NameOf(*s.cause)); else out.Null();
  out.EndObject();
}

void WriteKeyPerson(JsonOut& out, const domain::KeyPerson& k, const AccountJsonContext& ctx) {
  out.BeginObject();
  out.Field("id", k.id.value);
  out.Field("name", k.name);
  out.Field("title", k.title);
  out.Field("decision_role", domain::NameOf(k.decision_role));
  out.Field("relationship", RelationshipText(k.relationship));
  out.Field("decision_weight", k.decision_weight);
  out.Key("known_by");
  out.BeginArray();
  for (const auto& u : k.known_by) out.String(u.value);
  out.EndArray();
  std::string names;
  for (const auto& u : k.known_by) names += (names.empty() ? "" : "、") + DisplayName(ctx.org, u);
  out.Key("known_by_name");
  if (names.empty()) out.Null(); else out.String(names);
  out.Key("next_contact");
  if (k.next_contact) out.String(FormatDate(*k.next_contact, ctx.config.utc_offset)); else out.Null();
  out.Field("contact_due", k.next_contact.has_value() && ctx.now >= *k.next_contact);
  // R-A8: k.profile (hobbies, birthday, education…) is sensitive personal data and stays out.
  out.EndObject();
}

}  // namespace

std::string_view PaymentHabitText(domain::PaymentHabit h) {
  switch (h) {
    case domain::PaymentHabit::kUnknown: return "";
    case domain::PaymentHabit::kAdvanceFunding: return "advance_funding";
    case domain::PaymentHabit::kPrepayment: return "prepayment";
    case domain::PaymentHabit::kProgressPayment: return "by_progress";
  }
  return "";
}

std::optional<domain::PaymentHabit> ParsePaymentHabit(std::string_view text) {
  if (text.empty()) return domain::PaymentHabit::kUnknown;
  if (text == "by_progress") return domain::PaymentHabit::kProgressPayment;
  return domain::ParseEnum<domain::PaymentHabit>(text);
}

std::string_view RelationshipText(domain::Relationship r) {
  return r == domain::Relationship::kNoneYet ? std::string_view("none") : domain::NameOf(r);
}

std::optional<domain::Relationship> ParseRelationship(std::string_view text) {
  if (text == "none") return domain::Relationship::kNoneYet;
  return domain::ParseEnum<domain::Relationship>(text);
}

std::string_view NamedStatusOf(const domain::AccountState& a) {
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

ApiResult<Ok> MergeProfileFields(const JsonObjectView& obj, domain::AccountProfile& p) {
  KL_CHECK(SetString(obj, "name", 400, p.name));
  KL_CHECK(SetString(obj, "credit_code", 64, p.credit_code));
  KL_CHECK(SetString(obj, "nature", 200, p.nature));
  KL_CHECK(SetString(obj, "industry", 200, p.industry));
  KL_CHECK(SetString(obj, "scale", 200, p.scale));
  KL_CHECK(SetString(obj, "address", 1000, p.address));
  KL_CHECK(SetString(obj, "region", 400, p.region));
  KL_CHECK(SetString(obj, "source", 400, p.source));
  KL_CHECK(SetString(obj, "funding_status", 4000, p.funding_status));
  KL_CHECK(SetString(obj, "credit_notes", 20000, p.credit_notes));
  auto habit = obj.OptionalString("payment_habit", 64);
  if (!habit.ok()) return Fail(habit.error());
  if (*habit) {
    auto parsed = ParsePaymentHabit(**habit);
    if (!parsed) return Fail(FieldError(obj.PathOf("payment_habit"), "must be one of: advance_funding, prepayment, by_progress"));
    p.payment_habit = *parsed;
  }
  auto construction = obj.OptionalBool("construction_customer");
  if (!construction.ok()) return Fail(construction.error());
  if (*construction) p.construction_customer = **construction;
  return Ok{};
}

ApiResult<Ok> MergeKeyPersonFields(const JsonObjectView& obj, const domain::OrgState& org,
                                   std::chrono::minutes utc_offset, domain::KeyPerson& k) {
  KL_CHECK(SetString(obj, "name", 200, k.name));
  KL_CHECK(SetString(obj, "title", 200, k.title));
  auto role = OptionalEnum<domain::DecisionRole>(obj, "decision_role");
  if (!role.ok()) return Fail(role.error());
  if (*role) k.decision_role = **role;
  auto rel = obj.OptionalString("relationship", 32);
  if (!rel.ok()) return Fail(rel.error());
  if (*rel) {
    auto parsed = ParseRelationship(**rel);
    if (!parsed) return Fail(FieldError(obj.PathOf("relationship"), "must be one of: positive, neutral, negative, none"));
    k.relationship = *parsed;
  }
  auto weight = obj.OptionalInt("decision_weight", 0, 100);
  if (!weight.ok()) return Fail(weight.error());
  if (*weight) k.decision_weight = int(**weight);
  if (obj.Has("next_contact")) {
    auto text = obj.OptionalString("next_contact", 40);
    if (!text.ok()) return Fail(text.error());
    if (!*text || (*text)->empty()) {
      k.next_contact.reset();
    } else {
      auto t = ParseTimeOrDate(**text, utc_offset);
      if (!t) return Fail(FieldError(obj.PathOf("next_contact"), "a date YYYY-MM-DD or an RFC 3339 time"));
      k.next_contact = *t;
    }
  }
  if (auto known = obj.Element("known_by"); known && !known->is_null()) {
    if (!known->is_array()) return Fail(FieldError(obj.PathOf("known_by"), "an array of user ids"));
    std::vector<domain::UserId> users;
    for (auto item : simdjson::dom::array(*known)) {
      std::string_view id;
      if (item.get_string().get(id) != simdjson::SUCCESS || id.size() > 64) {
        return Fail(FieldError(obj.PathOf("known_by"), "an array of user ids"));
      }
      domain::UserId user{std::string(id)};
      if (!org.users.contains(user)) return Fail(FieldError(obj.PathOf("known_by"), "no such user: " + user.value));
      users.push_back(std::move(user));
    }
    k.known_by = std::move(users);
  }
  if (obj.Has("profile")) {
    auto profile = obj.RequiredObject("profile");
    if (!profile.ok()) return Fail(profile.error());
    KL_CHECK(SetString(*profile, "hobbies", 2000, k.profile.hobbies));
    KL_CHECK(SetString(*profile, "birthday", 40, k.profile.birthday));
    KL_CHECK(SetString(*profile, "education", 2000, k.profile.education));
    KL_CHECK(SetString(*profile, "notes", 4000, k.profile.notes));
  }
  return Ok{};
}

void WriteAccountSummary(JsonOut& out, const projections::AccountRow& row, uint64_t version,
                         const AccountJsonContext& ctx) {
  out.BeginObject();
  out.Field("id", row.account_id);
  out.Field("version", version);
  out.Field("code", row.code);
  out.Field("name", row.name);
  out.Field("kind", row.named ? "named" : "non_named");
  out.Field("tier", TierText(row.tier));
  std::optional<domain::UserId> owner;
  if (!row.owner.empty()) owner = domain::UserId{row.owner};
  WriteOwner(out, owner, ctx.org);
  WriteVisitCadence(out, &row, ctx);
  out.EndObject();
}

void WriteSurvey(JsonOut& out, const domain::SurveyRecorded& s, std::chrono::minutes utc_offset) {
  out.BeginObject();
  out.Field("id", s.survey.value);
  out.Field("account_id", s.account.value);
  out.Field("at", FormatTime(s.at, utc_offset));
  out.Field("period", s.period);
  out.Key("scores");
  out.BeginObject();
  for (const auto& score : s.scores) out.Field(score.dimension, score.score);
  out.EndObject();
  out.Field("comment", s.comments);
  out.Field("average_centis", domain::AverageScoreCentis(s.scores));
  out.Field("owner", s.owner.value);
  out.Field("recorded_by", s.recorded_by.value);
  out.EndObject();
}

void WriteAccountFile(JsonOut& out, const domain::AccountState& a, uint64_t version, const AccountFileParts& parts,
                      const AccountJsonContext& ctx) {
  const auto offset = ctx.config.utc_offset;
  out.BeginObject();
  // The AccountSummary part, from the aggregate (the read side may trail it by one event).
  out.Field("id", a.id.value);
  out.Field("version", version);
  out.Field("code", a.code);
  out.Field("name", a.profile.name);
  out.Field("kind", domain::NameOf(a.kind));
  out.Field("tier", domain::NameOf(a.tier));
  WriteOwner(out, a.owner, ctx.org);
  WriteVisitCadence(out, parts.row ? &*parts.row : nullptr, ctx);

  const auto& p = a.profile;
  out.Field("credit_code", p.credit_code);
  out.Field("nature", p.nature);
  out.Field("industry", p.industry);
  out.Field("scale", p.scale);
  out.Field("address", p.address);
  out.Field("region", p.region);
  out.Field("source", p.source);
  out.Key("payment_habit");
  if (auto habit = PaymentHabitText(p.payment_habit); !habit.empty()) out.String(habit); else out.Null();
  out.Field("funding_status", p.funding_status);
  out.Field("credit_notes", p.credit_notes);
  out.Field("construction_customer", p.construction_customer);

  out.Key("affiliates");
  out.BeginArray();
  for (const auto& [affiliate, name] : parts.affiliates) {
    out.BeginObject();
    out.Field("id", affiliate.account.value);
    out.Field("name", name);
    out.Field("relation", domain::NameOf(affiliate.relation));
    out.EndObject();
  }
  out.EndArray();

  out.Field("named_status", NamedStatusOf(a));
  out.Key("named_application");
  if (a.application.applicant.empty()) {
    out.Null();
  } else {
    out.BeginObject();
    out.Field("stage", domain::NameOf(a.application.stage));
    out.Field("applicant", a.application.applicant.value);
    out.Field("applicant_name", DisplayName(ctx.org, a.application.applicant));
    out.Field("needs_gm_approval", a.application.needs_gm_approval);
    out.Key("approving_vps");
    out.BeginArray();
    for (const auto& vp : a.application.approving_vps) out.String(vp.value);
    out.EndArray();
    out.EndObject();
  }
  out.Key("qualified");
  if (a.qualified) out.Bool(*a.qualified); else out.Null();
  out.Field("file_reads", a.file_reads);

  out.Key("key_persons");
  out.BeginArray();
  for (const auto& k : a.key_persons) WriteKeyPerson(out, k, ctx);
  out.EndArray();

  out.Key("complaints");
  out.BeginArray();
  for (const auto& c : parts.complaints) WriteComplaint(out, c, a.profile.name, ctx);
  out.EndArray();

  out.Key("surveys");
  out.BeginArray();
  for (const auto& s : parts.surveys) WriteSurvey(out, s, offset);
  out.EndArray();

  out.Key("projects");
  out.BeginArray();
  for (const auto& project : parts.projects) {
    WriteProject(out, project.state, project.version, {ctx.org, ctx.now, ctx.config, a.profile.name, nullptr});
  }
  out.EndArray();
  out.EndObject();
}

}  // namespace keyledger::server
