#include "bench/projections/company_events.h"

#include <cstdio>
#include <utility>

namespace keyledger::bench {
namespace {

namespace d = ::keyledger::domain;

constexpr uint64_t kEventSalt = 0x5eed0001;
constexpr uint64_t kCorrelationSalt = 0x5eed0002;
constexpr uint64_t kProjectSalt = 0x5eed0003;
constexpr uint64_t kAccountSalt = 0x5eed0004;
constexpr uint64_t kVisitSalt = 0x5eed0005;
constexpr uint64_t kKeyPersonSalt = 0x5eed0006;

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

template <class Event>
GeneratedEvent Make(std::string stream, const Event& event, Instant at, std::string actor) {
  return GeneratedEvent{std::move(stream), d::EncodeEvent(event), at, std::move(actor)};
}

std::string Printf(const char* format, uint64_t n) {
  char buf[128];
  std::snprintf(buf, sizeof buf, format, static_cast<unsigned long long>(n));
  return buf;
}

// A few real-looking texts, cycled, so payloads have production-like lengths (UTF-8 Chinese).
const char* const kProjectNames[] = {"第%llu期智能楼宇弱电系统集成项目", "市第%llu人民医院门诊楼改扩建工程",
                                     "高新区%llu号地块数据中心机电总包", "地铁%llu号线车站装修及机电安装"};
const char* const kEndUsers[] = {"市第%llu人民医院", "区教育局第%llu中学", "高新区管委会%llu号园区",
                                 "省交通投资集团%llu分公司"};
const char* const kUpdateNotes[] = {"本周与客户完成技术交流，客户认可方案，下周提交报价",
                                    "客户内部预算已批复，正在准备招标文件",
                                    "与设计院沟通图纸变更，金额有调整",
                                    "拜访项目经理，确认下月开标，竞争对手两家"};
const char* const kStages[] = {"初步接触", "技术交流", "方案报价", "招投标", "商务谈判"};

template <size_t N>
const char* Pick(const char* const (&texts)[N], uint64_t n) {
  return texts[n % N];
}

}  // namespace

std::string UuidOf(uint64_t n, uint64_t salt) {
  const uint64_t hi = SplitMix(n ^ (salt << 32));
  const uint64_t lo = SplitMix(hi ^ n);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-4%03llx-8%03llx-%012llx",
                static_cast<unsigned long long>(hi >> 32), static_cast<unsigned long long>((hi >> 16) & 0xffff),
                static_cast<unsigned long long>(hi & 0xfff), static_cast<unsigned long long>(lo >> 52),
                static_cast<unsigned long long>(lo & 0xffffffffffffull));
  return buf;
}

std::string ProjectIdOf(uint64_t k) { return UuidOf(k, kProjectSalt); }
std::string AccountIdOf(uint64_t k) { return UuidOf(k, kAccountSalt); }

store::AppendRequest ToAppendRequest(GeneratedEvent event, uint64_t n) {
  store::NewEvent e;
  e.id = UuidOf(n, kEventSalt);
  e.type = std::move(event.encoded.type);
  e.schema_version = event.encoded.schema_version;
  e.occurred_at = event.occurred_at;
  e.actor = std::move(event.actor);
  e.correlation_id = UuidOf(n, kCorrelationSalt);
  e.data = std::move(event.encoded.data);
  store::AppendRequest request;
  request.stream = std::move(event.stream);
  request.expected = store::ExpectedVersion::Any();
  request.events.push_back(std::move(e));
  return request;
}

EventEnvelope ToEnvelope(GeneratedEvent event, uint64_t seq) {
  EventEnvelope e;
  e.seq = Seq(seq);
  e.id = UuidOf(seq, kEventSalt);
  e.stream = std::move(event.stream);
  e.type = std::move(event.encoded.type);
  e.schema_version = event.encoded.schema_version;
  e.occurred_at = event.occurred_at;
  e.recorded_at = event.occurred_at;
  e.actor = std::move(event.actor);
  e.correlation_id = UuidOf(seq, kCorrelationSalt);
  e.data = std::move(event.encoded.data);
  return e;
}

Company::Company() {
  for (int a = 0; a < kAreas; ++a) {
    areas_.push_back(Printf("area-%llu", static_cast<uint64_t>(a + 1)));
    vps_.push_back(Printf("u-vp%02llu", static_cast<uint64_t>(a + 1)));
  }
  for (int dep = 0; dep < kDepartments; ++dep) {
    departments_.push_back(Printf("dept-%02llu", static_cast<uint64_t>(dep + 1)));
    managers_.push_back(Printf("u-manager%02llu", static_cast<uint64_t>(dep + 1)));
  }
  for (int s = 0; s < kSalespeople; ++s) sales_.push_back(Printf("u-sales%04llu", static_cast<uint64_t>(s + 1)));
}

std::vector<GeneratedEvent> Company::OrgEvents(Instant at) const {
  const std::string admin = "u-admin";
  std::vector<GeneratedEvent> out;
  auto add = [&](const d::OrgEvent& e) { out.push_back(Make("org", e, at, admin)); };
  auto user = [&](const std::string& id, d::Role role, const std::string& unit, const std::string& name) {
    add(d::UserCreated{{id}, id.substr(2), name, role, {unit}, id.substr(2) + "@example.cn", "zh-CN",
                       "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"});
  };
  add(d::OrgUnitCreated{{"company"}, "键盘科技有限公司", std::nullopt, d::OrgUnitKind::kCompany});
  user(admin, d::Role::kAdmin, "company", "系统管理员");
  for (int a = 0; a < kAreas; ++a) {
    add(d::OrgUnitCreated{{areas_[a]}, Printf("第%llu大区", static_cast<uint64_t>(a + 1)), d::OrgUnitId{"company"},
                          d::OrgUnitKind::kVpArea});
    user(vps_[a], d::Role::kVp, areas_[a], Printf("王副总%llu", static_cast<uint64_t>(a + 1)));
    add(d::UnitManagerAssigned{{areas_[a]}, {vps_[a]}});
  }
  for (int dep = 0; dep < kDepartments; ++dep) {
    add(d::OrgUnitCreated{{departments_[dep]}, Printf("销售%llu部", static_cast<uint64_t>(dep + 1)),
                          d::OrgUnitId{areas_[dep / kDepartmentsPerArea]}, d::OrgUnitKind::kDepartment});
    user(managers_[dep], d::Role::kManager, departments_[dep], Printf("赵经理%llu", static_cast<uint64_t>(dep + 1)));
    add(d::UnitManagerAssigned{{departments_[dep]}, {managers_[dep]}});
  }
  for (int s = 0; s < kSalespeople; ++s) {
    user(sales_[s], d::Role::kSales, DepartmentOf(s), Printf("陈销售%llu", static_cast<uint64_t>(s + 1)));
  }
  return out;
}

GeneratedEvent ProjectRegisteredEvent(const Company& company, const std::string& project_id, int owner,
                                      const std::string& account_id, uint64_t account_number, uint64_t n,
                                      Instant at) {
  d::ProjectDetails details;
  details.name = Printf(Pick(kProjectNames, n), n % 1000);
  details.account = d::AccountId{account_id};
  details.customer_name = Printf("上海城建第%llu建设集团有限公司", account_number);
  details.end_user = Printf(Pick(kEndUsers, n / 7), n % 5000);
  details.products = "门禁系统, 视频监控, 综合布线";
  details.contract_amount = d::Yuan(static_cast<int64_t>(100'000 + (n * 7919) % 20'000'000));
  details.win_probability = static_cast<int>(10 + n % 80);
  details.margin = static_cast<int>(5 + n % 30);
  details.expected_signing = at + Days(static_cast<int64_t>(30 + n % 300));
  details.stage = Pick(kStages, n);
  const d::ProjectRegistered event{d::ProjectId{project_id}, std::move(details), d::UserId{company.Salesperson(owner)},
                                   d::OrgUnitId{company.DepartmentOf(owner)}, d::UserId{company.VpOf(owner)},
                                   std::nullopt, at};
  return Make("project-" + project_id, d::ProjectEvent{event}, at, company.Salesperson(owner));
}

GeneratedEvent ProjectApprovedEvent(const Company& company, const std::string& project_id, int owner,
                                    uint64_t project_number, Instant at) {
  const d::ProjectApproved event{d::UserId{company.VpOf(owner)}, Printf("XM-2026-%04llu", project_number), "同意立项",
                                 at};
  return Make("project-" + project_id, d::ProjectEvent{event}, at, company.VpOf(owner));
}

GeneratedEvent ProjectUpdatedEvent(const Company& company, const std::string& project_id, int owner, uint64_t n,
                                   Instant at) {
  d::ProjectUpdated event;
  event.note = Pick(kUpdateNotes, n);
  event.at = at;
  // Most weekly updates change one or two figures; some only report progress.
  if (n % 3 == 0) event.changes.win_probability = static_cast<int>(10 + n % 80);
  if (n % 4 == 1) event.changes.contract_amount = d::Yuan(static_cast<int64_t>(100'000 + (n * 104729) % 20'000'000));
  if (n % 5 == 2) event.changes.stage = std::string(Pick(kStages, n / 5));
  if (n % 11 == 3) event.changes.expected_signing = at + Days(static_cast<int64_t>(30 + n % 200));
  return Make("project-" + project_id, d::ProjectEvent{event}, at, company.Salesperson(owner));
}

GeneratedEvent AccountOpenedEvent(const Company& company, const std::string& account_id, uint64_t account_number,
                                  int opener, Instant at) {
  d::AccountProfile profile;
  profile.name = Printf("上海城建第%llu建设集团有限公司", account_number);
  profile.credit_code = Printf("91310000%010llu", account_number);
  profile.nature = "国有企业";
  profile.industry = "建筑业";
  profile.scale = "1000人以上";
  profile.address = Printf("上海市浦东新区世纪大道%llu号", account_number % 2000);
  profile.region = "华东";
  profile.source = "老客户介绍";
  const auto tier = static_cast<d::Tier>(account_number % 3);
  const d::AccountOpened event{d::AccountId{account_id}, Printf("%llu", account_number), tier, std::move(profile),
                               d::UserId{company.Salesperson(opener)}};
  return Make("account-" + account_id, d::AccountEvent{event}, at, company.Salesperson(opener));
}

GeneratedEvent KeyPersonAddedEvent(const Company& company, const std::string& account_id, int owner, uint64_t n,
                                   Instant at) {
  d::KeyPerson person;
  person.id = d::KeyPersonId{"kp-" + UuidOf(n, kKeyPersonSalt)};
  person.name = Printf("张总%llu", n % 10000);
  person.title = "基建处处长";
  person.decision_weight = static_cast<int>(n % 100);
  person.known_by = {d::UserId{company.Salesperson(owner)}};
  person.next_contact = at + Days(static_cast<int64_t>(14 + n % 60));
  return Make("account-" + account_id, d::AccountEvent{d::KeyPersonAdded{std::move(person)}}, at,
              company.Salesperson(owner));
}

GeneratedEvent VisitLoggedEvent(const Company& company, const std::string& account_id, int visitor, uint64_t n,
                                Instant at) {
  const std::string visit_id = UuidOf(n, kVisitSalt);
  d::VisitLogged event{d::VisitId{visit_id},
                       d::AccountId{account_id},
                       d::UserId{company.Salesperson(visitor)},
                       static_cast<d::VisitKind>(n % 4),
                       at - std::chrono::hours(2),
                       {Printf("张总%llu", n % 10000)},
                       "介绍新产品方案，了解明年项目计划",
                       "客户对方案感兴趣，约定下月技术交流",
                       std::nullopt};
  return Make("visit-" + visit_id, d::VisitEvent{std::move(event)}, at, company.Salesperson(visitor));
}

}  // namespace keyledger::bench
