#include "store/log_state.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>

#include <memory>
#include <optional>

#include "store/keys.h"
#include "store/log_reader.h"
#include "store/record_codec.h"
#include "store/stream_index.h"

namespace keyledger::store {

StoreResult<LogState> LoadLogState(const RocksLog& log) {
  LogState state;
  auto open = log.Borrow();
  if (!open) return Fail(LogClosedError());
  std::unique_ptr<rocksdb::Iterator> it(open.db()->NewIterator(rocksdb::ReadOptions(), open.events()));
  it->SeekToLast();
  std::optional<EventEnvelope> newest;
  if (it->Valid()) {
    auto seq = ParseEventKey(std::string_view(it->key().data(), it->key().size()));
    if (!seq) return Fail(StoreError{StoreError::Code::kCorruption, "newest event key malformed"});
    EventEnvelope event;
    std::string why;
    if (!DecodeEventRecord(std::string_view(it->value().data(), it->value().size()), &event, &why)) {
      return Fail(CorruptRecord(*seq, why));
    }
    if (event.seq != *seq) {
      return Fail(CorruptRecord(*seq, "record says seq " + std::to_string(event.seq.value)));
    }
    state.head = *seq;
    state.last_recorded_at = event.recorded_at;
    newest = std::move(event);
  }
  if (!it->status().ok()) {
    return Fail(CorruptRecord(state.head.Next(), "newest event unreadable: " + it->status().ToString()));
  }

  // Events a crash left durable without their index entries are indexed first (stream_index.h).
  auto completed = CompleteStreamIndex(log, state.head);
  if (!completed) return Fail(std::move(completed.error()));
  if (newest) {
    auto version = ReadStreamVersion(open, newest->stream);
    if (!version) return Fail(std::move(version.error()));
    if (*version != newest->stream_version) {
      return Fail(CorruptRecord(newest->seq, "the stream index of '" + newest->stream +
                                                 "' disagrees with the newest event"));
    }
  }
  return state;
}

StoreResult<uint64_t> ReadStreamVersion(const RocksLog::Lease& open, std::string_view stream) {
  // Versions start at 1 without gaps, so a stream without version 1 is empty. Asked as a point
  // lookup first, which the stream index's bloom filters answer for a new stream (every created
  // visit, complaint, project...) without searching the memtable or the tables.
  {
    std::string value;
    rocksdb::Status s = open.db()->Get(rocksdb::ReadOptions(), open.stream_index(), StreamIndexKey(stream, 1), &value);
    if (s.IsNotFound()) return uint64_t{0};
    if (!s.ok()) return Fail(ToStoreError(s, "reading the version of '" + std::string(stream) + "'"));
  }
  std::unique_ptr<rocksdb::Iterator> it(open.db()->NewIterator(rocksdb::ReadOptions(), open.stream_index()));
  it->SeekForPrev(StreamIndexKey(stream, UINT64_MAX));
  if (!it->Valid()) {
    if (!it->status().ok()) return Fail(ToStoreError(it->status(), "reading the version of '" + std::string(stream) + "'"));
    return uint64_t{0};
  }
  auto last = ParseStreamIndexKey(std::string_view(it->key().data(), it->key().size()));
  if (!last) {
    return Fail(StoreError{StoreError::Code::kCorruption,
                           "stream index entry " + it->key().ToString(true) + " malformed"});
  }
  return last->stream == stream ? last->version : uint64_t{0};
}

}  // namespace keyledger::store
