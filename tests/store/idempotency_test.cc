// Idempotency keys: a retry returns the first result and writes nothing; a reused key with a
// different request is refused; keys survive reopen and a long history.
#include <gtest/gtest.h>

#include "tests/store/store_test_util.h"

namespace keyledger::store {
namespace {

using testing::MakeRequest;
using testing::OpenOrDie;
using testing::TempDir;

TEST(IdempotencyTest, SameKeySameRequestReturnsFirstResultAndAppendsNothing) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  auto first = store->Append(MakeRequest("s", ExpectedVersion::NoStream(), 3, "key-1"));
  ASSERT_TRUE(first.ok());
  // A retry built afresh: new event ids, so only the request's substance is compared.
  auto retry = store->Append(MakeRequest("s", ExpectedVersion::NoStream(), 3, "key-1"));
  ASSERT_TRUE(retry.ok()) << retry.error().message;
  EXPECT_TRUE(retry->duplicate);
  EXPECT_EQ(retry->first_seq, first->first_seq);
  EXPECT_EQ(retry->last_seq, first->last_seq);
  EXPECT_EQ(retry->stream_version, first->stream_version);
  EXPECT_EQ(store->HeadSeq(), Seq(3));
}

TEST(IdempotencyTest, SameKeyDifferentRequestIsAMismatch) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  ASSERT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::Any(), 1, "key-1")).ok());
  auto other_stream = store->Append(MakeRequest("t", ExpectedVersion::Any(), 1, "key-1"));
  ASSERT_FALSE(other_stream.ok());
  EXPECT_EQ(other_stream.error().code, StoreError::Code::kIdempotencyMismatch);
  auto more_events = store->Append(MakeRequest("s", ExpectedVersion::Any(), 2, "key-1"));
  ASSERT_FALSE(more_events.ok());
  EXPECT_EQ(more_events.error().code, StoreError::Code::kIdempotencyMismatch);
  auto other_data = MakeRequest("s", ExpectedVersion::Any(), 1, "key-1");
  other_data.events[0].data = R"({"i":99})";
  auto r = store->Append(std::move(other_data));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, StoreError::Code::kIdempotencyMismatch);
  EXPECT_EQ(store->HeadSeq(), Seq(1));
}

TEST(IdempotencyTest, RetryOfASucceededExactAppendIsADuplicateNotAConflict) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  ASSERT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::NoStream())).ok());
  auto first = store->Append(MakeRequest("s", ExpectedVersion::Exact(1), 1, "k"));
  ASSERT_TRUE(first.ok());
  auto retry = store->Append(MakeRequest("s", ExpectedVersion::Exact(1), 1, "k"));
  ASSERT_TRUE(retry.ok()) << retry.error().message;
  EXPECT_TRUE(retry->duplicate);
  EXPECT_EQ(retry->stream_version, 2u);
}

// The HTTP command service regenerates events on a retry (new timestamps, a newer expected
// version): it passes the client's request fingerprint, and only that is compared.
TEST(IdempotencyTest, FingerprintDecidesSamenessAndFindIdempotentReturnsTheFirstResult) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  auto unknown = store->FindIdempotent("u1:k", "POST /x {}");
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->has_value());

  auto first_request = MakeRequest("s", ExpectedVersion::NoStream(), 2, "u1:k");
  first_request.request_fingerprint = "POST /x {}";
  auto first = store->Append(std::move(first_request));
  ASSERT_TRUE(first.ok());

  auto found = store->FindIdempotent("u1:k", "POST /x {}");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_TRUE((*found)->duplicate);
  EXPECT_EQ((*found)->last_seq, first->last_seq);
  EXPECT_EQ((*found)->stream_version, 2u);

  auto other = store->FindIdempotent("u1:k", "POST /x {\"a\":1}");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, StoreError::Code::kIdempotencyMismatch);

  // A retry whose events and expected version differ is still the same request.
  auto retry_request = MakeRequest("s", ExpectedVersion::Exact(2), 1, "u1:k");
  retry_request.events[0].data = R"({"other":true})";
  retry_request.request_fingerprint = "POST /x {}";
  auto retry = store->Append(std::move(retry_request));
  ASSERT_TRUE(retry.ok()) << retry.error().message;
  EXPECT_TRUE(retry->duplicate);
  EXPECT_EQ(retry->last_seq, first->last_seq);
  EXPECT_EQ(store->HeadSeq(), Seq(2));
}

TEST(IdempotencyTest, SameKeyTwiceInOneBatchWritesOnce) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  std::vector<AppendRequest> batch;
  batch.push_back(MakeRequest("s", ExpectedVersion::Any(), 2, "k"));
  batch.push_back(MakeRequest("s", ExpectedVersion::Any(), 2, "k"));
  batch.push_back(MakeRequest("s", ExpectedVersion::Any(), 1, "k"));
  auto results = store->AppendBatch(std::move(batch));
  ASSERT_TRUE(results[0].ok());
  ASSERT_TRUE(results[1].ok());
  EXPECT_TRUE(results[1]->duplicate);
  EXPECT_EQ(results[1]->last_seq, results[0]->last_seq);
  ASSERT_FALSE(results[2].ok());
  EXPECT_EQ(results[2].error().code, StoreError::Code::kIdempotencyMismatch);
  EXPECT_EQ(store->HeadSeq(), Seq(2));
}

TEST(IdempotencyTest, KeySurvivesReopen) {
  TempDir dir;
  AppendResult first;
  {
    auto store = OpenOrDie(dir.path());
    auto r = store->Append(MakeRequest("s", ExpectedVersion::Any(), 2, "durable-key"));
    ASSERT_TRUE(r.ok());
    first = *r;
  }
  auto store = OpenOrDie(dir.path());
  auto retry = store->Append(MakeRequest("s", ExpectedVersion::Any(), 2, "durable-key"));
  ASSERT_TRUE(retry.ok());
  EXPECT_TRUE(retry->duplicate);
  EXPECT_EQ(retry->first_seq, first.first_seq);
  EXPECT_EQ(store->HeadSeq(), Seq(2));
  auto mismatch = store->Append(MakeRequest("s", ExpectedVersion::Any(), 1, "durable-key"));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().code, StoreError::Code::kIdempotencyMismatch);
}

TEST(IdempotencyTest, KeyIsStillHonouredAfter100000OtherAppends) {
  TempDir dir;
  RocksStoreOptions options;
  options.sync = false;  // the history is filler; the keyed append below is what matters
  auto store = OpenOrDie(dir.path(), options);
  auto first = store->Append(MakeRequest("keyed", ExpectedVersion::NoStream(), 1, "old-key"));
  ASSERT_TRUE(first.ok());
  constexpr int kBatches = 100;
  constexpr int kPerBatch = 1000;
  for (int b = 0; b < kBatches; ++b) {
    std::vector<AppendRequest> batch;
    for (int i = 0; i < kPerBatch; ++i) {
      batch.push_back(MakeRequest("filler-" + std::to_string(i % 50), ExpectedVersion::Any(), 1,
                                  "k-" + std::to_string(b) + "-" + std::to_string(i)));
    }
    for (auto& r : store->AppendBatch(std::move(batch))) ASSERT_TRUE(r.ok());
  }
  EXPECT_EQ(store->HeadSeq(), Seq(1 + kBatches * kPerBatch));
  auto retry = store->Append(MakeRequest("keyed", ExpectedVersion::NoStream(), 1, "old-key"));
  ASSERT_TRUE(retry.ok()) << retry.error().message;
  EXPECT_TRUE(retry->duplicate);
  EXPECT_EQ(retry->first_seq, Seq(1));
  store.reset();
  store = OpenOrDie(dir.path());
  auto after_reopen = store->Append(MakeRequest("keyed", ExpectedVersion::NoStream(), 1, "old-key"));
  ASSERT_TRUE(after_reopen.ok());
  EXPECT_TRUE(after_reopen->duplicate);
  EXPECT_EQ(store->HeadSeq(), Seq(1 + kBatches * kPerBatch));
}

}  // namespace
}  // namespace keyledger::store
