// Domain benchmarks (results: bench/RESULTS.md, "## Domain (issue 3)"):
//  - BM_DecideEvolveUpdate: one R-P4 weekly update on an approved project: Decide(UpdateProject)
//    then Evolve of the resulting event into the state, the way CommandService does it
//    (state = Evolve(std::move(state), event)). One core; items_per_second = commands/s.
//    Goal: >= 1,000,000 commands/s.
//  - BM_FindConflicts/projects:N: ConflictIndex::FindConflicts (R-P2) against N registered
//    projects, N = 10,000 / 100,000 / 1,000,000 in the same run (the 10k and 1M runs are the peers
//    showing that the cost does not grow with N). items_per_second = checks/s.
//    Goal at 100,000: >= 200,000 checks/s.
//
// The conflict data set (deterministic, built once per N in the fixture set-up):
//  - N/4 accounts (so ~4 projects per customer whatever N is), 80% Chinese names
//    (城市 + 字号 + 行业 + 有限公司/股份有限公司/（中国）有限公司...), 20% English names
//    ("Golden Harbor Networks (China) Co., Ltd."...). The name typed on a project is a spelling
//    variant of its account's name (other legal suffix, full-width, upper case).
//  - 15% of accounts are in affiliate groups of 3 (parent + two subsidiaries); 2% were renamed.
//  - 70% of projects name an end user (医院/学校/政府部门..., pool of N/6), 30% leave it empty.
//  - Project names are "<customer short name><project type><phase>", so a customer's projects
//    rarely share a name and names do not collide across customers.
//  - Statuses: mostly approved; 7% closed or on hold (left the index through SetProjectStatus).
//  - 300 + N/2000 salespeople, one VP per 12 salespeople, 1% of projects without a VP.
// Queries (16,384, cycled): 40% existing account (typed name variant, end user or not), 10% new
// customer with an existing end user, 10% new customer reusing an existing project name, 40% new
// customer / end user / project name (miss). Counters hit_rate and hits_per_check show that the
// work per query (the hits themselves) is the same for every N.
//  - BM_NormaliseQueryNames/projects:100000: breakdown only (no goal): the three name
//    normalisations a check performs (into reused buffers, as the check does), same queries.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/conflict/conflict_index.h"
#include "domain/conflict/name_normaliser.h"
#include "domain/core/context.h"
#include "domain/project/project_decider.h"

namespace keyledger::domain {
namespace {

double MinOf(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }
double MaxOf(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

// min and max next to Google Benchmark's mean/median/stddev when run with repetitions.
void WithMinMax(benchmark::internal::Benchmark* b) {
  b->ComputeStatistics("min", MinOf)->ComputeStatistics("max", MaxOf);
}

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct Rng {
  uint64_t s;
  uint64_t Next() { return s = SplitMix(s); }
  uint64_t Below(uint64_t n) { return Next() % n; }
};

std::string Uuid(uint64_t kind, uint64_t n) {
  const uint64_t h = SplitMix(n * 31 + kind);
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%08llx-%04llx-4%03llx-8%03llx-%012llx", static_cast<unsigned long long>(h >> 32),
                static_cast<unsigned long long>((h >> 16) & 0xffff), static_cast<unsigned long long>(kind & 0xfff),
                static_cast<unsigned long long>(h & 0xfff), static_cast<unsigned long long>(n));
  return buf;
}

std::string Numbered(const char* prefix, uint64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%s%04llu", prefix, static_cast<unsigned long long>(n));
  return buf;
}

// ---------------------------------------------------------------------------------------------
// Names

constexpr std::array<std::string_view, 34> kCities = {
    "北京", "上海", "深圳", "广州", "杭州", "成都", "武汉", "南京", "西安", "苏州", "天津", "重庆",
    "长沙", "郑州", "青岛", "济南", "合肥", "福州", "厦门", "宁波", "无锡", "东莞", "佛山", "沈阳",
    "大连", "哈尔滨", "长春", "昆明", "贵阳", "南宁", "南昌", "太原", "石家庄", "兰州"};
constexpr std::array<std::string_view, 80> kSyllables = {
    "华", "中", "天", "博", "鼎", "信", "达", "瑞", "恒", "远", "创", "新", "智", "联", "通", "盛",
    "泰", "安", "宏", "伟", "嘉", "锐", "海", "星", "光", "云", "科", "润", "德", "诚", "汇", "金",
    "银", "宇", "辰", "启", "航", "腾", "峰", "源", "和", "美", "康", "力", "正", "东", "方", "南",
    "北", "易", "思", "维", "讯", "网", "数", "图", "乐", "晨", "志", "凯", "隆", "祥", "荣", "兴",
    "益", "丰", "昌", "明", "洋", "森", "蓝", "青", "紫", "宝", "丽", "英", "杰", "豪", "佳", "捷"};
constexpr std::array<std::string_view, 20> kIndustries = {
    "科技", "信息技术", "电子", "能源", "制造", "物流", "医疗器械", "软件", "通信", "网络",
    "智能装备", "新材料", "生物医药", "环保", "建设工程", "电力", "汽车零部件", "数据服务", "半导体", "自动化"};
constexpr std::array<std::string_view, 6> kChineseForms = {"有限公司", "股份有限公司", "有限责任公司",
                                                           "（中国）有限公司", "集团有限公司", "集团股份有限公司"};
constexpr std::array<std::string_view, 40> kAdjectives = {
    "Golden", "Pacific", "Silver", "Northern", "Blue", "Bright", "Grand", "Royal", "Summit", "Global",
    "United", "Eastern", "Western", "Rapid", "Prime", "Smart", "Green", "Red", "Star", "Apex",
    "Crystal", "Delta", "Eagle", "Falcon", "Harbor", "Iron", "Jade", "Kingdom", "Lotus", "Maple",
    "Noble", "Ocean", "Pioneer", "Quantum", "River", "Sun", "Titan", "Unity", "Vertex", "Zenith"};
constexpr std::array<std::string_view, 40> kNouns = {
    "Bridge", "Stone", "Peak", "Gate", "Field", "Wave", "Light", "Point", "Tree", "Rock",
    "Lake", "Hill", "Cloud", "Wind", "Fire", "Forest", "Valley", "Tower", "Crown", "Shield",
    "Arrow", "Anchor", "Beacon", "Circle", "Dragon", "Horizon", "Island", "Key", "Link", "Mountain",
    "Nexus", "Orbit", "Path", "Quest", "Ridge", "Spring", "Trail", "Vision", "Way", "Yard"};
constexpr std::array<std::string_view, 16> kEnglishIndustries = {
    "Networks", "Systems", "Technologies", "Electronics", "Logistics", "Medical", "Software", "Energy",
    "Semiconductor", "Automation", "Materials", "Robotics", "Analytics", "Devices", "Instruments", "Pharma"};
constexpr std::array<std::string_view, 8> kRegions = {"", "Asia", "China", "Shanghai", "Beijing", "Shenzhen", "Pacific Rim", "Greater China"};
constexpr std::array<std::string_view, 6> kEnglishForms = {" Co., Ltd.", " Ltd.", " Inc.", " Limited", " (China) Co., Ltd.", " Corporation"};

std::string Upper(std::string s) {
  for (char& ch : s) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
  }
  return s;
}

// Full-width form of the ASCII letters and digits (ＡＢＣ１２３), as typed with a Chinese IME.
std::string FullWidth(std::string_view s) {
  std::string out;
  for (unsigned char ch : s) {
    if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      const char32_t cp = 0xFEE0 + ch;
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(ch);
    }
  }
  return out;
}

// Customer c's short name (no legal form); distinct for every c < 4,352,000 (Chinese) and
// every c/5 < 204,800 (English, c % 5 == 0).
std::string CustomerShort(uint64_t c) {
  std::string s;
  if (c % 5 == 0) {
    const uint64_t e = c / 5;
    s.append(kAdjectives[e % 40]).append(" ").append(kNouns[(e / 40) % 40]).append(" ");
    s.append(kEnglishIndustries[(e / 1600) % 16]);
    if (auto r = kRegions[(e / 25600) % 8]; !r.empty()) s.append(" ").append(r);
    return s;
  }
  s.append(kCities[c % 34]).append(kSyllables[(c / 34) % 80]).append(kSyllables[(c / 2720) % 80]);
  s.append(kIndustries[(c / 217600) % 20]);
  return s;
}

// Customer c's name with a legal form; variant 0 is the account's registered name, the others are
// the spellings salespeople type on projects (other suffix, full-width, upper case).
std::string CustomerName(uint64_t c, uint64_t variant) {
  const std::string base = CustomerShort(c);
  if (c % 5 == 0) {
    std::string name = base + std::string(kEnglishForms[(c + variant) % kEnglishForms.size()]);
    if (variant % 4 == 3) return Upper(name);
    if (variant % 4 == 2) return FullWidth(name);
    return name;
  }
  return base + std::string(kChineseForms[(c + variant) % kChineseForms.size()]);
}

// An account's new name after a rename (R-A: the old name stays the same customer).
std::string RenamedName(uint64_t c) {
  if (c % 5 == 0) return CustomerShort(c) + " Holdings Co., Ltd.";
  return CustomerShort(c) + "控股有限公司";
}

constexpr std::array<std::string_view, 40> kDistricts = {
    "朝阳", "海淀", "浦东", "徐汇", "南山", "福田", "天河", "越秀", "西湖", "滨江", "锦江", "武侯",
    "江汉", "洪山", "鼓楼", "玄武", "雁塔", "碑林", "姑苏", "和平", "渝中", "岳麓", "金水", "市南",
    "历下", "蜀山", "台江", "思明", "鄞州", "滨湖", "南城", "禅城", "铁西", "中山", "南岗", "朝阳区",
    "五华", "云岩", "青秀", "东湖"};
constexpr std::array<std::string_view, 24> kInstitutions = {
    "人民医院", "中医院", "妇幼保健院", "第一中学", "实验小学", "职业技术学院", "教育局", "公安分局",
    "交通运输局", "卫生健康委员会", "人力资源和社会保障局", "税务局", "自来水公司", "供电局", "图书馆",
    "档案馆", "疾病预防控制中心", "政务服务中心", "城市管理局", "应急管理局", "体育中心", "博物馆",
    "大数据中心", "住房公积金管理中心"};
constexpr std::array<std::string_view, 8> kBranches = {"", "东院", "西院", "南院", "北院", "分院", "新区", "二部"};

// End user e; distinct for every e < 261,120.
std::string EndUserName(uint64_t e) {
  std::string s;
  s.append(kCities[e % 34]).append("市").append(kDistricts[(e / 34) % 40]).append("区");
  s.append(kInstitutions[(e / 1360) % 24]).append(kBranches[(e / 32640) % 8]);
  return s;
}

constexpr std::array<std::string_view, 20> kProjectTypes = {
    "数据中心扩容项目", "核心网络改造", "HIS系统升级", "智慧校园建设", "云平台建设", "安防监控改造",
    "ERP实施", "视频会议系统", "存储扩容", "灾备中心建设", "办公自动化", "MES系统", "桌面云",
    "SD-WAN组网", "等保测评整改", "机房动环监控", "大数据平台", "5G专网", "WMS仓储系统", "CRM升级"};
constexpr std::array<std::string_view, 5> kPhases = {"一期", "二期", "三期", "（2026年度）", "扩容"};

std::string ProjectName(uint64_t c, uint64_t type, uint64_t phase) {
  return CustomerShort(c) + std::string(kProjectTypes[type % kProjectTypes.size()]) + std::string(kPhases[phase % kPhases.size()]);
}

// ---------------------------------------------------------------------------------------------
// Conflict data set

struct DataSet {
  uint64_t n = 0;          // projects
  uint64_t customers = 0;  // accounts
  uint64_t end_users = 0;  // end-user pool
  uint64_t sales = 0;      // salespeople
  ConflictIndex index;
  std::vector<ConflictQuery> queries;
  double build_seconds = 0;
};

AccountId AccountOf(uint64_t c) { return AccountId{Uuid(1, c)}; }
UserId SalesOf(uint64_t u) { return UserId{Numbered("sales-", u)}; }
UserId VpOf(uint64_t u) { return UserId{Numbered("vp-", u / 12)}; }

// Project i's facts, regenerated on demand so that queries can reuse an existing project's name.
struct ProjectSpec {
  uint64_t customer, type, phase, end_user, owner, variant;
  bool has_end_user, has_vp;
  ProjectStatus status;
};

ProjectSpec SpecOf(const DataSet& d, uint64_t i) {
  Rng r{i * 0x100000001b3ULL + 7};
  ProjectSpec s{};
  s.customer = r.Below(d.customers);
  s.type = r.Below(kProjectTypes.size());
  s.phase = r.Below(kPhases.size());
  s.has_end_user = r.Below(10) < 7;
  s.end_user = r.Below(d.end_users);
  s.owner = r.Below(d.sales);
  s.has_vp = r.Below(100) != 0;
  s.variant = r.Below(6);
  const uint64_t st = r.Below(100);
  s.status = st < 70   ? ProjectStatus::kApproved
             : st < 82 ? ProjectStatus::kRegistered
             : st < 85 ? ProjectStatus::kConflictReview
             : st < 88 ? ProjectStatus::kDeferred
             : st < 93 ? ProjectStatus::kContractSigned
             : st < 97 ? ProjectStatus::kClosed
                       : ProjectStatus::kOnHold;
  return s;
}

std::unique_ptr<DataSet> Build(uint64_t n) {
  const auto t0 = std::chrono::steady_clock::now();
  auto d = std::make_unique<DataSet>();
  d->n = n;
  d->customers = n / 4;
  d->end_users = n / 6;
  d->sales = 300 + n / 2000;
  ConflictIndex& idx = d->index;

  for (uint64_t c = 0; c < d->customers; ++c) idx.UpsertAccount(AccountOf(c), CustomerName(c, 0));
  for (uint64_t c = 0; c < d->customers; ++c) {
    if (c % 50 == 7) idx.UpsertAccount(AccountOf(c), RenamedName(c));  // 2% renamed
    const uint64_t m = c % 20;
    if (m == 1 || m == 2) idx.LinkAffiliates(AccountOf(c - m), AccountOf(c));  // groups of 3
  }
  for (uint64_t i = 0; i < n; ++i) {
    const ProjectSpec s = SpecOf(*d, i);
    ProjectConflictFacts f;
    f.id = ProjectId{Uuid(2, i)};
    f.owner = SalesOf(s.owner);
    if (s.has_vp) f.vp = VpOf(s.owner);
    f.account = AccountOf(s.customer);
    f.customer_name = CustomerName(s.customer, s.variant);
    if (s.has_end_user) f.end_user = EndUserName(s.end_user);
    f.name = ProjectName(s.customer, s.type, s.phase);
    const bool leaves = s.status == ProjectStatus::kClosed || s.status == ProjectStatus::kOnHold;
    f.status = leaves ? ProjectStatus::kApproved : s.status;
    idx.UpsertProject(f);
    if (leaves) idx.SetProjectStatus(f.id, s.status);  // as the projection sees the status events
  }

  // Queries. New customers / end users take indices past the data set's, so they never hit.
  constexpr size_t kQueries = 16384;
  Rng r{0xC0FFEE ^ n};
  d->queries.reserve(kQueries);
  for (size_t k = 0; k < kQueries; ++k) {
    ConflictQuery q;
    q.registrant = SalesOf(r.Below(d->sales));
    const uint64_t kind = r.Below(10);
    const uint64_t new_customer = d->customers + k;
    if (kind < 4) {  // existing account, typed name variant
      const uint64_t c = r.Below(d->customers);
      q.account = AccountOf(c);
      q.customer_name = CustomerName(c, r.Below(6));
      if (r.Below(2) == 0) q.end_user = EndUserName(r.Below(d->end_users));
      q.project_name = ProjectName(c, r.Below(kProjectTypes.size()), r.Below(kPhases.size()));
    } else if (kind < 5) {  // new customer, existing end user
      q.customer_name = CustomerName(new_customer, r.Below(6));
      q.end_user = EndUserName(r.Below(d->end_users));
      q.project_name = ProjectName(new_customer, r.Below(kProjectTypes.size()), 0);
    } else if (kind < 6) {  // new customer reusing an existing project's name
      const ProjectSpec s = SpecOf(*d, r.Below(n));
      q.customer_name = CustomerName(new_customer, r.Below(6));
      q.project_name = ProjectName(s.customer, s.type, s.phase);
    } else {  // miss: nothing known
      q.customer_name = CustomerName(new_customer, r.Below(6));
      if (r.Below(10) < 7) q.end_user = EndUserName(d->end_users + k);
      q.project_name = ProjectName(new_customer, r.Below(kProjectTypes.size()), r.Below(kPhases.size()));
    }
    d->queries.push_back(std::move(q));
  }
  d->build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return d;
}

// One data set at a time (the 1M one is ~1 GB); repetitions of one size run back to back.
std::unique_ptr<DataSet>& Cached() {
  static std::unique_ptr<DataSet> data;
  return data;
}

class ConflictFixture : public benchmark::Fixture {
 public:
  void SetUp(const benchmark::State& state) override {
    const auto n = static_cast<uint64_t>(state.range(0));
    auto& data = Cached();
    if (!data || data->n != n) {
      data.reset();
      data = Build(n);
    }
  }
};

BENCHMARK_DEFINE_F(ConflictFixture, BM_FindConflicts)(benchmark::State& state) {
  const DataSet& d = *Cached();
  const size_t mask = d.queries.size() - 1;
  size_t k = 0;
  uint64_t hits = 0;
  uint64_t hit_queries = 0;
  for (auto _ : state) {
    auto found = d.index.FindConflicts(d.queries[k & mask]);
    hits += found.size();
    hit_queries += found.empty() ? 0 : 1;
    benchmark::DoNotOptimize(found.data());
    ++k;
  }
  const auto iters = static_cast<double>(state.iterations());
  state.SetItemsProcessed(state.iterations());
  state.counters["hits_per_check"] = static_cast<double>(hits) / iters;
  state.counters["hit_rate"] = static_cast<double>(hit_queries) / iters;
  state.counters["indexed"] = static_cast<double>(d.index.project_count());
  state.counters["build_s"] = d.build_seconds;
}
BENCHMARK_REGISTER_F(ConflictFixture, BM_FindConflicts)
    ->ArgName("projects")
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->MinTime(1.0)
    ->Apply(WithMinMax);

// Breakdown, not a goal: the part of one check that is name normalisation alone (the customer
// name and end user through NormaliseCompanyNameInto, the project name through
// NormaliseProjectNameInto, into reused buffers as FindConflicts does), over the same queries as
// BM_FindConflicts/projects:100000.
BENCHMARK_DEFINE_F(ConflictFixture, BM_NormaliseQueryNames)(benchmark::State& state) {
  const DataSet& d = *Cached();
  const size_t mask = d.queries.size() - 1;
  size_t k = 0;
  std::string a, b, c;  // reused, as FindConflicts reuses its per-thread buffers
  for (auto _ : state) {
    const ConflictQuery& q = d.queries[k & mask];
    NormaliseCompanyNameInto(q.customer_name, a);
    NormaliseCompanyNameInto(q.end_user, b);
    NormaliseProjectNameInto(q.project_name, c);
    benchmark::DoNotOptimize(a.data());
    benchmark::DoNotOptimize(b.data());
    benchmark::DoNotOptimize(c.data());
    ++k;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_REGISTER_F(ConflictFixture, BM_NormaliseQueryNames)->ArgName("projects")->Arg(100'000)->MinTime(1.0)->Apply(WithMinMax);

// ---------------------------------------------------------------------------------------------
// Decide + Evolve of a weekly update

constexpr std::array<std::string_view, 8> kNotes = {
    "本周与客户信息中心主任沟通了技术方案，客户倾向双活架构，下周提交报价",
    "客户采购流程已启动，预计下月初挂网招标，已协调厂商授权",
    "Met the CIO; budget confirmed for Q1, competitor presented last week",
    "完成POC测试，性能指标全部达标，客户要求补充等保三级材料",
    "商务谈判中，客户希望价格再降5%，已申请特价",
    "客户领导层变动，项目暂缓两周，保持每周电话沟通",
    "Technical clarification meeting held, updated BOM sent to the customer",
    "已拿到中标通知书，准备合同评审材料"};
constexpr std::array<std::string_view, 5> kStages = {"需求确认", "方案设计", "招投标", "商务谈判", "合同准备"};

std::vector<ProjectCommand> UpdateCommands() {
  std::vector<ProjectCommand> out;
  for (int k = 0; k < 64; ++k) {
    UpdateProject u;
    u.note = std::string(kNotes[k % kNotes.size()]);
    u.changes.win_probability = 30 + (k * 7) % 60;
    if (k % 2 == 0) u.changes.contract_amount = Yuan(1'200'000 + 10'000 * k);
    if (k % 3 == 0) u.changes.expected_signing = FromUnixMicros(1'798'761'600'000'000 + int64_t{86'400'000'000} * k);
    if (k % 4 == 0) u.changes.stage = std::string(kStages[(k / 4) % kStages.size()]);
    if (k % 8 == 0) u.changes.products = "核心交换机 x2, 汇聚交换机 x12, 无线AP x240, 网管平台";
    if (k % 5 == 0) u.changes.margin = 18 + k % 10;
    out.emplace_back(std::move(u));
  }
  return out;
}

// An approved project, built through the decider itself (register, then the VP approves).
ProjectState ApprovedProject(const Context& sales) {
  ProjectState s;
  RegisterProject reg;
  reg.details.name = "上海华信科技数据中心扩容项目二期";
  reg.details.account = AccountId{"3f2b8c1e-0000-4000-8000-000000000042"};
  reg.details.customer_name = "上海华信科技股份有限公司";
  reg.details.end_user = "上海市徐汇区人民医院";
  reg.details.products = "存储 x4, 服务器 x20";
  reg.details.contract_amount = Yuan(1'500'000);
  reg.details.win_probability = 40;
  reg.details.margin = 22;
  reg.details.stage = "需求确认";
  reg.facts.registrant_vp = UserId{"vp-0003"};
  Context ctx = sales;
  ctx.new_id = "7d1e2f30-0000-4000-8000-000000000001";
  auto d = Decide(s, ProjectCommand{reg}, ctx);
  if (!d.ok()) return s;
  for (const auto& e : *d) s = Evolve(std::move(s), e);
  Context vp;
  vp.now = sales.now + Days(2);
  vp.actor = Actor{UserId{"vp-0003"}, Role::kVp, OrgUnitId{"unit-east"}};
  vp.project_number = "XM-2026-00421";
  auto a = Decide(s, ProjectCommand{DecideProject{ProjectDecisionKind::kApprove, "方案可行"}}, vp);
  if (!a.ok()) return s;
  for (const auto& e : *a) s = Evolve(std::move(s), e);
  return s;
}

void BM_DecideEvolveUpdate(benchmark::State& state) {
  Context ctx;
  ctx.now = FromUnixMicros(1'795'000'000'000'000);
  ctx.actor = Actor{UserId{"sales-0042"}, Role::kSales, OrgUnitId{"unit-east"}};
  ProjectState s = ApprovedProject(ctx);
  if (s.status != ProjectStatus::kApproved) {
    state.SkipWithError("could not build an approved project");
    return;
  }
  ctx.now += Days(3);
  const std::vector<ProjectCommand> commands = UpdateCommands();
  size_t k = 0;
  for (auto _ : state) {
    ctx.now += Micros(1);
    auto decision = Decide(s, commands[k & 63], ctx);
    if (!decision.ok()) {
      state.SkipWithError(decision.error().message.c_str());
      break;
    }
    for (const auto& e : *decision) s = Evolve(std::move(s), e);
    benchmark::DoNotOptimize(s.updates);
    ++k;
  }
  state.SetItemsProcessed(state.iterations());
  if (s.updates != k) state.SkipWithError("an update was not applied");
}
BENCHMARK(BM_DecideEvolveUpdate)->MinTime(1.0)->Apply(WithMinMax);

}  // namespace
}  // namespace keyledger::domain

BENCHMARK_MAIN();
