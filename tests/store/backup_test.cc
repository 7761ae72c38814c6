// Online backup while appends continue, and restore into a fresh folder.
#include <gtest/gtest.h>

#include <thread>

#include "store/backup.h"
#include "store/verify.h"
#include "tests/store/store_test_util.h"

namespace keyledger::store {
namespace {

using testing::MakeRequest;
using testing::OpenOrDie;
using testing::TempDir;

TEST(BackupTest, BackupWhileAppendingRestoresEverythingAcknowledgedBeforeIt) {
  TempDir dir;
  auto store = OpenOrDie(dir / "data");
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(store->Append(MakeRequest("pre", ExpectedVersion::Any(), 2)).ok());
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 3; ++t) {
    writers.emplace_back([&, t] {
      while (!stop) ASSERT_TRUE(store->Append(MakeRequest("w" + std::to_string(t), ExpectedVersion::Any())).ok());
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  auto first = BackupTo(*store, dir / "backups");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_GE(first->head, Seq(200));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  auto second = BackupTo(*store, dir / "backups");  // incremental, same folder
  stop = true;
  for (auto& w : writers) w.join();
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_GT(second->backup_id, first->backup_id);
  EXPECT_GE(second->head, first->head);

  auto restored_head = RestoreFrom(dir / "backups", dir / "restored");
  ASSERT_TRUE(restored_head.ok()) << restored_head.error().message;
  EXPECT_GE(*restored_head, second->head);
  EXPECT_LE(*restored_head, store->HeadSeq());

  auto restored = OpenOrDie(dir / "restored");
  ASSERT_NE(restored, nullptr);
  EXPECT_EQ(restored->HeadSeq(), *restored_head);
  // Same events, byte for byte, up to the restored head.
  auto original_events = store->ReadAll(Seq(0), restored_head->value);
  auto restored_events = restored->ReadAll(Seq(0), restored_head->value);
  ASSERT_TRUE(original_events.ok());
  ASSERT_TRUE(restored_events.ok());
  ASSERT_EQ(original_events->size(), restored_events->size());
  for (size_t i = 0; i < original_events->size(); ++i) {
    EXPECT_EQ((*original_events)[i].id, (*restored_events)[i].id);
    EXPECT_EQ((*original_events)[i].stream_version, (*restored_events)[i].stream_version);
  }
  // The restored log is a working log: versions and appends continue from it.
  EXPECT_EQ(restored->StreamVersion("pre").value(), 200u);
  auto next = restored->Append(MakeRequest("pre", ExpectedVersion::Exact(200)));
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->first_seq, restored_head->Next());
}

TEST(BackupTest, RestoreNeverOverwritesAnExistingLog) {
  TempDir dir;
  auto store = OpenOrDie(dir / "data");
  ASSERT_TRUE(store->Append(MakeRequest("s", ExpectedVersion::Any())).ok());
  ASSERT_TRUE(BackupTo(*store, dir / "backups").ok());
  auto refused = RestoreFrom(dir / "backups", dir / "data");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, StoreError::Code::kInvalidArgument);
  EXPECT_EQ(store->HeadSeq(), Seq(1));
}

TEST(BackupTest, RestoreFromAnEmptyFolderFails) {
  TempDir dir;
  std::filesystem::create_directories(dir / "empty-backups");
  auto restored = RestoreFrom(dir / "empty-backups", dir / "restored");
  EXPECT_FALSE(restored.ok());
}

}  // namespace
}  // namespace keyledger::store
