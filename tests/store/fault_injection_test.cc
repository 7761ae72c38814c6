// A failed WAL sync is never acknowledged and turns the store read-only until it has recovered
// (or, with recovery off, until it is reopened). Fault injection is used only for this error path:
// a FileSystem wrapper that fails Sync on demand. Disk full: disk_full_test.cc.
#include <gtest/gtest.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <chrono>
#include <thread>

#include "store/verify.h"
#include "tests/store/store_test_util.h"

namespace keyledger::store {
namespace {

using testing::MakeRequest;
using testing::OpenOrDie;
using testing::TempDir;

// Fails Sync/Fsync of WAL files (*.log) while `fail_sync` is set.
class FailingSyncFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit FailingSyncFileSystem(std::shared_ptr<rocksdb::FileSystem> base)
      : FileSystemWrapper(std::move(base)) {}
  const char* Name() const override { return "FailingSyncFileSystem"; }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override {
    auto s = target()->NewWritableFile(name, options, result, dbg);
    if (s.ok() && name.size() > 4 && name.compare(name.size() - 4, 4, ".log") == 0) {
      *result = std::make_unique<File>(std::move(*result), this);
    }
    return s;
  }

  std::atomic<bool> fail_sync{false};
  std::atomic<int> failed_syncs{0};

 private:
  class File : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile> base, FailingSyncFileSystem* fs)
        : FSWritableFileOwnerWrapper(std::move(base)), fs_(fs) {}
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d) override {
      if (fs_->fail_sync) return Injected();
      return FSWritableFileOwnerWrapper::Sync(o, d);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d) override {
      if (fs_->fail_sync) return Injected();
      return FSWritableFileOwnerWrapper::Fsync(o, d);
    }

   private:
    rocksdb::IOStatus Injected() {
      ++fs_->failed_syncs;
      return rocksdb::IOStatus::IOError("injected sync failure");
    }
    FailingSyncFileSystem* fs_;
  };
};

// A store whose WAL syncs fail while fs->fail_sync is set.
class FaultInjectionTest : public ::testing::Test {
 protected:
  FaultInjectionTest() { options.env = env.get(); }

  TempDir dir;
  std::shared_ptr<FailingSyncFileSystem> fs =
      std::make_shared<FailingSyncFileSystem>(rocksdb::FileSystem::Default());
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
  RocksStoreOptions options;
};

TEST_F(FaultInjectionTest, FailedSyncIsNotAcknowledgedAndTurnsTheStoreReadOnly) {
  options.recovery_retry = std::chrono::milliseconds(0);  // latched until reopened
  {
    auto store = OpenOrDie(dir.path(), options);
    ASSERT_NE(store, nullptr);
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::Any())).ok());
    EXPECT_FALSE(store->IsReadOnly());

    fs->fail_sync = true;
    auto failed = store->Append(MakeRequest("s", ExpectedVersion::Any(), 2, "k-failed"));
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, StoreError::Code::kIOError);
    EXPECT_GE(fs->failed_syncs.load(), 1);
    EXPECT_TRUE(store->IsReadOnly());
    EXPECT_EQ(store->HeadSeq(), Seq(10));  // nothing past the last acknowledged append is visible

    // With recovery off, even once the disk is healthy again nothing more is acknowledged until
    // the store is reopened.
    fs->fail_sync = false;
    auto refused = store->Append(MakeRequest("s", ExpectedVersion::Any()));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, StoreError::Code::kReadOnly);
    auto batch = store->AppendBatch({MakeRequest("s", ExpectedVersion::Any())});
    ASSERT_FALSE(batch[0].ok());
    EXPECT_EQ(batch[0].error().code, StoreError::Code::kReadOnly);
    // Reads keep working.
    auto all = store->ReadAll(Seq(0), 100);
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->size(), 10u);
    EXPECT_EQ(store->StreamVersion("s").value(), 10u);
  }
  // After reopening, every acknowledged append is there and the log is consistent. The failed
  // append may or may not have reached the disk (it was never acknowledged); a retry with its
  // idempotency key is safe either way.
  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  EXPECT_FALSE(store->IsReadOnly());
  EXPECT_GE(store->HeadSeq(), Seq(10));
  auto retry = store->Append(MakeRequest("s", ExpectedVersion::Any(), 2, "k-failed"));
  ASSERT_TRUE(retry.ok()) << retry.error().message;
  store.reset();
  VerifyReport report = VerifyLog(dir.path());
  EXPECT_TRUE(report.ok) << report.first_bad << ": " << report.message;
}

// With recovery on, the store reopens its database once syncs work again: the failed append (it
// reached the WAL, only its sync failed) is then on disk exactly once, a retry with its key is a
// duplicate, and the next append follows it with no gap.
TEST_F(FaultInjectionTest, AfterAFailedSyncTheStoreRecoversOnceTheDiskIsHealthy) {
  options.recovery_retry = std::chrono::milliseconds(200);
  {
    auto store = OpenOrDie(dir.path(), options);
    ASSERT_NE(store, nullptr);
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::Any())).ok());

    fs->fail_sync = true;
    auto failed = store->Append(MakeRequest("s", ExpectedVersion::Any(), 2, "k-failed"));
    fs->fail_sync = false;
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, StoreError::Code::kIOError);
    EXPECT_TRUE(store->IsReadOnly());
    EXPECT_EQ(store->HeadSeq(), Seq(10));

    for (int i = 0; i < 500 && store->IsReadOnly(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_FALSE(store->IsReadOnly()) << "no recovery within 5 s";
    EXPECT_EQ(store->HeadSeq(), Seq(12));  // the failed append, now durable, never acknowledged
    EXPECT_EQ(store->StreamVersion("s").value(), 12u);
    auto retry = store->Append(MakeRequest("s", ExpectedVersion::Any(), 2, "k-failed"));
    ASSERT_TRUE(retry.ok()) << retry.error().message;
    EXPECT_TRUE(retry->duplicate);
    EXPECT_EQ(retry->last_seq, Seq(12));
    auto next = store->Append(MakeRequest("s", ExpectedVersion::Exact(12)));
    ASSERT_TRUE(next.ok()) << next.error().message;
    EXPECT_EQ(next->first_seq, Seq(13));
  }
  VerifyReport report = VerifyLog(dir.path());
  EXPECT_TRUE(report.ok) << report.first_bad << ": " << report.message;
  EXPECT_EQ(report.head, Seq(13));
}

}  // namespace
}  // namespace keyledger::store
