// AppendAsync: the same appends as Append, answered by a callback instead of a waiting thread.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "store/verify.h"
#include "tests/store/store_test_util.h"

namespace keyledger::store {
namespace {

using testing::MakeRequest;
using testing::OpenOrDie;
using testing::TempDir;

// Chains of appends, each started from the callback of the previous one, as a caller that keeps
// many appends in flight does. Records every answer.
class Chains {
 public:
  Chains(EventStore& store, int chains, int total) : store_(store), active_(chains), left_(total) {}

  void Start() {
    const int chains = active_;
    for (int i = 0; i < chains; ++i) Next(i);
  }
  void WaitDrained() {
    std::unique_lock lock(mu_);
    drained_.wait(lock, [&] { return active_ == 0; });
  }

  std::mutex mu_;
  std::vector<StoreResult<AppendResult>> answers;  // GUARDED_BY(mu_)
  std::atomic<int> submitted{0};

 private:
  void Next(int chain) {
    ++submitted;
    store_.AppendAsync(MakeRequest("chain-" + std::to_string(chain % 7), ExpectedVersion::Any(), 1 + chain % 2),
                       [this, chain](StoreResult<AppendResult> r) {
                         bool more;
                         {
                           std::lock_guard lock(mu_);
                           more = r.ok() && --left_ > 0;
                           answers.push_back(std::move(r));
                           if (!more && --active_ == 0) drained_.notify_all();
                         }
                         if (more) Next(chain);
                       });
  }

  EventStore& store_;
  std::condition_variable drained_;
  int active_;  // GUARDED_BY(mu_)
  int left_;    // GUARDED_BY(mu_): answers still wanted before the chains stop
};

TEST(AppendAsyncTest, ChainsInFlightGetEverySeqOnceAndNoGap) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    Chains chains(*store, 64, 3000);
    chains.Start();
    chains.WaitDrained();
    std::lock_guard lock(chains.mu_);
    ASSERT_EQ(chains.answers.size(), static_cast<size_t>(chains.submitted.load()));
    std::set<uint64_t> seqs;
    for (const auto& r : chains.answers) {
      ASSERT_TRUE(r.ok()) << r.error().message;
      EXPECT_FALSE(r->duplicate);
      for (uint64_t s = r->first_seq.value; s <= r->last_seq.value; ++s) {
        ASSERT_TRUE(seqs.insert(s).second) << "seq " << s << " handed out twice";
      }
    }
    ASSERT_FALSE(seqs.empty());
    EXPECT_EQ(seqs.size(), *seqs.rbegin());  // 1..n, no gap
    EXPECT_EQ(store->HeadSeq(), Seq(*seqs.rbegin()));
  }
  VerifyReport report = VerifyLog(dir.path());
  EXPECT_TRUE(report.ok) << report.first_bad << ": " << report.message;
}

TEST(AppendAsyncTest, RefusedRequestIsAnsweredBeforeAppendAsyncReturns) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  std::optional<StoreResult<AppendResult>> answer;
  std::thread::id answered_on;
  store->AppendAsync(MakeRequest("", ExpectedVersion::Any()), [&](StoreResult<AppendResult> r) {
    answered_on = std::this_thread::get_id();
    answer.emplace(std::move(r));
  });
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answered_on, std::this_thread::get_id());
  ASSERT_FALSE(answer->ok());
  EXPECT_EQ(answer->error().code, StoreError::Code::kInvalidArgument);
  EXPECT_EQ(store->HeadSeq(), Seq(0));
}

TEST(AppendAsyncTest, SameExpectedVersionInFlightTogetherOneWins) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  ASSERT_TRUE(store->Append(MakeRequest("p", ExpectedVersion::NoStream())).ok());
  std::mutex mu;
  std::condition_variable cv;
  std::vector<StoreResult<AppendResult>> answers;
  constexpr int kRacers = 16;
  for (int i = 0; i < kRacers; ++i) {
    store->AppendAsync(MakeRequest("p", ExpectedVersion::Exact(1)), [&](StoreResult<AppendResult> r) {
      std::lock_guard lock(mu);
      answers.push_back(std::move(r));
      cv.notify_all();
    });
  }
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return answers.size() == kRacers; });
  int won = 0;
  for (const auto& r : answers) {
    if (r.ok()) {
      ++won;
      EXPECT_EQ(r->stream_version, 2u);
    } else {
      EXPECT_EQ(r.error().code, StoreError::Code::kConflict);
      EXPECT_EQ(r.error().actual_version, 2u);
    }
  }
  EXPECT_EQ(won, 1);
  EXPECT_EQ(store->StreamVersion("p").value(), 2u);
}

TEST(AppendAsyncTest, ClosingTheStoreAnswersEveryAppendAndKeepsWhatItAcknowledged) {
  TempDir dir;
  std::vector<AppendResult> acknowledged;
  {
    auto store = OpenOrDie(dir.path());
    // Chains that never stop by themselves: the store is closed under them.
    Chains chains(*store, 32, 1 << 30);
    chains.Start();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    store.reset();  // the committer answers what is queued; later submissions are refused
    std::lock_guard lock(chains.mu_);
    ASSERT_EQ(chains.answers.size(), static_cast<size_t>(chains.submitted.load()));
    int refused = 0;
    for (const auto& r : chains.answers) {
      if (r.ok()) {
        acknowledged.push_back(*r);
      } else {
        EXPECT_EQ(r.error().code, StoreError::Code::kReadOnly) << r.error().message;
        ++refused;
      }
    }
    EXPECT_EQ(refused, 32);  // each chain stops at its first refusal
    ASSERT_FALSE(acknowledged.empty());
  }
  auto store = OpenOrDie(dir.path());
  Seq last;
  for (const auto& a : acknowledged) last = std::max(last, a.last_seq);
  EXPECT_GE(store->HeadSeq(), last);
  auto all = store->ReadAll(Seq(0), 1'000'000);
  ASSERT_TRUE(all.ok());
  std::set<uint64_t> present;
  for (const auto& e : *all) present.insert(e.seq.value);
  for (const auto& a : acknowledged) {
    for (uint64_t s = a.first_seq.value; s <= a.last_seq.value; ++s) {
      ASSERT_TRUE(present.count(s)) << "acknowledged seq " << s << " lost";
    }
  }
}

}  // namespace
}  // namespace keyledger::store
