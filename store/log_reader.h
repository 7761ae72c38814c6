// Reads of the event log. Every read stops at the acknowledged head (RocksLog::Head()), checks
// each record's crc and its place in the log, and reports damage as kCorruption naming the
// record ("seq 1234"), never by crashing. Internal to store/.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "domain/core/event_envelope.h"
#include "store/event_store.h"
#include "store/rocks_log.h"

namespace keyledger::store {

enum class ReadPattern {
  kPoint,  // short reads: use the block cache
  kBulk,   // replay and catch-up: readahead, do not fill the block cache
};

// Visits events with after < seq <= upto in order until `handler` returns false. The envelope
// passed to the handler is reused between calls (copy what you keep). Returns the last seq visited
// (`after` if none). A missing seq below `upto` is corruption: the log is gap-free.
StoreResult<Seq> ScanEvents(const RocksLog& log, Seq after, Seq upto, ReadPattern pattern,
                            const std::function<bool(const EventEnvelope&)>& handler);

// Reads the event at `seq` through a lease the caller holds; kNotFound if there is none.
StoreResult<EventEnvelope> ReadEvent(const RocksLog::Lease& open, Seq seq);

StoreResult<std::vector<EventEnvelope>> ReadStreamEvents(const RocksLog& log, std::string_view stream,
                                                         uint64_t from_version, size_t max_count);

StoreResult<std::vector<EventEnvelope>> ReadTimeRangeEvents(const RocksLog& log, Instant from,
                                                            Instant to, Seq after, size_t limit);

// "seq 1234: <why>" as a kCorruption error.
StoreError CorruptRecord(Seq seq, std::string_view why);

}  // namespace keyledger::store
