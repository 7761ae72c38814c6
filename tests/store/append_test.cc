// Appends: expected versions, atomic batches, gap-free seqs, optimistic concurrency under threads.
#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "store/verify.h"
#include "tests/store/store_test_util.h"

namespace keyledger::store {
namespace {

using testing::MakeEvent;
using testing::MakeRequest;
using testing::OpenOrDie;
using testing::TempDir;

TEST(AppendTest, FirstAppendGetsSeqOneAndVersionOne) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  auto r = store->Append(MakeRequest("project-1", ExpectedVersion::NoStream()));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->first_seq, Seq(1));
  EXPECT_EQ(r->last_seq, Seq(1));
  EXPECT_EQ(r->stream_version, 1u);
  EXPECT_FALSE(r->duplicate);
  EXPECT_EQ(store->HeadSeq(), Seq(1));
  EXPECT_EQ(store->StreamVersion("project-1").value(), 1u);
  EXPECT_EQ(store->StreamVersion("project-2").value(), 0u);
}

TEST(AppendTest, MultiEventAppendIsAtomicAndContiguous) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  ASSERT_TRUE(store->Append(MakeRequest("a", ExpectedVersion::Any(), 2)).ok());
  auto r = store->Append(MakeRequest("b", ExpectedVersion::NoStream(), 5));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->first_seq, Seq(3));
  EXPECT_EQ(r->last_seq, Seq(7));
  EXPECT_EQ(r->stream_version, 5u);
  // A rejected multi-event append writes none of its events.
  auto rejected = store->Append(MakeRequest("b", ExpectedVersion::Exact(2), 4));
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.error().code, StoreError::Code::kConflict);
  EXPECT_EQ(rejected.error().actual_version, 5u);
  EXPECT_EQ(store->HeadSeq(), Seq(7));
  auto events = store->ReadStream("b", 1, 100);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ((*events)[i].stream_version, i + 1);
    EXPECT_EQ((*events)[i].seq, Seq(3 + i));
    EXPECT_EQ((*events)[i].data, R"({"i":)" + std::to_string(i) + "}");
  }
}

TEST(AppendTest, ExpectedVersionKindsAreEnforced) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  ASSERT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::NoStream())).ok());
  auto again = store->Append(MakeRequest("s", ExpectedVersion::NoStream()));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, StoreError::Code::kConflict);
  EXPECT_EQ(again.error().actual_version, 1u);
  EXPECT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::Exact(1))).ok());
  EXPECT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::Any())).ok());
  auto stale = store->Append(MakeRequest("s", ExpectedVersion::Exact(1)));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().actual_version, 3u);
  auto exact_zero = store->Append(MakeRequest("new", ExpectedVersion::Exact(0)));
  EXPECT_TRUE(exact_zero.ok());
}

// After a reopen the versions are read from the stream index one stream at a time, when first
// needed: streams whose names are prefixes of each other must not be mistaken for one another.
TEST(AppendTest, VersionsAfterReopenComeFromTheStreamIndex) {
  TempDir dir;
  const std::vector<std::pair<std::string, int>> streams = {
      {"a", 3}, {"ab", 1}, {"a b", 2}, {"b", 5}, {"a\x01", 4}, {"zz", 1}};
  {
    auto store = OpenOrDie(dir.path());
    for (const auto& [name, count] : streams) {
      for (int i = 0; i < count; ++i) ASSERT_TRUE(store->Append(MakeRequest(name, ExpectedVersion::Any())).ok());
    }
  }
  auto store = OpenOrDie(dir.path());
  for (const auto& [name, count] : streams) {
    EXPECT_EQ(store->StreamVersion(name).value(), static_cast<uint64_t>(count)) << name;
  }
  EXPECT_EQ(store->StreamVersion("aa").value(), 0u);
  EXPECT_EQ(store->StreamVersion("").value(), 0u);
  EXPECT_EQ(store->StreamVersion("zzz").value(), 0u);
  // The writer loads what it did not see yet: "b" untouched by reads, "a" read above.
  auto wrong = store->Append(MakeRequest("b", ExpectedVersion::Exact(4)));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, StoreError::Code::kConflict);
  EXPECT_EQ(wrong.error().actual_version, 5u);
  auto b = store->Append(MakeRequest("b", ExpectedVersion::Exact(5)));
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->stream_version, 6u);
  auto a = store->Append(MakeRequest("a", ExpectedVersion::Exact(3)));
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_FALSE(store->Append(MakeRequest("ab", ExpectedVersion::NoStream())).ok());
  ASSERT_TRUE(store->Append(MakeRequest("aa", ExpectedVersion::NoStream())).ok());
  EXPECT_EQ(store->StreamVersion("a").value(), 4u);
  EXPECT_EQ(store->StreamVersion("aa").value(), 1u);
  EXPECT_EQ(store->StreamVersion("b").value(), 6u);
}

TEST(AppendTest, MalformedRequestsAreInvalidArguments) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  auto empty_stream = store->Append(MakeRequest("", ExpectedVersion::Any()));
  ASSERT_FALSE(empty_stream.ok());
  EXPECT_EQ(empty_stream.error().code, StoreError::Code::kInvalidArgument);
  auto no_events = store->Append(MakeRequest("s", ExpectedVersion::Any(), 0));
  ASSERT_FALSE(no_events.ok());
  EXPECT_EQ(no_events.error().code, StoreError::Code::kInvalidArgument);
  auto nul = store->Append(MakeRequest(std::string("a\0b", 3), ExpectedVersion::Any()));
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.error().code, StoreError::Code::kInvalidArgument);
  EXPECT_EQ(store->HeadSeq(), Seq(0));
}

TEST(AppendTest, AppendBatchSeesEarlierRequestsOfTheSameCall) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  std::vector<AppendRequest> batch;
  batch.push_back(MakeRequest("s", ExpectedVersion::NoStream(), 2));
  batch.push_back(MakeRequest("s", ExpectedVersion::Exact(2), 1));
  batch.push_back(MakeRequest("s", ExpectedVersion::Exact(2), 1));  // stale: the one above won
  batch.push_back(MakeRequest("", ExpectedVersion::Any(), 1));      // invalid
  batch.push_back(MakeRequest("t", ExpectedVersion::NoStream(), 1));
  auto results = store->AppendBatch(std::move(batch));
  ASSERT_EQ(results.size(), 5u);
  ASSERT_TRUE(results[0].ok());
  ASSERT_TRUE(results[1].ok());
  EXPECT_EQ(results[1]->stream_version, 3u);
  EXPECT_EQ(results[1]->first_seq, Seq(3));
  ASSERT_FALSE(results[2].ok());
  EXPECT_EQ(results[2].error().code, StoreError::Code::kConflict);
  EXPECT_EQ(results[2].error().actual_version, 3u);
  ASSERT_FALSE(results[3].ok());
  EXPECT_EQ(results[3].error().code, StoreError::Code::kInvalidArgument);
  ASSERT_TRUE(results[4].ok());
  EXPECT_EQ(results[4]->first_seq, Seq(4));
  EXPECT_EQ(store->HeadSeq(), Seq(4));
}

TEST(AppendTest, ManyThreadsWithTheSameExpectedVersionExactlyOneWinsPerVersion) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  constexpr int kThreads = 8;
  constexpr uint64_t kVersions = 40;
  std::atomic<int> winners_total{0};
  std::vector<std::vector<uint64_t>> won(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Each thread repeatedly tries to append the next version it believes in.
      for (;;) {
        uint64_t current = store->StreamVersion("contended").value();
        if (current >= kVersions) return;
        auto r = store->Append(MakeRequest("contended", ExpectedVersion::Exact(current)));
        if (r.ok()) {
          won[t].push_back(r->stream_version);
          ++winners_total;
        } else {
          ASSERT_EQ(r.error().code, StoreError::Code::kConflict);
          ASSERT_GT(r.error().actual_version, current);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  std::multiset<uint64_t> versions;
  for (auto& w : won) versions.insert(w.begin(), w.end());
  EXPECT_EQ(winners_total.load(), static_cast<int>(kVersions));
  for (uint64_t v = 1; v <= kVersions; ++v) EXPECT_EQ(versions.count(v), 1u) << "version " << v;
  EXPECT_EQ(store->HeadSeq(), Seq(kVersions));
}

TEST(AppendTest, ConcurrentAppendsToManyStreamsKeepTheLogGapFree) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    constexpr int kThreads = 16;
    constexpr int kPerThread = 50;
    std::vector<std::thread> threads;
    std::mutex mu;
    std::set<uint64_t> seqs;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          auto r = store->Append(MakeRequest("s-" + std::to_string(t % 5), ExpectedVersion::Any(), 1 + i % 3));
          ASSERT_TRUE(r.ok()) << r.error().message;
          std::lock_guard lock(mu);
          for (uint64_t s = r->first_seq.value; s <= r->last_seq.value; ++s) {
            ASSERT_TRUE(seqs.insert(s).second) << "seq " << s << " handed out twice";
          }
        }
      });
    }
    for (auto& th : threads) th.join();
    ASSERT_EQ(seqs.size(), static_cast<size_t>(*seqs.rbegin()));
    EXPECT_EQ(store->HeadSeq(), Seq(*seqs.rbegin()));
  }
  VerifyReport report = VerifyLog(dir.path());
  EXPECT_TRUE(report.ok) << report.first_bad << ": " << report.message;
}

}  // namespace
}  // namespace keyledger::store
