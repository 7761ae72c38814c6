#include "store/log_reader.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>

#include <limits>
#include <memory>
#include <string>

#include "store/coding.h"
#include "store/keys.h"
#include "store/record_codec.h"

namespace keyledger::store {
namespace {

rocksdb::ReadOptions OptionsFor(ReadPattern pattern) {
  rocksdb::ReadOptions ro;
  ro.verify_checksums = true;
  if (pattern == ReadPattern::kBulk) {
    ro.fill_cache = false;              // a replay must not evict the hot working set
    ro.readahead_size = 2 * 1024 * 1024;  // sequential: fetch SST data in large reads
  }
  return ro;
}

std::string_view View(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

StoreResult<Ok> DecodeAt(Seq seq, std::string_view value, EventEnvelope* event) {
  std::string why;
  if (!DecodeEventRecord(value, event, &why)) return Fail(CorruptRecord(seq, why));
  if (event->seq != seq) {
    return Fail(CorruptRecord(seq, "record says seq " + std::to_string(event->seq.value)));
  }
  return Ok{};
}

}  // namespace

StoreError CorruptRecord(Seq seq, std::string_view why) {
  return StoreError{StoreError::Code::kCorruption,
                    "seq " + std::to_string(seq.value) + ": " + std::string(why)};
}

StoreResult<Seq> ScanEvents(const RocksLog& log, Seq after, Seq upto, ReadPattern pattern,
                            const std::function<bool(const EventEnvelope&)>& handler) {
  if (upto <= after) return after;
  rocksdb::ReadOptions ro = OptionsFor(pattern);
  std::string upper = EventKey(upto.Next());
  rocksdb::Slice upper_slice(upper);
  ro.iterate_upper_bound = &upper_slice;
  auto open = log.Borrow();
  if (!open) return Fail(LogClosedError());
  std::unique_ptr<rocksdb::Iterator> it(open.db()->NewIterator(ro, open.events()));
  EventEnvelope event;
  Seq expected = after.Next();
  for (it->Seek(EventKey(expected)); it->Valid(); it->Next()) {
    auto key_seq = ParseEventKey(View(it->key()));
    if (!key_seq) return Fail(CorruptRecord(expected, "malformed event key"));
    if (*key_seq != expected) return Fail(CorruptRecord(expected, "missing (gap in the log)"));
    auto decoded = DecodeAt(expected, View(it->value()), &event);
    if (!decoded) return Fail(std::move(decoded.error()));
    if (!handler(event)) return expected;
    expected = expected.Next();
  }
  if (!it->status().ok()) {
    return Fail(CorruptRecord(expected, "unreadable: " + it->status().ToString()));
  }
  if (expected <= upto) return Fail(CorruptRecord(expected, "missing (gap in the log)"));
  return upto;
}

StoreResult<EventEnvelope> ReadEvent(const RocksLog::Lease& open, Seq seq) {
  std::string value;
  if (!open) return Fail(LogClosedError());
  rocksdb::Status s = open.db()->Get(OptionsFor(ReadPattern::kPoint), open.events(), EventKey(seq), &value);
  if (s.IsNotFound()) {
    return Fail(StoreError{StoreError::Code::kNotFound, "seq " + std::to_string(seq.value)});
  }
  if (!s.ok()) return Fail(CorruptRecord(seq, "unreadable: " + s.ToString()));
  EventEnvelope event;
  auto decoded = DecodeAt(seq, value, &event);
  if (!decoded) return Fail(std::move(decoded.error()));
  return event;
}

StoreResult<std::vector<EventEnvelope>> ReadStreamEvents(const RocksLog& log, std::string_view stream,
                                                         uint64_t from_version, size_t max_count) {
  std::vector<EventEnvelope> out;
  if (max_count == 0) return out;
  uint64_t version = std::max<uint64_t>(from_version, 1);
  Seq head = log.Head();
  rocksdb::ReadOptions ro = OptionsFor(ReadPattern::kPoint);
  // Every key of this stream starts with "stream\0"; "stream\1" sorts after all of them.
  std::string upper(stream);
  upper.push_back('\x01');
  rocksdb::Slice upper_slice(upper);
  ro.iterate_upper_bound = &upper_slice;
  auto open = log.Borrow();
  if (!open) return Fail(LogClosedError());
  std::unique_ptr<rocksdb::Iterator> it(open.db()->NewIterator(ro, open.stream_index()));
  for (it->Seek(StreamIndexKey(stream, version)); it->Valid() && out.size() < max_count; it->Next()) {
    auto entry = ParseStreamIndexKey(View(it->key()));
    if (!entry || entry->stream != stream || it->value().size() != 8) {
      return Fail(StoreError{StoreError::Code::kCorruption,
                             "stream index entry of '" + std::string(stream) + "' malformed"});
    }
    Seq seq(GetBigEndian64(View(it->value())));
    if (seq > head) break;  // committed but not yet acknowledged
    if (entry->version != version) {
      return Fail(StoreError{StoreError::Code::kCorruption,
                             "stream '" + std::string(stream) + "' has no version " +
                                 std::to_string(version) + " in its index"});
    }
    auto event = ReadEvent(open, seq);
    if (!event) {
      StoreError error = std::move(event.error());
      if (error.code == StoreError::Code::kNotFound) {
        error = CorruptRecord(seq, "indexed as '" + std::string(stream) + "' version " +
                                       std::to_string(version) + " but missing");
      }
      return Fail(std::move(error));
    }
    if (event->stream != stream || event->stream_version != version) {
      return Fail(CorruptRecord(seq, "indexed as '" + std::string(stream) + "' version " +
                                         std::to_string(version) + " but is '" + event->stream +
                                         "' version " + std::to_string(event->stream_version)));
    }
    out.push_back(std::move(event.value()));
    ++version;
  }
  if (!it->status().ok()) {
    return Fail(StoreError{StoreError::Code::kCorruption,
                           "stream index of '" + std::string(stream) +
                               "' unreadable: " + it->status().ToString()});
  }
  return out;
}

StoreResult<std::vector<EventEnvelope>> ReadTimeRangeEvents(const RocksLog& log, Instant from,
                                                            Instant to, Seq after, size_t limit) {
  std::vector<EventEnvelope> out;
  if (limit == 0 || to <= from) return out;
  const Seq head = log.Head();
  // recorded_at never decreases along the log, so the events in [from, to) are one run of seqs.
  // The sparse time index (one entry per group commit) finds where the run starts: the first
  // group recorded at or after `from`.
  auto open = log.Borrow();  // ScanEvents below borrows again: leases nest
  if (!open) return Fail(LogClosedError());
  std::unique_ptr<rocksdb::Iterator> it(
      open.db()->NewIterator(OptionsFor(ReadPattern::kPoint), open.time_index()));
  it->Seek(TimeIndexKey(from, Seq(0)));
  if (!it->Valid()) {
    if (!it->status().ok()) {
      return Fail(StoreError{StoreError::Code::kCorruption,
                             "time index unreadable: " + it->status().ToString()});
    }
    return out;
  }
  auto entry = ParseTimeIndexKey(View(it->key()));
  if (!entry) return Fail(StoreError{StoreError::Code::kCorruption, "time index entry malformed"});
  if (entry->recorded_at >= to) return out;
  Seq start_after(std::max(entry->seq.value - 1, after.value));
  auto scanned = ScanEvents(log, start_after, head, ReadPattern::kPoint, [&](const EventEnvelope& e) {
    if (e.recorded_at >= to) return false;
    if (e.recorded_at >= from) out.push_back(e);
    return out.size() < limit;
  });
  if (!scanned) return Fail(std::move(scanned.error()));
  return out;
}

}  // namespace keyledger::store
