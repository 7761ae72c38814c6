// The domain adapter end to end: commands through the real deciders, events through the real
// codec, envelopes through DecodeDomainEvent into ReadModels (and a ReminderEngine), then the
// read models' state is checked. Nothing here builds a fact by hand.
#include "projections/domain_adapter.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/account/account_decider.h"
#include "domain/codec/event_codec.h"
#include "domain/complaint/complaint_decider.h"
#include "domain/org/org_decider.h"
#include "domain/project/project_decider.h"
#include "domain/reminder/reminder_decider.h"
#include "domain/visit/visit_decider.h"
#include "projections/company_calendar.h"
#include "projections/read_models.h"
#include "projections/reminder_engine.h"
#include "projections/reminder_types.h"

namespace keyledger::projections {
namespace {

namespace d = ::keyledger::domain;
using std::chrono::hours;

// Monday 2024-03-04 09:00 in Shanghai.
const Instant kT0 = Instant(std::chrono::sys_days{std::chrono::year{2024} / 3 / 4}) + hours(1);

d::Context Ctx(const std::string& user, d::Role role, const std::string& unit, Instant now,
               std::string new_id = {}, std::string number = {}) {
  d::Context ctx;
  ctx.now = now;
  ctx.actor = d::Actor{d::UserId{user}, role, d::OrgUnitId{unit}};
  ctx.new_id = std::move(new_id);
  ctx.project_number = std::move(number);
  return ctx;
}

CompanyCalendar Calendar() {
  auto cal = CompanyCalendar::Create("Asia/Shanghai");
  EXPECT_TRUE(cal.ok());
  return std::move(cal.value());
}

// The write path in miniature: Decide, Evolve, encode, envelope with the next seq, then the read
// side's path: DecodeDomainEvent and ApplyEvent (with the engine following the models).
class Harness {
 public:
  Harness() : calendar_(Calendar()), models_(calendar_, policy_), engine_(models_.org) {}

  template <class State, class Command>
  auto Run(State& state, const std::string& stream, const Command& command, const d::Context& ctx) {
    auto decision = d::Decide(state, command, ctx);
    using Events = std::decay_t<decltype(decision.value())>;
    if (!decision.ok()) {
      ADD_FAILURE() << stream << ": rejected: " << decision.error().message;
      return Events{};
    }
    for (const auto& event : decision.value()) {
      state = d::Evolve(std::move(state), event);
      Append(stream, d::EncodeEvent(event), ctx);
    }
    return decision.value();
  }

  // Applies one stored event; returns the facts it produced.
  std::vector<MetaFact> Append(const std::string& stream, const d::EncodedEvent& enc, const d::Context& ctx) {
    EventEnvelope e;
    e.seq = Seq(++seq_);
    e.id = "ev-" + std::to_string(seq_);
    e.stream = stream;
    e.type = enc.type;
    e.schema_version = enc.schema_version;
    e.occurred_at = ctx.now;
    e.recorded_at = ctx.now;
    e.actor = ctx.actor.user.value;
    e.data = enc.data;
    return ApplyEnvelope(e);
  }

  std::vector<MetaFact> ApplyEnvelope(const EventEnvelope& e) {
    std::vector<MetaFact> facts;
    DecodeDomainEvent(e, facts);
    EXPECT_TRUE(models_.ApplyEvent(e.seq, facts, &engine_));
    return facts;
  }

  uint64_t NextSeq() { return ++seq_; }
  ReadModels& models() { return models_; }
  ReminderEngine& engine() { return engine_; }
  // The recipients the engine resolves (R-R4) for the slot when it falls due. Takes everything
  // due by then out of the engine: call last.
  std::vector<std::string> RecipientsAtDue(const ReminderSlot& slot) {
    auto p = engine_.Pending(slot);
    if (!p) return {};
    std::vector<std::string> out;
    for (const ReminderToRaise& r : engine_.TakeDue(p->due)) {
      if (r.kind == slot.kind && r.subject_id == slot.subject_id && r.stage == slot.stage) out = r.recipients;
    }
    engine_.EndRun();
    return out;
  }
  const ReminderPolicy& policy() const { return policy_; }

 private:
  CompanyCalendar calendar_;
  ReminderPolicy policy_;
  ReadModels models_;
  ReminderEngine engine_;
  uint64_t seq_ = 0;
};

// The company of every test: company -> east (VP "vp") -> sales1 (manager "manager") with
// salesperson "sales"; a second area with "vp2" so two VPs can approve a named account.
class DomainAdapterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const d::Context admin = Ctx("admin", d::Role::kAdmin, "co", kT0);
    h_.Run(org_, "org", d::CreateOrgUnit{d::OrgUnitId{"co"}, "Keyledger Co", std::nullopt, d::OrgUnitKind::kCompany}, admin);
    h_.Run(org_, "org", d::CreateOrgUnit{d::OrgUnitId{"east"}, "East", d::OrgUnitId{"co"}, d::OrgUnitKind::kVpArea}, admin);
    h_.Run(org_, "org", d::CreateOrgUnit{d::OrgUnitId{"west"}, "West", d::OrgUnitId{"co"}, d::OrgUnitKind::kVpArea}, admin);
    h_.Run(org_, "org", d::CreateOrgUnit{d::OrgUnitId{"sales1"}, "Sales 1", d::OrgUnitId{"east"}, d::OrgUnitKind::kDepartment}, admin);
    CreateUser(admin, "vp", d::Role::kVp, "east", "Wang VP");
    CreateUser(admin, "vp2", d::Role::kVp, "west", "Li VP");
    CreateUser(admin, "manager", d::Role::kManager, "sales1", "Zhao Manager");
    CreateUser(admin, "sales", d::Role::kSales, "sales1", "Chen Sales");
    CreateUser(admin, "office", d::Role::kBusinessOffice, "co", "");
    h_.Run(org_, "org", d::AssignUnitManager{d::OrgUnitId{"east"}, d::UserId{"vp"}}, admin);
    h_.Run(org_, "org", d::AssignUnitManager{d::OrgUnitId{"west"}, d::UserId{"vp2"}}, admin);
    h_.Run(org_, "org", d::AssignUnitManager{d::OrgUnitId{"sales1"}, d::UserId{"manager"}}, admin);
  }

  void CreateUser(const d::Context& admin, const std::string& id, d::Role role, const std::string& unit,
                  const std::string& display) {
    h_.Run(org_, "org", d::CreateUser{d::UserId{id}, id, display, role, d::OrgUnitId{unit}, "", "zh-CN", "hash"}, admin);
  }

  // Opens account "acc1" (tier A) at `at`.
  void OpenAccount(Instant at) {
    d::AccountProfile profile;
    profile.name = "Acme Construction";
    h_.Run(account_, "account-acc1", d::OpenAccount{"A-00012", d::Tier::kA, profile, false},
           Ctx("sales", d::Role::kSales, "sales1", at, "acc1"));
  }

  // Registers project `id` under acc1 by "sales"; `conflicts` feeds R-P2.
  d::ProjectState Register(const std::string& id, Instant at, std::vector<d::ConflictHit> conflicts = {}) {
    d::ProjectState p;
    d::RegisterProject cmd;
    cmd.details.name = "Tower " + id;
    cmd.details.account = d::AccountId{"acc1"};
    cmd.details.end_user = "City Hospital";
    cmd.details.contract_amount = d::Yuan(10'000);
    cmd.details.win_probability = 40;
    cmd.details.margin = 20;
    cmd.details.expected_signing = kT0 + Days(120);
    cmd.facts.registrant_vp = d::UserId{"vp"};
    cmd.facts.conflicts = std::move(conflicts);
    h_.Run(p, "project-" + id, cmd, Ctx("sales", d::Role::kSales, "sales1", at, id));
    return p;
  }

  void Approve(d::ProjectState& p, const std::string& id, Instant at, const std::string& number) {
    h_.Run(p, "project-" + id, d::DecideProject{d::ProjectDecisionKind::kApprove, "good fit"},
           Ctx("vp", d::Role::kVp, "east", at, "", number));
  }

  const ProjectRow& Project(const std::string& id) {
    const ProjectRow* row = h_.models().projects.Find(id);
    EXPECT_NE(row, nullptr) << id;
    static const ProjectRow kMissing;
    return row ? *row : kMissing;
  }

  Harness h_;
  d::OrgState org_;
  d::AccountState account_;
};

TEST_F(DomainAdapterTest, OrgTreeGivesEverySalespersonTheirManagerAndVp) {
  const OrgTree& org = h_.models().org;
  auto sales = org.User("sales", kT0 + hours(1));
  ASSERT_TRUE(sales.has_value());
  EXPECT_EQ(sales->name, "Chen Sales");
  EXPECT_EQ(sales->unit_id, "sales1");
  EXPECT_EQ(sales->manager, "manager");
  EXPECT_EQ(sales->vp, "vp");
  // The manager's own supervisor is the VP; the VP heads the area and has no VP above.
  EXPECT_EQ(org.ManagerOf("manager", kT0 + hours(1)), std::nullopt);
  EXPECT_EQ(org.VpOf("manager", kT0 + hours(1)), std::optional<std::string>("vp"));
  EXPECT_EQ(org.VpOf("vp", kT0 + hours(1)), std::nullopt);
  // A user without a display name is named by the username.
  EXPECT_EQ(org.User("office", kT0)->name, "office");

  std::vector<OrgUnitView> units = org.Units(kT0 + hours(1));
  ASSERT_EQ(units.size(), 4u);  // sorted by id: co, east, sales1, west
  EXPECT_EQ(units[0].unit_id, "co");
  EXPECT_EQ(units[0].level, UnitLevel::kCompany);
  EXPECT_EQ(units[0].parent_id, "");
  EXPECT_EQ(units[1].level, UnitLevel::kArea);
  EXPECT_EQ(units[1].head, "vp");
  EXPECT_EQ(units[2].level, UnitLevel::kDepartment);
  EXPECT_EQ(units[2].parent_id, "east");
  EXPECT_EQ(units[2].head, "manager");
}

TEST_F(DomainAdapterTest, MovedUserGetsTheNewUnitsSupervisorsFromTheMoveOn) {
  const d::Context admin = Ctx("admin", d::Role::kAdmin, "co", kT0 + Days(3));
  h_.Run(org_, "org", d::CreateOrgUnit{d::OrgUnitId{"sales2"}, "Sales 2", d::OrgUnitId{"west"}, d::OrgUnitKind::kDepartment}, admin);
  h_.Run(org_, "org", d::MoveUser{d::UserId{"sales"}, d::OrgUnitId{"sales2"}}, admin);
  const OrgTree& org = h_.models().org;
  EXPECT_EQ(org.VpOf("sales", kT0 + Days(2)), std::optional<std::string>("vp"));  // R-R4: as of then
  EXPECT_EQ(org.VpOf("sales", kT0 + Days(4)), std::optional<std::string>("vp2"));
  EXPECT_EQ(org.ManagerOf("sales", kT0 + Days(4)), std::nullopt);
  EXPECT_EQ(org.User("sales", kT0 + Days(4))->name, "Chen Sales");  // a move keeps the name
}

TEST_F(DomainAdapterTest, NamedAccountApplicationTierKeyPersonFileReadAndVisit) {
  OpenAccount(kT0 + hours(1));
  const AccountRow* acc = h_.models().accounts.Find("acc1");
  ASSERT_NE(acc, nullptr);
  EXPECT_EQ(acc->code, "A-00012");
  EXPECT_EQ(acc->name, "Acme Construction");
  EXPECT_EQ(acc->tier, Tier::kA);
  EXPECT_FALSE(acc->named);
  EXPECT_EQ(acc->owner, "sales");  // the opener looks after a non-named account (R-A2)

  d::ApplyForNamed apply;
  apply.plan.customer_info = "hospital builder";
  apply.plan.sales_potential = "high";
  apply.qualification.gross_profit = d::Yuan(500'000);
  h_.Run(account_, "account-acc1", apply, Ctx("sales", d::Role::kSales, "sales1", kT0 + hours(2)));
  const ApplicationRow* app = h_.models().applications.Find("acc1");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->account_id, "acc1");
  EXPECT_EQ(app->applicant, "sales");
  EXPECT_FALSE(app->closed);

  const d::ReviewNamedApplication ok{d::ReviewDecision::kApprove, "", ""};
  h_.Run(account_, "account-acc1", ok, Ctx("office", d::Role::kBusinessOffice, "co", kT0 + hours(3)));
  h_.Run(account_, "account-acc1", ok, Ctx("vp", d::Role::kVp, "east", kT0 + hours(4)));
  app = h_.models().applications.Find("acc1");
  EXPECT_FALSE(app->closed);
  EXPECT_EQ(app->last_touch_at, kT0 + hours(4));
  h_.Run(account_, "account-acc1", ok, Ctx("vp2", d::Role::kVp, "west", kT0 + hours(5)));
  ASSERT_EQ(account_.kind, d::AccountKind::kNamed);  // the domain granted it: both VPs approved

  acc = h_.models().accounts.Find("acc1");
  EXPECT_TRUE(acc->named);
  EXPECT_EQ(acc->owner, "sales");
  // The opener became the named owner: responsible since the opening, not since the naming.
  EXPECT_EQ(acc->owner_since, kT0 + hours(1));
  EXPECT_TRUE(h_.models().applications.Find("acc1")->closed);

  h_.Run(account_, "account-acc1", d::ChangeTier{d::Tier::kB, "annual evaluation"},
         Ctx("manager", d::Role::kManager, "sales1", kT0 + hours(6)));
  EXPECT_EQ(h_.models().accounts.Find("acc1")->tier, Tier::kB);

  d::KeyPerson kp;
  kp.name = "Director Sun";
  kp.next_contact = kT0 + Days(10);
  h_.Run(account_, "account-acc1", d::AddKeyPerson{kp}, Ctx("sales", d::Role::kSales, "sales1", kT0 + hours(7), "kp1"));
  acc = h_.models().accounts.Find("acc1");
  ASSERT_EQ(acc->key_persons.size(), 1u);
  EXPECT_EQ(acc->key_persons[0].key_person_id, "kp1");
  EXPECT_EQ(acc->key_persons[0].name, "Director Sun");
  EXPECT_EQ(acc->key_persons[0].next_contact_at, std::optional<Instant>(kT0 + Days(10)));
  // R-V3: the owner is reminded of the planned contact.
  auto kp_due = h_.engine().Pending(ReminderSlot{ReminderKind::kKeyPersonContactDue, "acc1:kp1", 0});
  ASSERT_TRUE(kp_due.has_value());
  EXPECT_EQ(kp_due->due, kT0 + Days(10));
  EXPECT_EQ(kp_due->person, "sales");

  // R-A9: the read of the full file is in the access log.
  h_.Run(account_, "account-acc1", d::ReadAccountFile{}, Ctx("manager", d::Role::kManager, "sales1", kT0 + hours(8)));
  AccessQuery q;
  q.account_id = "acc1";
  std::vector<AccessEntry> reads = h_.models().access_log.Query(q);
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].user_id, "manager");
  EXPECT_EQ(reads[0].at, kT0 + hours(8));

  // R-V1: a visit in its own stream lands on the account, dated when it happened.
  d::VisitState visit;
  d::LogVisit log;
  log.account = d::AccountId{"acc1"};
  log.date = kT0 + Days(1);
  log.people_met = {"Director Sun"};
  log.content = "site tour";
  log.report = "positive";
  h_.Run(visit, "visit-v1", log, Ctx("sales", d::Role::kSales, "sales1", kT0 + Days(2), "v1"));
  acc = h_.models().accounts.Find("acc1");
  EXPECT_EQ(acc->visit_count, 1u);
  EXPECT_EQ(acc->last_visit_at, std::optional<Instant>(kT0 + Days(1)));
  // Tier B cadence (90 days) counts from the visit.
  auto visit_due = h_.engine().Pending(ReminderSlot{ReminderKind::kVisitOverdue, "acc1", 0});
  ASSERT_TRUE(visit_due.has_value());
  EXPECT_EQ(visit_due->due, kT0 + Days(1) + h_.policy().visit_cadence_b);

  // R-A7: revoking named status drops the dedicated owner.
  h_.Run(account_, "account-acc1", d::RevokeNamed{"missed the annual plan"}, Ctx("vp", d::Role::kVp, "east", kT0 + Days(3)));
  acc = h_.models().accounts.Find("acc1");
  EXPECT_FALSE(acc->named);
  EXPECT_EQ(acc->owner, "");
  EXPECT_FALSE(h_.engine().Pending(ReminderSlot{ReminderKind::kVisitOverdue, "acc1", 0}).has_value());
}

TEST_F(DomainAdapterTest, RejectedApplicationClosesAndSecondReviewReopensIt) {
  OpenAccount(kT0 + hours(1));
  d::ApplyForNamed apply;
  apply.plan.customer_info = "hospital builder";
  apply.plan.sales_potential = "high";
  apply.qualification.gross_profit = d::Yuan(500'000);
  h_.Run(account_, "account-acc1", apply, Ctx("sales", d::Role::kSales, "sales1", kT0 + hours(2)));
  h_.Run(account_, "account-acc1", d::ReviewNamedApplication{d::ReviewDecision::kReject, "conflicts with B-00001", ""},
         Ctx("office", d::Role::kBusinessOffice, "co", kT0 + hours(3)));
  EXPECT_TRUE(h_.models().applications.Find("acc1")->closed);
  h_.Run(account_, "account-acc1", d::RequestSecondReview{"no real conflict"},
         Ctx("sales", d::Role::kSales, "sales1", kT0 + hours(4)));
  const ApplicationRow* app = h_.models().applications.Find("acc1");
  EXPECT_FALSE(app->closed);
  EXPECT_EQ(app->last_touch_at, kT0 + hours(4));
}

TEST_F(DomainAdapterTest, ProjectRegisteredApprovedAndUpdated) {
  OpenAccount(kT0);
  d::ProjectState p = Register("p1", kT0 + Days(1));
  const ProjectRow* row = h_.models().projects.Find("p1");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->status, ProjectStatus::kRegistered);
  EXPECT_EQ(row->name, "Tower p1");
  EXPECT_EQ(h_.models().projects.Str(row->owner), "sales");
  EXPECT_EQ(h_.models().projects.Str(row->account), "acc1");
  EXPECT_EQ(h_.models().projects.Str(row->end_user), "City Hospital");
  EXPECT_EQ(row->amount_fen, 1'000'000);
  EXPECT_EQ(row->probability_pct, 40);
  EXPECT_EQ(row->margin_pct, 20);
  EXPECT_EQ(row->expected_signing, kT0 + Days(120));
  EXPECT_TRUE(h_.engine().Pending(ReminderSlot{ReminderKind::kApprovalPending, "p1", 0}).has_value());

  Approve(p, "p1", kT0 + Days(2), "XM-2024-0001");
  row = h_.models().projects.Find("p1");
  EXPECT_EQ(row->status, ProjectStatus::kApproved);
  EXPECT_EQ(row->number, "XM-2024-0001");
  EXPECT_EQ(row->last_update_at, kT0 + Days(2));
  EXPECT_FALSE(h_.engine().Pending(ReminderSlot{ReminderKind::kApprovalPending, "p1", 0}).has_value());

  d::UpdateProject update;
  update.note = "tender documents received";
  update.changes.contract_amount = d::Yuan(30'000);
  update.changes.win_probability = 60;
  h_.Run(p, "project-p1", update, Ctx("sales", d::Role::kSales, "sales1", kT0 + Days(5)));
  row = h_.models().projects.Find("p1");
  EXPECT_EQ(row->last_update_at, kT0 + Days(5));
  EXPECT_EQ(row->last_update_event_id, "ev-" + std::to_string(h_.models().LastSeq().value));
  EXPECT_EQ(row->amount_fen, 3'000'000);
  EXPECT_EQ(row->probability_pct, 60);
  EXPECT_EQ(row->margin_pct, 20);  // not in the update: unchanged

  // R-P5/R-P6 from the update, the 1-month one to the owner, the manager and the VP (R-R4).
  auto stale = h_.engine().Pending(ReminderSlot{ReminderKind::kProjectStale1m, "p1", 0});
  ASSERT_TRUE(stale.has_value());
  EXPECT_EQ(stale->due, kT0 + Days(5) + h_.policy().project_stale_1m);
  EXPECT_EQ(h_.RecipientsAtDue(ReminderSlot{ReminderKind::kProjectStale1m, "p1", 0}),
            (std::vector<std::string>{"sales", "manager", "vp"}));
}

TEST_F(DomainAdapterTest, EveryProjectStatusReachesTheModel) {
  OpenAccount(kT0);
  // p1 is the approved project the later registrations conflict with (hits name another owner).
  d::ProjectState p1 = Register("p1", kT0 + Days(1));
  Approve(p1, "p1", kT0 + Days(1) + hours(1), "N-1");

  // Conflict review (R-P2): "vp2" reviews for p1's side, clears, then defer and reject (R-P3).
  d::ConflictHit hit{d::ProjectId{"p1"}, d::UserId{"other"}, d::UserId{"vp2"}, d::ConflictReason::kSameEndUser};
  d::ProjectState p2 = Register("p2", kT0 + Days(2), {hit});
  EXPECT_EQ(Project("p2").status, ProjectStatus::kConflictReview);
  h_.Run(p2, "project-p2", d::ReviewConflict{false, ""}, Ctx("vp2", d::Role::kVp, "west", kT0 + Days(3)));
  EXPECT_EQ(Project("p2").status, ProjectStatus::kRegistered);
  EXPECT_EQ(Project("p2").last_touch_at, kT0 + Days(3));
  h_.Run(p2, "project-p2", d::DecideProject{d::ProjectDecisionKind::kDefer, "need budget"},
         Ctx("vp", d::Role::kVp, "east", kT0 + Days(4)));
  EXPECT_EQ(Project("p2").status, ProjectStatus::kDeferred);
  h_.Run(p2, "project-p2", d::DecideProject{d::ProjectDecisionKind::kReject, "no budget"},
         Ctx("vp", d::Role::kVp, "east", kT0 + Days(5)));
  EXPECT_EQ(Project("p2").status, ProjectStatus::kRejected);
  EXPECT_EQ(Project("p2").number, "");

  // A confirmed conflict rejects the registration.
  d::ProjectState p3 = Register("p3", kT0 + Days(2), {hit});
  h_.Run(p3, "project-p3", d::ReviewConflict{true, "same hospital"}, Ctx("vp2", d::Role::kVp, "west", kT0 + Days(3)));
  EXPECT_EQ(Project("p3").status, ProjectStatus::kRejected);

  // R-P9: contract signed, and closed as lost.
  h_.Run(p1, "project-p1", d::RequestContractReview{"signed draft"}, Ctx("sales", d::Role::kSales, "sales1", kT0 + Days(6)));
  EXPECT_EQ(Project("p1").status, ProjectStatus::kApproved);
  h_.Run(p1, "project-p1", d::MarkContractSigned{d::Yuan(9'000), kT0 + Days(7)},
         Ctx("office", d::Role::kBusinessOffice, "co", kT0 + Days(7)));
  EXPECT_EQ(Project("p1").status, ProjectStatus::kContractSigned);
  EXPECT_EQ(Project("p1").number, "N-1");
  EXPECT_FALSE(h_.engine().Pending(ReminderSlot{ReminderKind::kProjectStale2w, "p1", 0}).has_value());

  d::ProjectState p4 = Register("p4", kT0 + Days(2));
  Approve(p4, "p4", kT0 + Days(3), "N-4");
  h_.Run(p4, "project-p4", d::CloseProject{"lost to competitor"}, Ctx("sales", d::Role::kSales, "sales1", kT0 + Days(8)));
  EXPECT_EQ(Project("p4").status, ProjectStatus::kClosed);

  // R-P7: the system puts a project untouched for 90 days on hold.
  d::ProjectState p5 = Register("p5", kT0 + Days(2));
  Approve(p5, "p5", kT0 + Days(3), "N-5");
  const Instant hold_at = kT0 + Days(3) + h_.policy().project_on_hold;
  h_.Run(p5, "project-p5", d::PutProjectOnHold{kT0 + Days(3), "tick"}, Ctx("system", d::Role::kSystem, "", hold_at));
  EXPECT_EQ(Project("p5").status, ProjectStatus::kOnHold);
  ASSERT_EQ(p5.status, d::ProjectStatus::kOnHold);
}

TEST_F(DomainAdapterTest, ComplaintAssignedContactedPlannedClosedAndReopened) {
  OpenAccount(kT0);
  d::ComplaintState c;
  // Opened Monday, assigned Tuesday: the domain counts first contact from the assignment.
  h_.Run(c, "complaint-c1",
         d::OpenComplaint{d::AccountId{"acc1"}, "crane late", "Mr Sun", d::Severity::kHigh, std::nullopt},
         Ctx("sales", d::Role::kSales, "sales1", kT0 + Days(7), "c1"));
  const ComplaintRow* row = h_.models().complaints.Find("c1");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->account_id, "acc1");
  EXPECT_EQ(row->severity, "high");
  EXPECT_EQ(row->assignee, "");

  auto assigned = h_.Run(c, "complaint-c1", d::AssignComplaint{d::OrgUnitId{"sales1"}, d::UserId{"sales"}},
                         Ctx("manager", d::Role::kManager, "sales1", kT0 + Days(8)));
  ASSERT_EQ(assigned.size(), 1u);
  const Instant due = std::get<d::ComplaintAssigned>(assigned[0]).first_contact_due;
  EXPECT_EQ(due, kT0 + Days(10));  // Tuesday + 2 working days
  row = h_.models().complaints.Find("c1");
  EXPECT_EQ(row->assignee, "sales");
  EXPECT_EQ(row->first_contact_due, due);
  auto overdue = h_.engine().Pending(ReminderSlot{ReminderKind::kComplaintOverdue, "c1", 0});
  ASSERT_TRUE(overdue.has_value());
  EXPECT_EQ(overdue->due, due);

  h_.Run(c, "complaint-c1", d::RecordFirstContact{"called"}, Ctx("sales", d::Role::kSales, "sales1", kT0 + Days(9)));
  row = h_.models().complaints.Find("c1");
  EXPECT_EQ(row->first_contact_at, std::optional<Instant>(kT0 + Days(9)));
  EXPECT_FALSE(h_.engine().Pending(ReminderSlot{ReminderKind::kComplaintOverdue, "c1", 0}).has_value());

  h_.Run(c, "complaint-c1", d::PlanResolution{"replace crane", d::UserId{"sales"}, kT0 + Days(20)},
         Ctx("sales", d::Role::kSales, "sales1", kT0 + Days(9) + hours(1)));
  EXPECT_EQ(h_.models().complaints.Find("c1")->plan_deadline, std::optional<Instant>(kT0 + Days(20)));
  h_.Run(c, "complaint-c1", d::ResolveComplaint{"crane replaced"}, Ctx("sales", d::Role::kSales, "sales1", kT0 + Days(12)));
  EXPECT_TRUE(h_.models().complaints.Find("c1")->feedback_given);
  h_.Run(c, "complaint-c1", d::RecordFollowUp{true, "happy"}, Ctx("sales", d::Role::kSales, "sales1", kT0 + Days(13)));
  h_.Run(c, "complaint-c1", d::CategoriseComplaint{d::ComplaintCause::kDelivery}, Ctx("sales", d::Role::kSales, "sales1", kT0 + Days(13)));
  h_.Run(c, "complaint-c1", d::CloseComplaint{"done"}, Ctx("sales", d::Role::kSales, "sales1", kT0 + Days(14)));
  EXPECT_TRUE(h_.models().complaints.Find("c1")->closed);
  EXPECT_TRUE(h_.models().complaints.List(/*open_only=*/true).empty());

  // Reopened: back to "contacted" in the domain, so no first-contact reminder comes back.
  h_.Run(c, "complaint-c1", d::ReopenComplaint{"crane broke again"}, Ctx("sales", d::Role::kSales, "sales1", kT0 + Days(20)));
  row = h_.models().complaints.Find("c1");
  EXPECT_FALSE(row->closed);
  EXPECT_FALSE(row->feedback_given);
  EXPECT_EQ(row->plan_deadline, std::nullopt);
  EXPECT_EQ(row->first_contact_at, std::optional<Instant>(kT0 + Days(20)));
  EXPECT_FALSE(h_.engine().Pending(ReminderSlot{ReminderKind::kComplaintOverdue, "c1", 0}).has_value());
}

TEST_F(DomainAdapterTest, ComplaintOverdueGoesToTheAssigneeAndTheirManager) {
  OpenAccount(kT0);
  d::ComplaintState c;
  h_.Run(c, "complaint-c1",
         d::OpenComplaint{d::AccountId{"acc1"}, "crane late", "Mr Sun", d::Severity::kLow, std::nullopt},
         Ctx("sales", d::Role::kSales, "sales1", kT0, "c1"));
  h_.Run(c, "complaint-c1", d::AssignComplaint{d::OrgUnitId{"sales1"}, d::UserId{"sales"}},
         Ctx("manager", d::Role::kManager, "sales1", kT0));
  EXPECT_EQ(h_.RecipientsAtDue(ReminderSlot{ReminderKind::kComplaintOverdue, "c1", 0}),
            (std::vector<std::string>{"sales", "manager"}));
}

TEST_F(DomainAdapterTest, ReminderRaisedThenAcknowledgedByOneRecipient) {
  OpenAccount(kT0);
  d::ProjectState p = Register("p1", kT0 + Days(1));
  Approve(p, "p1", kT0 + Days(2), "N-1");
  const ReminderSlot slot{ReminderKind::kProjectStale2w, "p1", 0};
  auto pending = h_.engine().Pending(slot);
  ASSERT_TRUE(pending.has_value());
  const Instant due = pending->due;
  EXPECT_EQ(due, kT0 + Days(2) + h_.policy().project_stale_2w);

  // The sink's raise: stream "reminder-" + the engine's id, actor system, at the due time.
  const std::string id = ReminderId(slot.kind, slot.subject_id, slot.stage, due);
  d::ReminderState r;
  h_.Run(r, "reminder-" + id,
         d::RaiseReminder{d::ReminderKind::kProjectStale2w, d::ReminderSubject{d::SubjectType::kProject, "p1"},
                          {d::UserId{"sales"}, d::UserId{"manager"}}, due, "ev-x"},
         Ctx("system", d::Role::kSystem, "", due));
  // The raise is recognised as the engine's own slot: it is no longer pending, and never again.
  EXPECT_FALSE(h_.engine().Pending(slot).has_value());
  EXPECT_TRUE(h_.engine().IsRaised(id));

  std::optional<ReminderView> view = h_.models().reminders.Get(id);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->kind, ReminderKind::kProjectStale2w);
  EXPECT_EQ(view->subject_type, SubjectType::kProject);
  EXPECT_EQ(view->subject_id, "p1");
  EXPECT_EQ(view->due_at, due);
  EXPECT_EQ(view->recipients, (std::vector<std::string>{"sales", "manager"}));
  EXPECT_EQ(h_.models().reminders.OpenCountByPerson(),
            (std::map<std::string, size_t>{{"manager", 1}, {"sales", 1}}));

  h_.Run(r, "reminder-" + id, d::AcknowledgeReminder{}, Ctx("sales", d::Role::kSales, "sales1", due + hours(1)));
  EXPECT_TRUE(h_.models().reminders.ForRecipient("sales", ReminderState::kOpen).empty());
  ASSERT_EQ(h_.models().reminders.ForRecipient("sales", ReminderState::kAcknowledged).size(), 1u);
  ASSERT_EQ(h_.models().reminders.ForRecipient("manager", ReminderState::kOpen).size(), 1u);
  EXPECT_EQ(h_.models().reminders.OpenCountByPerson(), (std::map<std::string, size_t>{{"manager", 1}}));
}

TEST_F(DomainAdapterTest, StageOfASecondStageReminderComesFromItsId) {
  const Instant due = kT0 + Days(60);
  const std::string id = ReminderId(ReminderKind::kVisitOverdue, "acc-with-dashes", 1, due);
  d::ReminderState r;
  h_.Run(r, "reminder-" + id,
         d::RaiseReminder{d::ReminderKind::kVisitOverdue, d::ReminderSubject{d::SubjectType::kAccount, "acc-with-dashes"},
                          {d::UserId{"sales"}}, due, ""},
         Ctx("system", d::Role::kSystem, "", due));
  ASSERT_EQ(h_.models().reminders.Size(), 1u);
  EXPECT_TRUE(h_.models().reminders.Contains(id));
  // The stage is not shown by the view; the snapshot form carries it, so compare via a fold.
  std::vector<MetaFact> facts;
  EventEnvelope e;
  e.stream = "reminder-" + id;
  const d::EncodedEvent enc = d::EncodeEvent(d::ReminderEvent{
      d::ReminderRaised{d::ReminderKind::kVisitOverdue, d::ReminderSubject{d::SubjectType::kAccount, "acc-with-dashes"},
                        {d::UserId{"sales"}}, due, due, ""}});
  e.type = enc.type;
  e.schema_version = enc.schema_version;
  e.data = enc.data;
  DecodeDomainEvent(e, facts);
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(std::get<ReminderRaised>(facts[0].fact).stage, 1);
  EXPECT_EQ(std::get<ReminderRaised>(facts[0].fact).reminder_id, id);
}

TEST_F(DomainAdapterTest, FactsCarryTheEnvelopeMetadata) {
  d::AccountState a;
  d::AccountProfile beta;
  beta.name = "Beta";
  auto events = d::Decide(a, d::AccountCommand{d::OpenAccount{"C-00001", d::Tier::kC, beta, false}},
                          Ctx("sales", d::Role::kSales, "sales1", kT0, "acc9"));
  ASSERT_TRUE(events.ok());
  const d::EncodedEvent enc = d::EncodeEvent(events.value().at(0));
  EventEnvelope e;
  e.seq = Seq(77);
  e.id = "evt-77";
  e.stream = "account-acc9";
  e.type = enc.type;
  e.schema_version = enc.schema_version;
  e.occurred_at = kT0 + hours(3);
  e.recorded_at = kT0 + hours(4);
  e.actor = "sales";
  e.data = enc.data;
  std::vector<MetaFact> facts;
  DecodeDomainEvent(e, facts);
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].meta.seq, Seq(77));
  EXPECT_EQ(facts[0].meta.event_id, "evt-77");
  EXPECT_EQ(facts[0].meta.occurred_at, kT0 + hours(3));
  EXPECT_EQ(facts[0].meta.recorded_at, kT0 + hours(4));
  EXPECT_EQ(facts[0].meta.actor, "sales");
  const auto& opened = std::get<AccountOpened>(facts[0].fact);
  EXPECT_EQ(opened.account_id, "acc9");
  EXPECT_EQ(opened.tier, Tier::kC);
}

TEST_F(DomainAdapterTest, EventsWithoutFactsProduceNoneButStillAdvanceTheLog) {
  OpenAccount(kT0);
  const uint64_t applied = h_.models().AppliedFacts();
  const uint64_t skipped = SkippedDomainEvents();
  d::AccountProfile profile;
  profile.name = "Acme Construction Group";
  auto facts = h_.Append("account-acc1", d::EncodeEvent(d::AccountEvent{d::AccountProfileUpdated{profile}}),
                         Ctx("sales", d::Role::kSales, "sales1", kT0 + hours(1)));
  EXPECT_TRUE(facts.empty());
  facts = h_.Append("org", d::EncodeEvent(d::OrgEvent{d::UserPasswordChanged{d::UserId{"sales"}, "h2"}}),
                    Ctx("admin", d::Role::kAdmin, "co", kT0 + hours(1)));
  EXPECT_TRUE(facts.empty());
  EXPECT_EQ(h_.models().AppliedFacts(), applied);
  EXPECT_EQ(SkippedDomainEvents(), skipped);  // no fact is not the same as unusable
  EXPECT_EQ(h_.models().LastSeq().value, h_.NextSeq() - 1);
}

TEST_F(DomainAdapterTest, UndecodableEventsYieldNoFactsAndAreCounted) {
  OpenAccount(kT0);
  const uint64_t before = SkippedDomainEvents();
  const uint64_t applied = h_.models().AppliedFacts();
  const d::EncodedEvent tier = d::EncodeEvent(d::AccountEvent{d::TierChanged{d::Tier::kA, d::Tier::kB, "x"}});

  auto decode = [&](std::string stream, std::string type, uint32_t version, std::string data) {
    EventEnvelope e;
    e.seq = Seq(h_.NextSeq());
    e.stream = std::move(stream);
    e.type = std::move(type);
    e.schema_version = version;
    e.data = std::move(data);
    std::vector<MetaFact> facts;
    EXPECT_NO_THROW(DecodeDomainEvent(e, facts));
    EXPECT_TRUE(facts.empty()) << e.type << " " << e.data;
    EXPECT_TRUE(h_.models().ApplyEvent(e.seq, facts, &h_.engine()));
  };
  decode("account-acc1", tier.type, tier.schema_version, "{not json");
  decode("account-acc1", tier.type, tier.schema_version, "");
  decode("account-acc1", tier.type, tier.schema_version, R"({"tier":42})");
  decode("account-acc1", tier.type, tier.schema_version + 5, tier.data);   // newer than this build
  decode("account-acc1", "NoSuchEvent", 1, "{}");
  decode("account-acc1", "Fact.AccountTierChanged", 1, R"({"account_id":"acc1","tier":0})");
  decode("org", tier.type, tier.schema_version, tier.data);                // no account id anywhere
  decode("account-", tier.type, tier.schema_version, tier.data);
  decode("reminder", "ReminderAcknowledged", 1,
         d::EncodeEvent(d::ReminderEvent{d::ReminderAcknowledged{d::UserId{"sales"}, kT0}}).data);

  EXPECT_EQ(SkippedDomainEvents() - before, 9u);
  EXPECT_EQ(h_.models().accounts.Find("acc1")->tier, Tier::kA);
  EXPECT_EQ(h_.models().AppliedFacts(), applied);

  // The same payload in its own stream is fine: the failures above were the envelopes.
  auto facts = h_.Append("account-acc1", tier, Ctx("manager", d::Role::kManager, "sales1", kT0 + hours(1)));
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(h_.models().accounts.Find("acc1")->tier, Tier::kB);
}

TEST_F(DomainAdapterTest, OldSchemaVersionsAreUpcastByTheCodec) {
  OpenAccount(kT0);
  EventEnvelope e;
  e.seq = Seq(h_.NextSeq());
  e.id = "old-tier";
  e.stream = "account-acc1";
  e.type = "TierChanged";
  e.schema_version = 1;  // v1: {"new_tier","reason"}
  e.occurred_at = kT0 + hours(2);
  e.data = R"({"new_tier":"C","reason":"2023 evaluation"})";
  std::vector<MetaFact> facts = h_.ApplyEnvelope(e);
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(std::get<AccountTierChanged>(facts[0].fact).reason, "2023 evaluation");
  EXPECT_EQ(h_.models().accounts.Find("acc1")->tier, Tier::kC);
}

}  // namespace
}  // namespace keyledger::projections
