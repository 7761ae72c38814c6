// Reads: one stream from a version, pages of the whole log, scans, time ranges, and reopen.
#include <gtest/gtest.h>

#include "store/verify.h"
#include "tests/store/store_test_util.h"

namespace keyledger::store {
namespace {

using testing::MakeEvent;
using testing::MakeRequest;
using testing::OpenOrDie;
using testing::TempDir;

// A clock the test moves by hand.
struct ManualClock {
  std::shared_ptr<std::atomic<int64_t>> now = std::make_shared<std::atomic<int64_t>>(1'000'000);
  std::function<Instant()> Fn() const {
    auto n = now;
    return [n] { return FromUnixMicros(n->load()); };
  }
};

TEST(ReadTest, ReadStreamFromAVersionReturnsTheRestInOrder) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(store->Append(MakeRequest("a", ExpectedVersion::Any(), 2)).ok());
    ASSERT_TRUE(store->Append(MakeRequest("b", ExpectedVersion::Any(), 1)).ok());
  }
  auto from4 = store->ReadStream("a", 4, 100);
  ASSERT_TRUE(from4.ok());
  ASSERT_EQ(from4->size(), 7u);
  for (size_t i = 0; i < from4->size(); ++i) {
    EXPECT_EQ((*from4)[i].stream, "a");
    EXPECT_EQ((*from4)[i].stream_version, 4 + i);
  }
  auto limited = store->ReadStream("a", 0, 3);
  ASSERT_TRUE(limited.ok());
  ASSERT_EQ(limited->size(), 3u);
  EXPECT_EQ(limited->front().stream_version, 1u);
  auto none = store->ReadStream("missing", 1, 10);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  // "a" must not pick up a stream whose name merely starts with "a".
  ASSERT_TRUE(store->Append(MakeRequest("ab", ExpectedVersion::Any(), 1)).ok());
  EXPECT_EQ(store->ReadStream("a", 1, 100)->size(), 10u);
}

TEST(ReadTest, EnvelopeRoundTripsEveryField) {
  TempDir dir;
  ManualClock clock;
  RocksStoreOptions options;
  options.clock = clock.Fn();
  auto store = OpenOrDie(dir.path(), options);
  AppendRequest r;
  r.stream = "project-P1";
  NewEvent e;
  e.id = "0f8fad5b-d9cb-469f-a165-70867728950e";
  e.type = "ProjectUpdated";
  e.schema_version = 3;
  e.occurred_at = FromUnixMicros(-5);  // before 1970 still sorts and decodes
  e.actor = "u-7";
  e.causation_id = "cmd-9";
  e.correlation_id = "req-3";
  e.data = R"({"name":"Zürich","budget":12.5})";
  r.events.push_back(e);
  ASSERT_TRUE(store->Append(r).ok());
  auto all = store->ReadAll(Seq(0), 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  const EventEnvelope& got = all->front();
  EXPECT_EQ(got.seq, Seq(1));
  EXPECT_EQ(got.id, e.id);
  EXPECT_EQ(got.stream, "project-P1");
  EXPECT_EQ(got.stream_version, 1u);
  EXPECT_EQ(got.type, e.type);
  EXPECT_EQ(got.schema_version, 3u);
  EXPECT_EQ(got.occurred_at, e.occurred_at);
  EXPECT_EQ(got.recorded_at, FromUnixMicros(1'000'000));
  EXPECT_EQ(got.actor, e.actor);
  EXPECT_EQ(got.causation_id, e.causation_id);
  EXPECT_EQ(got.correlation_id, e.correlation_id);
  EXPECT_EQ(got.data, e.data);
}

TEST(ReadTest, ReadAllPagesThroughTheLogAndScanVisitsEverything) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  for (int i = 0; i < 25; ++i) ASSERT_TRUE(store->Append(MakeRequest("s" + std::to_string(i % 3), ExpectedVersion::Any(), 2)).ok());
  Seq after(0);
  uint64_t pages = 0;
  for (;;) {
    auto page = store->ReadAll(after, 7);
    ASSERT_TRUE(page.ok());
    if (page->empty()) break;
    for (const auto& e : *page) {
      EXPECT_EQ(e.seq, after.Next());
      after = e.seq;
    }
    ++pages;
  }
  EXPECT_EQ(after, Seq(50));
  EXPECT_EQ(pages, 8u);
  auto unbounded = store->ReadAll(Seq(3), SIZE_MAX);  // limit larger than the log
  ASSERT_TRUE(unbounded.ok());
  EXPECT_EQ(unbounded->size(), 47u);
  uint64_t visited = 0;
  auto last = store->Scan(Seq(10), [&](const EventEnvelope& e) {
    EXPECT_EQ(e.seq, Seq(11 + visited));
    ++visited;
    return true;
  });
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(*last, Seq(50));
  EXPECT_EQ(visited, 40u);
  auto stopped = store->Scan(Seq(0), [&](const EventEnvelope& e) { return e.seq < Seq(5); });
  ASSERT_TRUE(stopped.ok());
  EXPECT_EQ(*stopped, Seq(5));
}

TEST(ReadTest, TimeRangeReturnsEventsRecordedInTheHalfOpenIntervalPageByPage) {
  TempDir dir;
  ManualClock clock;
  RocksStoreOptions options;
  options.clock = clock.Fn();
  auto store = OpenOrDie(dir.path(), options);
  // Three events at t=100, three at t=200, three at t=300 (each append records three).
  for (int64_t t : {100, 200, 300}) {
    clock.now->store(t);
    ASSERT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::Any(), 3)).ok());
  }
  auto mid = store->ReadTimeRange(FromUnixMicros(200), FromUnixMicros(300), Seq(0), 100);
  ASSERT_TRUE(mid.ok());
  ASSERT_EQ(mid->size(), 3u);
  EXPECT_EQ(mid->front().seq, Seq(4));
  EXPECT_EQ(mid->back().seq, Seq(6));
  // Paging with `after`.
  std::vector<uint64_t> seqs;
  Seq after(0);
  for (;;) {
    auto page = store->ReadTimeRange(FromUnixMicros(150), FromUnixMicros(1000), after, 2);
    ASSERT_TRUE(page.ok());
    if (page->empty()) break;
    for (auto& e : *page) seqs.push_back(e.seq.value);
    after = page->back().seq;
  }
  EXPECT_EQ(seqs, (std::vector<uint64_t>{4, 5, 6, 7, 8, 9}));
  // A clock stepping back does not make recorded_at go back.
  clock.now->store(50);
  ASSERT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::Any(), 1)).ok());
  auto newest = store->ReadAll(Seq(9), 1);
  ASSERT_TRUE(newest.ok());
  EXPECT_EQ(newest->front().recorded_at, FromUnixMicros(300));
}

TEST(ReadTest, ReopenKeepsEventsVersionsAndHead) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    for (int i = 0; i < 30; ++i) ASSERT_TRUE(store->Append(MakeRequest("s" + std::to_string(i % 4), ExpectedVersion::Any(), 1 + i % 2)).ok());
  }
  auto store = OpenOrDie(dir.path());
  EXPECT_EQ(store->HeadSeq(), Seq(45));
  EXPECT_EQ(store->StreamVersion("s0").value(), 8u);  // i = 0,4,...,28: 8 one-event appends
  auto r = store->Append(MakeRequest("s0", ExpectedVersion::Exact(8)));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->first_seq, Seq(46));
  auto all = store->ReadAll(Seq(0), 1000);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 46u);
  store.reset();
  VerifyReport report = VerifyLog(dir.path());
  EXPECT_TRUE(report.ok) << report.first_bad << ": " << report.message;
  EXPECT_EQ(report.events_checked, 46u);
  EXPECT_EQ(report.head, Seq(46));
}

TEST(ReadTest, VerifyOnAMissingFolderFails) {
  TempDir dir;
  VerifyReport report = VerifyLog(dir / "nothing-here");
  EXPECT_FALSE(report.ok);
  EXPECT_FALSE(report.message.empty());
}

}  // namespace
}  // namespace keyledger::store
