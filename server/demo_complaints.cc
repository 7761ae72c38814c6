// The demo's complaints, each through the R-C2 steps: opened by the owner, assigned by the
// business office, first contact, resolution plan with a deadline, feedback, follow-up visit,
// closed, reopened when the follow-up finds the customer still unhappy. Most steps are in time; some first contacts come after the two working days and some
// feedback after the plan's deadline, so the engine raises complaint_overdue (R-C3) as the
// history is played; the newest complaints are still open today.
#include <array>

#include "server/demo_plan.h"

namespace keyledger::server::demo {
namespace {

using domain::ComplaintCause;
using domain::Severity;

struct Grievance {
  std::string_view content;
  ComplaintCause cause;
  std::string_view measures;
  std::string_view feedback;
};
constexpr std::array<Grievance, 6> kGrievances = {{
    {"设备交付延期，影响客户现场施工进度", ComplaintCause::kDelivery, "协调供应商加急发货，安排工程师驻场",
     "设备已到货并完成安装，客户确认"},
    {"系统上线后频繁报警误报", ComplaintCause::kTechnical, "研发团队排查告警规则，升级软件版本", "已升级版本，误报消除"},
    {"售后工程师响应不及时", ComplaintCause::kServiceAttitude, "调整值班安排，承诺4小时内到场", "已向客户说明改进措施并致歉"},
    {"部分摄像机画面模糊，质量不达标", ComplaintCause::kProductQuality, "更换批次有问题的设备", "已全部更换，验收通过"},
    {"施工人员现场未按规定佩戴安全装备", ComplaintCause::kSiteConduct, "对施工队进行安全培训并加强现场巡检", "整改完成，客户复查通过"},
    {"发票金额与合同不符", ComplaintCause::kBilling, "财务核对后重开发票", "已重开发票并寄送客户"},
}};
constexpr std::array<std::string_view, 8> kContacts = {"周建国", "吴海燕", "郑志刚", "王丽华", "陈晓东", "刘建军", "杨秀英", "黄国平"};

class ComplaintPlanner {
 public:
  ComplaintPlanner(const Planner& p, const AccountRef& a, uint32_t number, DemoRandom& rnd)
      : p_(p), a_(a), rnd_(rnd), s_(&p.s), lane_(lane::kComplaint + number) {}

  void Plan(Instant opened) {
    const Grievance& g = Pick(kGrievances, rnd_);
    const std::string id = NewUuid();
    const std::string contact = std::string(Pick(kContacts, rnd_)) + " 138" + std::to_string(10000000 + rnd_.Below(89999999));
    const Severity severity = std::array{Severity::kLow, Severity::kMedium, Severity::kMedium, Severity::kHigh}[rnd_.Below(4)];
    domain::OpenComplaint open{domain::AccountId{a_->id}, std::string(g.content), contact, severity,
                               rnd_.Below(100) < 70 ? std::optional(g.cause) : std::nullopt};
    auto ok = std::make_shared<bool>(true);  // false once a step was refused: the rest is skipped
    Step(opened, ok, [id, open](Seeder& s, const DemoAccount& a, Instant now) {
      return s.Run<ComplaintAggregate>(id, open, s.As(a.owner), now, id).has_value();
    });
    const Instant assigned = p_.Later(opened, rnd_.Below(3) == 0 ? 1 : 0, rnd_);
    Step(assigned, ok, [id](Seeder& s, const DemoAccount& a, Instant now) {
      domain::AssignComplaint assign{domain::OrgUnitId{std::string(a.unit)}, domain::UserId{UserIdOf(a.owner)}};
      return s.Run<ComplaintAggregate>(id, assign, s.As("zhaolei"), now).has_value();
    });
    // R-C2: first contact within two working days; one in six is late.
    const bool late_contact = rnd_.Below(6) == 0;
    const Instant contacted = late_contact ? p_.WorkingDaysLater(opened, int(rnd_.Between(3, 5)), rnd_)
                                           : p_.Later(assigned, rnd_.Below(2) == 0 ? 0 : 1, rnd_);
    Step(contacted, ok, [id](Seeder& s, const DemoAccount& a, Instant now) {
      return s.Run<ComplaintAggregate>(id, domain::RecordFirstContact{"已电话联系客户，说明原因并致歉"}, s.As(a.owner), now).has_value();
    });
    // Plan, feedback, follow-up visit; a customer still unhappy at the follow-up gets the
    // complaint reopened and a second round (R-C2).
    const std::string measures(g.measures), feedback(g.feedback);
    const bool unhappy_first = rnd_.Below(10) == 0;
    Instant t = contacted;
    for (int round = 0; round < 2; ++round) {
      const Instant planned = p_.Later(t, int(rnd_.Between(0, 2)), rnd_);
      const Instant deadline = planned + Days(rnd_.Between(5, 20));
      Step(planned, ok, [id, measures, deadline](Seeder& s, const DemoAccount& a, Instant now) {
        domain::PlanResolution plan{measures, domain::UserId{UserIdOf(a.owner)}, deadline};
        return s.Run<ComplaintAggregate>(id, plan, s.As(a.owner), now).has_value();
      });
      // Feedback before the deadline, one in seven after it.
      const Instant resolved = rnd_.Below(7) == 0 ? deadline + Days(rnd_.Between(2, 8))
                                                  : planned + (deadline - planned) * int(rnd_.Between(30, 90)) / 100;
      Step(p_.WorkTime(p_.h.DayOf(resolved), rnd_), ok, [id, feedback](Seeder& s, const DemoAccount& a, Instant now) {
        return s.Run<ComplaintAggregate>(id, domain::ResolveComplaint{feedback}, s.As(a.owner), now).has_value();
      });
      const bool satisfied = round > 0 || !unhappy_first;
      t = p_.Later(std::max(resolved, planned), int(rnd_.Between(3, 10)), rnd_);
      Step(t, ok, [id, satisfied](Seeder& s, const DemoAccount& a, Instant now) {
        domain::RecordFollowUp visit{satisfied, satisfied ? "回访客户，表示满意" : "客户仍有意见，要求重新处理"};
        return s.Run<ComplaintAggregate>(id, visit, s.As(a.owner), now).has_value();
      });
      if (satisfied) break;
      t = p_.Later(t, int(rnd_.Between(0, 2)), rnd_);
      Step(t, ok, [id](Seeder& s, const DemoAccount& a, Instant now) {
        return s.Run<ComplaintAggregate>(id, domain::ReopenComplaint{"客户对处理结果不满意"}, s.As(a.owner), now).has_value();
      });
    }
    t = p_.Later(t, int(rnd_.Between(0, 3)), rnd_);
    if (!open.cause) {  // R-C4: the cause is known by now at the latest
      Step(t, ok, [id, cause = g.cause](Seeder& s, const DemoAccount& a, Instant now) {
        return s.Run<ComplaintAggregate>(id, domain::CategoriseComplaint{cause}, s.As(a.owner), now).has_value();
      });
    }
    Step(t, ok, [id](Seeder& s, const DemoAccount& a, Instant now) {
      return s.Run<ComplaintAggregate>(id, domain::CloseComplaint{"处理完毕"}, s.As(a.owner), now).has_value();
    });
  }

 private:
  using Body = std::function<bool(Seeder&, const DemoAccount&, Instant)>;
  // Steps of one complaint are planned in time order; times that collide keep that order.
  void Step(Instant at, const std::shared_ptr<bool>& ok, Body body) {
    if (at <= last_) at = last_ + std::chrono::minutes(5);
    last_ = at;
    Seeder* s = s_;
    AccountRef a = a_;
    p_.Add(*a_, lane_, at, [s, a, ok, body = std::move(body)](Instant now) {
      if (a->opened && *ok) *ok = body(*s, *a, now);
    });
  }

  const Planner& p_;
  AccountRef a_;
  DemoRandom& rnd_;
  Seeder* s_;
  uint32_t lane_;
  Instant last_{};
};

}  // namespace

void PlanComplaints(const Planner& p, const AccountRef& account, DemoRandom& rnd) {
  // About one customer in three complains once, a few twice.
  const uint32_t count = rnd.Below(100) < 33 ? (rnd.Below(100) < 20 ? 2 : 1) : 0;
  for (uint32_t k = 0; k < count; ++k) {
    const int first = p.h.DayOf(account->opened_at) + 20;
    const int last = p.h.DayOf(p.h.End());
    if (first >= last) return;
    ComplaintPlanner(p, account, k, rnd).Plan(p.WorkTime(int(rnd.Between(first, last)), rnd));
  }
}

}  // namespace keyledger::server::demo
