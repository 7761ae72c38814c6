// Value types of a project (DOMAIN §3): details, status, conflict hits, credit split.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/core/enum_names.h"
#include "domain/core/ids.h"
#include "domain/core/money.h"
#include "domain/core/time.h"

namespace keyledger::domain {

// kNone is "no project yet"; every other value is an API status.
enum class ProjectStatus { kNone, kRegistered, kConflictReview, kApproved, kDeferred, kRejected, kContractSigned, kClosed, kOnHold };
template <>
struct EnumNames<ProjectStatus> {
  static constexpr std::pair<ProjectStatus, std::string_view> kNames[] = {
      {ProjectStatus::kNone, "none"}, {ProjectStatus::kRegistered, "registered"},
      {ProjectStatus::kConflictReview, "conflict_review"}, {ProjectStatus::kApproved, "approved"},
      {ProjectStatus::kDeferred, "deferred"}, {ProjectStatus::kRejected, "rejected"},
      {ProjectStatus::kContractSigned, "contract_signed"}, {ProjectStatus::kClosed, "closed"},
      {ProjectStatus::kOnHold, "on_hold"}};
};

// R-P2: why an existing project conflicts with a registration.
enum class ConflictReason { kSameCustomer, kAffiliate, kSameEndUser, kSameProject };
template <>
struct EnumNames<ConflictReason> {
  static constexpr std::pair<ConflictReason, std::string_view> kNames[] = {
      {ConflictReason::kSameCustomer, "same_customer"}, {ConflictReason::kAffiliate, "affiliate"},
      {ConflictReason::kSameEndUser, "same_end_user"}, {ConflictReason::kSameProject, "same_project"}};
};

enum class ProjectDecisionKind { kApprove, kDefer, kReject };
template <>
struct EnumNames<ProjectDecisionKind> {
  static constexpr std::pair<ProjectDecisionKind, std::string_view> kNames[] = {
      {ProjectDecisionKind::kApprove, "approve"}, {ProjectDecisionKind::kDefer, "defer"}, {ProjectDecisionKind::kReject, "reject"}};
};

struct ProjectDetails {
  std::string name;
  AccountId account;
  std::string customer_name;  // the account's name at registration, for conflict detection
  std::string end_user;       // 最终用户
  std::string products;
  Money contract_amount;
  int win_probability = 0;    // percent 0..100
  int margin = 0;             // percent 0..100
  std::optional<Instant> expected_signing;
  std::string stage;
  std::string notes;
  friend bool operator==(const ProjectDetails&, const ProjectDetails&) = default;
};

struct ConflictHit {
  ProjectId project;
  UserId owner;
  std::optional<UserId> vp;  // confirms or clears the conflict (R-P2)
  ConflictReason reason = ConflictReason::kSameCustomer;
  friend bool operator==(const ConflictHit&, const ConflictHit&) = default;
};

struct CreditShare {
  UserId user;
  int percent = 0;
  friend bool operator==(const CreditShare&, const CreditShare&) = default;
};

// Fields a weekly update may change (R-P4); unset = unchanged.
struct ProjectChanges {
  std::optional<Money> contract_amount;
  std::optional<int> win_probability;
  std::optional<int> margin;
  std::optional<Instant> expected_signing;
  std::optional<std::string> stage;
  std::optional<std::string> products;
  friend bool operator==(const ProjectChanges&, const ProjectChanges&) = default;
};

}  // namespace keyledger::domain
