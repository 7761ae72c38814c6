#include "store/stream_index.h"

#include <rocksdb/db.h>

#include <string>

#include "store/coding.h"
#include "store/keys.h"
#include "store/log_reader.h"

namespace keyledger::store {
namespace {

// Events indexed per write while completing the index at open.
constexpr uint64_t kCompletionBatch = 4096;

StoreError IndexError(std::string message) {
  return StoreError{StoreError::Code::kCorruption, std::move(message)};
}

}  // namespace

void PutStreamIndexEntry(rocksdb::WriteBatch& batch, const RocksLog::Lease& open,
                         std::string_view stream, uint64_t version, Seq seq) {
  std::string value;  // 8 bytes: no allocation
  PutBigEndian64(&value, seq.value);
  batch.Put(open.stream_index(), StreamIndexKey(stream, version), value);
}

void PutIndexedThrough(rocksdb::WriteBatch& batch, rocksdb::ColumnFamilyHandle* meta, Seq seq) {
  std::string value;
  PutBigEndian64(&value, seq.value);
  batch.Put(meta, kStreamIndexThroughKey, value);
}

StoreResult<std::optional<Seq>> ReadIndexedThrough(const RocksLog::Lease& open) {
  std::string value;
  rocksdb::Status s = open.db()->Get(rocksdb::ReadOptions(), open.meta(), kStreamIndexThroughKey, &value);
  if (s.ok()) {
    if (value.size() != 8) return Fail(IndexError("the stream index's reach is malformed"));
    return std::optional<Seq>(Seq(GetBigEndian64(value)));
  }
  if (!s.IsNotFound()) return Fail(ToStoreError(s, "reading the stream index's reach"));
  std::string version;
  s = open.db()->Get(rocksdb::ReadOptions(), open.meta(), kFormatVersionKey, &version);
  if (s.ok() && version == kFormatVersionIndexInBatch) return std::optional<Seq>();
  return Fail(IndexError("the stream index's reach is missing"));
}

StoreResult<Ok> CompleteStreamIndex(const RocksLog& log, Seq head) {
  auto open = log.Borrow();
  if (!open) return Fail(LogClosedError());
  auto through = ReadIndexedThrough(open);
  if (!through) return Fail(std::move(through.error()));
  rocksdb::WriteOptions synced;
  synced.sync = true;
  if (!through->has_value()) {  // format 1: complete; from now on its reach is recorded
    rocksdb::WriteBatch upgrade;
    PutIndexedThrough(upgrade, open.meta(), head);
    upgrade.Put(open.meta(), kFormatVersionKey, kFormatVersion);
    rocksdb::Status s = open.db()->Write(synced, &upgrade);
    if (!s.ok()) return Fail(ToStoreError(s, "upgrading the event log to format 2"));
    return Ok{};
  }
  Seq reach = **through;
  if (reach > head) {
    return Fail(IndexError("the stream index claims seq " + std::to_string(reach.value) +
                           " but the log ends at seq " + std::to_string(head.value)));
  }
  if (reach == head) return Ok{};
  rocksdb::WriteBatch batch;
  rocksdb::WriteOptions unsynced;
  rocksdb::Status written;
  auto scanned = ScanEvents(log, reach, head, ReadPattern::kBulk, [&](const EventEnvelope& e) {
    PutStreamIndexEntry(batch, open, e.stream, e.stream_version, e.seq);
    if (e.seq.value % kCompletionBatch != 0 && e.seq != head) return true;
    PutIndexedThrough(batch, open.meta(), e.seq);
    written = open.db()->Write(e.seq == head ? synced : unsynced, &batch);
    batch.Clear();
    return written.ok();
  });
  if (!scanned) return Fail(std::move(scanned.error()));
  if (!written.ok()) return Fail(ToStoreError(written, "indexing the log's newest events"));
  return Ok{};
}

}  // namespace keyledger::store
