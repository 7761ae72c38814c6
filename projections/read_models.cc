// ReadModels: dispatch of each fact to the models it concerns, then to the reminder rules.
#include "projections/read_models.h"

#include <algorithm>

#include "projections/binary_codec.h"
#include "projections/reminder_engine.h"
#include "projections/reminder_rules.h"

namespace keyledger::projections {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

void ReadModels::Apply(const MetaFact& mf, ReminderEngine* engine) {
  const FactMeta& m = mf.meta;
  ++applied_facts_;
  // Every alternative is listed: a new fact type fails to compile here until it is handled.
  std::visit(
      Overloaded{
          [&](const UnitDefined& f) { org.Apply(m, f); },
          [&](const UnitHeadAssigned& f) { org.Apply(m, f); },
          [&](const UserPlaced& f) { org.Apply(m, f); },
          [&](const AccountOpened& f) {
            accounts.Apply(m, f);
            if (engine) RescheduleAccount(*this, f.account_id, *engine);
          },
          [&](const AccountTierChanged& f) {
            accounts.Apply(m, f);
            if (engine) RescheduleAccount(*this, f.account_id, *engine);
          },
          [&](const AccountOwnerChanged& f) {
            accounts.Apply(m, f);
            if (engine) RescheduleAccount(*this, f.account_id, *engine);
          },
          [&](const AccountNamedChanged& f) { accounts.Apply(m, f); },
          [&](const VisitLogged& f) {
            accounts.Apply(m, f);
            if (engine) RescheduleAccount(*this, f.account_id, *engine);
          },
          [&](const KeyPersonRecorded& f) {
            accounts.Apply(m, f);
            if (engine) RescheduleAccount(*this, f.account_id, *engine);
          },
          [&](const KeyPersonRemoved& f) {
            accounts.Apply(m, f);
            if (engine) {
              engine->Cancel(ReminderSlot{ReminderKind::kKeyPersonContactDue,
                                          KeyPersonSubject(f.account_id, f.key_person_id), 0});
            }
          },
          [&](const AccountFileRead& f) { access_log.Apply(m, f); },
          [&](const ApplicationSubmitted& f) {
            applications.Apply(m, f);
            if (engine) RescheduleApplication(*this, f.application_id, *engine);
          },
          [&](const ApplicationStep& f) {
            applications.Apply(m, f);
            if (engine) RescheduleApplication(*this, f.application_id, *engine);
          },
          [&](const ProjectRegistered& f) {
            projects.Apply(m, f);
            if (engine) RescheduleProject(*this, f.project_id, *engine);
          },
          [&](const ProjectStatusChanged& f) {
            projects.Apply(m, f);
            if (engine) RescheduleProject(*this, f.project_id, *engine);
          },
          [&](const ProjectUpdated& f) {
            projects.Apply(m, f);
            if (const ProjectRow* row = projects.Find(f.project_id)) {
              const std::string& owner = projects.Str(row->owner);
              digest.Record(*calendar_, org.DepartmentView(owner, m.occurred_at), owner,
                            f.project_id, m.occurred_at);
            }
            if (engine) RescheduleProject(*this, f.project_id, *engine);
          },
          [&](const ComplaintOpened& f) {
            complaints.Apply(m, f);
            if (engine) RescheduleComplaint(*this, f.complaint_id, *engine);
          },
          [&](const ComplaintStep& f) {
            complaints.Apply(m, f);
            if (engine) RescheduleComplaint(*this, f.complaint_id, *engine);
          },
          [&](const ComplaintAssigned& f) {
            complaints.Apply(m, f);
            if (engine) RescheduleComplaint(*this, f.complaint_id, *engine);
          },
          [&](const ReminderRaised& f) {
            reminders.Apply(m, f);
            if (engine) {
              engine->MarkRaised(f.reminder_id);
              // The slot still pending at this very due time is the one just raised.
              const ReminderSlot slot{f.kind, f.subject_id, static_cast<uint8_t>(f.stage)};
              if (auto p = engine->Pending(slot); p && p->due == f.due_at) engine->Cancel(slot);
            }
          },
          [&](const ReminderAcknowledged& f) { reminders.Apply(m, f); },
      },
      mf.fact);
}

bool ReadModels::ApplyEvent(Seq seq, const std::vector<MetaFact>& facts, ReminderEngine* engine) {
  if (seq <= last_seq_) return false;
  for (const MetaFact& mf : facts) Apply(mf, engine);
  last_seq_ = seq;
  return true;
}

void ReadModels::ScheduleAll(ReminderEngine& engine) const {
  for (const auto& id : reminders.AllIds()) engine.MarkRaised(id);
  engine.BeginBulk();
  for (const auto& row : projects.Rows()) RescheduleProject(*this, row.project_id, engine);
  for (const AccountRow* row : accounts.List()) RescheduleAccount(*this, row->account_id, engine);
  for (const ComplaintRow* row : complaints.List(/*open_only=*/false)) {
    RescheduleComplaint(*this, row->complaint_id, engine);
  }
  for (const auto& id : applications.Ids()) RescheduleApplication(*this, id, engine);
  engine.EndBulk();
}

std::string ReadModels::Serialize() const {
  BinaryWriter w;
  Serialize(w);
  return w.Take();
}

bool ReadModels::Deserialize(std::string_view payload) {
  BinaryReader r(payload);
  return Deserialize(r) && r.AtEnd();
}

void ReadModels::Serialize(BinaryWriter& w) const {
  w.PutVarint(last_seq_.value);
  w.PutVarint(applied_facts_);
  org.Serialize(w);
  accounts.Serialize(w);
  projects.Serialize(w);
  complaints.Serialize(w);
  applications.Serialize(w);
  reminders.Serialize(w);
  digest.Serialize(w);
  access_log.Serialize(w);
}

bool ReadModels::Deserialize(BinaryReader& r) {
  last_seq_ = Seq(r.GetVarint());
  applied_facts_ = r.GetVarint();
  if (!org.Deserialize(r) || !accounts.Deserialize(r) || !projects.Deserialize(r) ||
      !complaints.Deserialize(r) || !applications.Deserialize(r) || !reminders.Deserialize(r) ||
      !digest.Deserialize(r) || !access_log.Deserialize(r)) {
    return false;
  }
  return true;
}

uint64_t ReadModels::Fingerprint() const {
  // Canonical form: each model's serialisation with hash-map contents sorted. The models'
  // Serialize iterate hash maps, so fingerprint sorted dumps instead.
  BinaryWriter w;
  w.PutVarint(last_seq_.value);
  for (const AccountRow* a : accounts.List()) {
    w.PutString(a->account_id);
    w.PutString(a->owner);
    w.PutVarint(static_cast<uint64_t>(a->tier));
    w.PutVarint(a->named);
    w.PutVarint(a->visit_count);
    w.PutSigned(a->last_visit_at ? ToUnixMicros(*a->last_visit_at) : -1);
    w.PutVarint(a->key_persons.size());
    for (const auto& k : a->key_persons) {
      w.PutString(k.key_person_id);
      w.PutSigned(k.next_contact_at ? ToUnixMicros(*k.next_contact_at) : -1);
    }
  }
  for (const auto& p : projects.Rows()) {
    w.PutString(p.project_id);
    w.PutString(p.name);
    w.PutString(projects.Str(p.owner));
    w.PutString(projects.Str(p.account));
    w.PutVarint(static_cast<uint64_t>(p.status));
    w.PutSigned(p.amount_fen);
    w.PutSigned(p.probability_pct);
    w.PutSigned(p.margin_pct);
    w.PutSigned(ToUnixMicros(p.last_update_at));
    w.PutSigned(ToUnixMicros(p.last_touch_at));
  }
  for (const ComplaintRow* c : complaints.List(false)) {
    w.PutString(c->complaint_id);
    w.PutString(c->assignee);
    w.PutSigned(ToUnixMicros(c->first_contact_due));
    w.PutVarint(c->first_contact_at.has_value());
    w.PutVarint(c->closed);
  }
  for (const auto& id : reminders.AllIds()) w.PutString(id);
  for (const auto& [user, n] : reminders.OpenCountByPerson()) {
    w.PutString(user);
    w.PutVarint(n);
  }
  w.PutVarint(access_log.Size());
  for (const auto& u : org.Users(Instant::max())) {
    w.PutString(u.user_id);
    w.PutString(u.unit_id);
    w.PutString(u.manager);
    w.PutString(u.vp);
  }
  return Fnv1a(w.Buffer());
}

}  // namespace keyledger::projections
