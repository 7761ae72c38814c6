// Value types of an account file (DOMAIN §2): profile, tier, kind, affiliates, key persons and
// the named-account plan.
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

// R-A1.
enum class Tier { kA, kB, kC };
template <>
struct EnumNames<Tier> {
  static constexpr std::pair<Tier, std::string_view> kNames[] = {{Tier::kA, "A"}, {Tier::kB, "B"}, {Tier::kC, "C"}};
};

// R-A2.
enum class AccountKind { kNonNamed, kNamed };
template <>
struct EnumNames<AccountKind> {
  static constexpr std::pair<AccountKind, std::string_view> kNames[] = {{AccountKind::kNonNamed, "non_named"},
                                                                        {AccountKind::kNamed, "named"}};
};

enum class PaymentHabit { kUnknown, kAdvanceFunding, kPrepayment, kProgressPayment };  // 垫资/预付款/按进度付款
template <>
struct EnumNames<PaymentHabit> {
  static constexpr std::pair<PaymentHabit, std::string_view> kNames[] = {
      {PaymentHabit::kUnknown, "unknown"}, {PaymentHabit::kAdvanceFunding, "advance_funding"},
      {PaymentHabit::kPrepayment, "prepayment"}, {PaymentHabit::kProgressPayment, "progress_payment"}};
};

enum class AffiliateRelation { kParent, kSubsidiary, kRelated };
template <>
struct EnumNames<AffiliateRelation> {
  static constexpr std::pair<AffiliateRelation, std::string_view> kNames[] = {
      {AffiliateRelation::kParent, "parent"}, {AffiliateRelation::kSubsidiary, "subsidiary"}, {AffiliateRelation::kRelated, "related"}};
};

// R-A3: the only two grounds for replacing a named account's owner.
enum class OwnerChangeReason { kManagementDecision, kCustomerRequest };
template <>
struct EnumNames<OwnerChangeReason> {
  static constexpr std::pair<OwnerChangeReason, std::string_view> kNames[] = {
      {OwnerChangeReason::kManagementDecision, "management_decision"}, {OwnerChangeReason::kCustomerRequest, "customer_request"}};
};

// R-A8.
enum class DecisionRole { kDecisionMaker, kAdvisor, kUser, kBlocker, kSupporter };
template <>
struct EnumNames<DecisionRole> {
  static constexpr std::pair<DecisionRole, std::string_view> kNames[] = {
      {DecisionRole::kDecisionMaker, "decision_maker"}, {DecisionRole::kAdvisor, "advisor"}, {DecisionRole::kUser, "user"},
      {DecisionRole::kBlocker, "blocker"}, {DecisionRole::kSupporter, "supporter"}};
};
enum class Relationship { kPositive, kNeutral, kNegative, kNoneYet };
template <>
struct EnumNames<Relationship> {
  static constexpr std::pair<Relationship, std::string_view> kNames[] = {
      {Relationship::kPositive, "positive"}, {Relationship::kNeutral, "neutral"}, {Relationship::kNegative, "negative"},
      {Relationship::kNoneYet, "none_yet"}};
};

// R-A7 review cadences.
enum class ReviewPeriod { kWeeklyUpdate, kWeeklyReview, kMonthly, kQuarterly, kAnnual };
template <>
struct EnumNames<ReviewPeriod> {
  static constexpr std::pair<ReviewPeriod, std::string_view> kNames[] = {
      {ReviewPeriod::kWeeklyUpdate, "weekly_update"}, {ReviewPeriod::kWeeklyReview, "weekly_review"},
      {ReviewPeriod::kMonthly, "monthly"}, {ReviewPeriod::kQuarterly, "quarterly"}, {ReviewPeriod::kAnnual, "annual"}};
};

struct AccountProfile {
  std::string name;
  std::string credit_code;      // 统一社会信用代码
  std::string nature;           // 单位性质
  std::string industry;         // 行业类别
  std::string scale;
  std::string address;
  std::string region;
  std::string source;
  PaymentHabit payment_habit = PaymentHabit::kUnknown;
  std::string funding_status;   // 资金状况
  std::string credit_notes;     // 履约、付款、诉讼
  bool construction_customer = false;  // R-V1 satisfaction items apply
  friend bool operator==(const AccountProfile&, const AccountProfile&) = default;
};

struct Affiliate {
  AccountId account;
  AffiliateRelation relation = AffiliateRelation::kRelated;
  friend bool operator==(const Affiliate&, const Affiliate&) = default;
};

// Sensitive personal data (R-A8); shown only with the full account file (R-A9).
struct PersonalProfile {
  std::string hobbies;
  std::string birthday;
  std::string education;
  std::string notes;
  friend bool operator==(const PersonalProfile&, const PersonalProfile&) = default;
};

struct KeyPerson {
  KeyPersonId id;
  std::string name;
  std::string title;
  DecisionRole decision_role = DecisionRole::kUser;
  Relationship relationship = Relationship::kNoneYet;
  int decision_weight = 0;           // percent 0..100
  std::vector<UserId> known_by;      // which of our people knows them
  std::optional<Instant> next_contact;  // R-V3
  PersonalProfile profile;
  friend bool operator==(const KeyPerson&, const KeyPerson&) = default;
};

// R-A6 facts about the customer, gathered by the applicant and the business office.
struct QualificationFacts {
  bool independent_legal_person = true;
  bool litigation_or_malicious_arrears = false;
  bool centralised_purchasing = false;  // telecom/power/petrochemical centralised purchasing
  bool core_channel = false;
  int cooperation_year = 1;             // 1 = first fiscal year of cooperation
  Money gross_profit;                   // this fiscal year
  Money technical_service_revenue;      // a year
  Money own_service_revenue;            // a year
  Money channel_contracts_signed;       // a year (core channels)
  friend bool operator==(const QualificationFacts&, const QualificationFacts&) = default;
};

// R-A5 account plan submitted with a named-account application.
struct AccountPlan {
  std::string customer_info;
  std::string affiliates;
  std::string past_cooperation;
  std::string sales_potential;
  std::string products;
  std::string resources_needed;
  friend bool operator==(const AccountPlan&, const AccountPlan&) = default;
};

}  // namespace keyledger::domain
