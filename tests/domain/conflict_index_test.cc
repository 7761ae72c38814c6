// R-P2 conflict detection: company-name normalisation and the conflict index (same customer,
// affiliates transitively, same end user, same project; on-hold projects excluded, R-P7).
#include "domain/conflict/conflict_index.h"

#include <algorithm>
#include <string>

#include "domain/conflict/name_normaliser.h"
#include "tests/domain/test_support.h"

namespace keyledger::domain {
namespace {

using namespace testing;

struct NamePair {
  const char* a;
  const char* b;
};

// The same company written differently: must normalise to one key.
constexpr NamePair kSameCompany[] = {
    {"华为技术有限公司", "华为技术"},
    {"华为技术有限公司", "华为技术股份有限公司"},
    {"华为技术有限公司", "华为技术有限责任公司"},
    {"华为技术有限公司", "华为技术（中国）有限公司"},           // full-width parentheses
    {"华为技术有限公司", "华为技术(中国)有限公司"},             // half-width parentheses
    {"华为技术有限公司", "华为技术 （中国） 有限公司"},
    {"华为技术有限公司", "华为技术　有限公司"},                 // ideographic space U+3000
    {"华为技术有限公司", " 华为技术有限公司 "},
    {"华为技术有限公司", "华为技术集团"},
    {"华为技术有限公司", "华为技术集团有限公司"},
    {"华为技术有限公司", "华为技术集团股份有限公司"},
    {"华为技术有限公司", "华为技术公司"},
    {"中国建筑股份有限公司", "中国建筑集团"},
    {"深圳市腾讯计算机系统有限公司", "深圳市腾讯计算机系统有限责任公司"},
    {"ＡＢＣ有限公司", "ABC有限公司"},                          // full-width Latin letters
    {"ＡＢＣ　Ｃｏ．，Ｌｔｄ．", "ABC Co., Ltd."},               // all full-width
    {"１２３科技有限公司", "123科技"},                           // full-width digits
    {"Huawei Technologies Co., Ltd.", "HUAWEI TECHNOLOGIES CO.,LTD"},
    {"Huawei Technologies Co., Ltd.", "huawei technologies"},
    {"Huawei Technologies (China) Co., Ltd.", "Huawei Technologies Co Ltd"},
    {"Huawei Technologies（China）Co.,Ltd.", "Huawei Technologies"},
    {"Siemens Limited", "SIEMENS Ltd"},
    {"Acme Inc.", "ACME Incorporated"},
    {"Acme Corp.", "Acme Corporation"},
    {"Acme Group", "Acme Company"},
    {"Acme LLC", "acme"},
    {"A.B.C. Ltd", "ABC Ltd"},
    {"Procter & Gamble Co.", "Procter&Gamble"},
};

// Different companies with similar names: must not match.
constexpr NamePair kDifferentCompany[] = {
    {"华为技术有限公司", "华为终端有限公司"},
    {"华为技术有限公司", "华为技术服务有限公司"},
    {"中兴通讯股份有限公司", "中兴通信股份有限公司"},
    {"中国建筑股份有限公司", "中国建设银行股份有限公司"},
    {"上海电气集团", "上海电力集团"},
    {"中国移动通信集团有限公司", "中国联合网络通信集团有限公司"},
    {"ABC Co., Ltd.", "ABCD Co., Ltd."},
    {"Apple Inc.", "Applied Materials Inc."},
    {"Siemens Ltd", "Siemens Energy Ltd"},
    {"Huawei Technologies", "Huawei Device"},
    {"集团有限公司", "有限公司"},  // nothing but suffixes: kept, and still different
};

TEST(NameNormaliser, R_P2_SameCompanyWrittenDifferentlyMatches) {
  for (const auto& p : kSameCompany) {
    const std::string a = NormaliseCompanyName(p.a), b = NormaliseCompanyName(p.b);
    EXPECT_FALSE(a.empty()) << p.a;
    EXPECT_EQ(a, b) << "\"" << p.a << "\" vs \"" << p.b << "\"";
  }
}

TEST(NameNormaliser, R_P2_DifferentCompaniesWithSimilarNamesDoNotMatch) {
  for (const auto& p : kDifferentCompany) {
    EXPECT_NE(NormaliseCompanyName(p.a), NormaliseCompanyName(p.b)) << "\"" << p.a << "\" vs \"" << p.b << "\"";
  }
}

TEST(NameNormaliser, R_P2_KeysAreStableAndNeverEmptiedBySuffixes) {
  EXPECT_EQ(NormaliseCompanyName("华为技术（中国）有限公司"), "华为技术");
  EXPECT_EQ(NormaliseCompanyName("ＡＢＣ Co., Ltd."), "abc");
  EXPECT_EQ(NormaliseCompanyName("集团"), "集团");
  EXPECT_FALSE(NormaliseCompanyName("有限公司").empty());
  EXPECT_FALSE(NormaliseCompanyName("Co., Ltd.").empty());
  EXPECT_EQ(NormaliseCompanyName("Ltd"), "ltd");
  EXPECT_EQ(NormaliseCompanyName(""), "");
  EXPECT_EQ(NormaliseCompanyName("  ，。 "), "");
  // Invalid UTF-8 bytes are dropped, not a crash.
  EXPECT_EQ(NormaliseCompanyName("华为\xff\xfe技术有限公司"), "华为技术");
  EXPECT_EQ(NormaliseCompanyName(std::string("\xe5\x8d", 2)), "");  // truncated sequence
  // Idempotent.
  for (const auto& p : kSameCompany) EXPECT_EQ(NormaliseCompanyName(NormaliseCompanyName(p.a)), NormaliseCompanyName(p.a)) << p.a;
}

TEST(NameNormaliser, R_P2_ProjectNamesFoldButKeepSuffixes) {
  EXPECT_EQ(NormaliseProjectName("南方电网 光缆扩容（二期）"), NormaliseProjectName("南方电网光缆扩容(二期)"));
  EXPECT_EQ(NormaliseProjectName("ＯＡ系统 升级"), NormaliseProjectName("oa系统升级"));
  EXPECT_NE(NormaliseProjectName("光缆扩容一期"), NormaliseProjectName("光缆扩容二期"));
  EXPECT_NE(NormaliseProjectName("数据中心建设有限公司"), NormaliseProjectName("数据中心建设"));
}

// ---- the index --------------------------------------------------------------------------------

const UserId kAlice{"u-alice"};
const UserId kBob{"u-bob"};
const UserId kCarol{"u-carol"};
const UserId kVpA{"u-vp-a"};

ProjectConflictFacts Facts(const char* id, UserId owner, const char* account, const char* customer, const char* end_user = "",
                           const char* name = "") {
  return ProjectConflictFacts{ProjectId{id}, std::move(owner), kVpA, AccountId{account}, customer, end_user, name,
                              ProjectStatus::kApproved};
}
ConflictQuery Query(UserId registrant, const char* account, const char* customer, const char* end_user = "", const char* name = "") {
  return ConflictQuery{std::move(registrant), AccountId{account}, customer, end_user, name, std::nullopt};
}
std::vector<ConflictHit> Sorted(std::vector<ConflictHit> hits) {
  std::sort(hits.begin(), hits.end(), [](const ConflictHit& a, const ConflictHit& b) { return a.project < b.project; });
  return hits;
}
ConflictHit HitOf(const char* id, UserId owner, ConflictReason reason) { return ConflictHit{ProjectId{id}, std::move(owner), kVpA, reason}; }

TEST(ConflictIndex, R_P2_SameCustomerByAccountOrByAnySpellingOfItsName) {
  ConflictIndex idx;
  idx.UpsertAccount(AccountId{"acc-hw"}, "华为技术有限公司");
  idx.UpsertProject(Facts("p-1", kAlice, "acc-hw", "华为技术有限公司"));
  const std::vector<ConflictHit> expected{HitOf("p-1", kAlice, ConflictReason::kSameCustomer)};
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "acc-hw", "")), expected);
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "", "华为技术（中国）有限公司")), expected);
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "", "华为技术股份有限公司")), expected);
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "acc-new", "华为技术 有限公司")), expected);
  EXPECT_TRUE(idx.FindConflicts(Query(kBob, "", "华为终端有限公司")).empty());
  EXPECT_TRUE(idx.FindConflicts(Query(kBob, "acc-other", "")).empty());
  // The registrant's own projects never conflict, nor the project being re-checked.
  EXPECT_TRUE(idx.FindConflicts(Query(kAlice, "acc-hw", "")).empty());
  ConflictQuery self = Query(kBob, "acc-hw", "");
  self.self = ProjectId{"p-1"};
  EXPECT_TRUE(idx.FindConflicts(self).empty());
}

TEST(ConflictIndex, R_P2_SameCustomerTableThroughTheIndex) {
  for (const auto& p : kSameCompany) {
    ConflictIndex idx;
    idx.UpsertProject(Facts("p-1", kAlice, "", p.a));
    auto hits = idx.FindConflicts(Query(kBob, "", p.b));
    ASSERT_EQ(hits.size(), 1u) << p.a << " / " << p.b;
    EXPECT_EQ(hits[0].reason, ConflictReason::kSameCustomer);
  }
  for (const auto& p : kDifferentCompany) {
    ConflictIndex idx;
    idx.UpsertProject(Facts("p-1", kAlice, "", p.a));
    EXPECT_TRUE(idx.FindConflicts(Query(kBob, "", p.b)).empty()) << p.a << " / " << p.b;
  }
}

TEST(ConflictIndex, R_P2_AffiliatesAreFollowedTransitively) {
  ConflictIndex idx;
  idx.UpsertAccount(AccountId{"acc-parent"}, "中国电信集团有限公司");
  idx.UpsertAccount(AccountId{"acc-sub"}, "中国电信股份有限公司广东分公司");
  idx.UpsertAccount(AccountId{"acc-sub2"}, "天翼云科技有限公司");
  idx.UpsertAccount(AccountId{"acc-other"}, "中国移动通信集团有限公司");
  idx.LinkAffiliates(AccountId{"acc-parent"}, AccountId{"acc-sub"});
  idx.UpsertProject(Facts("p-1", kAlice, "acc-sub2", "天翼云科技有限公司"));
  idx.UpsertProject(Facts("p-2", kCarol, "acc-other", "中国移动通信集团有限公司"));
  EXPECT_TRUE(idx.FindConflicts(Query(kBob, "acc-sub", "")).empty());
  // Linking sub2 to the parent makes p-1 an affiliate conflict of sub (sub — parent — sub2).
  idx.LinkAffiliates(AccountId{"acc-sub2"}, AccountId{"acc-parent"});
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "acc-sub", "")), (std::vector<ConflictHit>{HitOf("p-1", kAlice, ConflictReason::kAffiliate)}));
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "", "中国电信集团")), (std::vector<ConflictHit>{HitOf("p-1", kAlice, ConflictReason::kAffiliate)}));
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "acc-sub2", "")), (std::vector<ConflictHit>{HitOf("p-1", kAlice, ConflictReason::kSameCustomer)}));
  EXPECT_TRUE(idx.FindConflicts(Query(kBob, "acc-other-2", "中国联通")).empty());
  // An affiliate linked before it is named is joined up when the name arrives.
  idx.LinkAffiliates(AccountId{"acc-other"}, AccountId{"acc-late"});
  idx.UpsertAccount(AccountId{"acc-late"}, "咪咕文化科技有限公司");
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "", "咪咕文化科技")), (std::vector<ConflictHit>{HitOf("p-2", kCarol, ConflictReason::kAffiliate)}));
}

TEST(ConflictIndex, R_P2_SameEndUserAndSameProjectName) {
  ConflictIndex idx;
  idx.UpsertProject(Facts("p-1", kAlice, "acc-a", "某集成商有限公司", "深圳供电局有限公司", "南方电网光缆扩容（二期）"));
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "acc-b", "另一集成商", "深圳供电局")),
            (std::vector<ConflictHit>{HitOf("p-1", kAlice, ConflictReason::kSameEndUser)}));
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "acc-b", "另一集成商", "", "南方电网 光缆扩容(二期)")),
            (std::vector<ConflictHit>{HitOf("p-1", kAlice, ConflictReason::kSameProject)}));
  EXPECT_TRUE(idx.FindConflicts(Query(kBob, "acc-b", "另一集成商", "广州供电局", "南方电网光缆扩容（三期）")).empty());
  // One hit per project, with the strongest reason.
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "", "某集成商", "深圳供电局", "南方电网光缆扩容（二期）")),
            (std::vector<ConflictHit>{HitOf("p-1", kAlice, ConflictReason::kSameCustomer)}));
}

TEST(ConflictIndex, R_P7_OnHoldRejectedAndClosedProjectsTakeNoPart) {
  ConflictIndex idx;
  idx.UpsertProject(Facts("p-1", kAlice, "acc-a", "华为技术有限公司", "深圳供电局", "光缆扩容"));
  idx.UpsertProject(Facts("p-2", kCarol, "acc-a", "华为技术有限公司"));
  const auto q = Query(kBob, "acc-a", "华为技术", "深圳供电局", "光缆扩容");
  EXPECT_EQ(Sorted(idx.FindConflicts(q)).size(), 2u);
  idx.SetProjectStatus(ProjectId{"p-1"}, ProjectStatus::kOnHold);
  EXPECT_EQ(idx.FindConflicts(q), (std::vector<ConflictHit>{HitOf("p-2", kCarol, ConflictReason::kSameCustomer)}));
  idx.SetProjectStatus(ProjectId{"p-2"}, ProjectStatus::kRejected);
  EXPECT_TRUE(idx.FindConflicts(q).empty());
  idx.SetProjectStatus(ProjectId{"p-2"}, ProjectStatus::kClosed);
  EXPECT_TRUE(idx.FindConflicts(q).empty());
  // Back in play (e.g. an overturned rejection) → found again.
  idx.SetProjectStatus(ProjectId{"p-2"}, ProjectStatus::kRegistered);
  EXPECT_EQ(idx.FindConflicts(q).size(), 1u);
  idx.SetProjectStatus(ProjectId{"p-unknown"}, ProjectStatus::kOnHold);  // ignored
  EXPECT_EQ(idx.project_count(), 2u);
  // A project registered on hold is never indexed.
  ProjectConflictFacts held = Facts("p-3", kCarol, "acc-b", "中兴通讯");
  held.status = ProjectStatus::kOnHold;
  idx.UpsertProject(held);
  EXPECT_TRUE(idx.FindConflicts(Query(kBob, "acc-b", "")).empty());
}

TEST(ConflictIndex, R_P2_UpsertReplacesTheOldFacts) {
  ConflictIndex idx;
  idx.UpsertProject(Facts("p-1", kAlice, "", "华为技术有限公司", "深圳供电局"));
  idx.UpsertProject(Facts("p-1", kAlice, "", "中兴通讯股份有限公司", "广州供电局"));
  EXPECT_EQ(idx.project_count(), 1u);
  EXPECT_TRUE(idx.FindConflicts(Query(kBob, "", "华为技术")).empty());
  EXPECT_TRUE(idx.FindConflicts(Query(kBob, "", "x", "深圳供电局")).empty());
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "", "中兴通讯")).size(), 1u);
}

TEST(ConflictIndex, R_P2_RenamedAccountIsStillTheSameCustomer) {
  ConflictIndex idx;
  idx.UpsertAccount(AccountId{"acc-1"}, "北京小米科技有限责任公司");
  idx.UpsertProject(Facts("p-1", kAlice, "acc-1", "北京小米科技有限责任公司"));
  idx.UpsertAccount(AccountId{"acc-1"}, "小米集团");
  const std::vector<ConflictHit> expected{HitOf("p-1", kAlice, ConflictReason::kSameCustomer)};
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "acc-1", "")), expected);
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "", "小米集团有限公司")), expected);
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "", "北京小米科技")), expected);
}

// The index keeps each group, end-user and name list as a flat vector with O(1) removal; leaving
// and re-entering the index, merges of groups and re-filing must never lose or duplicate anyone.
TEST(ConflictIndex, R_P2_ListsStayExactThroughMergesStatusChangesAndReFiling) {
  ConflictIndex idx;
  idx.UpsertAccount(AccountId{"acc-a"}, "甲科技有限公司");
  idx.UpsertAccount(AccountId{"acc-b"}, "乙科技有限公司");
  for (int i = 0; i < 6; ++i) {
    const std::string id = "p-a" + std::to_string(i);
    idx.UpsertProject(Facts(id.c_str(), i % 2 ? kAlice : kCarol, "acc-a", "甲科技", "深圳供电局", "机房改造"));
  }
  idx.UpsertProject(Facts("p-b0", kAlice, "acc-b", "乙科技", "深圳供电局", "机房改造"));
  idx.UpsertProject(Facts("p-b1", kCarol, "acc-b", "乙科技"));
  // Take some out of the middle and the end of acc-a's lists before and after the merge.
  idx.SetProjectStatus(ProjectId{"p-a1"}, ProjectStatus::kOnHold);
  idx.SetProjectStatus(ProjectId{"p-a5"}, ProjectStatus::kClosed);
  idx.LinkAffiliates(AccountId{"acc-a"}, AccountId{"acc-b"});
  idx.SetProjectStatus(ProjectId{"p-b1"}, ProjectStatus::kRejected);
  idx.SetProjectStatus(ProjectId{"p-a1"}, ProjectStatus::kApproved);  // back in play
  idx.SetProjectStatus(ProjectId{"p-a1"}, ProjectStatus::kApproved);  // no-op: not filed twice
  // Re-filed under another customer, end user and name: leaves all three of its old lists.
  idx.UpsertProject(Facts("p-a3", kAlice, "", "丙科技有限公司", "广州供电局", "门户网站"));
  const std::vector<ConflictHit> expected{
      HitOf("p-a0", kCarol, ConflictReason::kSameCustomer), HitOf("p-a1", kAlice, ConflictReason::kSameCustomer),
      HitOf("p-a2", kCarol, ConflictReason::kSameCustomer), HitOf("p-a4", kCarol, ConflictReason::kSameCustomer),
      HitOf("p-b0", kAlice, ConflictReason::kAffiliate)};
  EXPECT_EQ(Sorted(idx.FindConflicts(Query(kBob, "acc-a", "", "深圳供电局", "机房改造"))), expected);
  // From the end user or the name alone, every one of them once, with that reason.
  const auto by_end_user = Sorted(idx.FindConflicts(Query(kBob, "", "", "深圳供电局")));
  ASSERT_EQ(by_end_user.size(), 5u);
  for (const auto& h : by_end_user) EXPECT_EQ(h.reason, ConflictReason::kSameEndUser) << h.project.value;
  const auto by_name = Sorted(idx.FindConflicts(Query(kBob, "", "", "", "机房改造")));
  ASSERT_EQ(by_name.size(), 5u);
  for (const auto& h : by_name) EXPECT_EQ(h.reason, ConflictReason::kSameProject) << h.project.value;
  // The end user outranks the name for a project found by both; the customer outranks both.
  const auto mixed = Sorted(idx.FindConflicts(Query(kBob, "", "乙科技", "深圳供电局", "机房改造")));
  ASSERT_EQ(mixed.size(), 5u);
  for (const auto& h : mixed) {
    EXPECT_EQ(h.reason, h.project.value == "p-b0" ? ConflictReason::kSameCustomer : ConflictReason::kAffiliate) << h.project.value;
  }
  EXPECT_EQ(idx.FindConflicts(Query(kBob, "", "丙科技", "广州供电局", "门户网站")),
            (std::vector<ConflictHit>{HitOf("p-a3", kAlice, ConflictReason::kSameCustomer)}));
  // Registrant exclusion applies on every path.
  for (const auto& h : idx.FindConflicts(Query(kAlice, "acc-a", "", "深圳供电局", "机房改造"))) EXPECT_NE(h.owner, kAlice);
}

}  // namespace
}  // namespace keyledger::domain
