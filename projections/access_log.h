// AccessLog: every read of a confidential account file (R-A9), queryable by account, user and
// time range for auditors (R-U4, API `GET /api/audit/access-log`).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "projections/facts.h"

namespace keyledger::projections {

struct AccessEntry {
  Seq seq;
  Instant at;
  std::string user_id;
  std::string account_id;
  bool operator==(const AccessEntry&) const = default;
};

struct AccessQuery {
  std::optional<std::string> account_id;
  std::optional<std::string> user_id;
  std::optional<Instant> from;  // inclusive
  std::optional<Instant> to;    // exclusive
  size_t limit = 1000;
};

// Not thread-safe; guarded by its owner.
class AccessLog {
 public:
  void Apply(const FactMeta& m, const AccountFileRead& f);
  // Matching entries oldest first, at most q.limit. Uses the account or user index when given.
  std::vector<AccessEntry> Query(const AccessQuery& q) const;
  size_t Size() const { return entries_.size(); }

  void Serialize(class BinaryWriter& w) const;
  bool Deserialize(class BinaryReader& r);
  bool operator==(const AccessLog& o) const { return entries_ == o.entries_; }

 private:
  std::vector<AccessEntry> entries_;  // log order
  std::unordered_map<std::string, std::vector<uint32_t>> by_account_;
  std::unordered_map<std::string, std::vector<uint32_t>> by_user_;
};

}  // namespace keyledger::projections
