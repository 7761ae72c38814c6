// Property: for random command sequences (seeded, so reproducible), the state folded live while
// deciding equals the state rebuilt by replaying the stored events — encoded, decoded and folded
// from scratch — and every status change the live fold went through is one DOMAIN §3 allows.
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "domain/account/account_decider.h"
#include "domain/complaint/complaint_decider.h"
#include "domain/project/project_decider.h"
#include "tests/domain/test_support.h"

namespace keyledger::domain {
namespace {

using namespace testing;

constexpr uint32_t kSeed = 20261123;
constexpr int kRuns = 150;
constexpr int kSteps = 40;

// ---- canonical dumps: every state field, in declaration order ---------------------------------

// Declared up front so that the container overloads find the element overloads.
std::string T(Instant t);
std::string T(const std::string& s);
std::string T(bool b);
template <class E>
  requires std::is_enum_v<E>
std::string T(E e);
std::string T(int n);
std::string T(uint32_t n);
std::string T(uint64_t n);
std::string T(Money m);
std::string T(const CreditShare& c);
std::string T(const ProjectDetails& d);
std::string T(const Affiliate& a);
std::string T(const KeyPerson& k);

std::string T(Instant t) { return std::to_string(ToUnixMicros(t)); }
template <class Tag>
std::string T(const Id<Tag>& id) { return "'" + id.value + "'"; }
template <class X>
std::string T(const std::optional<X>& o) { return o ? T(*o) : std::string("null"); }
template <class X>
std::string T(const std::vector<X>& v) {
  std::string out = "[";
  for (const auto& x : v) out += T(x) + ",";
  return out + "]";
}
std::string T(const std::string& s) { return "'" + s + "'"; }
std::string T(bool b) { return b ? "true" : "false"; }
std::string T(int n) { return std::to_string(n); }
std::string T(uint32_t n) { return std::to_string(n); }
std::string T(uint64_t n) { return std::to_string(n); }
std::string T(Money m) { return std::to_string(m.fen) + "fen"; }
template <class E>
  requires std::is_enum_v<E>
std::string T(E e) { return std::string(NameOf(e)); }
std::string T(const CreditShare& c) { return T(c.user) + ":" + T(c.percent); }
std::string T(const ProjectDetails& d) {
  return "{" + T(d.name) + T(d.account) + T(d.customer_name) + T(d.end_user) + T(d.products) + T(d.contract_amount) +
         T(d.win_probability) + T(d.margin) + T(d.expected_signing) + T(d.stage) + T(d.notes) + "}";
}
std::string T(const Affiliate& a) { return T(a.account) + T(a.relation); }
std::string T(const KeyPerson& k) {
  return "{" + T(k.id) + T(k.name) + T(k.title) + T(k.decision_role) + T(k.relationship) + T(k.decision_weight) + T(k.known_by) +
         T(k.next_contact) + T(k.profile.hobbies) + T(k.profile.birthday) + T(k.profile.education) + T(k.profile.notes) + "}";
}

std::string Dump(const ProjectState& s) {
  std::ostringstream o;
  o << T(s.status) << T(s.id) << T(s.number) << T(s.details) << T(s.owner) << T(s.owner_unit) << T(s.approver_vp)
    << T(s.registered_at) << T(s.last_activity) << T(s.needs_credit_split) << T(s.account_owner) << T(s.credit_split)
    << T(s.conflict_reviewers) << T(s.conflict_cleared_by) << T(s.rejected_by_conflict) << T(s.objection_pending)
    << T(s.objection_ruled) << T(s.reactivation_pending) << T(s.successor) << T(s.reactivates) << T(s.contract_review_requested)
    << T(s.closed_reason) << T(s.updates);
  return o.str();
}
std::string Dump(const ComplaintState& s) {
  std::ostringstream o;
  o << T(s.stage) << T(s.id) << T(s.account) << T(s.severity) << T(s.cause) << T(s.unit) << T(s.assignee) << T(s.first_contact_due)
    << T(s.first_contact_at) << T(s.plan_deadline) << T(s.responsible) << T(s.last_follow_up_satisfied) << T(s.reopen_count);
  return o.str();
}
std::string Dump(const AccountState& s) {
  const auto& a = s.application;
  std::ostringstream o;
  o << T(s.exists) << T(s.id) << T(s.code) << T(s.tier) << T(s.kind) << T(s.owner) << T(s.profile.name) << T(s.profile.industry)
    << T(s.affiliates) << T(s.key_persons) << T(a.stage) << T(a.applicant) << T(a.needs_gm_approval) << T(a.approving_vps)
    << T(a.final_decision) << T(a.last_reason) << T(s.qualified) << T(s.file_reads);
  return o.str();
}

// ---- the generic property ------------------------------------------------------------------------

template <class State, class Event, class Decode>
State ReplayThroughCodec(const std::vector<Event>& events, Decode decode) {
  State s{};
  for (const auto& e : events) {
    const EncodedEvent enc = EncodeEvent(e);
    auto d = decode(enc.type, enc.schema_version, enc.data);
    EXPECT_TRUE(d.ok()) << enc.type << ": " << d.error().message;
    if (d.ok()) s = Evolve(std::move(s), d.value());
  }
  return s;
}

std::mt19937& Rng() {
  static std::mt19937 rng(kSeed);
  return rng;
}
int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(Rng()); }
bool Coin() { return Pick(2) == 1; }
std::string MaybeText(const char* text) { return Pick(5) == 0 ? std::string() : std::string(text); }
Actor AnyActor() {
  const Actor all[] = {Sales1(), Sales1(), Sales2(), Manager1(), Vp1(), Vp2(), Office(), Gm(), System(), Auditor()};
  return all[Pick(static_cast<int>(std::size(all)))];
}

// ---- projects ------------------------------------------------------------------------------------

using PS = ProjectStatus;
bool DomainAllows(PS from, PS to) {
  static const std::set<std::pair<PS, PS>> kAllowed = {
      {PS::kNone, PS::kRegistered},        {PS::kRegistered, PS::kConflictReview}, {PS::kConflictReview, PS::kRegistered},
      {PS::kConflictReview, PS::kRejected}, {PS::kRegistered, PS::kApproved},      {PS::kRegistered, PS::kDeferred},
      {PS::kRegistered, PS::kRejected},     {PS::kDeferred, PS::kApproved},        {PS::kDeferred, PS::kRejected},
      {PS::kApproved, PS::kContractSigned}, {PS::kApproved, PS::kClosed},          {PS::kApproved, PS::kOnHold},
      {PS::kRejected, PS::kRegistered},
  };
  return kAllowed.contains({from, to});
}

// Mostly the actor the command is meant for, sometimes anyone: both paths get exercised.
Actor ActorFor(const ProjectCommand& c) {
  if (Pick(5) == 0) return AnyActor();
  switch (c.index()) {
    case 1: return Coin() ? Vp2() : Vp1();  // ReviewConflict
    case 3: return Gm();                    // RuleOnConflictObjection
    case 4: return Coin() ? Vp1() : Gm();   // DecideProject
    case 5: return Coin() ? Sales1() : Vp1();
    case 7: return System();
    case 9:
    case 11: return Office();
    default: return Sales1();
  }
}

ProjectCommand RandomProjectCommand(const ProjectState& s, Instant now) {
  switch (s.status == ProjectStatus::kNone && Pick(5) != 0 ? 0 : Pick(13)) {
    case 0: {
      ProjectDetails d;
      d.name = MaybeText("光缆扩容");
      d.account = AccountId{"acc-1"};
      d.customer_name = "华为技术有限公司";
      d.contract_amount = Yuan(Pick(1000) * 1000);
      d.win_probability = Pick(101);
      d.margin = Pick(101);
      d.expected_signing = now + Days(Pick(200));
      RegistrationFacts f;
      if (Pick(8) != 0) f.registrant_vp = Vp1().user;
      f.gm = Gm().user;
      f.account_is_named = Coin();
      if (f.account_is_named) f.account_owner = Coin() ? Sales1().user : Sales2().user;
      for (int i = Pick(3); i > 0; --i) {
        f.conflicts.push_back(ConflictHit{ProjectId{"p-" + std::to_string(Pick(9))}, Coin() ? Sales2().user : Sales1().user,
                                          Coin() ? std::optional<UserId>(Vp2().user) : std::nullopt, ConflictReason::kSameCustomer});
      }
      return RegisterProject{d, f};
    }
    case 1: return ReviewConflict{Coin(), MaybeText("同一客户")};
    case 2: return ObjectToConflict{MaybeText("不是同一项目")};
    case 3: return RuleOnConflictObjection{Coin(), MaybeText("裁定")};
    case 4: {
      const ProjectDecisionKind k[] = {ProjectDecisionKind::kApprove, ProjectDecisionKind::kDefer, ProjectDecisionKind::kReject};
      return DecideProject{k[Pick(3)], MaybeText("理由")};
    }
    case 5: {
      const int first = Pick(101);
      std::vector<CreditShare> shares{{Sales1().user, first}, {Sales2().user, Pick(4) == 0 ? Pick(101) : 100 - first}};
      return RecordCreditSplit{shares, Coin(), "split"};
    }
    case 6: {
      ProjectChanges c;
      if (Coin()) c.win_probability = Pick(110);
      if (Coin()) c.contract_amount = Yuan(Pick(1000) * 100);
      if (Coin()) c.stage = "谈判";
      return UpdateProject{MaybeText("周报"), c};
    }
    case 7: return PutProjectOnHold{Coin() ? s.last_activity : now - Days(Pick(120)), "tick"};
    case 8: return RequestReactivation{MaybeText("出差"), MaybeText("重启")};
    case 9: return ReviewReactivation{Coin(), MaybeText("审核")};
    case 10: return RequestContractReview{"评审"};
    case 11: return MarkContractSigned{Yuan(Pick(1000)), now};
    default: return CloseProject{MaybeText("丢单")};
  }
}

TEST(ReplayProperty, ProjectReplayEqualsLiveFoldAndOnlyAllowedTransitionsHappen) {
  Rng().seed(kSeed);
  int accepted = 0, refused = 0;
  std::set<PS> visited;
  for (int run = 0; run < kRuns; ++run) {
    ProjectState live;
    std::vector<ProjectEvent> log;
    Instant now = kT0;
    for (int step = 0; step < kSteps; ++step) {
      now += Days(Pick(40)) + Micros(Pick(1000));
      const ProjectCommand cmd = RandomProjectCommand(live, now);
      Context ctx = Ctx(ActorFor(cmd), now, "p-" + std::to_string(run), Pick(6) == 0 ? "" : "XM-" + std::to_string(run));
      auto d = Decide(live, cmd, ctx);
      if (!d.ok()) {
        ++refused;
        EXPECT_FALSE(d.error().message.empty());
        continue;
      }
      ++accepted;
      for (const auto& e : d.value()) {
        const PS before = live.status;
        EvolveInPlace(live, e);
        if (live.status != before) {
          EXPECT_TRUE(DomainAllows(before, live.status)) << NameOf(before) << " → " << NameOf(live.status) << " by " << EncodeEvent(e).type;
        }
        visited.insert(live.status);
        log.push_back(e);
      }
    }
    const auto replayed = ReplayThroughCodec<ProjectState>(log, DecodeProjectEvent);
    ASSERT_EQ(Dump(replayed), Dump(live)) << "run " << run;
    ASSERT_EQ(Dump(Given<ProjectState>(log)), Dump(live)) << "run " << run;
  }
  // The generator must actually exercise the machine, or the property says nothing.
  EXPECT_GT(accepted, 400);
  EXPECT_GT(refused, 400);
  for (PS s : {PS::kRegistered, PS::kConflictReview, PS::kApproved, PS::kDeferred, PS::kRejected, PS::kContractSigned, PS::kClosed,
               PS::kOnHold}) {
    EXPECT_TRUE(visited.contains(s)) << NameOf(s);
  }
}

// ---- complaints ----------------------------------------------------------------------------------

ComplaintCommand RandomComplaintCommand(Instant now) {
  switch (Pick(9)) {
    case 0: return OpenComplaint{AccountId{"acc-1"}, MaybeText("质量问题"), MaybeText("李工"), Severity::kHigh,
                                 Coin() ? std::optional<ComplaintCause>(ComplaintCause::kDelivery) : std::nullopt};
    case 1: return AssignComplaint{OrgUnitId{"dept-1"}, Coin() ? Sales1().user : Sales2().user};
    case 2: return RecordFirstContact{MaybeText("电话")};
    case 3: return PlanResolution{MaybeText("更换"), Manager1().user, now + Days(Pick(20)) - Days(2)};
    case 4: return ResolveComplaint{MaybeText("反馈")};
    case 5: return RecordFollowUp{Pick(3) != 0, "回访"};
    case 6: return CloseComplaint{"结案"};
    case 7: return ReopenComplaint{MaybeText("复发")};
    default: {
      const ComplaintCause c[] = {ComplaintCause::kProductQuality, ComplaintCause::kBilling, ComplaintCause::kOther};
      return CategoriseComplaint{c[Pick(3)]};
    }
  }
}

TEST(ReplayProperty, ComplaintReplayEqualsLiveFold) {
  Rng().seed(kSeed + 1);
  int accepted = 0;
  std::set<ComplaintStage> visited;
  for (int run = 0; run < kRuns; ++run) {
    ComplaintState live;
    std::vector<ComplaintEvent> log;
    Instant now = kT0;
    for (int step = 0; step < kSteps; ++step) {
      now += Days(Pick(4)) + std::chrono::hours(Pick(24));
      auto d = Decide(live, RandomComplaintCommand(now), Ctx(AnyActor(), now, "c-" + std::to_string(run)));
      if (!d.ok()) continue;
      ++accepted;
      for (const auto& e : d.value()) {
        EvolveInPlace(live, e);
        visited.insert(live.stage);
        log.push_back(e);
      }
    }
    const auto replayed = ReplayThroughCodec<ComplaintState>(log, DecodeComplaintEvent);
    ASSERT_EQ(Dump(replayed), Dump(live)) << "run " << run;
  }
  EXPECT_GT(accepted, 1000);
  EXPECT_TRUE(visited.contains(ComplaintStage::kClosed));
  EXPECT_TRUE(visited.contains(ComplaintStage::kFollowedUp));
}

// ---- accounts ------------------------------------------------------------------------------------

AccountCommand RandomAccountCommand(const AccountState& s, Instant now) {
  AccountProfile profile;
  profile.name = Coin() ? "华为技术有限公司" : "华为终端有限公司";
  profile.industry = "通信";
  QualificationFacts facts;
  facts.gross_profit = Yuan(Pick(3) * 300'000 + 100'000);
  AccountPlan plan{"客户", "", "", MaybeText("潜力"), "", ""};
  const Tier tiers[] = {Tier::kA, Tier::kB, Tier::kC};
  const UserId sales[] = {Sales1().user, Sales2().user};
  switch (!s.exists && Pick(5) != 0 ? 0 : Pick(14)) {
    case 0: return OpenAccount{"A-00001", Tier::kA, profile, Pick(8) == 0};
    case 1: return UpdateAccountProfile{profile};
    case 2: return AddAffiliate{Affiliate{AccountId{"acc-" + std::to_string(2 + Pick(3))}, AffiliateRelation::kParent}};
    case 3: return RemoveAffiliate{AccountId{"acc-" + std::to_string(2 + Pick(3))}};
    case 4: return ChangeTier{tiers[Pick(3)], MaybeText("年度评价")};
    case 5: {
      KeyPerson p;
      p.name = MaybeText("张总");
      p.decision_weight = Pick(120);
      p.next_contact = now + Days(Pick(30));
      return AddKeyPerson{p};
    }
    case 6: return ChangeOwner{sales[Pick(2)], OwnerChangeReason::kManagementDecision, MaybeText("调整"), Pick(7)};
    case 7: return ApplyForNamed{plan, facts, Pick(7)};
    case 8: return ReviewNamedApplication{Coin() ? ReviewDecision::kApprove : ReviewDecision::kReject, MaybeText("理由"), MaybeText("战略")};
    case 9: return RequestSecondReview{"复议"};
    case 10: return RevokeNamed{MaybeText("未完成计划")};
    case 11: return RecordAccountReview{ReviewPeriod::kMonthly, Coin(), "月度"};
    case 12: return AssessQualification{facts};
    default: return ReadAccountFile{};
  }
}

Actor ActorFor(const AccountCommand& c, const AccountState& s) {
  if (Pick(5) == 0) return AnyActor();
  switch (c.index()) {
    case 4:
    case 7:
    case 11: return Coin() ? Vp1() : Gm();  // tier, owner, revoke
    case 9:  // review: whoever's step it is
      switch (s.application.stage) {
        case ApplicationStage::kOfficeCheck: return Office();
        case ApplicationStage::kVpReview: return Coin() ? Vp1() : Vp2();
        default: return Gm();
      }
    case 12:
    case 13: return Vp1();  // monthly review, qualification
    case 14: return Manager1();
    default: return Sales1();
  }
}

TEST(ReplayProperty, AccountReplayEqualsLiveFold) {
  Rng().seed(kSeed + 2);
  int accepted = 0;
  bool ever_named = false;
  for (int run = 0; run < kRuns; ++run) {
    AccountState live;
    std::vector<AccountEvent> log;
    Instant now = kT0;
    for (int step = 0; step < kSteps; ++step) {
      now += Days(Pick(10));
      const AccountCommand cmd = RandomAccountCommand(live, now);
      auto d = Decide(live, cmd, Ctx(ActorFor(cmd, live), now, "id-" + std::to_string(step)));
      if (!d.ok()) continue;
      ++accepted;
      for (const auto& e : d.value()) {
        EvolveInPlace(live, e);
        ever_named = ever_named || live.kind == AccountKind::kNamed;
        log.push_back(e);
      }
      // R-A3: a named account always has exactly one owner.
      if (live.kind == AccountKind::kNamed) {
        EXPECT_TRUE(live.owner.has_value());
      }
    }
    const auto replayed = ReplayThroughCodec<AccountState>(log, DecodeAccountEvent);
    ASSERT_EQ(Dump(replayed), Dump(live)) << "run " << run;
  }
  EXPECT_GT(accepted, 1000);
  EXPECT_TRUE(ever_named);
}

}  // namespace
}  // namespace keyledger::domain
