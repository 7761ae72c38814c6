// ReadModels: every read model of the read side in one value, folded fact by fact with the same
// code for the live server, start-up replay and as-of audits (R-U2). Optional hook: a
// ReminderEngine whose schedules follow the models (reminder_rules.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/core/seq.h"
#include "projections/access_log.h"
#include "projections/accounts_model.h"
#include "projections/applications_model.h"
#include "projections/company_calendar.h"
#include "projections/complaints_model.h"
#include "projections/facts.h"
#include "projections/org_tree.h"
#include "projections/projects_model.h"
#include "projections/reminder_policy.h"
#include "projections/reminders_model.h"
#include "projections/weekly_digest.h"

namespace keyledger::projections {

class ReminderEngine;

// Not thread-safe: ReadSide guards it. `calendar` and `policy` must outlive it.
class ReadModels {
 public:
  ReadModels(const CompanyCalendar& calendar, const ReminderPolicy& policy)
      : calendar_(&calendar), policy_(&policy), complaints(calendar, policy) {}
  ReadModels(const ReadModels&) = delete;
  ReadModels& operator=(const ReadModels&) = delete;

  // Applies the facts of the event at `seq`. Returns false and changes nothing if seq <=
  // LastSeq() (replay tolerance). When `engine` is given, its schedules follow the models.
  bool ApplyEvent(Seq seq, const std::vector<MetaFact>& facts, ReminderEngine* engine = nullptr);
  // Applies one fact with no log-position check (as-of folds, unit tests).
  void Apply(const MetaFact& mf, ReminderEngine* engine = nullptr);
  // Marks that everything up to `seq` is applied (events without facts still move it).
  void AdvanceTo(Seq seq) {
    if (seq > last_seq_) last_seq_ = seq;
  }
  Seq LastSeq() const { return last_seq_; }
  uint64_t AppliedFacts() const { return applied_facts_; }

  const CompanyCalendar& Calendar() const { return *calendar_; }
  const ReminderPolicy& Policy() const { return *policy_; }

  // Schedules every pending deadline implied by the current state into `engine` (start-up from a
  // snapshot: the engine is not in the snapshot, it is derived).
  void ScheduleAll(ReminderEngine& engine) const;

  // Snapshot payload of every model, and its inverse. Deserialize returns false on any damage
  // (the caller then rebuilds from scratch).
  std::string Serialize() const;
  bool Deserialize(std::string_view payload);
  // The same as part of a larger payload (the reader may hold more after the models).
  void Serialize(class BinaryWriter& w) const;
  bool Deserialize(class BinaryReader& r);
  // A 64-bit fingerprint of the state's canonical form: equal state, equal fingerprint.
  uint64_t Fingerprint() const;

 private:
  const CompanyCalendar* calendar_;
  const ReminderPolicy* policy_;
  Seq last_seq_;
  uint64_t applied_facts_ = 0;

 public:
  // The models, readable directly by the owner under its lock.
  OrgTree org;
  AccountsModel accounts;
  ProjectsModel projects;
  ComplaintsModel complaints;
  ApplicationsModel applications;
  RemindersModel reminders;
  WeeklyDigest digest;
  AccessLog access_log;
};

}  // namespace keyledger::projections
