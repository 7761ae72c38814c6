// Disk full, on a real RocksDB in a 16 MiB tmpfs: appends fail and the store turns read-only,
// reads and subscriptions go on (also while the store's recovery attempts fail on the full disk),
// and once space returns (a ballast file is deleted) the store recovers by itself: appends resume
// at the next seq, nothing acknowledged is lost, the failed append is there at most once.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include "store/verify.h"
#include "tests/store/small_tmpfs.h"
#include "tests/store/store_test_util.h"

namespace keyledger::store {
namespace {

using testing::MakeRequest;
using testing::OpenOrDie;
using testing::SmallTmpfs;
using namespace std::chrono_literals;

constexpr size_t kTmpfsBytes = 16 << 20;
// Freed when "space returns": more than the log can hold, so that the reopen (which flushes the
// WAL into table files before deleting it) fits.
constexpr size_t kBallastBytes = 9 << 20;
constexpr size_t kPayloadBytes = 16 << 10;

// ~16 KiB of random hex per event: LZ4 cannot shrink it, so the log fills the disk for real.
AppendRequest BigRequest(int i) {
  AppendRequest r = MakeRequest("full", ExpectedVersion::Any(), 1, "key-" + std::to_string(i));
  std::mt19937_64 random(i);
  std::string pad;
  pad.reserve(kPayloadBytes);
  static constexpr char kHex[] = "0123456789abcdef";
  while (pad.size() < kPayloadBytes) pad.push_back(kHex[random() & 15]);
  r.events.front().data = R"({"pad":")" + pad + R"("})";
  return r;
}

bool WriteBallast(const std::filesystem::path& path, size_t bytes) {
  std::ofstream out(path, std::ios::binary);
  std::string block(1 << 20, 'b');
  for (size_t written = 0; written < bytes && out; written += block.size()) out << block;
  out.close();
  return out && std::filesystem::file_size(path) >= bytes;
}

template <class Condition>
bool WaitUntil(Condition done, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

struct Acknowledged {
  Seq seq;
  std::string event_id;
};

void ExpectEveryAcknowledgedEventReadable(const EventStore& store,
                                          const std::vector<Acknowledged>& acknowledged) {
  auto all = store.ReadAll(Seq(0), 1'000'000);
  ASSERT_TRUE(all.ok()) << all.error().message;
  for (const auto& a : acknowledged) {
    ASSERT_LE(a.seq.value, all->size()) << "acknowledged seq " << a.seq.value << " is missing";
    EXPECT_EQ((*all)[a.seq.value - 1].id, a.event_id) << "seq " << a.seq.value;
  }
  auto stream = store.ReadStream("full", 1, 1'000'000);
  ASSERT_TRUE(stream.ok()) << stream.error().message;
  EXPECT_GE(stream->size(), acknowledged.size());
}

TEST(DiskFullTest, AppendsFailWhileFullReadsGoOnAndWritingResumesWhenSpaceReturns) {
  if (!testing::InPrivateMountNamespace()) return testing::RerunInPrivateMountNamespace();
  std::string why;
  auto tmpfs = SmallTmpfs::Mount(kTmpfsBytes, &why);
  ASSERT_TRUE(tmpfs) << why;
  const auto ballast = tmpfs->path() / "ballast";
  ASSERT_TRUE(WriteBallast(ballast, kBallastBytes)) << "cannot write the ballast file";

  RocksStoreOptions options;
  options.recovery_retry = 50ms;  // then 100, 200, 400, 500 ms
  const auto dir = tmpfs->path() / "log";
  auto store = OpenOrDie(dir, options);
  ASSERT_NE(store, nullptr);

  // Fill the disk.
  std::vector<Acknowledged> acknowledged;
  std::optional<AppendRequest> failed_request;
  for (int i = 0; i < 2000 && !failed_request; ++i) {
    AppendRequest request = BigRequest(i);
    auto result = store->Append(request);
    if (result.ok()) {
      acknowledged.push_back({result->last_seq, request.events.front().id});
    } else {
      EXPECT_EQ(result.error().code, StoreError::Code::kIOError) << result.error().message;
      failed_request = std::move(request);
    }
  }
  ASSERT_TRUE(failed_request) << "the 16 MiB file system never filled up";
  ASSERT_GT(acknowledged.size(), 10u);
  const Seq head = acknowledged.back().seq;
  EXPECT_TRUE(store->IsReadOnly());
  EXPECT_EQ(store->HeadSeq(), head) << "an unacknowledged append became visible";

  // While full: appends are refused at once, reads and the feed go on, also across the recovery
  // attempts that fail on the full disk (at 50 and 150 ms, perhaps 350).
  auto refused = store->Append(BigRequest(100'000));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, StoreError::Code::kReadOnly);
  std::this_thread::sleep_for(400ms);
  EXPECT_TRUE(store->IsReadOnly()) << "recovered although the disk is still full";
  ExpectEveryAcknowledgedEventReadable(*store, acknowledged);
  EXPECT_EQ(store->StreamVersion("full").value(), acknowledged.size());
  auto subscription = store->Subscribe(Seq(0), [](const EventEnvelope&) { return true; });
  EXPECT_TRUE(WaitUntil([&] { return subscription->Position() == head; }, 10s))
      << "the subscription did not catch up while the disk was full";

  // Space returns: the store recovers by itself.
  std::filesystem::remove(ballast);
  ASSERT_TRUE(WaitUntil([&] { return !store->IsReadOnly(); }, 10s))
      << "the store did not recover after space returned";
  const Seq recovered = store->HeadSeq();
  // The failed append was never acknowledged: it is there at most once.
  EXPECT_GE(recovered, head);
  EXPECT_LE(recovered.value, head.value + 1);

  // The client's retry with the same idempotency key gives one copy, whichever way the write went.
  auto retry = store->Append(*failed_request);
  ASSERT_TRUE(retry.ok()) << retry.error().message;
  EXPECT_EQ(retry->duplicate, recovered > head);
  EXPECT_EQ(retry->last_seq, head.Next());
  auto next = store->Append(MakeRequest("after", ExpectedVersion::NoStream()));
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->first_seq, head.Next().Next()) << "a gap or a reused seq after the recovery";
  EXPECT_EQ(store->StreamVersion("full").value(), acknowledged.size() + 1);
  // The subscription, alive across the reopen, sees what came after it.
  EXPECT_TRUE(WaitUntil([&] { return subscription->Position() == next->last_seq; }, 10s));
  ExpectEveryAcknowledgedEventReadable(*store, acknowledged);

  subscription.reset();
  store.reset();
  VerifyReport report = VerifyLog(dir);
  EXPECT_TRUE(report.ok) << report.first_bad << ": " << report.message;
  testing::MarkPrivateRunFinished();
}

}  // namespace
}  // namespace keyledger::store
