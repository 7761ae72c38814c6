// The demo's contact with each customer: visits at the tier's cadence (R-V2) as closely as the
// owner keeps it (ahead of it, or slipping past so the engine raises visit_overdue), the next
// contact with the decision maker planned after each visit (R-V3), the annual tier evaluation
// (R-A1) that changes the cadence, and half-yearly satisfaction surveys (R-S1).
#include <algorithm>
#include <array>

#include "server/demo_plan.h"

namespace keyledger::server::demo {
namespace {

constexpr std::array<domain::VisitKind, 6> kKinds = {domain::VisitKind::kVisit, domain::VisitKind::kVisit,
                                                     domain::VisitKind::kPhone, domain::VisitKind::kMeeting,
                                                     domain::VisitKind::kTechnicalExchange, domain::VisitKind::kExecutiveVisit};
constexpr std::array<std::string_view, 8> kContents = {
    "介绍公司新产品，了解客户明年信息化建设计划", "回访已交付项目运行情况", "与客户技术部交流系统扩容需求",
    "陪同公司领导拜访客户高层",                   "了解客户年度预算安排",   "沟通合同执行进度和回款计划",
    "邀请客户参加公司技术交流会",                 "收集客户对售后服务的意见"};
constexpr std::array<std::string_view, 8> kReports = {
    "客户对方案感兴趣，约定下月再次技术交流", "系统运行稳定，客户满意", "客户有扩容意向，需准备方案",
    "客户高层认可合作，希望扩大合作范围",     "预算尚未批复，保持跟进", "回款按计划进行",
    "客户确认参会",                           "客户提出响应速度需提高，已反馈服务部门"};
constexpr std::array<std::string_view, 4> kDimensions = {"服务质量", "项目成果", "沟通协调", "响应速度"};
constexpr std::array<std::string_view, 5> kSurveyComments = {"整体满意，希望继续保持", "项目交付及时，沟通顺畅",
                                                             "售后响应偏慢，希望改进", "技术支持专业，满意",
                                                             "价格偏高，服务尚可"};

// The visit interval as a share of the cadence, in percent, by how the owner works.
int64_t IntervalPercent(Diligence d, DemoRandom& rnd) {
  switch (d) {
    case Diligence::kDiligent: return rnd.Between(45, 85);
    case Diligence::kRegular: return rnd.Between(55, 100);
    case Diligence::kSloppy: return rnd.Between(75, 140);
  }
  return 100;
}

// The tier the evaluation gives in January; the account's own tier when it stays.
domain::Tier Reviewed(const DemoAccount& a, domain::Tier tier) {
  using domain::Tier;
  if (a.index % 9 == 4 && tier != Tier::kA) return tier == Tier::kC ? Tier::kB : Tier::kA;
  if (a.index % 13 == 7 && tier != Tier::kC) return tier == Tier::kA ? Tier::kB : Tier::kC;
  return tier;
}

class VisitPlanner {
 public:
  VisitPlanner(const Planner& p, const AccountRef& a, DemoRandom& rnd) : p_(p), a_(a), rnd_(rnd) {}

  void Plan() {
    PlanTierReviews();
    std::vector<Instant> visits;
    const auto& config = p_.s.Led().Config();
    Instant t = p_.Later(a_->opened_at, int(rnd_.Between(2, 20)), rnd_);
    while (p_.Before(t)) {
      visits.push_back(t);
      const domain::Tier tier = TierAt(t);
      const int cadence = int((tier == domain::Tier::kA   ? config.visit_cadence_a
                               : tier == domain::Tier::kB ? config.visit_cadence_b
                                                          : config.visit_cadence_c)
                                  .count());
      t = p_.Later(t, int(std::max<int64_t>(3, cadence * IntervalPercent(a_->diligence, rnd_) / 100)), rnd_);
    }
    for (size_t k = 0; k < visits.size(); ++k) {
      Visit(visits[k]);
      if (!a_->key_people.empty() && a_->key_people.front().next_contact) {
        // The decision maker's next contact is planned at the next visit, give or take a week
        // (a sloppy owner plans it early and then misses it: key_person_contact_due).
        const Instant next = k + 1 < visits.size() ? visits[k + 1] : visits[k] + Days(40);
        const int64_t slack = a_->diligence == Diligence::kSloppy ? rnd_.Between(-6, 6) : rnd_.Between(0, 10);
        NextContact(visits[k] + std::chrono::minutes(rnd_.Between(20, 90)), next + Days(slack));
      }
    }
    PlanSurveys();
  }

 private:
  void PlanTierReviews() {
    domain::Tier tier = a_->tier;
    for (int day = 0; day < p_.h.Days(); ++day) {
      const Instant at = p_.h.At(day, 10 * 60);
      const auto ymd = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(at + p_.s.Led().Config().utc_offset));
      if (ymd.month() != std::chrono::January || ymd.day() != std::chrono::day(15) || at <= a_->opened_at + Days(60)) continue;
      const domain::Tier next = a_->named_planned ? tier : Reviewed(*a_, tier);
      if (next == tier) continue;
      tier_changes_.push_back({at, next});
      Seeder* s = &p_.s;
      AccountRef a = a_;
      const std::string reason = next < tier ? "年度评价：合作规模扩大，升级" : "年度评价：合作减少，降级";
      p_.Add(*a_, lane::kAccount, p_.WorkTime(day, rnd_), [s, a, next, reason](Instant now) {
        if (a->opened) s->Run<AccountAggregate>(a->id, domain::ChangeTier{next, reason}, s->As("zhaolei"), now);
      });
      tier = next;
    }
  }

  domain::Tier TierAt(Instant t) const {
    domain::Tier tier = a_->tier;
    for (const auto& [at, next] : tier_changes_) {
      if (at <= t) tier = next;
    }
    return tier;
  }

  void Visit(Instant at) {
    domain::LogVisit v;
    v.account = domain::AccountId{a_->id};
    v.kind = Pick(kKinds, rnd_);
    v.date = at - std::chrono::minutes(rnd_.Between(30, 180));
    v.content = std::string(Pick(kContents, rnd_));
    v.report = std::string(Pick(kReports, rnd_));
    v.account_is_construction = a_->company.industry == "建筑工程";
    if (v.account_is_construction && rnd_.Below(2) == 0) {
      auto score = [&] { return int(rnd_.Between(3, 5)); };
      v.satisfaction = domain::ConstructionSatisfaction{score(), score(), score(), score(), score(), score(), score(), score()};
    }
    Seeder* s = &p_.s;
    AccountRef a = a_;
    p_.Add(*a_, lane::kVisits, at, [s, a, v](Instant now) mutable {
      if (!a->opened) return;
      v.people_met.clear();
      if (a->key_people_added) {
        for (const auto& kp : a->key_people) v.people_met.push_back(kp.name);
      }
      if (v.people_met.empty()) v.people_met.push_back("采购部负责人");
      const std::string id = NewUuid();
      s->Run<VisitAggregate>(id, v, s->As(a->owner), now, id);
    });
  }

  void NextContact(Instant at, Instant next) {
    Seeder* s = &p_.s;
    AccountRef a = a_;
    const bool warmer = rnd_.Below(100) < 20;
    p_.Add(*a_, lane::kAccount, at, [s, a, next, warmer](Instant now) {
      if (!a->opened || !a->key_people_added) return;
      domain::KeyPerson person = a->key_people.front();
      person.next_contact = std::max(next, now + Days(3));
      if (warmer && person.relationship != domain::Relationship::kPositive) {
        person.relationship = person.relationship == domain::Relationship::kNoneYet ? domain::Relationship::kNeutral
                                                                                     : domain::Relationship::kPositive;
      }
      if (s->Run<AccountAggregate>(a->id, domain::UpdateKeyPerson{person}, s->As(a->owner), now)) {
        // Not the name: the visits lane reads it meanwhile.
        a->key_people.front().next_contact = person.next_contact;
        a->key_people.front().relationship = person.relationship;
      }
    });
  }

  // Tier A and B customers are surveyed each half year, late June and late December.
  void PlanSurveys() {
    const int base = 3 + int(a_->index % 3 != 0);
    for (int day = 0; day < p_.h.Days(); ++day) {
      const Instant noon = p_.h.At(day, 12 * 60);
      const auto ymd = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(noon + p_.s.Led().Config().utc_offset));
      const bool round = (ymd.month() == std::chrono::June || ymd.month() == std::chrono::December) && ymd.day() == std::chrono::day(20);
      if (!round || noon < a_->opened_at + Days(30) || TierAt(noon) == domain::Tier::kC) continue;
      const std::string period = std::to_string(int(ymd.year())) + (ymd.month() == std::chrono::June ? "-H1" : "-H2");
      domain::RecordSurvey survey{domain::AccountId{a_->id}, period, {}, std::string(Pick(kSurveyComments, rnd_)),
                                  domain::UserId{UserIdOf(a_->owner)}};
      for (auto dimension : kDimensions) {
        survey.scores.push_back({std::string(dimension), std::clamp(base + int(rnd_.Between(-1, 1)), 1, 5)});
      }
      Seeder* s = &p_.s;
      AccountRef a = a_;
      p_.Add(*a_, lane::kSurveys, p_.WorkTime(day + int(rnd_.Between(0, 8)), rnd_), [s, a, survey](Instant now) {
        const std::string id = NewUuid();
        if (a->opened) s->Run<SurveyAggregate>(id, survey, s->As(a->owner), now, id);
      });
    }
  }

  const Planner& p_;
  AccountRef a_;
  DemoRandom& rnd_;
  std::vector<std::pair<Instant, domain::Tier>> tier_changes_;
};

}  // namespace

void PlanVisits(const Planner& p, const AccountRef& account, DemoRandom& rnd) { VisitPlanner(p, account, rnd).Plan(); }

}  // namespace keyledger::server::demo
