// A failed WAL sync is never acknowledged and turns the store read-only until it is reopened.
// Fault injection is used only for this error path: a FileSystem wrapper that fails Sync on demand.
#include <gtest/gtest.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

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

TEST(FaultInjectionTest, FailedSyncIsNotAcknowledgedAndTurnsTheStoreReadOnly) {
  TempDir dir;
  auto fs = std::make_shared<FailingSyncFileSystem>(rocksdb::FileSystem::Default());
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
  RocksStoreOptions options;
  options.env = env.get();
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

    // Even once the disk is healthy again, nothing more is acknowledged until reopen.
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

}  // namespace
}  // namespace keyledger::store
