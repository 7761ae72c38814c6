// The conflict index's snapshot form (domain/conflict/conflict_index_io.h, written with the
// projections' binary codec): a loaded index answers every check as the original does, goes on
// answering alike through further changes, saves to the same bytes, and refuses damaged input
// without crashing.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "domain/conflict/conflict_index_io.h"
#include "projections/binary_codec.h"

namespace keyledger::projections::testing {
namespace {

using domain::ConflictHit;
using domain::ConflictIndex;
using domain::ConflictQuery;
using domain::ProjectStatus;

// Few distinct names, so that customers, end users and project names collide often and the
// union-finds and lists get real merges.
const char* const kCompanies[] = {"华为技术有限公司", "中兴通讯股份有限公司", "腾讯科技", "Acme Inc.", "上海电气集团",
                                  "ABC有限公司",     "Siemens Limited",      "国家电网",  "中国移动", "Globex Corp."};
const char* const kProjects[] = {"数据中心扩容", "ERP 升级", "园区网络", "Cloud migration", "智能工厂", "安防平台"};

// Random changes of every kind the index takes, from one seed, applied to any number of indexes.
class RandomChanges {
 public:
  explicit RandomChanges(uint32_t seed) : rng_(seed) {}

  void ApplyTo(std::vector<ConflictIndex*> indexes, int changes) {
    for (int i = 0; i < changes; ++i) {
      const int kind = Pick(10);
      if (kind < 2) {
        const auto account = Account();
        const std::string name = std::string(kCompanies[Pick(10)]) + (Pick(3) == 0 ? " " + std::to_string(Pick(20)) : "");
        for (auto* x : indexes) x->UpsertAccount(account, name);
      } else if (kind < 3) {
        const auto a = Account(), b = Account();
        for (auto* x : indexes) x->LinkAffiliates(a, b);
      } else if (kind < 7) {
        const domain::ProjectConflictFacts facts = Facts();
        for (auto* x : indexes) x->UpsertProject(facts);
      } else {
        const domain::ProjectId project{"p" + std::to_string(Pick(400))};
        const auto status = static_cast<ProjectStatus>(1 + Pick(8));
        for (auto* x : indexes) x->SetProjectStatus(project, status);
      }
    }
  }

  ConflictQuery Query() {
    ConflictQuery q;
    q.registrant = domain::UserId{"u" + std::to_string(Pick(12))};
    if (Pick(2) == 0) q.account = Account();
    if (Pick(2) == 0) q.customer_name = kCompanies[Pick(10)];
    if (Pick(2) == 0) q.end_user = kCompanies[Pick(10)];
    if (Pick(2) == 0) q.project_name = kProjects[Pick(6)];
    return q;
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  domain::AccountId Account() { return domain::AccountId{"a" + std::to_string(Pick(60))}; }
  domain::ProjectConflictFacts Facts() {
    domain::ProjectConflictFacts f;
    f.id = domain::ProjectId{"p" + std::to_string(Pick(400))};
    f.owner = domain::UserId{"u" + std::to_string(Pick(12))};
    if (Pick(2) == 0) f.vp = domain::UserId{"vp" + std::to_string(Pick(3))};
    if (Pick(3) != 0) f.account = Account();
    if (Pick(2) == 0) f.customer_name = kCompanies[Pick(10)];
    if (Pick(2) == 0) f.end_user = kCompanies[Pick(10)];
    f.name = kProjects[Pick(6)];
    return f;
  }

  std::mt19937 rng_;
};

std::string Save(const ConflictIndex& index) {
  BinaryWriter w;
  index.Save(w);
  return w.Take();
}

std::vector<ConflictHit> Sorted(std::vector<ConflictHit> hits) {
  std::sort(hits.begin(), hits.end(), [](const ConflictHit& a, const ConflictHit& b) { return a.project.value < b.project.value; });
  return hits;
}

// Every one of `n` random queries gets the same hits from both (hits come in no set order).
void ExpectSameAnswers(const ConflictIndex& a, const ConflictIndex& b, RandomChanges& queries, int n) {
  int with_hits = 0;
  for (int i = 0; i < n; ++i) {
    const ConflictQuery q = queries.Query();
    const auto expected = Sorted(a.FindConflicts(q));
    ASSERT_EQ(Sorted(b.FindConflicts(q)), expected) << "query " << i;
    with_hits += expected.empty() ? 0 : 1;
  }
  EXPECT_GT(with_hits, n / 4) << "the queries must exercise hits, not only misses";
}

TEST(ConflictIndexSnapshot, R_P2_LoadedIndexAnswersAsTheOriginalAndFollowsLaterChangesAlike) {
  ConflictIndex original;
  RandomChanges changes(7);
  changes.ApplyTo({&original}, 3000);
  ASSERT_GT(original.project_count(), 300u);

  const std::string bytes = Save(original);
  ConflictIndex loaded;
  BinaryReader r(bytes);
  ASSERT_TRUE(loaded.Load(r));
  EXPECT_TRUE(r.AtEnd());
  EXPECT_EQ(loaded.project_count(), original.project_count());
  EXPECT_EQ(Save(loaded), bytes);

  RandomChanges queries(11);
  ExpectSameAnswers(original, loaded, queries, 2000);
  // The lists' positions and the union-finds came back too: later merges, re-filings and
  // removals work on the loaded index exactly as on the original.
  changes.ApplyTo({&original, &loaded}, 2000);
  ExpectSameAnswers(original, loaded, queries, 2000);
  EXPECT_EQ(Save(loaded), Save(original));
}

TEST(ConflictIndexSnapshot, EmptyIndexRoundTrips) {
  ConflictIndex empty, loaded;
  const std::string bytes = Save(empty);
  BinaryReader r(bytes);
  ASSERT_TRUE(loaded.Load(r));
  EXPECT_EQ(loaded.project_count(), 0u);
}

TEST(ConflictIndexSnapshot, TruncatedOrAlteredInputIsRefusedAndLeavesAnEmptyIndex) {
  ConflictIndex original;
  RandomChanges changes(3);
  changes.ApplyTo({&original}, 800);
  const std::string bytes = Save(original);
  int refused = 0, tried = 0;
  for (size_t cut = 0; cut < bytes.size(); cut += 1 + bytes.size() / 300) {
    ConflictIndex loaded;
    BinaryReader r(std::string_view(bytes).substr(0, cut));
    ++tried;
    if (!loaded.Load(r)) {
      ++refused;
      EXPECT_EQ(loaded.project_count(), 0u);
    }
  }
  EXPECT_EQ(refused, tried) << "every truncation must be refused";
  // Altered bytes: either refused, or (a changed letter in a name) accepted as a consistent index
  // that answers without crashing. ASan/UBSan watch the reads.
  std::mt19937 rng(5);
  RandomChanges queries(13);
  int altered_refused = 0;
  for (int i = 0; i < 300; ++i) {
    std::string bad = bytes;
    bad[std::uniform_int_distribution<size_t>(0, bad.size() - 1)(rng)] ^= static_cast<char>(1 + rng() % 255);
    ConflictIndex loaded;
    BinaryReader r(bad);
    if (!loaded.Load(r)) {
      ++altered_refused;
      EXPECT_EQ(loaded.project_count(), 0u);
      continue;
    }
    for (int q = 0; q < 20; ++q) (void)loaded.FindConflicts(queries.Query());
    changes.ApplyTo({&loaded}, 20);
  }
  EXPECT_GT(altered_refused, 0);
}

}  // namespace
}  // namespace keyledger::projections::testing
