// Decide/Evolve for accounts. Each branch names the rule it enforces.
#include "domain/account/account_decider.h"

#include <algorithm>

#include "domain/account/qualification.h"
#include "domain/core/overloaded.h"

namespace keyledger::domain {
namespace {

using Events = std::vector<AccountEvent>;
Decision<AccountEvent> One(AccountEvent e) { return Events{std::move(e)}; }

std::optional<Rejection> ValidateKeyPerson(const KeyPerson& p) {
  if (p.name.empty()) return Invalid("name", "key person name is required", "R-A8");
  if (p.decision_weight < 0 || p.decision_weight > 100) return Invalid("decision_weight", "weight is a percent 0..100", "R-A8");
  return std::nullopt;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

Decision<AccountEvent> DecideReview(const AccountState& s, const ReviewNamedApplication& c, const Context& ctx) {
  const auto& app = s.application;
  const bool approve = c.decision == ReviewDecision::kApprove;
  if (!approve && c.reason.empty()) return Fail(Invalid("reason", "a rejection carries a reason", "R-A5"));
  const Role role = ctx.actor.role;
  switch (app.stage) {
    case ApplicationStage::kOfficeCheck:
      if (role != Role::kBusinessOffice) return Fail(Forbidden("R-A5", "the business office checks the application first"));
      return One(NamedApplicationChecked{ctx.actor.user, approve, c.reason});
    case ApplicationStage::kVpReview: {
      if (role != Role::kVp) return Fail(Forbidden("R-A5", "the application awaits two sales VPs"));
      if (std::find(app.approving_vps.begin(), app.approving_vps.end(), ctx.actor.user) != app.approving_vps.end()) {
        return Fail(RuleViolation("R-A5", "two distinct VPs must approve; this VP already did"));
      }
      if (approve && app.needs_gm_approval && c.justification.empty()) {
        return Fail(Invalid("justification", "a 6th named account needs the VP's written justification", "R-A4"));
      }
      const int approvals = static_cast<int>(app.approving_vps.size()) + 1;
      const bool complete = approve && approvals >= ctx.Config().named_application_vp_approvals;
      Events out{NamedApplicationVpReviewed{ctx.actor.user, approve, c.reason, c.justification, complete}};
      if (complete && !app.needs_gm_approval) {
        out.push_back(AccountNamed{app.applicant});
      }
      return out;
    }
    case ApplicationStage::kGmApproval:
    case ApplicationStage::kSecondReview: {
      if (role != Role::kGm) return Fail(Forbidden("R-A5", "the general manager decides this step"));
      const bool second = app.stage == ApplicationStage::kSecondReview;
      Events out{NamedApplicationGmReviewed{ctx.actor.user, approve, c.reason, second}};
      if (approve) out.push_back(AccountNamed{app.applicant});
      return out;
    }
    case ApplicationStage::kNone:
    case ApplicationStage::kRejected:
      return Fail(RuleViolation("R-A5", "no application is awaiting review"));
  }
  return Fail(RuleViolation("R-A5", "unknown application stage"));
}

}  // namespace

bool IsValidAccountCode(std::string_view code) {
  if (code.size() != 7 || code[1] != '-') return false;
  if (code[0] != 'A' && code[0] != 'B' && code[0] != 'C') return false;
  return std::all_of(code.begin() + 2, code.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

Decision<AccountEvent> Decide(const AccountState& s, const AccountCommand& command, const Context& ctx) {
  if (!s.exists && !std::holds_alternative<OpenAccount>(command)) return Fail(NotFound("account"));
  const Actor& actor = ctx.actor;
  return std::visit(
      Overloaded{
          [&](const OpenAccount& c) -> Decision<AccountEvent> {
            if (s.exists) return Fail(Conflict("unique_id", "account already exists"));
            if (ctx.new_id.empty()) return Fail(Invalid("id", "no id minted for the account"));
            if (c.profile.name.empty()) return Fail(Invalid("name", "account name is required"));
            if (!IsValidAccountCode(c.code)) return Fail(Invalid("code", "code must be T-NNNNN with tier letter A/B/C", "R-A1"));
            if (c.code[0] != NameOf(c.tier)[0]) return Fail(Invalid("code", "code letter must match the tier", "R-A1"));
            if (c.code_taken) return Fail(Conflict("unique_code", "account code already used: " + c.code));
            return One(AccountOpened{AccountId{ctx.new_id}, c.code, c.tier, c.profile, actor.user});
          },
          [&](const UpdateAccountProfile& c) -> Decision<AccountEvent> {
            if (c.profile.name.empty()) return Fail(Invalid("name", "account name is required"));
            if (c.profile == s.profile) return Events{};
            return One(AccountProfileUpdated{c.profile});
          },
          [&](const AddAffiliate& c) -> Decision<AccountEvent> {
            if (c.affiliate.account.empty()) return Fail(Invalid("account", "affiliate account is required"));
            if (c.affiliate.account == s.id) return Fail(Invalid("account", "an account cannot be its own affiliate"));
            for (const auto& a : s.affiliates) {
              if (a.account == c.affiliate.account) return a == c.affiliate ? Decision<AccountEvent>(Events{}) : Fail(Conflict("affiliate", "affiliate already recorded with another relation"));
            }
            return One(AffiliateAdded{c.affiliate});
          },
          [&](const RemoveAffiliate& c) -> Decision<AccountEvent> {
            auto it = std::find_if(s.affiliates.begin(), s.affiliates.end(), [&](const Affiliate& a) { return a.account == c.account; });
            if (it == s.affiliates.end()) return Events{};
            return One(AffiliateRemoved{c.account});
          },
          [&](const ChangeTier& c) -> Decision<AccountEvent> {
            if (c.reason.empty()) return Fail(Invalid("reason", "a tier change carries a reason", "R-A1"));
            if (actor.role == Role::kSales) return Fail(Forbidden("R-A1", "tiers are set by the annual evaluation of management or the business office"));
            if (c.tier == s.tier) return Events{};
            return One(TierChanged{s.tier, c.tier, c.reason});
          },
          [&](const AddKeyPerson& c) -> Decision<AccountEvent> {
            if (auto r = ValidateKeyPerson(c.person)) return Fail(*r);
            KeyPerson p = c.person;
            p.id = KeyPersonId{ctx.new_id};
            if (p.id.empty()) return Fail(Invalid("id", "no id minted for the key person"));
            return One(KeyPersonAdded{p});
          },
          [&](const UpdateKeyPerson& c) -> Decision<AccountEvent> {
            if (auto r = ValidateKeyPerson(c.person)) return Fail(*r);
            auto it = std::find_if(s.key_persons.begin(), s.key_persons.end(), [&](const KeyPerson& k) { return k.id == c.person.id; });
            if (it == s.key_persons.end()) return Fail(NotFound("key person " + c.person.id.value));
            if (*it == c.person) return Events{};
            return One(KeyPersonUpdated{c.person});
          },
          [&](const ChangeOwner& c) -> Decision<AccountEvent> {
            if (s.kind != AccountKind::kNamed) return Fail(RuleViolation("R-A3", "only a named account has a dedicated owner"));
            if (!IsManagement(actor.role)) return Fail(Forbidden("R-A3", "the owner is replaced only by a management decision or at the customer's request"));
            if (c.note.empty()) return Fail(Invalid("note", "an owner change records its reason", "R-A3"));
            if (c.new_owner.empty()) return Fail(Invalid("new_owner", "new owner is required", "R-A3"));
            if (s.owner == c.new_owner) return Events{};
            if (c.new_owner_named_count >= ctx.Config().max_named_accounts_per_owner && actor.role != Role::kGm) {
              return Fail(RuleViolation("R-A4", "the new owner already has the maximum of named accounts; the GM must decide"));
            }
            return One(OwnerChanged{s.owner, c.new_owner, c.reason, c.note, actor.user});
          },
          [&](const ApplyForNamed& c) -> Decision<AccountEvent> {
            if (actor.role != Role::kSales) return Fail(Forbidden("R-A5", "a salesperson applies for named status"));
            if (s.kind == AccountKind::kNamed) return Fail(RuleViolation("R-A5", "the account is already named"));
            const auto stage = s.application.stage;
            if (stage != ApplicationStage::kNone && stage != ApplicationStage::kRejected) {
              return Fail(RuleViolation("R-A5", "an application is already in progress"));
            }
            if (c.plan.customer_info.empty()) return Fail(Invalid("plan.customer_info", "the account plan describes the customer", "R-A5"));
            if (c.plan.sales_potential.empty()) return Fail(Invalid("plan.sales_potential", "the account plan states the sales potential", "R-A5"));
            auto failures = QualificationFailures(c.qualification, ctx.Config().qualification);
            if (!failures.empty()) return Fail(RuleViolation("R-A6", "not qualified: " + Join(failures)));
            const bool needs_gm = c.owned_named_count >= ctx.Config().max_named_accounts_per_owner;
            return One(NamedApplicationSubmitted{actor.user, c.plan, c.qualification, c.owned_named_count, needs_gm});
          },
          [&](const ReviewNamedApplication& c) -> Decision<AccountEvent> { return DecideReview(s, c, ctx); },
          [&](const RequestSecondReview& c) -> Decision<AccountEvent> {
            if (s.application.stage != ApplicationStage::kRejected) return Fail(RuleViolation("R-A5", "only a rejected application can go to second review"));
            if (s.application.final_decision) return Fail(RuleViolation("R-A5", "the general manager's decision is final"));
            if (actor.user != s.application.applicant) return Fail(Forbidden("R-A5", "only the applicant may ask for a second review"));
            return One(NamedSecondReviewRequested{actor.user, c.reason});
          },
          [&](const RevokeNamed& c) -> Decision<AccountEvent> {
            if (s.kind != AccountKind::kNamed) return Fail(RuleViolation("R-A7", "the account is not named"));
            if (actor.role != Role::kVp && actor.role != Role::kGm) return Fail(Forbidden("R-A7", "named status is revoked by management at the half-year/annual review"));
            if (c.reason.empty()) return Fail(Invalid("reason", "revocation states the missed plan", "R-A7"));
            return One(NamedStatusRevoked{c.reason, actor.user});
          },
          [&](const RecordAccountReview& c) -> Decision<AccountEvent> {
            // R-A7: who reviews at which cadence.
            bool allowed = false;
            switch (c.period) {
              case ReviewPeriod::kWeeklyUpdate: allowed = s.owner && *s.owner == actor.user; break;
              case ReviewPeriod::kWeeklyReview: allowed = actor.role == Role::kManager; break;
              case ReviewPeriod::kMonthly: allowed = actor.role == Role::kVp; break;
              case ReviewPeriod::kQuarterly: allowed = actor.role == Role::kBusinessOffice; break;
              case ReviewPeriod::kAnnual: allowed = actor.role == Role::kVp || actor.role == Role::kGm; break;
            }
            if (!allowed) return Fail(Forbidden("R-A7", "this review belongs to another role"));
            if (s.kind != AccountKind::kNamed) return Fail(RuleViolation("R-A7", "periodic reviews apply to named accounts"));
            return One(AccountReviewRecorded{c.period, actor.user, c.plan_met, c.notes});
          },
          [&](const AssessQualification& c) -> Decision<AccountEvent> {
            if (actor.role != Role::kBusinessOffice && actor.role != Role::kVp && actor.role != Role::kGm) {
              return Fail(Forbidden("R-A6", "qualification is assessed by the business office or management"));
            }
            auto failures = QualificationFailures(c.facts, ctx.Config().qualification);
            const bool qualified = failures.empty();
            return One(QualificationAssessed{c.facts, qualified, std::move(failures)});
          },
          [&](const ReadAccountFile&) -> Decision<AccountEvent> {
            return One(AccountFileRead{actor.user, actor.role, ctx.now});
          },
      },
      command);
}

void EvolveInPlace(AccountState& s, const AccountEvent& event) {
  auto& app = s.application;
  std::visit(Overloaded{
                 [&](const AccountOpened& e) {
                   s.exists = true;
                   s.id = e.account;
                   s.code = e.code;
                   s.tier = e.tier;
                   s.profile = e.profile;
                   s.opened_by = e.opened_by;
                 },
                 [&](const AccountProfileUpdated& e) { s.profile = e.profile; },
                 [&](const AffiliateAdded& e) { s.affiliates.push_back(e.affiliate); },
                 [&](const AffiliateRemoved& e) {
                   std::erase_if(s.affiliates, [&](const Affiliate& a) { return a.account == e.account; });
                 },
                 [&](const TierChanged& e) { s.tier = e.tier; },
                 [&](const KeyPersonAdded& e) { s.key_persons.push_back(e.person); },
                 [&](const KeyPersonUpdated& e) {
                   for (auto& k : s.key_persons) {
                     if (k.id == e.person.id) k = e.person;
                   }
                 },
                 [&](const OwnerChanged& e) { s.owner = e.owner; },
                 [&](const NamedApplicationSubmitted& e) {
                   app = NamedApplication{ApplicationStage::kOfficeCheck, e.applicant, e.needs_gm_approval, {}, false, ""};
                 },
                 [&](const NamedApplicationChecked& e) {
                   app.stage = e.passed ? ApplicationStage::kVpReview : ApplicationStage::kRejected;
                   app.last_reason = e.reason;
                 },
                 [&](const NamedApplicationVpReviewed& e) {
                   app.last_reason = e.reason;
                   if (!e.approved) {
                     app.stage = ApplicationStage::kRejected;
                     return;
                   }
                   app.approving_vps.push_back(e.vp);
                   // AccountNamed follows in the same batch when no GM approval is needed.
                   if (app.needs_gm_approval && e.vp_review_complete) app.stage = ApplicationStage::kGmApproval;
                 },
                 [&](const NamedApplicationGmReviewed& e) {
                   app.last_reason = e.reason;
                   app.final_decision = true;
                   if (!e.approved) app.stage = ApplicationStage::kRejected;
                 },
                 [&](const NamedSecondReviewRequested&) { app.stage = ApplicationStage::kSecondReview; },
                 [&](const AccountNamed& e) {
                   s.kind = AccountKind::kNamed;
                   s.owner = e.owner;
                   app.stage = ApplicationStage::kNone;
                 },
                 [&](const NamedStatusRevoked&) {
                   s.kind = AccountKind::kNonNamed;
                   s.owner.reset();
                   app = NamedApplication{};
                 },
                 [&](const AccountReviewRecorded&) {},
                 [&](const QualificationAssessed& e) { s.qualified = e.qualified; },
                 [&](const AccountFileRead&) { ++s.file_reads; },
             },
             event);
}

AccountState Evolve(AccountState state, const AccountEvent& event) {
  EvolveInPlace(state, event);
  return state;
}

}  // namespace keyledger::domain
