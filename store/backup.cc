#include "store/backup.h"

#include <rocksdb/env.h>
#include <rocksdb/utilities/backup_engine.h>

#include <memory>

#include "store/rocks_event_store_impl.h"
#include "store/verify.h"

namespace keyledger::store {

StoreResult<BackupInfo> BackupTo(EventStore& store, const std::filesystem::path& backup_dir) {
  auto* rocks = dynamic_cast<RocksEventStore*>(&store);
  if (rocks == nullptr) {
    return Fail(StoreError{StoreError::Code::kInvalidArgument, "not a RocksDB event store"});
  }
  std::error_code ec;
  std::filesystem::create_directories(backup_dir, ec);
  if (ec) {
    return Fail(StoreError{StoreError::Code::kIOError,
                           "creating " + backup_dir.string() + ": " + ec.message()});
  }
  BackupInfo info;
  info.head = rocks->HeadSeq();  // read before the flush below: all of it is in the backup
  rocksdb::BackupEngine* raw_engine = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngine::Open(
      rocksdb::Env::Default(), rocksdb::BackupEngineOptions(backup_dir.string()), &raw_engine);
  if (!s.ok()) return Fail(ToStoreError(s, "opening the backup folder " + backup_dir.string()));
  std::unique_ptr<rocksdb::BackupEngine> engine(raw_engine);
  // flush_before_backup: the memtables go to SST files first, so the backup needs no WAL and is
  // exactly a set of immutable files; RocksDB keeps those files alive while they are copied.
  rocksdb::CreateBackupOptions options;
  options.flush_before_backup = true;
  rocksdb::BackupID id = 0;
  auto open = rocks->log()->Borrow();
  if (!open) return Fail(LogClosedError());
  s = engine->CreateNewBackup(options, open.db(), &id);
  if (!s.ok()) return Fail(ToStoreError(s, "backing up to " + backup_dir.string()));
  info.backup_id = id;
  return info;
}

StoreResult<Seq> RestoreFrom(const std::filesystem::path& backup_dir,
                             const std::filesystem::path& data_dir) {
  std::error_code ec;
  if (std::filesystem::exists(data_dir, ec) && !std::filesystem::is_empty(data_dir, ec)) {
    return Fail(StoreError{StoreError::Code::kInvalidArgument,
                           "restore target " + data_dir.string() + " is not empty"});
  }
  rocksdb::BackupEngineReadOnly* raw_engine = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngineReadOnly::Open(
      rocksdb::Env::Default(), rocksdb::BackupEngineOptions(backup_dir.string()), &raw_engine);
  if (!s.ok()) return Fail(ToStoreError(s, "opening the backup folder " + backup_dir.string()));
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine(raw_engine);
  std::filesystem::create_directories(data_dir, ec);
  s = engine->RestoreDBFromLatestBackup(data_dir.string(), data_dir.string());
  if (!s.ok()) return Fail(ToStoreError(s, "restoring " + backup_dir.string()));
  VerifyReport report = VerifyLog(data_dir);
  if (!report.ok) {
    return Fail(StoreError{StoreError::Code::kCorruption, "restored log fails verification at " +
                                                             report.first_bad + ": " + report.message});
  }
  return report.head;
}

}  // namespace keyledger::store
