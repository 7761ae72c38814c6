// The demo cast and the company-name generator.
#include "server/demo_cast.h"

#include <array>

namespace keyledger::server::demo {
namespace {

using domain::OrgUnitKind;
using domain::Role;

constexpr std::array<std::string_view, 24> kBrand = {
    "华信", "中联", "恒通", "远景", "申达", "瑞科", "金桥", "东方", "宏图", "天成", "海川", "鼎盛",
    "博远", "新航", "泰和", "安捷", "创维", "汇丰", "明德", "永安", "嘉禾", "国泰", "正元", "长风"};
constexpr std::array<std::string_view, 12> kTrade = {
    "智能", "信息", "电子", "建设", "轨道", "能源", "物流", "数据", "通信", "环保", "医疗", "机电"};
constexpr std::array<std::string_view, 6> kSuffix = {
    "科技有限公司", "集团有限公司", "股份有限公司", "工程有限公司", "系统集成有限公司", "技术服务有限公司"};
struct Region {
  std::string_view city;
  std::string_view region;
};
constexpr std::array<Region, 8> kCity = {{{"上海", "上海市浦东新区"}, {"杭州", "浙江省杭州市"},
                                          {"南京", "江苏省南京市"}, {"苏州", "江苏省苏州市"},
                                          {"北京", "北京市海淀区"}, {"天津", "天津市滨海新区"},
                                          {"沈阳", "辽宁省沈阳市"}, {"宁波", "浙江省宁波市"}}};
constexpr std::array<std::string_view, 12> kIndustry = {
    "智能制造", "信息技术", "电子设备", "建筑工程", "城市轨道交通", "电力能源",
    "交通物流", "大数据", "通信服务", "环保工程", "医疗卫生", "机电设备"};
constexpr std::array<std::string_view, 4> kNature = {"国有企业", "民营企业", "股份制企业", "外资企业"};

}  // namespace

uint64_t DemoRandom::Next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

const std::vector<DemoUnit>& DemoUnits() {
  static const std::vector<DemoUnit> units = {
      {"east", "华东区", "company", OrgUnitKind::kVpArea},  {"north", "华北区", "company", OrgUnitKind::kVpArea},
      {"sh", "上海销售部", "east", OrgUnitKind::kDepartment}, {"hz", "杭州销售部", "east", OrgUnitKind::kDepartment},
      {"nj", "南京销售部", "east", OrgUnitKind::kDepartment}, {"bj", "北京销售部", "north", OrgUnitKind::kDepartment},
      {"tj", "天津销售部", "north", OrgUnitKind::kDepartment}, {"sy", "沈阳销售部", "north", OrgUnitKind::kDepartment},
  };
  return units;
}

const std::vector<DemoUser>& DemoUsers() {
  static const std::vector<DemoUser> users = {
      {"wangjianguo", "王建国", Role::kGm, "company", true},
      {"zhaolei", "赵磊", Role::kBusinessOffice, "company"},
      {"shenjing", "沈静", Role::kAuditor, "company"},
      {"qianyun", "钱芸", Role::kInfoAdmin, "company"},
      {"chenzhiqiang", "陈志强", Role::kVp, "east", true},
      {"liuhaitao", "刘海涛", Role::kVp, "north", true},
      {"wangfang", "王芳", Role::kManager, "sh", true},
      {"sunli", "孙丽", Role::kManager, "hz", true},
      {"zhoujie", "周杰", Role::kManager, "nj", true},
      {"wuqiang", "吴强", Role::kManager, "bj", true},
      {"zhengyu", "郑宇", Role::kManager, "tj", true},
      {"fengtao", "冯涛", Role::kManager, "sy", true},
      {"zhangwei", "张伟", Role::kSales, "sh"},   {"lina", "李娜", Role::kSales, "sh"},
      {"yangyang", "杨洋", Role::kSales, "sh"},   {"huangmin", "黄敏", Role::kSales, "sh"},
      {"xuming", "徐明", Role::kSales, "hz"},     {"hejing", "何静", Role::kSales, "hz"},
      {"guolei", "郭磊", Role::kSales, "hz"},     {"mahui", "马慧", Role::kSales, "hz"},
      {"zhuhong", "朱红", Role::kSales, "nj"},    {"hulin", "胡林", Role::kSales, "nj"},
      {"linfeng", "林峰", Role::kSales, "nj"},    {"gaoyan", "高燕", Role::kSales, "nj"},
      {"luoyong", "罗勇", Role::kSales, "bj"},    {"liangchao", "梁超", Role::kSales, "bj"},
      {"songjia", "宋佳", Role::kSales, "bj"},    {"tangbo", "唐波", Role::kSales, "bj"},
      {"hanxue", "韩雪", Role::kSales, "tj"},     {"caoyu", "曹宇", Role::kSales, "tj"},
      {"xujun", "许军", Role::kSales, "tj"},      {"dengli", "邓丽", Role::kSales, "tj"},
      {"xiaoyu", "萧雨", Role::kSales, "sy"},     {"chengpeng", "程鹏", Role::kSales, "sy"},
      {"caiwen", "蔡文", Role::kSales, "sy"},     {"panyu", "潘宇", Role::kSales, "sy"},
  };
  return users;
}

const DemoUser* FindDemoUser(std::string_view username) {
  for (const auto& u : DemoUsers()) {
    if (u.username == username) return &u;
  }
  return nullptr;
}

const std::vector<const DemoUser*>& ListedUsers() {
  static const std::vector<const DemoUser*> listed = [] {
    std::vector<const DemoUser*> out;
    for (auto name : {"zhangwei", "lina", "wangfang", "chenzhiqiang", "zhaolei", "wangjianguo", "shenjing", "qianyun"}) {
      out.push_back(FindDemoUser(name));
    }
    return out;
  }();
  return listed;
}

Diligence DiligenceOf(std::string_view username) {
  constexpr std::array<Diligence, 4> kMix = {Diligence::kDiligent, Diligence::kRegular, Diligence::kSloppy,
                                             Diligence::kRegular};
  uint32_t k = 0;  // position among the salespeople, in creation order (four per department)
  for (const auto& u : DemoUsers()) {
    if (u.role != Role::kSales) continue;
    if (u.username == username) return kMix[(k % 4 + k / 4) % kMix.size()];
    ++k;
  }
  return Diligence::kRegular;
}

std::string UserIdOf(std::string_view username) { return "u-" + std::string(username); }

std::string_view UnitNameOf(std::string_view unit_id) {
  if (unit_id == "company") return "公司";
  for (const auto& u : DemoUnits()) {
    if (u.id == unit_id) return u.name;
  }
  return unit_id;
}

DemoCompany CompanyName(uint32_t index) {
  // Brand × trade gives 288 distinct short names; the city and suffix vary on top of them.
  const uint32_t brand = index % kBrand.size();
  const uint32_t trade = (index / kBrand.size() + index * 5) % kTrade.size();
  const Region& city = kCity[(index * 7 + 3) % kCity.size()];
  const std::string_view suffix = kSuffix[(index * 11 + 1) % kSuffix.size()];
  DemoCompany c;
  c.short_name = std::string(kBrand[brand]) + std::string(kTrade[trade]);
  c.name = std::string(city.city) + c.short_name + std::string(suffix);
  c.region = std::string(city.region);
  c.industry = std::string(kIndustry[trade]);
  c.nature = std::string(kNature[(index * 3) % kNature.size()]);
  return c;
}

}  // namespace keyledger::server::demo
