// Binary records stored as RocksDB values: the event record (events family) and the idempotency
// record. Byte layout and versioning: docs/event_format.md. Every record starts with a masked
// crc32c of the rest, checked on every decode.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/core/event_envelope.h"
#include "store/event_store.h"

namespace keyledger::store {

// Version of the record layouts written by this code; a decoder refuses any other.
inline constexpr uint8_t kRecordFormatVersion = 1;
// Fixed part of an event record: crc, version, reserved, 5 numeric fields, 7 lengths.
inline constexpr size_t kEventHeaderSize = 72;
// decode leaves at least this much spare capacity after `data`, so that simdjson can parse it in
// place (simdjson::SIMDJSON_PADDING is 64).
inline constexpr size_t kDataPadding = 64;

// Appends the record for `event` to *dst.
void EncodeEventRecord(const EventEnvelope& event, std::string* dst);

// Decodes a record into *event, reusing its strings' capacity (cheap in a replay loop).
// Returns false, with *why set, if the record is short, has a bad crc or an unknown version.
bool DecodeEventRecord(std::string_view record, EventEnvelope* event, std::string* why);

// The 128-bit fingerprint of an append request stored under its idempotency key. It covers what
// the caller asked for: stream, expected version and each event's type, schema version, actor
// and data. It leaves out per-attempt metadata (event id, occurred_at, causation and correlation
// ids), which a retrying server may generate afresh.
using RequestHash = std::array<uint64_t, 2>;
RequestHash HashRequest(const AppendRequest& request);
// The hash HashRequest gives a request that carries this request_fingerprint.
RequestHash HashFingerprint(std::string_view fingerprint);

struct IdempotencyRecord {
  RequestHash hash{};
  AppendResult result;  // duplicate is always false in the stored form
};
void EncodeIdempotencyRecord(const IdempotencyRecord& record, std::string* dst);
bool DecodeIdempotencyRecord(std::string_view bytes, IdempotencyRecord* record, std::string* why);

}  // namespace keyledger::store
