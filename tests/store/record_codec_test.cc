// The record codec and crc32c, byte level.
#include <gtest/gtest.h>

#include "store/crc32c.h"
#include "store/keys.h"
#include "store/record_codec.h"

namespace keyledger::store {
namespace {

TEST(Crc32cTest, MatchesTheStandardCheckValues) {
  EXPECT_EQ(crc32c::Value("123456789", 9), 0xe3069283u);  // the CRC-32C check value
  char zeros[32] = {};
  EXPECT_EQ(crc32c::Value(zeros, 32), 0x8a9136aau);  // RFC 3720 B.4
  std::string long_text(1000, 'k');
  EXPECT_EQ(crc32c::Extend(crc32c::Value(long_text.data(), 300), long_text.data() + 300, 700),
            crc32c::Value(long_text.data(), 1000));
  EXPECT_EQ(crc32c::Unmask(crc32c::Mask(0x12345678u)), 0x12345678u);
}

EventEnvelope SampleEvent() {
  EventEnvelope e;
  e.seq = Seq(42);
  e.id = "id-1";
  e.stream = "account-A1";
  e.stream_version = 7;
  e.type = "AccountOpened";
  e.schema_version = 2;
  e.occurred_at = FromUnixMicros(123);
  e.recorded_at = FromUnixMicros(456);
  e.actor = "u";
  e.causation_id = "c";
  e.correlation_id = "r";
  e.data = R"({"a":1})";
  return e;
}

TEST(RecordCodecTest, EventRecordRoundTripsAndLeavesPaddingAfterData) {
  std::string bytes;
  EncodeEventRecord(SampleEvent(), &bytes);
  EXPECT_EQ(bytes.size(), kEventHeaderSize + 4 + 10 + 13 + 1 + 1 + 1 + 7);
  EventEnvelope out;
  std::string why;
  ASSERT_TRUE(DecodeEventRecord(bytes, &out, &why)) << why;
  EventEnvelope in = SampleEvent();
  EXPECT_EQ(out.seq, in.seq);
  EXPECT_EQ(out.stream, in.stream);
  EXPECT_EQ(out.stream_version, in.stream_version);
  EXPECT_EQ(out.recorded_at, in.recorded_at);
  EXPECT_EQ(out.data, in.data);
  EXPECT_GE(out.data.capacity(), out.data.size() + kDataPadding);
}

TEST(RecordCodecTest, EveryFlippedBitAndEveryTruncationIsDetected) {
  std::string bytes;
  EncodeEventRecord(SampleEvent(), &bytes);
  EventEnvelope out;
  std::string why;
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string bad = bytes;
      bad[i] ^= static_cast<char>(1 << bit);
      EXPECT_FALSE(DecodeEventRecord(bad, &out, &why)) << "byte " << i << " bit " << bit;
    }
  }
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(DecodeEventRecord(std::string_view(bytes).substr(0, n), &out, &why)) << n;
  }
}

TEST(RecordCodecTest, IdempotencyRecordRoundTrips) {
  IdempotencyRecord in{{1, 2}, AppendResult{Seq(5), Seq(9), 12, false}};
  std::string bytes;
  EncodeIdempotencyRecord(in, &bytes);
  IdempotencyRecord out;
  std::string why;
  ASSERT_TRUE(DecodeIdempotencyRecord(bytes, &out, &why)) << why;
  EXPECT_EQ(out.hash, in.hash);
  EXPECT_EQ(out.result.first_seq, Seq(5));
  EXPECT_EQ(out.result.last_seq, Seq(9));
  EXPECT_EQ(out.result.stream_version, 12u);
  bytes[20] ^= 1;
  EXPECT_FALSE(DecodeIdempotencyRecord(bytes, &out, &why));
}

TEST(KeysTest, KeysSortNumericallyAndParseBack) {
  EXPECT_LT(EventKey(Seq(255)), EventKey(Seq(256)));
  EXPECT_LT(StreamIndexKey("a", 9), StreamIndexKey("a", 10));
  EXPECT_LT(StreamIndexKey("a", UINT64_MAX), StreamIndexKey("ab", 1));
  EXPECT_LT(TimeIndexKey(FromUnixMicros(-1), Seq(9)), TimeIndexKey(FromUnixMicros(0), Seq(1)));
  const std::string key = StreamIndexKey("p-1", 77);  // the parsed entry views into it
  auto parsed = ParseStreamIndexKey(key);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->stream, "p-1");
  EXPECT_EQ(parsed->version, 77u);
  auto t = ParseTimeIndexKey(TimeIndexKey(FromUnixMicros(-5), Seq(3)));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->recorded_at, FromUnixMicros(-5));
  EXPECT_EQ(t->seq, Seq(3));
}

TEST(RecordCodecTest, RequestHashIgnoresPerAttemptMetadataButNotSubstance) {
  AppendRequest a;
  a.stream = "s";
  NewEvent e;
  e.id = "1";
  e.type = "T";
  e.data = "{}";
  a.events.push_back(e);
  AppendRequest b = a;
  b.events[0].id = "2";
  b.events[0].correlation_id = "other";
  EXPECT_EQ(HashRequest(a), HashRequest(b));
  b.events[0].type = "U";
  EXPECT_NE(HashRequest(a), HashRequest(b));
  AppendRequest c = a;
  c.expected = ExpectedVersion::Exact(3);
  EXPECT_NE(HashRequest(a), HashRequest(c));
}

}  // namespace
}  // namespace keyledger::store
