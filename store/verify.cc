#include "store/verify.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string_view>

#include "store/coding.h"
#include "store/group_commit.h"
#include "store/keys.h"
#include "store/record_codec.h"
#include "store/rocks_log.h"
#include "store/stream_index.h"

namespace keyledger::store {
namespace {

std::string_view View(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

uint64_t Mix(uint64_t x) {  // splitmix64 finalizer
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}
uint64_t StreamEntryPrint(std::string_view stream, uint64_t version, uint64_t seq) {
  return Mix(std::hash<std::string_view>()(stream) ^ Mix(version) ^ Mix(seq ^ 0x5555));
}
uint64_t TimeEntryPrint(int64_t micros, uint64_t seq) {
  return Mix(static_cast<uint64_t>(micros) ^ Mix(seq + 17));
}

class Verifier {
 public:
  explicit Verifier(const RocksLog& log) : log_(log.Borrow()) {}

  VerifyReport Run() {
    if (!log_) {  // never: the log was just opened, read-only, and is never reopened
      Bad("open", "the event log is not open");
      return std::move(report_);
    }
    if (CheckFormat() && CheckEvents() && CheckStreamIndex() && CheckTimeIndex() &&
        CheckIdempotency()) {
      report_.ok = true;
      report_.message = std::to_string(report_.events_checked) + " events in " +
                        std::to_string(last_version_.size()) + " streams verified" +
                        unindexed_note_;
    }
    return std::move(report_);
  }

 private:
  bool Bad(std::string first_bad, std::string message) {
    report_.ok = false;
    report_.first_bad = std::move(first_bad);
    report_.message = std::move(message);
    return false;
  }
  std::unique_ptr<rocksdb::Iterator> Iterate(rocksdb::ColumnFamilyHandle* family) {
    rocksdb::ReadOptions ro;
    ro.verify_checksums = true;
    ro.fill_cache = false;
    ro.readahead_size = 2 * 1024 * 1024;
    return std::unique_ptr<rocksdb::Iterator>(log_.db()->NewIterator(ro, family));
  }

  bool CheckFormat() {
    std::string version;
    rocksdb::Status s = log_.db()->Get(rocksdb::ReadOptions(), log_.meta(), kFormatVersionKey, &version);
    if (!s.ok()) return Bad("meta", "format version unreadable: " + s.ToString());
    if (!IsReadableFormatVersion(version)) {
      return Bad("meta", "unsupported format version '" + version + "'");
    }
    auto reach = ReadIndexedThrough(log_);
    if (!reach) return Bad("meta", reach.error().message);
    if (reach->has_value()) index_reach_ = (*reach)->value;
    return true;
  }

  bool CheckEvents() {
    auto it = Iterate(log_.events());
    EventEnvelope e;
    std::string why;
    uint64_t expected = 1;
    int64_t last_recorded = INT64_MIN;
    for (it->SeekToFirst(); it->Valid(); it->Next(), ++expected) {
      std::string name = "seq " + std::to_string(expected);
      auto seq = ParseEventKey(View(it->key()));
      if (!seq) return Bad(name, "malformed event key");
      if (seq->value != expected) {
        return Bad(name, "missing: the log jumps to seq " + std::to_string(seq->value));
      }
      if (!DecodeEventRecord(View(it->value()), &e, &why)) return Bad(name, why);
      if (e.seq != *seq) return Bad(name, "record says seq " + std::to_string(e.seq.value));
      uint64_t& version = last_version_[e.stream];
      if (e.stream_version != version + 1) {
        return Bad(name, "stream '" + e.stream + "' version " + std::to_string(e.stream_version) +
                             " follows version " + std::to_string(version));
      }
      version = e.stream_version;
      int64_t recorded = ToUnixMicros(e.recorded_at);
      if (recorded < last_recorded) return Bad(name, "recorded_at goes back in time");
      last_recorded = recorded;
      if (expected <= index_reach_) stream_print_ += StreamEntryPrint(e.stream, e.stream_version, expected);
      time_print_ += TimeEntryPrint(recorded, expected);
      report_.events_checked = expected;
      report_.head = *seq;
    }
    if (!it->status().ok()) {
      return Bad("seq " + std::to_string(expected), "unreadable: " + it->status().ToString());
    }
    return true;
  }

  // Each index is compared with the events through an order-independent fingerprint (one pass,
  // no memory per event); only when they differ is the index walked again to name the entry.
  bool CheckStreamIndex() {
    auto it = Iterate(log_.stream_index());
    uint64_t print = 0;
    uint64_t count = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next(), ++count) {
      auto entry = ParseStreamIndexKey(View(it->key()));
      if (!entry || it->value().size() != 8) {
        return Bad("stream index entry " + it->key().ToString(true), "malformed");
      }
      print += StreamEntryPrint(entry->stream, entry->version, GetBigEndian64(View(it->value())));
    }
    if (!it->status().ok()) return Bad("stream index", "unreadable: " + it->status().ToString());
    const uint64_t indexed = std::min(index_reach_, report_.events_checked);
    if (index_reach_ != UINT64_MAX && index_reach_ > report_.events_checked) {
      return Bad("meta", "the stream index claims seq " + std::to_string(index_reach_) +
                             " but the log ends at seq " + std::to_string(report_.events_checked));
    }
    if (print == stream_print_ && count == indexed) {
      // A crash may leave the newest group's events durable before their index entries; the next
      // writable open indexes them (stream_index.h).
      if (indexed < report_.events_checked) {
        unindexed_note_ = "; the newest " + std::to_string(report_.events_checked - indexed) +
                          " events are indexed at the next open";
      }
      return true;
    }
    // Name the first entry that points at the wrong event, else the first event not indexed.
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto entry = ParseStreamIndexKey(View(it->key()));
      Seq seq(GetBigEndian64(View(it->value())));
      std::string name = "stream index '" + std::string(entry->stream) + "' v" +
                         std::to_string(entry->version);
      EventEnvelope e;
      if (!ReadAt(seq, &e) || e.stream != entry->stream || e.stream_version != entry->version) {
        return Bad(name, "does not match seq " + std::to_string(seq.value));
      }
    }
    return FirstUnindexedEvent(log_.stream_index(), [](const EventEnvelope& e) {
      return StreamIndexKey(e.stream, e.stream_version);
    }, "stream index", index_reach_);
  }

  // The time index has one entry per group commit, (recorded_at, first seq) -> last seq; the
  // entries must tile 1..head exactly and each event must carry its group's recorded_at.
  bool CheckTimeIndex() {
    auto it = Iterate(log_.time_index());
    uint64_t print = 0;
    uint64_t expected_first = 1;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto entry = ParseTimeIndexKey(View(it->key()));
      if (!entry || it->value().size() != 8) {
        return Bad("time index entry " + it->key().ToString(true), "malformed");
      }
      uint64_t first = entry->seq.value;
      uint64_t last = GetBigEndian64(View(it->value()));
      std::string name = "time index entry for seq " + std::to_string(first);
      if (first != expected_first || last < first || last > report_.head.value) {
        return Bad(name, "covers seq " + std::to_string(first) + ".." + std::to_string(last) +
                             ", expected a range starting at seq " + std::to_string(expected_first));
      }
      for (uint64_t seq = first; seq <= last; ++seq) {
        print += TimeEntryPrint(ToUnixMicros(entry->recorded_at), seq);
      }
      expected_first = last + 1;
    }
    if (!it->status().ok()) return Bad("time index", "unreadable: " + it->status().ToString());
    if (expected_first != report_.head.value + 1) {
      return Bad("seq " + std::to_string(expected_first), "missing from the time index");
    }
    if (print != time_print_) {
      // Name the first event whose recorded_at differs from its group's entry.
      EventEnvelope e;
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        auto entry = ParseTimeIndexKey(View(it->key()));
        uint64_t last = GetBigEndian64(View(it->value()));
        for (uint64_t seq = entry->seq.value; seq <= last; ++seq) {
          if (!ReadAt(Seq(seq), &e) || e.recorded_at != entry->recorded_at) {
            return Bad("seq " + std::to_string(seq), "recorded_at differs from its time index entry");
          }
        }
      }
      return Bad("time index", "does not match the events");
    }
    return true;
  }

  bool CheckIdempotency() {
    auto it = Iterate(log_.idempotency());
    IdempotencyRecord record;
    std::string why;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string name = "idempotency key '" + it->key().ToString() + "'";
      if (!DecodeIdempotencyRecord(View(it->value()), &record, &why)) return Bad(name, why);
      if (record.result.last_seq > report_.head || record.result.first_seq > record.result.last_seq) {
        return Bad(name, "points at seq " + std::to_string(record.result.last_seq.value) +
                             " beyond the head");
      }
    }
    if (!it->status().ok()) return Bad("idempotency", "unreadable: " + it->status().ToString());
    return true;
  }

  bool ReadAt(Seq seq, EventEnvelope* e) {
    std::string value;
    std::string why;
    return log_.db()->Get(rocksdb::ReadOptions(), log_.events(), EventKey(seq), &value).ok() &&
           DecodeEventRecord(value, e, &why);
  }

  template <class KeyFn>
  // Among the events through seq `through` (those the index must hold).
  bool FirstUnindexedEvent(rocksdb::ColumnFamilyHandle* index, KeyFn key_of, const char* what,
                           uint64_t through = UINT64_MAX) {
    auto it = Iterate(log_.events());
    EventEnvelope e;
    std::string why;
    std::string value;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (!DecodeEventRecord(View(it->value()), &e, &why)) continue;  // checked already
      if (e.seq.value > through) break;
      if (!log_.db()->Get(rocksdb::ReadOptions(), index, key_of(e), &value).ok()) {
        return Bad("seq " + std::to_string(e.seq.value), std::string("missing from the ") + what);
      }
    }
    return Bad(what, "does not match the events (extra or wrong entries)");
  }

  const RocksLog::Lease log_;  // a read-only open, never reopened
  VerifyReport report_;
  StreamVersions last_version_;
  uint64_t stream_print_ = 0;  // of the events the stream index reaches
  uint64_t index_reach_ = UINT64_MAX;  // format 1: the index holds every event
  std::string unindexed_note_;
  uint64_t time_print_ = 0;
};

}  // namespace

VerifyReport VerifyLog(const std::filesystem::path& dir) {
  VerifyReport report;
  std::error_code ec;
  if (!std::filesystem::exists(dir / "CURRENT", ec)) {
    report.first_bad = dir.string();
    report.message = "no event log in " + dir.string();
    return report;
  }
  RocksLogOptions options;
  options.read_only = true;
  auto log = RocksLog::Open(dir, options);
  if (!log) {
    report.first_bad = "open";
    report.message = log.error().message;
    return report;
  }
  return Verifier(**log).Run();
}

}  // namespace keyledger::store
