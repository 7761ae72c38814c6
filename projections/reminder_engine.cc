// ReminderEngine: DueQueue plus the raised-id set; recipients resolved at due time (R-R4).
#include "projections/reminder_engine.h"

#include <algorithm>

namespace keyledger::projections {

void ReminderEngine::Schedule(PendingReminder p) {
  if (run_open_) touched_.insert(p.slot);
  if (IsRaised(ReminderId(p.slot.kind, p.slot.subject_id, p.slot.stage, p.due))) {
    Cancel(p.slot);
    return;
  }
  queue_.Schedule(p.slot, p.due);
  pending_.insert_or_assign(p.slot, std::move(p));
}

void ReminderEngine::Cancel(const ReminderSlot& slot) {
  if (run_open_) touched_.insert(slot);
  queue_.Cancel(slot);
  pending_.erase(slot);
}

void ReminderEngine::MarkRaised(const std::string& id) {
  raised_.insert(id);
}

std::optional<PendingReminder> ReminderEngine::Pending(const ReminderSlot& slot) const {
  auto it = pending_.find(slot);
  if (it == pending_.end()) return std::nullopt;
  return it->second;
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
    auto node = pending_.extract(entry.key);
    const PendingReminder& p = node.mapped();
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
  if (touched_.count(slot) != 0 || pending_.count(slot) != 0) return;
  PendingReminder p;
  p.slot = slot;
  p.subject_type = r.subject_type;
  p.due = r.due_at;
  p.person = r.person;
  p.audience = r.audience;
  p.causation_id = r.causation_id;
  queue_.Schedule(slot, p.due);
  pending_.emplace(slot, std::move(p));
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

}  // namespace keyledger::projections
