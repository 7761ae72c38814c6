#include "store/record_codec.h"

#include "store/coding.h"
#include "store/crc32c.h"

namespace keyledger::store {
namespace {

constexpr size_t kIdempotencyRecordSize = 48;

// Offsets of the event record header (docs/event_format.md).
constexpr size_t kCrcOffset = 0;
constexpr size_t kVersionOffset = 4;
constexpr size_t kSeqOffset = 8;
constexpr size_t kStreamVersionOffset = 16;
constexpr size_t kOccurredAtOffset = 24;
constexpr size_t kRecordedAtOffset = 32;
constexpr size_t kSchemaVersionOffset = 40;
constexpr size_t kLengthsOffset = 44;
constexpr int kStringCount = 7;

bool CheckFrame(std::string_view bytes, size_t min_size, std::string* why) {
  if (bytes.size() < min_size) {
    *why = "record too short (" + std::to_string(bytes.size()) + " bytes)";
    return false;
  }
  uint32_t stored = crc32c::Unmask(DecodeFixed32(bytes.data() + kCrcOffset));
  uint32_t actual = crc32c::Value(bytes.data() + kVersionOffset, bytes.size() - kVersionOffset);
  if (stored != actual) {
    *why = "record checksum mismatch";
    return false;
  }
  if (static_cast<uint8_t>(bytes[kVersionOffset]) != kRecordFormatVersion) {
    *why = "unknown record format version " +
           std::to_string(static_cast<uint8_t>(bytes[kVersionOffset]));
    return false;
  }
  return true;
}

void SealFrame(std::string* dst, size_t start) {
  uint32_t crc = crc32c::Value(dst->data() + start + kVersionOffset,
                               dst->size() - start - kVersionOffset);
  EncodeFixed32(dst->data() + start + kCrcOffset, crc32c::Mask(crc));
}

// FNV-1a and a multiply-xorshift lane over the same bytes: two independent 64-bit hashes.
class Hasher {
 public:
  void Add(std::string_view s) {
    AddInt(s.size());  // length prefix: ("ab","c") and ("a","bc") hash differently
    for (unsigned char c : s) AddByte(c);
  }
  void AddInt(uint64_t v) {
    for (int i = 0; i < 8; ++i) AddByte(static_cast<unsigned char>(v >> (8 * i)));
  }
  RequestHash Finish() const {
    uint64_t b = b_ ^ (b_ >> 31);
    b *= 0x94d049bb133111ebull;
    b ^= b >> 29;
    return {a_, b};
  }

 private:
  void AddByte(unsigned char c) {
    a_ = (a_ ^ c) * 0x100000001b3ull;
    b_ = (b_ + c + 1) * 0x9e3779b97f4a7c15ull;
    b_ ^= b_ >> 32;
  }
  uint64_t a_ = 0xcbf29ce484222325ull;
  uint64_t b_ = 0x2545f4914f6cdd1dull;
};

}  // namespace

void EncodeEventRecord(const EventEnvelope& e, std::string* dst) {
  const std::string_view strings[kStringCount] = {e.id,    e.stream,       e.type,          e.actor,
                                                  e.causation_id, e.correlation_id, e.data};
  size_t start = dst->size();
  size_t total = kEventHeaderSize;
  for (auto s : strings) total += s.size();
  dst->resize(start + kEventHeaderSize);
  dst->reserve(start + total);
  char* h = dst->data() + start;
  h[kVersionOffset] = static_cast<char>(kRecordFormatVersion);
  h[5] = h[6] = h[7] = 0;
  EncodeFixed64(h + kSeqOffset, e.seq.value);
  EncodeFixed64(h + kStreamVersionOffset, e.stream_version);
  EncodeFixed64(h + kOccurredAtOffset, static_cast<uint64_t>(ToUnixMicros(e.occurred_at)));
  EncodeFixed64(h + kRecordedAtOffset, static_cast<uint64_t>(ToUnixMicros(e.recorded_at)));
  EncodeFixed32(h + kSchemaVersionOffset, e.schema_version);
  for (int i = 0; i < kStringCount; ++i) {
    EncodeFixed32(h + kLengthsOffset + 4 * i, static_cast<uint32_t>(strings[i].size()));
  }
  for (auto s : strings) dst->append(s);
  SealFrame(dst, start);
}

bool DecodeEventRecord(std::string_view record, EventEnvelope* e, std::string* why) {
  if (!CheckFrame(record, kEventHeaderSize, why)) return false;
  const char* h = record.data();
  uint64_t lengths[kStringCount];
  uint64_t total = kEventHeaderSize;
  for (int i = 0; i < kStringCount; ++i) {
    lengths[i] = DecodeFixed32(h + kLengthsOffset + 4 * i);
    total += lengths[i];
  }
  if (total != record.size()) {
    *why = "record lengths do not add up to its size";
    return false;
  }
  e->seq = Seq(DecodeFixed64(h + kSeqOffset));
  e->stream_version = DecodeFixed64(h + kStreamVersionOffset);
  e->occurred_at = FromUnixMicros(static_cast<int64_t>(DecodeFixed64(h + kOccurredAtOffset)));
  e->recorded_at = FromUnixMicros(static_cast<int64_t>(DecodeFixed64(h + kRecordedAtOffset)));
  e->schema_version = DecodeFixed32(h + kSchemaVersionOffset);
  std::string* strings[kStringCount] = {&e->id,    &e->stream,       &e->type,          &e->actor,
                                        &e->causation_id, &e->correlation_id, &e->data};
  const char* p = h + kEventHeaderSize;
  for (int i = 0; i < kStringCount - 1; ++i) {
    strings[i]->assign(p, lengths[i]);
    p += lengths[i];
  }
  // data last, with spare capacity for an in-place simdjson parse.
  size_t data_size = lengths[kStringCount - 1];
  if (e->data.capacity() < data_size + kDataPadding) e->data.reserve(data_size + kDataPadding);
  e->data.assign(p, data_size);
  return true;
}

RequestHash HashFingerprint(std::string_view fingerprint) {
  Hasher h;
  h.Add("fingerprint");  // cannot collide with an event-hash, which starts with the stream
  h.Add(fingerprint);
  return h.Finish();
}

RequestHash HashRequest(const AppendRequest& request) {
  if (!request.request_fingerprint.empty()) return HashFingerprint(request.request_fingerprint);
  Hasher h;
  h.Add(request.stream);
  h.AddInt(static_cast<uint64_t>(request.expected.kind));
  h.AddInt(request.expected.kind == ExpectedVersion::Kind::kExact ? request.expected.version : 0);
  h.AddInt(request.events.size());
  for (const NewEvent& e : request.events) {
    h.Add(e.type);
    h.AddInt(e.schema_version);
    h.Add(e.actor);
    h.Add(e.data);
  }
  return h.Finish();
}

void EncodeIdempotencyRecord(const IdempotencyRecord& r, std::string* dst) {
  size_t start = dst->size();
  dst->resize(start + kIdempotencyRecordSize);
  char* h = dst->data() + start;
  h[kVersionOffset] = static_cast<char>(kRecordFormatVersion);
  h[5] = h[6] = h[7] = 0;
  EncodeFixed64(h + 8, r.hash[0]);
  EncodeFixed64(h + 16, r.hash[1]);
  EncodeFixed64(h + 24, r.result.first_seq.value);
  EncodeFixed64(h + 32, r.result.last_seq.value);
  EncodeFixed64(h + 40, r.result.stream_version);
  SealFrame(dst, start);
}

bool DecodeIdempotencyRecord(std::string_view bytes, IdempotencyRecord* r, std::string* why) {
  if (!CheckFrame(bytes, kIdempotencyRecordSize, why)) return false;
  if (bytes.size() != kIdempotencyRecordSize) {
    *why = "idempotency record has the wrong size";
    return false;
  }
  const char* h = bytes.data();
  r->hash = {DecodeFixed64(h + 8), DecodeFixed64(h + 16)};
  r->result.first_seq = Seq(DecodeFixed64(h + 24));
  r->result.last_seq = Seq(DecodeFixed64(h + 32));
  r->result.stream_version = DecodeFixed64(h + 40);
  r->result.duplicate = false;
  return true;
}

}  // namespace keyledger::store
