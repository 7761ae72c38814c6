// Key layout of the RocksDB column families (docs/event_format.md, "Column families").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/core/seq.h"
#include "domain/core/time.h"

namespace keyledger::store {

// Column family names; "default" holds the meta keys.
inline constexpr char kEventsFamily[] = "events";
inline constexpr char kStreamIndexFamily[] = "streams";
inline constexpr char kIdempotencyFamily[] = "idempotency";
inline constexpr char kTimeIndexFamily[] = "time";

// Meta key (default family) holding the format version as decimal text.
inline constexpr char kFormatVersionKey[] = "format_version";
// Format 2: the stream index may lag the log by the groups being written (stream_index.h), and
// kStreamIndexThroughKey says how far it reaches.
inline constexpr char kFormatVersion[] = "2";
// Format 1 wrote each event's index entry in the event's own batch, so its index never lagged.
// Still opened: the first writable open upgrades it to 2 (one meta write, nothing rewritten).
inline constexpr char kFormatVersionIndexInBatch[] = "1";
// Meta key (default family): 8-byte big-endian seq through which the stream index holds every
// event. Written with each batch of index entries. Format 2.
inline constexpr char kStreamIndexThroughKey[] = "stream_index_through";
// The format versions this code opens and verifies.
inline bool IsReadableFormatVersion(std::string_view version) {
  return version == kFormatVersion || version == kFormatVersionIndexInBatch;
}

// events: 8-byte big-endian seq.
std::string EventKey(Seq seq);
// Returns nullopt unless key is exactly 8 bytes.
std::optional<Seq> ParseEventKey(std::string_view key);

// streams: stream name, one 0x00 byte, 8-byte big-endian stream version; value: event key.
std::string StreamIndexKey(std::string_view stream, uint64_t version);
struct StreamIndexEntry {
  std::string_view stream;
  uint64_t version = 0;
};
std::optional<StreamIndexEntry> ParseStreamIndexKey(std::string_view key);

// time: sparse, one entry per group commit (all events of a group share recorded_at, and
// recorded_at never decreases along the log). Key: 8-byte big-endian recorded_at (microseconds,
// sign bit flipped so that negative instants sort first), then the 8-byte big-endian seq of the
// group's first event; value: the 8-byte big-endian seq of its last event.
std::string TimeIndexKey(Instant recorded_at, Seq seq);
struct TimeIndexEntry {
  Instant recorded_at;
  Seq seq;
};
std::optional<TimeIndexEntry> ParseTimeIndexKey(std::string_view key);

// idempotency: the key exactly as given by the caller; value: an idempotency record.

}  // namespace keyledger::store
