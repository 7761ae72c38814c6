// The account decider: state of one account file and the rules R-A1…R-A9 over it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/account/account_commands.h"
#include "domain/account/account_events.h"
#include "domain/core/context.h"
#include "domain/core/rejection.h"

namespace keyledger::domain {

// Where a named-account application stands (R-A5). kNone also after a grant or a final rejection.
enum class ApplicationStage { kNone, kOfficeCheck, kVpReview, kGmApproval, kRejected, kSecondReview };
template <>
struct EnumNames<ApplicationStage> {
  static constexpr std::pair<ApplicationStage, std::string_view> kNames[] = {
      {ApplicationStage::kNone, "none"}, {ApplicationStage::kOfficeCheck, "office_check"},
      {ApplicationStage::kVpReview, "vp_review"}, {ApplicationStage::kGmApproval, "gm_approval"},
      {ApplicationStage::kRejected, "rejected"}, {ApplicationStage::kSecondReview, "second_review"}};
};

struct NamedApplication {
  ApplicationStage stage = ApplicationStage::kNone;
  UserId applicant;
  bool needs_gm_approval = false;
  std::vector<UserId> approving_vps;
  bool final_decision = false;  // GM decided: no further second review
  std::string last_reason;
};

struct AccountState {
  bool exists = false;
  AccountId id;
  std::string code;
  Tier tier = Tier::kC;
  AccountKind kind = AccountKind::kNonNamed;
  std::optional<UserId> owner;
  // Who opened the account. A non-named account has no dedicated owner (R-A2); until it is
  // named, its opener looks after it, so the access policy treats them as its owner.
  UserId opened_by;
  AccountProfile profile;
  std::vector<Affiliate> affiliates;
  std::vector<KeyPerson> key_persons;
  NamedApplication application;
  std::optional<bool> qualified;  // last R-A6 assessment
  uint64_t file_reads = 0;
};

// Pure. Returns the events to append, or a Rejection naming the rule. No-ops (same tier, same
// profile, affiliate already present) return no events. Access scope (R-A9 "own accounts") is the
// access policy's job (domain/access); Decide checks the role-specific steps of R-A3/R-A5/R-A7.
Decision<AccountEvent> Decide(const AccountState& state, const AccountCommand& command, const Context& ctx);
AccountState Evolve(AccountState state, const AccountEvent& event);
void EvolveInPlace(AccountState& state, const AccountEvent& event);

// True for `T-NNNNN` with T in A/B/C.
bool IsValidAccountCode(std::string_view code);

}  // namespace keyledger::domain
