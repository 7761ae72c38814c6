// Demo business data: ~200 customers, each looked after by one salesperson (so that their
// projects never conflict by accident), a handful made named accounts through the real R-A5
// flow, ~600 projects across every status, key persons, visits and complaints; then one
// deliberate conflict so the approvals inbox shows a conflict review. Customers are seeded by a
// few worker threads: their streams are independent, and concurrent appends share one sync.
#include <algorithm>
#include <array>
#include <atomic>
#include <thread>

#include "server/demo_cast.h"
#include "server/demo_seeder.h"

namespace keyledger::server::demo {
namespace {

using domain::Role;

constexpr uint32_t kAccounts = 200;
constexpr uint32_t kProjectsPerAccount = 3;
constexpr int kWorkers = 8;

constexpr std::array<std::string_view, 12> kSystems = {
    "综合监控系统", "视频监控改造", "智慧园区平台", "数据中心机房建设", "办公网络升级", "门禁一卡通系统",
    "能耗管理平台", "安防集成项目", "信息化运维服务", "调度通信系统", "云平台迁移", "应急指挥系统"};
constexpr std::array<std::string_view, 6> kStages = {"初步接触", "需求调研", "技术交流", "方案汇报", "商务谈判", "招投标"};
constexpr std::array<std::string_view, 8> kKeyTitles = {"总经理", "总工程师", "信息中心主任", "采购部经理",
                                                        "副总经理", "项目经理", "财务总监", "技术部部长"};
constexpr std::array<std::string_view, 16> kKeyNames = {"周建国", "吴海燕", "郑志刚", "王丽华", "陈晓东", "刘建军",
                                                        "杨秀英", "黄国平", "赵德明", "孙美玲", "马志远", "朱文静",
                                                        "胡振华", "林春梅", "何立新", "罗红霞"};

struct SalesSlot {
  std::string_view username;
  std::string_view unit;
};

std::vector<SalesSlot> Salespeople() {
  std::vector<SalesSlot> out;
  for (const auto& u : DemoUsers()) {
    if (u.role == Role::kSales) out.push_back({u.username, u.unit});
  }
  return out;
}

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

enum class Target { kRegistered, kDeferred, kRejected, kApproved, kSigned, kClosed };
Target TargetFor(uint32_t account, uint32_t j, const SalesSlot& owner) {
  // The first salesperson's first two projects on each customer are approved and updated now,
  // so that +14 days makes them stale (API_ASSUMPTIONS "Demo mode data").
  if (owner.username == "zhangwei" && j < 2) return Target::kApproved;
  switch ((account * kProjectsPerAccount + j) * 7 % 20) {
    case 0: case 1: return Target::kRegistered;
    case 2: return Target::kDeferred;
    case 3: case 4: return Target::kRejected;
    case 13: case 14: case 15: return Target::kSigned;
    case 16: case 17: return Target::kClosed;
    default: return Target::kApproved;
  }
}

class AccountJob {
 public:
  AccountJob(Seeder& s, uint32_t index, const SalesSlot& owner)
      : s_(s), i_(index), owner_(owner), rnd_(0x6b65796c65646765ull + index), company_(CompanyName(index)) {}

  const std::string& AccountId() const { return account_id_; }
  const DemoCompany& Company() const { return company_; }

  void Run() {
    if (!Open()) return;
    AddKeyPersons();
    NamedApplication();
    for (uint32_t j = 0; j < kProjectsPerAccount; ++j) Project(j);
    if (i_ % 3 != 2) Visit();
    if (i_ % 8 == 0) Complaint();
  }

 private:
  Instant DaysFromNow(int64_t days) const { return s_.Now() + Days(days); }

  bool Open() {
    domain::Tier tier = TierFor(i_);
    char code[16];
    std::snprintf(code, sizeof code, "%s-%05u", std::string(domain::NameOf(tier)).c_str(), i_ + 1);
    domain::AccountProfile p;
    p.name = company_.name;
    char credit[32];
    std::snprintf(credit, sizeof credit, "91%04u%012llu", 3100 + i_ % 700, (unsigned long long)(rnd_.Next() % 1000000000000ull));
    p.credit_code = credit;
    p.nature = company_.nature;
    p.industry = company_.industry;
    p.scale = std::array<std::string_view, 4>{"特大型", "大型", "中型", "小型"}[rnd_.Below(4)];
    p.region = company_.region;
    p.address = company_.region + "科技园路" + std::to_string(rnd_.Between(1, 999)) + "号";
    p.source = std::array<std::string_view, 4>{"老客户", "市场活动", "渠道推荐", "招标信息"}[rnd_.Below(4)];
    p.payment_habit = std::array{domain::PaymentHabit::kAdvanceFunding, domain::PaymentHabit::kPrepayment,
                                 domain::PaymentHabit::kProgressPayment}[rnd_.Below(3)];
    p.funding_status = rnd_.Below(4) == 0 ? "资金偏紧" : "资金充足";
    p.credit_notes = "履约良好，无诉讼记录";
    p.construction_customer = company_.industry == "建筑工程";
    account_id_ = NewUuid();
    auto opened = s_.Run<AccountAggregate>(account_id_, domain::OpenAccount{code, tier, p, false}, s_.As(owner_.username),
                                           account_id_);
    return opened.has_value();
  }

  void AddKeyPersons() {
    if (i_ % 2 != 0) return;
    for (int k = 0; k < 2; ++k) {
      domain::KeyPerson person;
      person.name = std::string(kKeyNames[(i_ + k * 5) % kKeyNames.size()]);
      person.title = std::string(kKeyTitles[(i_ + k) % kKeyTitles.size()]);
      person.decision_role = k == 0 ? domain::DecisionRole::kDecisionMaker : domain::DecisionRole::kAdvisor;
      person.relationship = std::array{domain::Relationship::kPositive, domain::Relationship::kNeutral,
                                       domain::Relationship::kNoneYet}[rnd_.Below(3)];
      person.decision_weight = k == 0 ? 60 : 25;
      person.known_by = {domain::UserId{UserIdOf(owner_.username)}};
      person.next_contact = DaysFromNow(rnd_.Between(3, 45));
      key_people_.push_back(person.name);
      s_.Run<AccountAggregate>(account_id_, domain::AddKeyPerson{person}, s_.As(owner_.username), NewUuid());
    }
  }

  void NamedApplication() {
    const NamedFlow flow = FlowFor(i_);
    if (flow == NamedFlow::kNone) return;
    domain::AccountPlan plan{company_.name + "，" + company_.industry + "行业重点客户", "无关联客户", "近三年合作项目4个",
                             "年度潜在合同额约3000万元", "综合监控、安防集成、运维服务", "售前技术支持2人"};
    domain::QualificationFacts q;
    q.cooperation_year = 2;
    q.gross_profit = domain::Yuan(1'200'000);
    const domain::Actor applicant = s_.As(owner_.username);
    // R-A4 counts the applicant's named accounts, as the account handlers do, from the read side.
    const int owned = s_.Led().Reads().Read([&](const projections::ReadModels& m) {
      int n = 0;
      for (const auto* row : m.accounts.List()) n += row->named && row->owner == applicant.user.value;
      return n;
    });
    if (!s_.Run<AccountAggregate>(account_id_, domain::ApplyForNamed{plan, q, owned}, applicant)) return;
    if (flow == NamedFlow::kAwaitingOffice) return;
    using domain::ReviewDecision;
    domain::ReviewNamedApplication approve{ReviewDecision::kApprove, "合作基础良好，同意", ""};
    if (!s_.Run<AccountAggregate>(account_id_, approve, s_.As("zhaolei"))) return;
    if (flow == NamedFlow::kAwaitingVps) return;
    if (!s_.Run<AccountAggregate>(account_id_, approve, s_.As("chenzhiqiang"))) return;
    if (s_.Run<AccountAggregate>(account_id_, approve, s_.As("liuhaitao"))) named_ = true;
  }

  void Project(uint32_t j) {
    const Target target = TargetFor(i_, j, owner_);
    domain::ProjectDetails d;
    d.name = company_.short_name + std::string(kSystems[(i_ + j * 5) % kSystems.size()]);
    d.account = domain::AccountId{account_id_};
    d.customer_name = company_.name;
    d.products = std::string(kSystems[(i_ + j * 5) % kSystems.size()]);
    d.contract_amount = domain::Yuan(rnd_.Between(20, 2000) * 10'000);
    d.win_probability = int(rnd_.Between(2, 9) * 10);
    d.margin = int(rnd_.Between(10, 35));
    d.expected_signing = DaysFromNow(rnd_.Between(10, 180));
    d.stage = std::string(kStages[rnd_.Below(kStages.size())]);
    d.notes = "客户有明确预算，正在推进";
    const domain::Actor owner = s_.As(owner_.username);
    auto org = s_.Led().Org().Current();
    domain::RegistrationFacts facts;
    facts.account_is_named = named_;
    if (named_) facts.account_owner = owner.user;
    facts.registrant_vp = domain::VpOf(*org, owner.user);
    facts.gm = domain::GeneralManager(*org);
    facts.conflicts = s_.Led().Conflicts().Find({owner.user, d.account, d.customer_name, d.end_user, d.name, std::nullopt});
    const std::string id = NewUuid();
    if (!s_.Run<ProjectAggregate>(id, domain::RegisterProject{d, facts}, owner, id)) return;
    if (target == Target::kRegistered) return;

    // The approver the registration recorded: the owner's VP (R-P3).
    const domain::Actor vp = s_.AsUser(facts.registrant_vp.value_or(domain::UserId{}));
    using domain::ProjectDecisionKind;
    if (target == Target::kDeferred) {
      s_.Run<ProjectAggregate>(id, domain::DecideProject{ProjectDecisionKind::kDefer, "请补充客户预算批复文件"}, vp);
      return;
    }
    if (target == Target::kRejected) {
      s_.Run<ProjectAggregate>(id, domain::DecideProject{ProjectDecisionKind::kReject, "利润率过低，不予立项"}, vp);
      return;
    }
    const std::string number = s_.Led().ReserveProjectNumber(s_.Now());
    if (!s_.Run<ProjectAggregate>(id, domain::DecideProject{ProjectDecisionKind::kApprove, "同意立项"}, vp, "", number)) return;
    switch (target) {
      case Target::kApproved: {
        if (owner_.username != "zhangwei" && (i_ + j) % 2 != 0) return;
        domain::ProjectChanges changes;
        changes.win_probability = std::min(90, d.win_probability + 10);
        changes.stage = std::string("技术交流");
        s_.Run<ProjectAggregate>(id, domain::UpdateProject{"本周与客户完成技术交流，客户认可方案", changes}, owner);
        return;
      }
      case Target::kSigned:
        if (!s_.Run<ProjectAggregate>(id, domain::RequestContractReview{"合同条款已与客户确认"}, owner)) return;
        s_.Run<ProjectAggregate>(id, domain::MarkContractSigned{d.contract_amount, s_.Now()}, s_.As("zhaolei"));
        return;
      case Target::kClosed:
        s_.Run<ProjectAggregate>(id, domain::CloseProject{"客户选择了其他供应商"}, owner);
        return;
      case Target::kRegistered:
      case Target::kDeferred:
      case Target::kRejected:
        return;
    }
  }

  void Visit() {
    domain::LogVisit v;
    v.account = domain::AccountId{account_id_};
    v.kind = std::array{domain::VisitKind::kVisit, domain::VisitKind::kPhone, domain::VisitKind::kMeeting,
                        domain::VisitKind::kTechnicalExchange}[rnd_.Below(4)];
    v.date = s_.Now() - Days(i_ % 10);
    v.people_met = key_people_.empty() ? std::vector<std::string>{"采购部负责人"} : key_people_;
    v.content = "介绍公司新产品，了解客户明年信息化建设计划";
    v.report = "客户对方案感兴趣，约定下月再次技术交流";
    v.account_is_construction = company_.industry == "建筑工程";
    const std::string id = NewUuid();
    s_.Run<VisitAggregate>(id, v, s_.As(owner_.username), id);
  }

  // Complaints at every R-C2 step, assigned by the business office to the account's salesperson.
  void Complaint() {
    const uint32_t stage = (i_ / 8) % 6;
    const std::string id = NewUuid();
    const domain::Actor owner = s_.As(owner_.username);
    std::optional<domain::ComplaintCause> cause;
    if (stage >= 3) cause = std::array{domain::ComplaintCause::kDelivery, domain::ComplaintCause::kTechnical,
                                       domain::ComplaintCause::kServiceAttitude}[rnd_.Below(3)];
    domain::OpenComplaint open{domain::AccountId{account_id_}, "设备交付延期，影响客户现场施工进度",
                               std::string(kKeyNames[i_ % kKeyNames.size()]) + " 138" + std::to_string(10000000 + i_ * 7919),
                               std::array{domain::Severity::kLow, domain::Severity::kMedium, domain::Severity::kHigh}[rnd_.Below(3)],
                               cause};
    if (!s_.Run<ComplaintAggregate>(id, open, owner, id) || stage == 0) return;
    domain::AssignComplaint assign{domain::OrgUnitId{std::string(owner_.unit)}, owner.user};
    if (!s_.Run<ComplaintAggregate>(id, assign, s_.As("zhaolei")) || stage == 1) return;
    if (!s_.Run<ComplaintAggregate>(id, domain::RecordFirstContact{"已电话联系客户，说明原因并致歉"}, owner) || stage == 2) return;
    domain::PlanResolution plan{"协调供应商加急发货，安排工程师驻场", owner.user, DaysFromNow(7)};
    if (!s_.Run<ComplaintAggregate>(id, plan, owner) || stage == 3) return;
    if (!s_.Run<ComplaintAggregate>(id, domain::ResolveComplaint{"设备已到货并完成安装，客户确认"}, owner) || stage == 4) return;
    if (!s_.Run<ComplaintAggregate>(id, domain::RecordFollowUp{true, "回访客户，表示满意"}, owner)) return;
    s_.Run<ComplaintAggregate>(id, domain::CloseComplaint{"处理完毕"}, owner);
  }

  Seeder& s_;
  uint32_t i_;
  SalesSlot owner_;
  DemoRandom rnd_;
  DemoCompany company_;
  std::string account_id_;
  std::vector<std::string> key_people_;
  bool named_ = false;
};

// R-P2: the second salesperson registers on a customer of the north area; the VP of the
// already-registered projects must confirm or clear the conflict.
void DeliberateConflict(Seeder& s, const AccountJob& target) {
  if (target.AccountId().empty()) return;
  s.Led().WaitApplied(s.Led().Store().HeadSeq());
  const domain::Actor lina = s.As("lina");
  auto org = s.Led().Org().Current();
  domain::ProjectDetails d;
  d.name = target.Company().short_name + "二期扩容项目";
  d.account = domain::AccountId{target.AccountId()};
  d.customer_name = target.Company().name;
  d.products = "综合监控";
  d.contract_amount = domain::Yuan(3'600'000);
  d.win_probability = 40;
  d.margin = 20;
  d.expected_signing = s.Now() + Days(60);
  d.stage = "需求调研";
  domain::RegistrationFacts facts;
  facts.registrant_vp = domain::VpOf(*org, lina.user);
  facts.gm = domain::GeneralManager(*org);
  facts.conflicts = s.Led().Conflicts().Find({lina.user, d.account, d.customer_name, d.end_user, d.name, std::nullopt});
  const std::string id = NewUuid();
  s.Run<ProjectAggregate>(id, domain::RegisterProject{d, facts}, lina, id);
}

}  // namespace

void SeedBusiness(Seeder& s) {
  const std::vector<SalesSlot> sales = Salespeople();
  std::vector<std::unique_ptr<AccountJob>> jobs;
  jobs.reserve(kAccounts);
  for (uint32_t i = 0; i < kAccounts; ++i) jobs.push_back(std::make_unique<AccountJob>(s, i, sales[i % sales.size()]));
  std::atomic<uint32_t> next{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&] {
      for (uint32_t i = next.fetch_add(1); i < kAccounts; i = next.fetch_add(1)) jobs[i]->Run();
    });
  }
  for (auto& t : workers) t.join();
  // Account 13 belongs to a salesperson of the north area and is not named.
  DeliberateConflict(s, *jobs[13]);
}

}  // namespace keyledger::server::demo
