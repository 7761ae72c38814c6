// AccessLog: append-only vector with per-account and per-user position lists.
#include "projections/access_log.h"

#include "projections/binary_codec.h"

namespace keyledger::projections {

void AccessLog::Apply(const FactMeta& m, const AccountFileRead& f) {
  const auto index = static_cast<uint32_t>(entries_.size());
  entries_.push_back({m.seq, m.occurred_at, f.user_id, f.account_id});
  by_account_[f.account_id].push_back(index);
  by_user_[f.user_id].push_back(index);
}

std::vector<AccessEntry> AccessLog::Query(const AccessQuery& q) const {
  std::vector<AccessEntry> out;
  auto matches = [&](const AccessEntry& e) {
    return (!q.account_id || e.account_id == *q.account_id) &&
           (!q.user_id || e.user_id == *q.user_id) && (!q.from || e.at >= *q.from) &&
           (!q.to || e.at < *q.to);
  };
  auto scan = [&](const std::vector<uint32_t>& positions) {
    for (uint32_t i : positions) {
      if (out.size() >= q.limit) return;
      if (matches(entries_[i])) out.push_back(entries_[i]);
    }
  };
  const std::vector<uint32_t>* positions = nullptr;
  if (q.account_id) {
    auto it = by_account_.find(*q.account_id);
    if (it == by_account_.end()) return out;
    positions = &it->second;
  } else if (q.user_id) {
    auto it = by_user_.find(*q.user_id);
    if (it == by_user_.end()) return out;
    positions = &it->second;
  }
  if (positions) {
    scan(*positions);
    return out;
  }
  for (const auto& e : entries_) {
    if (out.size() >= q.limit) break;
    if (matches(e)) out.push_back(e);
  }
  return out;
}

void AccessLog::Serialize(BinaryWriter& w) const {
  w.PutVarint(entries_.size());
  for (const auto& e : entries_) {
    w.PutVarint(e.seq.value);
    w.PutSigned(ToUnixMicros(e.at));
    w.PutString(e.user_id);
    w.PutString(e.account_id);
  }
}

bool AccessLog::Deserialize(BinaryReader& r) {
  entries_.clear();
  by_account_.clear();
  by_user_.clear();
  const uint64_t n = r.GetVarint();
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    FactMeta m;
    m.seq = Seq(r.GetVarint());
    m.occurred_at = FromUnixMicros(r.GetSigned());
    AccountFileRead f;
    f.user_id = r.GetString();
    f.account_id = r.GetString();
    Apply(m, f);
  }
  return r.ok();
}

}  // namespace keyledger::projections
