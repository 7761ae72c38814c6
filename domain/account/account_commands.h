// Commands on an account stream ("account-<id>"). Fields named *_facts are filled by the command
// service from projections (counts, ownership), never from the request body.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/account/account_types.h"

namespace keyledger::domain {

// Creates the account; the id is Context::new_id. `code_taken` is the projection's uniqueness check.
struct OpenAccount { std::string code; Tier tier = Tier::kC; AccountProfile profile; bool code_taken = false; };
struct UpdateAccountProfile { AccountProfile profile; };
struct AddAffiliate { Affiliate affiliate; };
struct RemoveAffiliate { AccountId account; };
struct ChangeTier { Tier tier; std::string reason; };                       // R-A1
struct AddKeyPerson { KeyPerson person; };                                   // R-A8 (id = Context::new_id)
struct UpdateKeyPerson { KeyPerson person; };                                // R-A8
// R-A3 (and R-A4 for the new owner: `new_owner_named_count` is how many named accounts they own).
struct ChangeOwner { UserId new_owner; OwnerChangeReason reason; std::string note; int new_owner_named_count = 0; };
// R-A5/R-A6; the applicant is the actor. `owned_named_count` feeds R-A4.
struct ApplyForNamed { AccountPlan plan; QualificationFacts qualification; int owned_named_count = 0; };
enum class ReviewDecision { kApprove, kReject };
template <>
struct EnumNames<ReviewDecision> {
  static constexpr std::pair<ReviewDecision, std::string_view> kNames[] = {{ReviewDecision::kApprove, "approve"},
                                                                           {ReviewDecision::kReject, "reject"}};
};
// R-A5: the step (business office check, VP, GM) follows from the actor's role.
// `justification` is the VP's written justification required when R-A4 applies.
struct ReviewNamedApplication { ReviewDecision decision; std::string reason; std::string justification; };
struct RequestSecondReview { std::string reason; };                          // R-A5, applicant
struct RevokeNamed { std::string reason; };                                  // R-A7
struct RecordAccountReview { ReviewPeriod period; bool plan_met = true; std::string notes; };  // R-A7
struct AssessQualification { QualificationFacts facts; };                   // R-A6 annual review
struct ReadAccountFile {};                                                   // R-A9

using AccountCommand = std::variant<OpenAccount, UpdateAccountProfile, AddAffiliate, RemoveAffiliate, ChangeTier,
                                    AddKeyPerson, UpdateKeyPerson, ChangeOwner, ApplyForNamed, ReviewNamedApplication,
                                    RequestSecondReview, RevokeNamed, RecordAccountReview, AssessQualification,
                                    ReadAccountFile>;

}  // namespace keyledger::domain
