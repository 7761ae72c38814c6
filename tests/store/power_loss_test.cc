// Power loss: appends from several threads, then the power is cut (PowerLossFileSystem drops
// every byte and every folder entry that was not synced) and the store is reopened on what is
// left. With sync on, every acknowledged event must be there, once, in a gap-free log. The same run
// with sync off must lose acknowledged events: the negative control that proves the test can fail.
#include <gtest/gtest.h>
#include <rocksdb/env.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "store/verify.h"
#include "tests/store/power_loss_fs.h"
#include "tests/store/store_test_util.h"

namespace keyledger::store {
namespace {

using testing::MakeRequest;
using testing::OpenOrDie;
using testing::PowerLossFileSystem;
using testing::TempDir;

constexpr int kThreads = 4;
constexpr size_t kAcknowledgedBeforeTheCut = 200;

struct Outcome {
  std::map<std::string, Seq> acknowledged;  // event id -> its seq, as the store answered
  std::map<std::string, int> on_disk;       // event id -> how often it is in the reopened log
  uint64_t head_after = 0;
  bool gap_free = false;
  VerifyReport verify;
  std::string dropped;  // what the power cut took, for failure messages

  size_t AcknowledgedPresent() const {
    size_t n = 0;
    for (const auto& [id, seq] : acknowledged) n += on_disk.count(id);
    return n;
  }
};

// Appends from kThreads threads (each to its own stream) until kAcknowledgedBeforeTheCut were
// acknowledged, cuts the power while they go on, closes the store, drops what was not durable and
// reads back what survived.
Outcome AppendCutPowerAndReopen(const std::filesystem::path& dir, bool sync) {
  Outcome out;
  auto fs = std::make_shared<PowerLossFileSystem>(rocksdb::FileSystem::Default());
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
  RocksStoreOptions options;
  options.env = env.get();
  options.sync = sync;
  options.recovery_retry = std::chrono::milliseconds(0);  // the machine is off: no recovery
  {
    auto store = OpenOrDie(dir, options);
    if (store == nullptr) return out;
    std::mutex mu;
    std::atomic<size_t> acknowledged{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t) {
      writers.emplace_back([&, t] {
        while (!stop.load()) {
          AppendRequest request = MakeRequest("writer-" + std::to_string(t), ExpectedVersion::Any());
          std::string id = request.events.front().id;
          auto result = store->Append(std::move(request));
          if (!result.ok()) continue;  // after the cut: refused, so never acknowledged
          std::lock_guard lock(mu);
          out.acknowledged.emplace(id, result->first_seq);
          ++acknowledged;
        }
      });
    }
    while (acknowledged.load() < kAcknowledgedBeforeTheCut) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    fs->CutPower();  // appends in flight now fail; everything acknowledged so far must survive
    stop.store(true);
    for (auto& w : writers) w.join();
  }  // the store closes on a dead disk
  out.dropped = fs->DropUnsyncedData();

  auto store = OpenOrDie(dir);  // the real file system, after the "reboot"
  if (store == nullptr) return out;
  auto all = store->ReadAll(Seq(0), 1'000'000);
  if (!all.ok()) {
    ADD_FAILURE() << "reading the log after the power cut: " << all.error().message;
    return out;
  }
  out.head_after = store->HeadSeq().value;
  out.gap_free = all->size() == out.head_after;
  for (size_t i = 0; i < all->size(); ++i) {
    const EventEnvelope& e = (*all)[i];
    out.gap_free = out.gap_free && e.seq == Seq(i + 1);
    ++out.on_disk[e.id];
  }
  store.reset();
  out.verify = VerifyLog(dir);
  return out;
}

TEST(PowerLossTest, WithSyncEveryAcknowledgedAppendSurvivesAPowerCut) {
  TempDir dir;
  Outcome out = AppendCutPowerAndReopen(dir.path(), /*sync=*/true);
  ASSERT_GE(out.acknowledged.size(), kAcknowledgedBeforeTheCut);
  for (const auto& [id, seq] : out.acknowledged) {
    auto it = out.on_disk.find(id);
    ASSERT_NE(it, out.on_disk.end()) << "acknowledged " << id << " (seq " << seq.value
                                     << ") was lost; the cut did:\n" << out.dropped;
    EXPECT_EQ(it->second, 1) << id;
  }
  for (const auto& [id, count] : out.on_disk) EXPECT_EQ(count, 1) << id << " is in the log twice";
  EXPECT_TRUE(out.gap_free);
  EXPECT_TRUE(out.verify.ok) << out.verify.first_bad << ": " << out.verify.message;
}

// The negative control: without sync, the cut loses acknowledged appends, and this test sees it.
TEST(PowerLossTest, WithoutSyncAPowerCutLosesAcknowledgedAppendsAndTheTestSeesIt) {
  TempDir dir;
  Outcome out = AppendCutPowerAndReopen(dir.path(), /*sync=*/false);
  ASSERT_GE(out.acknowledged.size(), kAcknowledgedBeforeTheCut);
  EXPECT_LT(out.AcknowledgedPresent(), out.acknowledged.size())
      << "nothing acknowledged was lost without sync: the power-loss model drops too little; "
         "the cut did:\n" << out.dropped;
  // What survives is still a consistent, shorter log.
  EXPECT_TRUE(out.gap_free);
  EXPECT_TRUE(out.verify.ok) << out.verify.first_bad << ": " << out.verify.message;
}

// The model itself, without RocksDB: unsynced bytes and entries of a folder never fsynced go.
TEST(PowerLossTest, TheFileSystemKeepsOnlySyncedBytesInFsyncedFolders) {
  TempDir dir;
  PowerLossFileSystem fs(rocksdb::FileSystem::Default());
  rocksdb::IOOptions io;
  auto write = [&](const std::string& name, const std::string& synced, const std::string& unsynced) {
    std::unique_ptr<rocksdb::FSWritableFile> file;
    ASSERT_TRUE(fs.NewWritableFile((dir / name).string(), rocksdb::FileOptions(), &file, nullptr).ok());
    ASSERT_TRUE(file->Append(synced, io, nullptr).ok());
    ASSERT_TRUE(file->Sync(io, nullptr).ok());
    ASSERT_TRUE(file->Append(unsynced, io, nullptr).ok());
    ASSERT_TRUE(file->Close(io, nullptr).ok());
  };
  std::unique_ptr<rocksdb::FSDirectory> folder;
  ASSERT_TRUE(fs.NewDirectory(dir.path().string(), io, &folder, nullptr).ok());
  write("kept", "durable", "-lost");
  write("renamed.tmp", "renamed", "");
  ASSERT_TRUE(folder->Fsync(io, nullptr).ok());
  ASSERT_TRUE(fs.RenameFile((dir / "renamed.tmp").string(), (dir / "renamed").string(), io, nullptr).ok());
  write("never-fsynced-entry", "synced data", "");  // created after the folder's last fsync

  fs.CutPower();
  std::unique_ptr<rocksdb::FSWritableFile> refused;
  EXPECT_FALSE(fs.NewWritableFile((dir / "late").string(), rocksdb::FileOptions(), &refused, nullptr).ok());
  fs.DropUnsyncedData();

  EXPECT_EQ(std::filesystem::file_size(dir / "kept"), std::string("durable").size());
  EXPECT_FALSE(std::filesystem::exists(dir / "renamed"));  // renamed after the last folder fsync
  EXPECT_FALSE(std::filesystem::exists(dir / "never-fsynced-entry"));
  EXPECT_FALSE(std::filesystem::exists(dir / "late"));
}

}  // namespace
}  // namespace keyledger::store
