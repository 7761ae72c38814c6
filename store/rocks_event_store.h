// The embedded RocksDB backend of EventStore: a durable, group-committed, checksummed event log
// in one directory. On-disk format: docs/event_format.md. Offline check: verify.h. Backups:
// backup.h.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>

#include "domain/core/time.h"
#include "store/event_store.h"

namespace rocksdb {
class Env;
}  // namespace rocksdb

namespace keyledger::store {

struct RocksStoreOptions {
  // Sync the WAL before acknowledging an append. Only a bulk loader (or a benchmark's setup) may
  // turn this off, and then an acknowledged append can be lost by a machine crash.
  bool sync = true;
  // Upper bound on the events one group commit (one WriteBatch, one sync) carries. A request is
  // never split, so a single larger request still goes through, alone.
  size_t max_group_events = 4096;
  // LZ4-compress SST files when the RocksDB library supports it.
  bool compress = true;
  // Run VerifyLog (a full scan) before opening, refusing a log that fails it. Off by default: open
  // always checks the newest record and the stream index, `keyledger verify` checks everything.
  bool verify_on_open = false;
  // Source of recorded_at; default the system clock. The store keeps recorded_at non-decreasing
  // along the log even if this clock steps back.
  std::function<Instant()> clock;
  // RocksDB environment, for fault-injection tests only; not owned, must outlive the store.
  rocksdb::Env* env = nullptr;
  // After a failed write or sync (a full disk, an I/O error) the store is read-only: appends fail
  // with kReadOnly, reads and subscriptions go on. It then tries to recover by reopening the
  // database, first after this long, then backing off up to ten times it, and accepts appends
  // again once that worked (IsReadOnly() turns false). Zero: read-only until the store is reopened.
  std::chrono::milliseconds recovery_retry{1000};
};

// Opens (creating if absent) the event log in `dir`.
// Fails with kCorruption if the log is damaged before the WAL's tail (acknowledged data would be
// lost), if the newest record fails its checksum, or if the stream index disagrees with it; the
// message names the record ("seq 1234: ..."). A torn WAL tail (a write cut short by a crash, never
// acknowledged) is dropped and the log opens.
// The store may be destroyed while subscriptions are still alive; they then see no new events.
StoreResult<std::unique_ptr<EventStore>> OpenRocksEventStore(const std::filesystem::path& dir,
                                                             const RocksStoreOptions& options = {});

}  // namespace keyledger::store
