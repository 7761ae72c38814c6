// Online backup and restore of the RocksDB event log (RocksDB BackupEngine: incremental, checksummed
// copies of the SST files). A backup can be taken while appends go on.
#pragma once

#include <cstdint>
#include <filesystem>

#include "domain/core/result.h"
#include "domain/core/seq.h"
#include "store/event_store.h"

namespace keyledger::store {

struct BackupInfo {
  uint32_t backup_id = 0;
  // Every event acknowledged before BackupTo was called is in the backup: its seq is <= head.
  // Events appended during the backup may be in it too.
  Seq head;
};

// Adds a new backup of `store` (which must come from OpenRocksEventStore, else kInvalidArgument)
// to `backup_dir`, creating the folder if needed. Earlier backups there are kept; unchanged files
// are shared with them.
StoreResult<BackupInfo> BackupTo(EventStore& store, const std::filesystem::path& backup_dir);

// Restores the newest backup in `backup_dir` into `data_dir`, which must not hold a log already
// (kInvalidArgument: restore never overwrites). The restored log is then verified (VerifyLog);
// a backup that fails is reported as kCorruption. Returns the restored head.
StoreResult<Seq> RestoreFrom(const std::filesystem::path& backup_dir,
                             const std::filesystem::path& data_dir);

}  // namespace keyledger::store
