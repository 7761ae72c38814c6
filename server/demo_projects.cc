// The demo's projects, each lived from registration (R-P1/R-P2) through the VP's decision (R-P3)
// and its weekly updates (R-P4) to a signed contract, a loss, or silence. Silence is left to the
// reminder engine: it raises the 2-week and 1-month reminders and puts the project on hold at 90
// days (R-P5..R-P7) as the history is played; some owners then ask for reactivation (R-P8).
#include <algorithm>
#include <array>

#include "server/demo_plan.h"

namespace keyledger::server::demo {
namespace {

using domain::ProjectDecisionKind;

constexpr std::array<std::string_view, 12> kSystems = {
    "综合监控系统", "视频监控改造", "智慧园区平台", "数据中心机房建设", "办公网络升级", "门禁一卡通系统",
    "能耗管理平台", "安防集成项目", "信息化运维服务", "调度通信系统", "云平台迁移", "应急指挥系统"};
constexpr std::array<std::string_view, 6> kStages = {"初步接触", "需求调研", "技术交流", "方案汇报", "商务谈判", "招投标"};
constexpr std::array<std::string_view, 14> kNotes = {
    "本周与客户完成技术交流，客户认可方案", "客户信息中心提出补充需求，方案已修改", "已向客户提交初步报价",
    "客户内部立项审批中，预计下月初完成",   "与客户采购部沟通商务条款",           "陪同客户参观样板工程",
    "客户预算已批复，准备投标文件",         "竞争对手报价偏低，正在调整方案",     "客户总工对技术路线有疑虑，安排专家答疑",
    "完成现场勘察，确认施工条件",           "客户要求延长质保期，正在评估",       "已提交方案汇报材料，等待客户反馈",
    "客户领导层变动，项目节奏放缓",         "招标文件已发布，正在组织应标"};
constexpr std::array<std::string_view, 5> kLossReasons = {"客户选择了其他供应商", "客户预算取消，项目终止",
                                                           "价格差距过大，放弃投标", "客户改为集团集中采购",
                                                           "技术路线不符合客户要求"};
constexpr std::array<std::string_view, 3> kRejectReasons = {"利润率过低，不予立项", "客户资信存疑，不予立项",
                                                             "与公司主营方向不符，不予立项"};

// What the steps of one project share.
struct DemoProject {
  std::string id;
  domain::ProjectDetails details;
  std::optional<domain::UserId> vp;
  bool registered = false;
  bool approved = false;
  bool reactivation_asked = false;
  int win = 0;
  domain::Money amount;
};
using ProjectRef = std::shared_ptr<DemoProject>;

// How a salesperson's updates are spaced, in days (R-P4 asks for weekly).
int UpdateGap(Diligence d, DemoRandom& rnd) {
  switch (d) {
    case Diligence::kDiligent: return int(rnd.Between(4, 9));
    case Diligence::kRegular: return rnd.Below(100) < 6 ? int(rnd.Between(15, 24)) : int(rnd.Between(5, 12));
    case Diligence::kSloppy: return rnd.Below(100) < 12 ? int(rnd.Between(20, 42)) : int(rnd.Between(7, 14));
  }
  return 7;
}

// Percent of approved projects whose owner simply stops updating them.
uint32_t NeglectPercent(Diligence d) {
  switch (d) {
    case Diligence::kDiligent: return 5;
    case Diligence::kRegular: return 20;
    case Diligence::kSloppy: return 35;
  }
  return 15;
}

class ProjectPlanner {
 public:
  ProjectPlanner(const Planner& p, const AccountRef& a, DemoRandom& rnd) : p_(p), a_(a), rnd_(rnd) {}

  // Registers at `at`; `live` keeps it approved and updated until today.
  void Plan(uint32_t j, Instant at, bool live) {
    lane_ = lane::kProject + j;
    auto pr = std::make_shared<DemoProject>();
    pr->id = NewUuid();
    const std::string_view system = kSystems[(a_->index + j * 5) % kSystems.size()];
    auto& d = pr->details;
    d.name = a_->company.short_name + std::string(system) + (j >= kSystems.size() / 5 ? "二期" : "");
    d.account = domain::AccountId{a_->id};
    d.customer_name = a_->company.name;
    d.products = std::string(system);
    d.contract_amount = domain::Yuan(rnd_.Between(20, 2000) * 10'000);
    d.win_probability = int(rnd_.Between(2, 6) * 10);
    d.margin = int(rnd_.Between(10, 35));
    d.stage = std::string(kStages[0]);
    d.notes = "客户有明确预算，正在推进";
    const int life = live ? 100000 : int(rnd_.Between(40, 320));
    d.expected_signing = at + Days(std::min(life, int(rnd_.Between(90, 240))) + rnd_.Between(0, 20));
    pr->win = d.win_probability;
    pr->amount = d.contract_amount;
    Register(pr, at, nullptr);
    Decide(pr, at, life, live);
  }

 private:
  void Register(const ProjectRef& pr, Instant at, const std::string* reactivates) {
    Seeder* s = &p_.s;
    AccountRef a = a_;
    std::optional<domain::ProjectId> resumes;
    if (reactivates) resumes = domain::ProjectId{*reactivates};
    p_.Add(*a, lane_, at, [s, a, pr, resumes](Instant now) {
      if (!a->opened) return;
      const domain::Actor owner = s->As(a->owner);
      auto org = s->Led().Org().Current();
      const auto& d = pr->details;
      domain::RegistrationFacts facts;
      facts.account_is_named = a->named;
      if (a->named) facts.account_owner = owner.user;
      facts.registrant_vp = domain::VpOf(*org, owner.user);
      facts.gm = domain::GeneralManager(*org);
      facts.reactivates = resumes;
      facts.conflicts = s->Led().Conflicts().Find({owner.user, d.account, d.customer_name, d.end_user, d.name, resumes});
      if (s->Run<ProjectAggregate>(pr->id, domain::RegisterProject{d, facts}, owner, now, pr->id)) {
        pr->registered = true;
        pr->vp = facts.registrant_vp;
      }
    });
  }

  // R-P3: the VP decides within a few working days (more than three raises approval_pending).
  void Decide(const ProjectRef& pr, Instant registered, int life, bool live) {
    Instant t = p_.WorkingDaysLater(registered, int(rnd_.Between(1, 100) <= 90 ? rnd_.Between(1, 3) : rnd_.Between(4, 6)), rnd_);
    const uint32_t roll = rnd_.Below(100);
    if (!live && roll >= 84) {
      Decision(pr, t, ProjectDecisionKind::kReject, std::string(Pick(kRejectReasons, rnd_)));
      return;
    }
    if (!live && roll >= 73) {
      Decision(pr, t, ProjectDecisionKind::kDefer, "请补充客户预算批复文件");
      const uint32_t then = rnd_.Below(100);
      if (then < 15) return;  // still waiting for the documents
      t = p_.Later(t, int(rnd_.Between(5, 20)), rnd_);
      if (then < 45) {
        Decision(pr, t, ProjectDecisionKind::kReject, "补充材料仍不充分，不予立项");
        return;
      }
    }
    Decision(pr, t, ProjectDecisionKind::kApprove, "同意立项");
    Live(pr, t, life, live);
  }

  void Decision(const ProjectRef& pr, Instant at, ProjectDecisionKind kind, std::string reason) {
    Seeder* s = &p_.s;
    p_.Add(*a_, lane_, at, [s, pr, kind, reason = std::move(reason)](Instant now) {
      if (!pr->registered || !pr->vp) return;
      const bool approve = kind == ProjectDecisionKind::kApprove;
      const std::string number = approve ? s->Led().ReserveProjectNumber(now) : "";
      if (s->Run<ProjectAggregate>(pr->id, domain::DecideProject{kind, reason}, s->AsUser(*pr->vp), now, "", number)) {
        pr->approved = approve;
      }
    });
  }

  // The approved life: updates at the owner's pace, then signed, lost or left to go stale.
  void Live(const ProjectRef& pr, Instant approved, int life, bool live) {
    const Diligence pace = a_->diligence;
    const Instant end = approved + Days(life);
    const bool neglected = !live && rnd_.Below(100) < NeglectPercent(pace);
    const Instant silent_from = neglected ? approved + Days(rnd_.Between(10, std::max(11, life))) : end;
    const bool wins = rnd_.Below(100) < 62;
    int stage = 0;
    Instant t = p_.Later(approved, UpdateGap(pace, rnd_), rnd_);
    for (; t < std::min(end, silent_from) && p_.Before(t); t = p_.Later(t, UpdateGap(pace, rnd_), rnd_)) {
      domain::ProjectChanges changes;
      if (stage + 1 < int(kStages.size()) && rnd_.Below(100) < 30) changes.stage = std::string(kStages[++stage]);
      if (rnd_.Below(100) < 45) {
        // Estimates move in steps of 5 %, as people give them.
        const int drift = 5 * (wins ? int(rnd_.Between(0, 2)) : int(rnd_.Between(-2, 1)));
        changes.win_probability = std::clamp(pr->win + drift, 10, 90);
        pr->win = *changes.win_probability;
      }
      if (rnd_.Below(100) < 6) {
        pr->amount = domain::Money{pr->amount.fen / 100 * int64_t(rnd_.Between(85, 115))};
        changes.contract_amount = pr->amount;
      }
      // The signing date slips now and then, never into the past.
      if (rnd_.Below(100) < 10 || (pr->details.expected_signing && *pr->details.expected_signing < t + Days(7))) {
        pr->details.expected_signing = t + Days(rnd_.Between(20, 120));
        changes.expected_signing = pr->details.expected_signing;
      }
      Update(pr, t, std::string(Pick(kNotes, rnd_)), std::move(changes));
    }
    if (neglected) {
      PlanReactivation(pr, silent_from + Days(90));
      return;
    }
    if (!p_.Before(end)) return;
    if (wins) Sign(pr, end);
    else Close(pr, end, std::string(Pick(kLossReasons, rnd_)));
  }

  void Update(const ProjectRef& pr, Instant at, std::string note, domain::ProjectChanges changes) {
    Seeder* s = &p_.s;
    AccountRef a = a_;
    p_.Add(*a_, lane_, at, [s, a, pr, note = std::move(note), changes = std::move(changes)](Instant now) {
      if (pr->approved) s->Run<ProjectAggregate>(pr->id, domain::UpdateProject{note, changes}, s->As(a->owner), now);
    });
  }

  // R-P9: the owner asks for the contract review, the business office records the signing.
  void Sign(const ProjectRef& pr, Instant at) {
    Seeder* s = &p_.s;
    AccountRef a = a_;
    p_.Add(*a_, lane_, at, [s, a, pr](Instant now) {
      if (pr->approved) s->Run<ProjectAggregate>(pr->id, domain::RequestContractReview{"合同条款已与客户确认"}, s->As(a->owner), now);
    });
    const Instant signed_at = p_.WorkingDaysLater(at, int(rnd_.Between(1, 4)), rnd_);
    const int64_t percent = rnd_.Between(92, 100);
    p_.Add(*a_, lane_, signed_at, [s, pr, percent](Instant now) {
      if (!pr->approved) return;
      const domain::Money amount{pr->amount.fen / 100 * percent};
      if (s->Run<ProjectAggregate>(pr->id, domain::MarkContractSigned{amount, now}, s->As("zhaolei"), now)) pr->approved = false;
    });
  }

  void Close(const ProjectRef& pr, Instant at, std::string reason) {
    Seeder* s = &p_.s;
    AccountRef a = a_;
    p_.Add(*a_, lane_, at, [s, a, pr, reason = std::move(reason)](Instant now) {
      if (pr->approved && s->Run<ProjectAggregate>(pr->id, domain::CloseProject{reason}, s->As(a->owner), now)) pr->approved = false;
    });
  }

  // R-P8, for about a third of the projects the engine put on hold: the owner explains, the
  // business office reviews; an accepted one is registered anew and approved again.
  void PlanReactivation(const ProjectRef& pr, Instant on_hold) {
    if (rnd_.Below(100) >= 35) return;
    const Instant asked = p_.Later(on_hold, int(rnd_.Between(3, 40)), rnd_);
    if (!p_.Before(asked)) return;
    Seeder* s = &p_.s;
    AccountRef a = a_;
    p_.Add(*a_, lane_, asked, [s, a, pr](Instant now) {
      const bool on_hold_now = s->Led().Reads().Read([&](const projections::ReadModels& m) {
        const auto* row = m.projects.Find(pr->id);
        return row != nullptr && row->status == projections::ProjectStatus::kOnHold;
      });
      if (!on_hold_now) return;
      domain::RequestReactivation ask{"客户项目暂停期间未及时更新", "客户重新启动采购，预算已落实"};
      if (s->Run<ProjectAggregate>(pr->id, ask, s->As(a->owner), now)) pr->reactivation_asked = true;
    });
    const Instant reviewed = p_.WorkingDaysLater(asked, int(rnd_.Between(1, 5)), rnd_);
    auto next = std::make_shared<DemoProject>(*pr);
    next->id = NewUuid();
    next->registered = next->approved = next->reactivation_asked = false;
    const bool accept = rnd_.Below(100) < 75;
    p_.Add(*a_, lane_, reviewed, [s, pr, next, accept](Instant now) {
      if (!pr->reactivation_asked) return;
      domain::ReviewReactivation review{accept, accept ? "客户需求确认，同意重新登记" : "客户采购计划不明确，暂不恢复"};
      s->Run<ProjectAggregate>(pr->id, review, s->As("zhaolei"), now, accept ? next->id : "");
    });
    if (!accept) return;
    // As POST /api/projects/{id}/reactivation/review does: the successor is registered as its owner.
    const Instant again = reviewed + std::chrono::minutes(rnd_.Between(2, 30));
    Register(next, again, &pr->id);
    const Instant decided = p_.WorkingDaysLater(again, int(rnd_.Between(1, 3)), rnd_);
    Decision(next, decided, ProjectDecisionKind::kApprove, "重新立项，同意");
    Live(next, decided, int(rnd_.Between(60, 200)), false);
  }

  const Planner& p_;
  AccountRef a_;
  DemoRandom& rnd_;
  uint32_t lane_ = lane::kProject;
};

}  // namespace

void PlanProjects(const Planner& p, const AccountRef& account, bool keep_one_live, DemoRandom& rnd) {
  ProjectPlanner planner(p, account, rnd);
  const uint32_t count = 2 + rnd.Below(3);
  // Registrations spread over the account's life with us, oldest first; a live one is recent
  // enough to be mid-way (approved, a few updates) today.
  const int first = p.h.DayOf(account->opened_at) + 7;
  const int last = p.h.DayOf(p.h.End()) - 2;
  if (first >= last) return;
  std::vector<int> days;
  for (uint32_t j = 0; j < count; ++j) days.push_back(int(rnd.Between(first, last)));
  std::sort(days.begin(), days.end());
  if (keep_one_live) days.back() = std::max(first, last - int(rnd.Between(30, 150)));
  for (uint32_t j = 0; j < count; ++j) {
    planner.Plan(j, p.WorkTime(days[j], rnd), keep_one_live && j + 1 == count);
  }
}

void PlanDeliberateConflict(const Planner& p, const AccountRef& target) {
  DemoRandom rnd(0x636f6e666c696374ull);
  const Instant at = p.WorkTime(p.h.DayOf(p.h.End()) - 2, rnd);
  Seeder* s = &p.s;
  p.Add(*target, lane::kConflict, at, [s, target](Instant now) {
    if (!target->opened) return;
    const domain::Actor lina = s->As("lina");
    auto org = s->Led().Org().Current();
    domain::ProjectDetails d;
    d.name = target->company.short_name + "二期扩容项目";
    d.account = domain::AccountId{target->id};
    d.customer_name = target->company.name;
    d.products = "综合监控";
    d.contract_amount = domain::Yuan(3'600'000);
    d.win_probability = 40;
    d.margin = 20;
    d.expected_signing = now + Days(60);
    d.stage = "需求调研";
    domain::RegistrationFacts facts;
    facts.registrant_vp = domain::VpOf(*org, lina.user);
    facts.gm = domain::GeneralManager(*org);
    facts.conflicts = s->Led().Conflicts().Find({lina.user, d.account, d.customer_name, d.end_user, d.name, std::nullopt});
    const std::string id = NewUuid();
    s->Run<ProjectAggregate>(id, domain::RegisterProject{d, facts}, lina, now, id);
  });
}

}  // namespace keyledger::server::demo
