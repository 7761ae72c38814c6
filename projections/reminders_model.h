// RemindersModel: every raised reminder (R-R1) with who acknowledged it, indexed by recipient,
// so "my open reminders" (API `GET /api/reminders?state=open`) is one lookup.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "projections/facts.h"

namespace keyledger::projections {

enum class ReminderState : uint8_t { kOpen, kAcknowledged };

// The API shape: id, kind, subject_type, subject_id, due_at, raised_at, recipients[], state.
struct ReminderView {
  std::string id;
  ReminderKind kind;
  SubjectType subject_type;
  std::string subject_id;
  Instant due_at;
  Instant raised_at;
  std::vector<std::string> recipients;
  ReminderState state;  // for the recipient asked about
};

// Not thread-safe; guarded by its owner.
class RemindersModel {
 public:
  void Apply(const FactMeta& m, const ReminderRaised& f);
  void Apply(const FactMeta& m, const ReminderAcknowledged& f);

  bool Contains(std::string_view id) const;
  // The reminders addressed to `user` in raise order; `state` filters when given.
  std::vector<ReminderView> ForRecipient(std::string_view user,
                                         std::optional<ReminderState> state) const;
  // user -> number of reminders addressed to them and not acknowledged by them.
  std::map<std::string, size_t> OpenCountByPerson() const;
  // Every raised reminder id, sorted (tests and hashing).
  std::vector<std::string> AllIds() const;
  std::optional<ReminderView> Get(std::string_view id) const;
  size_t Size() const { return rows_.size(); }

  void Serialize(class BinaryWriter& w) const;
  bool Deserialize(class BinaryReader& r);
  bool operator==(const RemindersModel& o) const;

 private:
  struct Row {
    ReminderRaised raised;
    Instant raised_at;
    std::set<std::string> acked_by;
  };
  ReminderView ToView(const Row& row, std::string_view user) const;

  std::unordered_map<std::string, Row> rows_;
  std::vector<std::string> order_;  // raise order
  std::unordered_map<std::string, std::vector<std::string>> by_recipient_;
};

}  // namespace keyledger::projections
