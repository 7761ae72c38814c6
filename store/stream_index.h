// The stream index may lag the log. The writer puts a group's index entries in a batch of their
// own, written while the group's WAL sync runs (group_commit.h), because inserting them is most
// of what a group costs besides the sync (their keys land at random places in the memtable, where
// the events' keys are appended). That batch also records how far the index reaches
// (kStreamIndexThroughKey), and it is in the WAL before the next group's events, so a crash can
// leave at most the last group's events durable without their entries. No group is answered, and
// no reader sees it (the head), before its entries are in: the lag is only ever visible on disk.
// The next writable open indexes those events from the log (CompleteStreamIndex) before anything
// reads the index; `keyledger verify` accepts it. Layout: docs/event_format.md. Internal to store/.
#pragma once

#include <rocksdb/write_batch.h>

#include <optional>
#include <string_view>

#include "domain/core/seq.h"
#include "store/event_store.h"
#include "store/rocks_log.h"

namespace keyledger::store {

// Adds `stream` version `version` -> `seq` to `batch`.
void PutStreamIndexEntry(rocksdb::WriteBatch& batch, const RocksLog::Lease& open,
                         std::string_view stream, uint64_t version, Seq seq);
// Adds "the index holds every event through `seq`" to `batch`, in the meta family `meta`.
void PutIndexedThrough(rocksdb::WriteBatch& batch, rocksdb::ColumnFamilyHandle* meta, Seq seq);

// How far the index reaches; nullopt for a format-1 log, whose index is always complete.
// kCorruption if a format-2 log has no such record.
StoreResult<std::optional<Seq>> ReadIndexedThrough(const RocksLog::Lease& open);

// Writable opens: indexes the events after the index's reach through `head` (synced), or
// upgrades a format-1 log to format 2. kCorruption if the index claims to reach past the head.
StoreResult<Ok> CompleteStreamIndex(const RocksLog& log, Seq head);

}  // namespace keyledger::store
