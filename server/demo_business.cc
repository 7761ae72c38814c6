// The demo's customers: ~200 accounts, each looked after by one salesperson (so their projects
// never conflict by accident), most taken over in the first weeks of the history and the rest
// won over the two years; key persons, a handful made named accounts through the real R-A5 flow
// (two still in it today). Their projects, visits and complaints are planned by their own files;
// this one opens the account and hands it to them.
#include <array>

#include "server/demo_plan.h"

namespace keyledger::server::demo {
namespace {

using domain::Role;

constexpr uint32_t kAccounts = 200;
// Customers the company already had when the history starts (entered in its first weeks).
constexpr uint32_t kExistingCustomers = 130;

constexpr std::array<std::string_view, 8> kKeyTitles = {"总经理", "总工程师", "信息中心主任", "采购部经理",
                                                        "副总经理", "项目经理", "财务总监", "技术部部长"};
constexpr std::array<std::string_view, 16> kKeyNames = {"周建国", "吴海燕", "郑志刚", "王丽华", "陈晓东", "刘建军",
                                                        "杨秀英", "黄国平", "赵德明", "孙美玲", "马志远", "朱文静",
                                                        "胡振华", "林春梅", "何立新", "罗红霞"};

// Which accounts go through the named-account flow, and how far (R-A5).
enum class NamedFlow { kNone, kGranted, kAwaitingOffice, kAwaitingVps };
NamedFlow FlowFor(uint32_t i) {
  // The first salesperson (index 0) gets two named accounts; five others one each.
  if (i == 0 || i == 24 || i == 4 || i == 8 || i == 12 || i == 16 || i == 20) return NamedFlow::kGranted;
  if (i == 2) return NamedFlow::kAwaitingOffice;
  if (i == 3) return NamedFlow::kAwaitingVps;
  return NamedFlow::kNone;
}

domain::Tier TierFor(uint32_t i) {
  if (FlowFor(i) != NamedFlow::kNone || i % 5 == 0) return domain::Tier::kA;
  return i % 5 <= 2 ? domain::Tier::kB : domain::Tier::kC;
}

class AccountPlanner {
 public:
  AccountPlanner(const Planner& p, const AccountRef& a) : p_(p), a_(a), s_(&p.s), rnd_(0x6b65796c65646765ull + a->index) {}

  void Plan() {
    Open();
    AddKeyPersons();
    NamedApplication();
    // The first salesperson's customers each keep one project live (API_ASSUMPTIONS "Demo mode
    // data": approved projects updated lately, so +14 days makes them stale); others often do, and
    // so does the customer of the deliberate conflict (there must be something to conflict with).
    const bool live = a_->owner == "zhangwei" || a_->index % 3 == 0 || a_->index == 13;
    PlanProjects(p_, a_, live, rnd_);
    PlanVisits(p_, a_, rnd_);
    PlanComplaints(p_, a_, rnd_);
  }

 private:
  void Open() {
    const uint32_t i = a_->index;
    const int day = i < kExistingCustomers ? int(rnd_.Between(0, 20)) : int(rnd_.Between(30, 640));
    a_->opened_at = day == 0 ? p_.h.Start() + std::chrono::minutes(30 + i) : p_.WorkTime(day, rnd_);
    char code[16];
    std::snprintf(code, sizeof code, "%s-%05u", std::string(domain::NameOf(a_->tier)).c_str(), i + 1);
    domain::AccountProfile profile;
    const DemoCompany& c = a_->company;
    profile.name = c.name;
    char credit[32];
    std::snprintf(credit, sizeof credit, "91%04u%012llu", 3100 + i % 700, (unsigned long long)(rnd_.Next() % 1000000000000ull));
    profile.credit_code = credit;
    profile.nature = c.nature;
    profile.industry = c.industry;
    profile.scale = Pick(std::array<std::string_view, 4>{"特大型", "大型", "中型", "小型"}, rnd_);
    profile.region = c.region;
    profile.address = c.region + "科技园路" + std::to_string(rnd_.Between(1, 999)) + "号";
    profile.source = Pick(std::array<std::string_view, 4>{"老客户", "市场活动", "渠道推荐", "招标信息"}, rnd_);
    profile.payment_habit = Pick(std::array{domain::PaymentHabit::kAdvanceFunding, domain::PaymentHabit::kPrepayment,
                                            domain::PaymentHabit::kProgressPayment},
                                 rnd_);
    profile.funding_status = rnd_.Below(4) == 0 ? "资金偏紧" : "资金充足";
    profile.credit_notes = "履约良好，无诉讼记录";
    profile.construction_customer = c.industry == "建筑工程";
    domain::OpenAccount open{code, a_->tier, profile, false};
    Seeder* s = s_;
    AccountRef a = a_;
    p_.Add(*a_, lane::kAccount, a_->opened_at, [s, a, open](Instant now) {
      a->opened = s->Run<AccountAggregate>(a->id, open, s->As(a->owner), now, a->id).has_value();
    });
  }

  // Every other customer: the decision maker (whose next contact the visits keep planning) and
  // an advisor.
  void AddKeyPersons() {
    const uint32_t i = a_->index;
    if (i % 2 != 0) return;
    const Instant at = p_.Later(a_->opened_at, int(rnd_.Between(1, 15)), rnd_);
    for (int k = 0; k < 2; ++k) {
      domain::KeyPerson person;
      person.id = domain::KeyPersonId{NewUuid()};
      person.name = std::string(kKeyNames[(i + k * 5) % kKeyNames.size()]);
      person.title = std::string(kKeyTitles[(i + k) % kKeyTitles.size()]);
      person.decision_role = k == 0 ? domain::DecisionRole::kDecisionMaker : domain::DecisionRole::kAdvisor;
      person.relationship = Pick(std::array{domain::Relationship::kPositive, domain::Relationship::kNeutral,
                                            domain::Relationship::kNoneYet},
                                 rnd_);
      person.decision_weight = k == 0 ? 60 : 25;
      person.known_by = {domain::UserId{UserIdOf(a_->owner)}};
      if (k == 0) person.next_contact = at + Days(rnd_.Between(20, 45));
      a_->key_people.push_back(person);
      Seeder* s = s_;
      AccountRef a = a_;
      p_.Add(*a_, lane::kAccount, at + std::chrono::minutes(k), [s, a, person](Instant now) {
        if (a->opened && s->Run<AccountAggregate>(a->id, domain::AddKeyPerson{person}, s->As(a->owner), now, person.id.value)) {
          a->key_people_added = true;
        }
      });
    }
  }

  // R-A5: apply, business office check, both VPs. Granted early in the history; the two still
  // under review were applied for in the last week.
  void NamedApplication() {
    const NamedFlow flow = FlowFor(a_->index);
    if (flow == NamedFlow::kNone) return;
    a_->named_planned = flow == NamedFlow::kGranted;
    const int today = p_.h.DayOf(p_.h.End());
    Instant t = flow == NamedFlow::kGranted ? p_.Later(a_->opened_at, int(rnd_.Between(3, 10)), rnd_)
                                            : p_.WorkTime(today - (flow == NamedFlow::kAwaitingOffice ? 3 : 8), rnd_);
    Seeder* s = s_;
    AccountRef a = a_;
    p_.Add(*a_, lane::kAccount, t, [s, a](Instant now) {
      if (!a->opened) return;
      domain::AccountPlan plan{a->company.name + "，" + a->company.industry + "行业重点客户", "无关联客户", "近三年合作项目4个",
                               "年度潜在合同额约3000万元", "综合监控、安防集成、运维服务", "售前技术支持2人"};
      domain::QualificationFacts q;
      q.cooperation_year = 2;
      q.gross_profit = domain::Yuan(1'200'000);
      const domain::Actor applicant = s->As(a->owner);
      // R-A4 counts the applicant's named accounts, as the account handlers do, from the read side.
      const int owned = s->Led().Reads().Read([&](const projections::ReadModels& m) {
        int n = 0;
        for (const auto* row : m.accounts.List()) n += row->named && row->owner == applicant.user.value;
        return n;
      });
      s->Run<AccountAggregate>(a->id, domain::ApplyForNamed{plan, q, owned}, applicant, now);
    });
    if (flow == NamedFlow::kAwaitingOffice) return;
    const std::array<std::string_view, 3> reviewers = {"zhaolei", "chenzhiqiang", "liuhaitao"};
    for (size_t k = 0; k < reviewers.size(); ++k) {
      if (flow == NamedFlow::kAwaitingVps && k > 0) return;
      t = p_.WorkingDaysLater(t, int(rnd_.Between(1, 3)), rnd_);
      const bool last = k + 1 == reviewers.size();
      p_.Add(*a_, lane::kAccount, t, [s, a, who = reviewers[k], last](Instant now) {
        if (!a->opened) return;
        domain::ReviewNamedApplication approve{domain::ReviewDecision::kApprove, "合作基础良好，同意", ""};
        if (s->Run<AccountAggregate>(a->id, approve, s->As(who), now) && last) a->named = true;
      });
    }
  }

  const Planner& p_;
  AccountRef a_;
  Seeder* s_;
  DemoRandom rnd_;
};

}  // namespace

void PlanBusiness(Seeder& s, History& history) {
  std::vector<const DemoUser*> sales;
  for (const auto& u : DemoUsers()) {
    if (u.role == Role::kSales) sales.push_back(&u);
  }
  const Planner planner(s, history);
  std::vector<AccountRef> accounts;
  for (uint32_t i = 0; i < kAccounts; ++i) {
    auto a = std::make_shared<DemoAccount>();
    a->index = i;
    a->owner = sales[i % sales.size()]->username;
    a->unit = sales[i % sales.size()]->unit;
    a->diligence = DiligenceOf(a->owner);
    a->company = CompanyName(i);
    a->id = NewUuid();
    a->tier = TierFor(i);
    AccountPlanner(planner, a).Plan();
    accounts.push_back(std::move(a));
  }
  // Account 13 belongs to a salesperson of the north area and is not named.
  PlanDeliberateConflict(planner, accounts[13]);
}

}  // namespace keyledger::server::demo
