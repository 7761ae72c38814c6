// Events of an account stream ("account-<id>"). See docs/event_catalogue.md.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/account/account_types.h"
#include "domain/core/role.h"

namespace keyledger::domain {

// A customer account file was opened.
struct AccountOpened { AccountId account; std::string code; Tier tier; AccountProfile profile; UserId opened_by; };
// The profile fields were replaced (name changes feed conflict detection).
struct AccountProfileUpdated { AccountProfile profile; };
// Another account was recorded as parent/subsidiary/related.
struct AffiliateAdded { Affiliate affiliate; };
// An affiliation was removed.
struct AffiliateRemoved { AccountId account; };
// R-A1: the tier changed, with its reason. Schema v2 (v1 had `new_tier` and no previous tier).
struct TierChanged { std::optional<Tier> previous_tier; Tier tier; std::string reason; };
// R-A8: a key person was added / updated.
struct KeyPersonAdded { KeyPerson person; };
struct KeyPersonUpdated { KeyPerson person; };
// R-A3: the named account's owner was replaced, by management decision or at the customer's request.
struct OwnerChanged { std::optional<UserId> previous_owner; UserId owner; OwnerChangeReason reason; std::string note; UserId decided_by; };
// R-A5: a salesperson applied for named status. needs_gm_approval records that R-A4 applied.
struct NamedApplicationSubmitted { UserId applicant; AccountPlan plan; QualificationFacts qualification; int owned_named_count; bool needs_gm_approval; };
// R-A5: the business office's check passed or failed (failed carries the reason).
struct NamedApplicationChecked { UserId reviewer; bool passed; std::string reason; };
// R-A5: one VP approved or rejected; justification is the R-A4 written justification.
// vp_review_complete: this approval was the last one the configuration requires.
struct NamedApplicationVpReviewed { UserId vp; bool approved; std::string reason; std::string justification; bool vp_review_complete; };
// R-A4/R-A5: the GM's extra approval (6th named account) or final second review.
struct NamedApplicationGmReviewed { UserId gm; bool approved; std::string reason; bool second_review; };
// R-A5: the rejected applicant asked the GM for a second review.
struct NamedSecondReviewRequested { UserId applicant; std::string reason; };
// R-A2/R-A3: the account became a named account with its dedicated owner.
struct AccountNamed { UserId owner; };
// R-A7: named status revoked (撤销资格) for a missed plan; the account returns to non-named.
struct NamedStatusRevoked { std::string reason; UserId revoked_by; };
// R-A7: a periodic review was recorded.
struct AccountReviewRecorded { ReviewPeriod period; UserId reviewer; bool plan_met; std::string notes; };
// R-A6: qualification assessed at the annual review.
struct QualificationAssessed { QualificationFacts facts; bool qualified; std::vector<std::string> failures; };
// R-A9/R-U4: someone read the full account file (the 借阅卡 line).
struct AccountFileRead { UserId reader; Role reader_role; Instant at; };

using AccountEvent = std::variant<AccountOpened, AccountProfileUpdated, AffiliateAdded, AffiliateRemoved, TierChanged,
                                  KeyPersonAdded, KeyPersonUpdated, OwnerChanged, NamedApplicationSubmitted,
                                  NamedApplicationChecked, NamedApplicationVpReviewed, NamedApplicationGmReviewed,
                                  NamedSecondReviewRequested, AccountNamed, NamedStatusRevoked, AccountReviewRecorded,
                                  QualificationAssessed, AccountFileRead>;

}  // namespace keyledger::domain
