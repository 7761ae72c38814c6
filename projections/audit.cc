// Audit: as-of folds and timelines with the live models' code.
#include "projections/audit.h"

#include <chrono>

namespace keyledger::projections {
namespace {

std::string Render(Instant t) {
  return std::to_string(ToUnixMicros(t));
}

std::vector<FieldChange> Diff(const FieldList& before, const FieldList& after) {
  std::vector<FieldChange> out;
  for (const auto& [name, value] : after) {
    std::string old;
    for (const auto& [n, v] : before) {
      if (n == name) {
        old = v;
        break;
      }
    }
    if (old != value) out.push_back({name, old, value});
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<ReadModels>, AuditError> FoldAsOf(const store::EventStore& store,
                                                         const EventDecoder& decoder,
                                                         const CompanyCalendar& calendar,
                                                         const ReminderPolicy& policy, Instant t) {
  auto models = std::make_unique<ReadModels>(calendar, policy);
  std::vector<MetaFact> scratch;
  auto scanned = store.Scan(Seq(0), [&](const EventEnvelope& e) {
    if (e.occurred_at <= t) {
      scratch.clear();
      decoder(e, scratch);
      models->ApplyEvent(e.seq, scratch, nullptr);
    }
    return true;
  });
  if (!scanned.ok()) return Fail(AuditError{"as-of fold failed: " + scanned.error().message});
  return models;
}

FieldList ProjectFields(const ReadModels& m, std::string_view project_id, Instant at) {
  FieldList out;
  const ProjectRow* row = m.projects.Find(project_id);
  if (row == nullptr) return out;
  const ProjectView v = m.projects.View(*row, at, m.Policy());
  out.emplace_back("name", v.name);
  out.emplace_back("number", v.number);
  out.emplace_back("account_id", v.account_id);
  out.emplace_back("end_user", v.end_user);
  out.emplace_back("owner", v.owner);
  out.emplace_back("status", std::string(ProjectStatusName(v.status)));
  out.emplace_back("amount_fen", std::to_string(v.amount_fen));
  out.emplace_back("probability_pct", std::to_string(v.probability_pct));
  out.emplace_back("margin_pct", std::to_string(v.margin_pct));
  out.emplace_back("expected_signing", Render(v.expected_signing));
  out.emplace_back("last_update_at", Render(v.last_update_at));
  return out;
}

FieldList AccountFields(const ReadModels& m, std::string_view account_id) {
  FieldList out;
  const AccountRow* row = m.accounts.Find(account_id);
  if (row == nullptr) return out;
  static constexpr const char* kTiers[] = {"A", "B", "C"};
  out.emplace_back("code", row->code);
  out.emplace_back("name", row->name);
  out.emplace_back("tier", kTiers[static_cast<int>(row->tier)]);
  out.emplace_back("named", row->named ? "true" : "false");
  out.emplace_back("owner", row->owner);
  out.emplace_back("last_visit_at", row->last_visit_at ? Render(*row->last_visit_at) : "");
  out.emplace_back("visit_count", std::to_string(row->visit_count));
  for (const auto& kp : row->key_persons) {
    out.emplace_back("key_person." + kp.key_person_id,
                     kp.name + (kp.next_contact_at ? " next " + Render(*kp.next_contact_at) : ""));
  }
  return out;
}

Result<std::vector<TimelineEntry>, AuditError> Timeline(const store::EventStore& store,
                                                        const EventDecoder& decoder,
                                                        const CompanyCalendar& calendar,
                                                        const ReminderPolicy& policy,
                                                        AuditSubject subject,
                                                        std::string_view subject_id,
                                                        std::string_view stream) {
  auto events = store.ReadStream(stream, 1, SIZE_MAX);
  if (!events.ok()) return Fail(AuditError{"timeline read failed: " + events.error().message});
  ReadModels models(calendar, policy);
  std::vector<TimelineEntry> out;
  std::vector<MetaFact> scratch;
  auto fields = [&](Instant at) {
    return subject == AuditSubject::kProject ? ProjectFields(models, subject_id, at)
                                             : AccountFields(models, subject_id);
  };
  for (const EventEnvelope& e : *events) {
    // "Before" and "after" are both rendered at the event's own instant, so a diff shows what
    // the event changed, not what time alone did between two events.
    const FieldList before = fields(e.occurred_at);
    scratch.clear();
    decoder(e, scratch);
    for (const MetaFact& mf : scratch) models.Apply(mf);
    TimelineEntry entry{e.seq, e.occurred_at, e.actor, e.type, e.id, e.causation_id,
                        Diff(before, fields(e.occurred_at))};
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace keyledger::projections
