// The domain adapter: one visitor per aggregate's event variant, every alternative listed (a new
// domain event fails to compile here until someone decides what it means to the read side).
//
// Why some events carry no fact: the read models keep only what lists, deadlines, reminders,
// the access log and the audit show. Profile text, affiliates, qualification, reviews, credit
// splits, reactivation requests, survey scores, passwords and roles have no read model here.
#include "projections/domain_adapter.h"

#include <atomic>
#include <cstddef>
#include <exception>
#include <string>
#include <string_view>
#include <utility>

#include "domain/codec/event_codec.h"
#include "domain/core/overloaded.h"
#include "projections/event_decoder.h"
#include "projections/reminder_types.h"

namespace keyledger::projections {
namespace {

namespace d = ::keyledger::domain;
using d::Overloaded;

std::atomic<uint64_t> g_skipped{0};

// The aggregate id of `stream` when it is "<prefix>-<id>", else "".
std::string StreamId(std::string_view stream, std::string_view prefix) {
  if (stream.size() <= prefix.size() + 1 || stream.substr(0, prefix.size()) != prefix ||
      stream[prefix.size()] != '-') {
    return {};
  }
  return std::string(stream.substr(prefix.size() + 1));
}

// Collects the facts of one envelope; every fact gets the envelope's metadata.
class Emit {
 public:
  Emit(const EventEnvelope& e, std::vector<MetaFact>& out) : meta_(MetaOf(e)), out_(&out) {}
  void operator()(Fact fact) { out_->push_back(MetaFact{meta_, std::move(fact)}); }

 private:
  FactMeta meta_;
  std::vector<MetaFact>* out_;
};

// ---- Enum translations: explicit switches, so a new enumerator is a compile warning here.

UnitLevel LevelOf(d::OrgUnitKind k) {
  switch (k) {
    case d::OrgUnitKind::kCompany: return UnitLevel::kCompany;
    case d::OrgUnitKind::kVpArea: return UnitLevel::kArea;
    case d::OrgUnitKind::kDepartment: return UnitLevel::kDepartment;
  }
  return UnitLevel::kDepartment;
}

Tier TierOf(d::Tier t) {
  switch (t) {
    case d::Tier::kA: return Tier::kA;
    case d::Tier::kB: return Tier::kB;
    case d::Tier::kC: return Tier::kC;
  }
  return Tier::kC;
}

ReminderKind KindOf(d::ReminderKind k) {
  switch (k) {
    case d::ReminderKind::kProjectStale2w: return ReminderKind::kProjectStale2w;
    case d::ReminderKind::kProjectStale1m: return ReminderKind::kProjectStale1m;
    case d::ReminderKind::kProjectOnHold: return ReminderKind::kProjectOnHold;
    case d::ReminderKind::kVisitOverdue: return ReminderKind::kVisitOverdue;
    case d::ReminderKind::kKeyPersonContactDue: return ReminderKind::kKeyPersonContactDue;
    case d::ReminderKind::kComplaintOverdue: return ReminderKind::kComplaintOverdue;
    case d::ReminderKind::kApprovalPending: return ReminderKind::kApprovalPending;
  }
  return ReminderKind::kProjectStale2w;
}

SubjectType SubjectOf(d::SubjectType t) {
  switch (t) {
    case d::SubjectType::kProject: return SubjectType::kProject;
    case d::SubjectType::kAccount: return SubjectType::kAccount;
    case d::SubjectType::kKeyPerson: return SubjectType::kKeyPerson;
    case d::SubjectType::kComplaint: return SubjectType::kComplaint;
  }
  return SubjectType::kProject;
}

// The stage of a reminder whose id is ReminderId(kind, subject, stage, due) (the engine's id, and
// the stream the sink appends to). The domain event has no stage; an id in any other form is
// stage 0.
int32_t StageOf(const std::string& id, ReminderKind kind, const std::string& subject, Instant due) {
  const size_t last = id.rfind('-');
  if (last == std::string::npos || last == 0) return 0;
  const size_t before = id.rfind('-', last - 1);
  if (before == std::string::npos) return 0;
  const std::string_view digits = std::string_view(id).substr(before + 1, last - before - 1);
  if (digits.empty() || digits.size() > 2) return 0;
  int stage = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    stage = stage * 10 + (c - '0');
  }
  return ReminderId(kind, subject, static_cast<uint8_t>(stage), due) == id ? stage : 0;
}

// ---- One mapper per aggregate. Each returns false when the event cannot be placed (its
// aggregate id is neither in the event nor in the stream name); it then emitted nothing.

bool MapOrg(const d::OrgEvent& event, Emit& emit) {
  std::visit(Overloaded{
                 [&](const d::OrgUnitCreated& ev) {
                   emit(UnitDefined{ev.id.value, ev.parent ? ev.parent->value : std::string(),
                                    LevelOf(ev.kind), ev.name});
                 },
                 [&](const d::UnitManagerAssigned& ev) {
                   emit(UnitHeadAssigned{ev.unit.value, ev.manager.value});
                 },
                 [&](const d::UserCreated& ev) {
                   emit(UserPlaced{ev.id.value, ev.unit.value,
                                   ev.display_name.empty() ? ev.username : ev.display_name});
                 },
                 // An empty name keeps the name the tree already has.
                 [&](const d::UserMoved& ev) { emit(UserPlaced{ev.user.value, ev.unit.value, ""}); },
                 // Roles, sign-in and passwords are the server's user directory, not the tree.
                 [](const d::UserRoleChanged&) {},
                 [](const d::UserDisabled&) {},
                 [](const d::UserEnabled&) {},
                 [](const d::UserPasswordChanged&) {},
                 // A new display name cannot be told without the user's unit (UserPlaced needs
                 // it); the tree keeps the name given at creation.
                 [](const d::UserProfileUpdated&) {},
             },
             event);
  return true;
}

bool MapAccount(const d::AccountEvent& event, const std::string& stream_id, Emit& emit) {
  if (const auto* opened = std::get_if<d::AccountOpened>(&event)) {
    // A non-named account has no dedicated owner (R-A2); its opener looks after it until it is
    // named (domain AccountState::opened_by), so the read side files it under them: their
    // lists, their visit cadence (R-V2), what their supervisors see.
    emit(AccountOpened{opened->account.value, opened->code, opened->profile.name,
                       TierOf(opened->tier), false, opened->opened_by.value});
    return true;
  }
  if (stream_id.empty()) return false;
  const std::string& account = stream_id;
  // One application at a time per account (the decider refuses a second while one is in
  // progress), so the application is named after its account.
  const std::string& application = stream_id;
  std::visit(
      Overloaded{
          [](const d::AccountOpened&) {},  // handled above
          [](const d::AccountProfileUpdated&) {},
          [](const d::AffiliateAdded&) {},
          [](const d::AffiliateRemoved&) {},
          [&](const d::TierChanged& ev) {
            emit(AccountTierChanged{account, TierOf(ev.tier), ev.reason});
          },
          [&](const d::KeyPersonAdded& ev) {
            emit(KeyPersonRecorded{account, ev.person.id.value, ev.person.name, ev.person.next_contact});
          },
          [&](const d::KeyPersonUpdated& ev) {
            emit(KeyPersonRecorded{account, ev.person.id.value, ev.person.name, ev.person.next_contact});
          },
          [&](const d::OwnerChanged& ev) {
            std::string reason(d::NameOf(ev.reason));
            if (!ev.note.empty()) reason += ": " + ev.note;
            emit(AccountOwnerChanged{account, ev.owner.value, std::move(reason)});
          },
          [&](const d::NamedApplicationSubmitted& ev) {
            emit(ApplicationSubmitted{application, account, ev.applicant.value});
          },
          // A failed check or a VP's rejection ends what the approvers have to do; the applicant
          // may still ask for a second review (which re-opens it, below).
          [&](const d::NamedApplicationChecked& ev) { emit(ApplicationStep{application, !ev.passed}); },
          [&](const d::NamedApplicationVpReviewed& ev) {
            emit(ApplicationStep{application, !ev.approved});
          },
          // The GM's word is final either way; an approval is followed by AccountNamed.
          [&](const d::NamedApplicationGmReviewed&) { emit(ApplicationStep{application, true}); },
          // ApplicationStep cannot re-open a closed application: submitting it again does, and
          // restarts its approval clock from the request.
          [&](const d::NamedSecondReviewRequested& ev) {
            emit(ApplicationSubmitted{application, account, ev.applicant.value});
          },
          [&](const d::AccountNamed& ev) {
            emit(AccountNamedChanged{account, true});
            emit(AccountOwnerChanged{account, ev.owner.value, "named account granted (R-A5)"});
            emit(ApplicationStep{application, true});
          },
          [&](const d::NamedStatusRevoked& ev) {
            // The domain drops the owner with the status: no dedicated owner, no visit cadence.
            emit(AccountNamedChanged{account, false});
            emit(AccountOwnerChanged{account, "", ev.reason});
          },
          [](const d::AccountReviewRecorded&) {},
          [](const d::QualificationAssessed&) {},
          [&](const d::AccountFileRead& ev) { emit(AccountFileRead{account, ev.reader.value}); },
      },
      event);
  return true;
}

bool MapProject(const d::ProjectEvent& event, const std::string& stream_id, Emit& emit) {
  if (const auto* reg = std::get_if<d::ProjectRegistered>(&event)) {
    const d::ProjectDetails& det = reg->details;
    // The owner's unit is not needed: the read models resolve it from the org tree as of the
    // instant they ask (digest, forecast by unit, reminder recipients).
    emit(ProjectRegistered{reg->project.value, det.name, det.account.value, det.end_user,
                           reg->owner.value, det.contract_amount.fen, det.win_probability,
                           det.margin, det.expected_signing.value_or(Instant{})});
    return true;
  }
  if (stream_id.empty()) return false;
  const std::string& project = stream_id;
  auto status = [&](ProjectStatus s, std::string reason = {}, std::string number = {}) {
    emit(ProjectStatusChanged{project, s, std::move(reason), std::move(number)});
  };
  std::visit(
      Overloaded{
          [](const d::ProjectRegistered&) {},  // handled above
          [](const d::NonOwnerRegistrationNotified&) {},
          [&](const d::ConflictReviewOpened&) { status(ProjectStatus::kConflictReview); },
          // A verdict while the review is open (the decider allows no other status): a touch of
          // the pending approval, status unchanged. A confirmed conflict's ProjectRejected follows.
          [&](const d::ConflictReviewed& ev) { status(ProjectStatus::kConflictReview, ev.reason); },
          [&](const d::ConflictCleared&) { status(ProjectStatus::kRegistered, "conflict cleared (R-P2)"); },
          [](const d::ConflictObjectionRaised&) {},
          [&](const d::ConflictObjectionRuled& ev) {
            if (!ev.upheld) status(ProjectStatus::kRegistered, ev.reason);
          },
          [&](const d::ProjectApproved& ev) { status(ProjectStatus::kApproved, ev.reason, ev.number); },
          [&](const d::ProjectDeferred& ev) { status(ProjectStatus::kDeferred, ev.reason); },
          [&](const d::ProjectRejected& ev) { status(ProjectStatus::kRejected, ev.reason); },
          [](const d::CreditSplitRecorded&) {},
          [&](const d::ProjectUpdated& ev) {
            const d::ProjectChanges& c = ev.changes;
            ProjectUpdated f;
            f.project_id = project;
            if (c.contract_amount) f.amount_fen = c.contract_amount->fen;
            if (c.win_probability) f.probability_pct = *c.win_probability;
            if (c.margin) f.margin_pct = *c.margin;
            f.expected_signing = c.expected_signing;
            f.note = ev.note;
            emit(std::move(f));
          },
          [&](const d::ProjectPutOnHold&) {
            status(ProjectStatus::kOnHold, "no update for the on-hold threshold (R-P7)");
          },
          // Reactivation makes a new registration in the successor's own stream (R-P8).
          [](const d::ReactivationRequested&) {},
          [](const d::ReactivationAccepted&) {},
          [](const d::ReactivationDeclined&) {},
          [](const d::ContractReviewRequested&) {},
          [&](const d::ContractSigned&) { status(ProjectStatus::kContractSigned); },
          [&](const d::ProjectClosed& ev) { status(ProjectStatus::kClosed, ev.reason); },
      },
      event);
  return true;
}

bool MapComplaint(const d::ComplaintEvent& event, const std::string& stream_id, Emit& emit) {
  if (const auto* opened = std::get_if<d::ComplaintOpened>(&event)) {
    // Nobody is assigned yet: ComplaintAssigned follows with the assignee and the due time.
    emit(ComplaintOpened{opened->complaint.value, opened->account.value, "",
                         std::string(d::NameOf(opened->severity))});
    return true;
  }
  if (stream_id.empty()) return false;
  const std::string& complaint = stream_id;
  auto step = [&](ComplaintStepKind k, std::optional<Instant> deadline = std::nullopt) {
    emit(ComplaintStep{complaint, k, deadline});
  };
  std::visit(Overloaded{
                 [](const d::ComplaintOpened&) {},  // handled above
                 [&](const d::ComplaintAssigned& ev) {
                   emit(projections::ComplaintAssigned{complaint, ev.assignee.value, ev.first_contact_due});
                 },
                 [&](const d::FirstContactMade&) { step(ComplaintStepKind::kFirstContact); },
                 [&](const d::ResolutionPlanned& ev) { step(ComplaintStepKind::kPlan, ev.deadline); },
                 [&](const d::ComplaintResolved&) { step(ComplaintStepKind::kFeedback); },
                 [&](const d::FollowUpVisited&) { step(ComplaintStepKind::kFollowUp); },
                 [&](const d::ComplaintClosed&) { step(ComplaintStepKind::kClosed); },
                 [&](const d::ComplaintReopened&) {
                   // The domain reopens to "contacted" (the customer is known; a new plan is
                   // due) and accepts no second first contact; the model's kReopened restarts
                   // the first-contact duty, so the contact is recorded with it.
                   step(ComplaintStepKind::kReopened);
                   step(ComplaintStepKind::kFirstContact);
                 },
                 [](const d::ComplaintCauseCategorised&) {},
             },
             event);
  return true;
}

bool MapVisit(const d::VisitEvent& event, Emit& emit) {
  std::visit(Overloaded{[&](const d::VisitLogged& ev) {
               emit(VisitLogged{ev.account.value, ev.visit.value, ev.visitor.value, ev.date});
             }},
             event);
  return true;
}

bool MapReminder(const d::ReminderEvent& event, const std::string& stream_id, Emit& emit) {
  if (stream_id.empty()) return false;
  const std::string& id = stream_id;
  std::visit(Overloaded{
                 [&](const d::ReminderRaised& ev) {
                   ReminderRaised f;
                   f.reminder_id = id;
                   f.kind = KindOf(ev.kind);
                   f.subject_type = SubjectOf(ev.subject.type);
                   f.subject_id = ev.subject.id;
                   f.due_at = ev.due_at;
                   f.stage = StageOf(id, f.kind, f.subject_id, f.due_at);
                   f.recipients.reserve(ev.recipients.size());
                   for (const auto& r : ev.recipients) f.recipients.push_back(r.value);
                   emit(std::move(f));
                 },
                 [&](const d::ReminderAcknowledged& ev) { emit(ReminderAcknowledged{id, ev.by.value}); },
                 // The reminders model has no cancelled state (R-R2 cancels pending deadlines in
                 // the engine, before any raise); a cancelled raised reminder stays as it was.
                 [](const d::ReminderCancelled&) {},
             },
             event);
  return true;
}

bool Map(const d::DomainEvent& event, const EventEnvelope& e, Emit& emit) {
  return std::visit(
      Overloaded{
          [&](const d::OrgEvent& ev) { return MapOrg(ev, emit); },
          [&](const d::AccountEvent& ev) { return MapAccount(ev, StreamId(e.stream, "account"), emit); },
          [&](const d::ProjectEvent& ev) { return MapProject(ev, StreamId(e.stream, "project"), emit); },
          [&](const d::ComplaintEvent& ev) {
            return MapComplaint(ev, StreamId(e.stream, "complaint"), emit);
          },
          [&](const d::VisitEvent& ev) { return MapVisit(ev, emit); },
          [](const d::SurveyEvent&) { return true; },  // no survey read model yet (R-S1)
          [&](const d::ReminderEvent& ev) { return MapReminder(ev, StreamId(e.stream, "reminder"), emit); },
      },
      event);
}

}  // namespace

void DecodeDomainEvent(const EventEnvelope& e, std::vector<MetaFact>& out) {
  // The mail outbox's own streams (server/mail/mail_events.h) carry delivery, not business facts.
  if (e.stream.starts_with("mail-") || e.stream.starts_with("mailprefs-")) return;
  const size_t before = out.size();
  try {
    // Envelopes read from the store carry spare capacity for an in-place parse; others may not.
    const bool padded = e.data.capacity() - e.data.size() >= d::kJsonPadding;
    auto decoded = padded ? d::DecodePaddedEvent(e.type, e.schema_version, e.data)
                          : d::DecodeEvent(e.type, e.schema_version, e.data);
    if (!decoded.ok()) {
      g_skipped.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    Emit emit(e, out);
    if (!Map(decoded.value(), e, emit)) {
      out.erase(out.begin() + static_cast<std::ptrdiff_t>(before), out.end());
      g_skipped.fetch_add(1, std::memory_order_relaxed);
    }
  } catch (const std::exception&) {
    // The decoder contract is "never throws": an allocation failure or a codec bug on one event
    // must not stop a replay. Its partial facts are dropped and it is counted like a bad payload.
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(before), out.end());
    g_skipped.fetch_add(1, std::memory_order_relaxed);
  }
}

uint64_t SkippedDomainEvents() { return g_skipped.load(std::memory_order_relaxed); }

}  // namespace keyledger::projections
