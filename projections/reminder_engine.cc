// ReminderEngine: DueQueue plus the raised-id set; recipients resolved at due time (R-R4).
#include "projections/reminder_engine.h"

#include <algorithm>

#include "projections/binary_codec.h"

namespace keyledger::projections {

void ReminderEngine::Schedule(PendingReminder p) {
  if (run_open_) touched_.insert(p.slot);
  if (IsRaised(ReminderId(p.slot.kind, p.slot.subject_id, p.slot.stage, p.due))) {
    Cancel(p.slot);
    return;
  }
  queue_.Schedule(p.slot, p.due,
                  Deadline{p.subject_type, p.audience, std::move(p.person), std::move(p.causation_id)});
}

void ReminderEngine::Cancel(const ReminderSlot& slot) {
  if (run_open_) touched_.insert(slot);
  queue_.Cancel(slot);
}

void ReminderEngine::MarkRaised(const std::string& id) {
  raised_.insert(id);
}

PendingReminder ReminderEngine::ToPending(const ReminderSlot& slot, Instant due, const Deadline& d) {
  return PendingReminder{slot, d.subject_type, due, d.person, d.audience, d.causation_id};
}

std::optional<PendingReminder> ReminderEngine::Pending(const ReminderSlot& slot) const {
  const auto* item = queue_.Find(slot);
  if (item == nullptr) return std::nullopt;
  return ToPending(slot, item->due, item->value);
}

std::vector<std::string> ReminderEngine::Recipients(const PendingReminder& p) const {
  std::vector<std::string> out;
  if (!p.person.empty()) out.push_back(p.person);
  auto add = [&](std::optional<std::string> who) {
    if (who && std::find(out.begin(), out.end(), *who) == out.end()) out.push_back(std::move(*who));
  };
  switch (p.audience) {
    case Audience::kPerson:
      break;
    case Audience::kPersonAndManager:
      add(org_.ManagerOf(p.person, p.due));
      break;
    case Audience::kPersonManagerAndVp:
      add(org_.ManagerOf(p.person, p.due));
      add(org_.VpOf(p.person, p.due));
      break;
    case Audience::kVpOnly:
      out.clear();
      add(org_.VpOf(p.person, p.due));
      break;
  }
  return out;
}

std::vector<ReminderToRaise> ReminderEngine::TakeDue(Instant now) {
  std::vector<ReminderToRaise> out;
  touched_.clear();
  run_open_ = true;
  for (auto& entry : queue_.PopDue(now)) {
    const PendingReminder p = ToPending(entry.key, entry.due, entry.value);
    std::string id = ReminderId(p.slot.kind, p.slot.subject_id, p.slot.stage, p.due);
    // Belt and braces: Schedule already refuses raised ids, but MarkRaised may have arrived
    // after the schedule (the raise of a previous run being applied).
    if (IsRaised(id)) continue;
    out.push_back(ReminderToRaise{std::move(id), p.slot.kind, p.subject_type, p.slot.subject_id,
                                  p.slot.stage, p.due, Recipients(p), p.causation_id, p.person,
                                  p.audience});
  }
  return out;
}

void ReminderEngine::Restore(const ReminderToRaise& r) {
  if (IsRaised(r.id)) return;
  // A newer schedule of the same slot (the cause moved while the sink ran) wins.
  ReminderSlot slot{r.kind, r.subject_id, r.stage};
  if (touched_.count(slot) != 0 || queue_.Find(slot) != nullptr) return;
  queue_.Schedule(slot, r.due_at, Deadline{r.subject_type, r.audience, r.person, r.causation_id});
}

void ReminderEngine::EndRun() {
  run_open_ = false;
  touched_.clear();
}

RaiseRun RaiseAll(const std::vector<ReminderToRaise>& batch, ReminderSink& sink) {
  RaiseRun run;
  for (; run.stopped_at < batch.size(); ++run.stopped_at) {
    const ReminderToRaise& r = batch[run.stopped_at];
    if (r.kind == ReminderKind::kProjectOnHold) {
      // The on-hold comes first: if it fails nothing claims the project was put on hold.
      auto hold = sink.PutProjectOnHold(r);
      if (!hold.ok()) break;
    }
    auto res = sink.Raise(r);
    if (!res.ok()) break;
    if (*res == RaiseOutcome::kRaised) ++run.raised;
    run.done_ids.push_back(r.id);
  }
  return run;
}

size_t ReminderEngine::RunDue(Instant now, ReminderSink& sink) {
  std::vector<ReminderToRaise> batch = TakeDue(now);
  RaiseRun run = RaiseAll(batch, sink);
  for (const auto& id : run.done_ids) MarkRaised(id);
  for (size_t i = run.stopped_at; i < batch.size(); ++i) Restore(batch[i]);
  EndRun();
  return run.raised;
}

// In due order, so Deserialize appends each entry at the end of the index.
void ReminderEngine::PutSchedule(BinaryWriter& w) const {
  w.PutVarint(queue_.Size());
  queue_.ForEachInOrder([&](const ReminderSlot& slot, Instant due, const Deadline& d) {
    w.PutVarint(static_cast<uint64_t>(slot.kind));
    w.PutString(slot.subject_id);
    w.PutVarint(slot.stage);
    w.PutSigned(ToUnixMicros(due));
    w.PutVarint(static_cast<uint64_t>(d.subject_type));
    w.PutVarint(static_cast<uint64_t>(d.audience));
    w.PutString(d.person);
    w.PutString(d.causation_id);
  });
}

void ReminderEngine::Serialize(BinaryWriter& w) const {
  PutSchedule(w);
  w.PutVarint(raised_.size());
  for (const auto& id : raised_) w.PutString(id);
}

uint64_t ReminderEngine::Fingerprint() const {
  BinaryWriter w;
  PutSchedule(w);
  std::vector<std::string_view> raised(raised_.begin(), raised_.end());
  std::sort(raised.begin(), raised.end());
  for (std::string_view id : raised) w.PutString(id);
  return Fnv1a(w.Buffer());
}

bool ReminderEngine::Deserialize(BinaryReader& r) {
  if (!queue_.Empty() || !raised_.empty()) return false;
  constexpr uint64_t kMaxKind = static_cast<uint64_t>(ReminderKind::kApprovalPending);
  constexpr uint64_t kMaxSubject = static_cast<uint64_t>(SubjectType::kApplication);
  constexpr uint64_t kMaxAudience = static_cast<uint64_t>(Audience::kVpOnly);
  const uint64_t pending = r.GetVarint();
  // A damaged count must not reserve terabytes: every entry takes at least 8 bytes.
  if (!r.ok() || pending > r.Remaining() / 8) return false;
  queue_.Reserve(pending);
  Instant previous_due = Instant::min();
  const ReminderSlot* previous_slot = nullptr;
  for (uint64_t i = 0; i < pending && r.ok(); ++i) {
    ReminderSlot slot;
    const uint64_t kind = r.GetVarint();
    slot.subject_id = r.GetString();
    const uint64_t stage = r.GetVarint();
    const Instant due = FromUnixMicros(r.GetSigned());
    const uint64_t subject = r.GetVarint();
    const uint64_t audience = r.GetVarint();
    Deadline d;
    d.person = r.GetString();
    d.causation_id = r.GetString();
    if (!r.ok() || kind > kMaxKind || subject > kMaxSubject || audience > kMaxAudience || stage > 255) return false;
    slot.kind = static_cast<ReminderKind>(kind);
    slot.stage = static_cast<uint8_t>(stage);
    d.subject_type = static_cast<SubjectType>(subject);
    d.audience = static_cast<Audience>(audience);
    // Append's precondition, checked: strictly increasing (due, slot).
    if (previous_slot != nullptr && (due < previous_due || (due == previous_due && !(*previous_slot < slot)))) {
      return false;
    }
    previous_due = due;
    previous_slot = queue_.Append(std::move(slot), due, std::move(d));
    if (previous_slot == nullptr) return false;
  }
  const uint64_t raised = r.GetVarint();
  if (!r.ok() || raised > r.Remaining()) return false;
  raised_.reserve(raised);
  for (uint64_t i = 0; i < raised && r.ok(); ++i) raised_.insert(r.GetString());
  return r.ok();
}

}  // namespace keyledger::projections
