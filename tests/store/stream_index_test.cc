// The stream index may lag the log after a crash (store/stream_index.h): the events of the last
// group can be durable before their index entries. These tests make that state with raw RocksDB,
// the way a crash between the WAL sync and the index write would leave it, and check that verify
// accepts it, that the next open completes the index, and that a format-1 log is upgraded.
#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "store/coding.h"
#include "store/keys.h"
#include "store/rocks_event_store.h"
#include "store/verify.h"
#include "tests/store/raw_rocksdb.h"
#include "tests/store/store_test_util.h"

namespace keyledger::store {
namespace {

using testing::MakeRequest;
using testing::OpenOrDie;
using testing::TempDir;
namespace fs = std::filesystem;

constexpr int kStreams = 5;
constexpr uint64_t kEvents = 50;

// Appends kEvents events round-robin over streams s0..s4 (seq n is in stream s((n - 1) % 5)).
void AppendRoundRobin(EventStore& store) {
  for (uint64_t n = 0; n < kEvents; ++n) {
    ASSERT_TRUE(store.Append(MakeRequest("s" + std::to_string(n % kStreams), ExpectedVersion::Any())).ok());
  }
}

// Runs `edit` on the raw database with its meta and stream index families.
void EditRaw(const fs::path& dir,
             const std::function<void(rocksdb::DB*, rocksdb::ColumnFamilyHandle* meta,
                                      rocksdb::ColumnFamilyHandle* streams)>& edit) {
  testing::EditRawRocksDb(dir, [&](rocksdb::DB* db, const auto& families) {
    edit(db, families.at(rocksdb::kDefaultColumnFamilyName), families.at(kStreamIndexFamily));
  });
}

std::string BigEndian(uint64_t v) {
  std::string out;
  PutBigEndian64(&out, v);
  return out;
}

std::string ReadMeta(const fs::path& dir, const std::string& key) {
  std::string value;
  EditRaw(dir, [&](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta, rocksdb::ColumnFamilyHandle*) {
    if (!db->Get(rocksdb::ReadOptions(), meta, key, &value).ok()) value = "<none>";
  });
  return value;
}

// The state a crash leaves when the events of seqs (reach, kEvents] were synced but their index
// batch was not: their entries are gone and the recorded reach is `reach`.
void DropIndexAfter(const fs::path& dir, uint64_t reach) {
  EditRaw(dir, [&](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta, rocksdb::ColumnFamilyHandle* streams) {
    rocksdb::WriteBatch batch;
    for (uint64_t seq = reach + 1; seq <= kEvents; ++seq) {
      uint64_t version = (seq - 1) / kStreams + 1;
      batch.Delete(streams, StreamIndexKey("s" + std::to_string((seq - 1) % kStreams), version));
    }
    batch.Put(meta, kStreamIndexThroughKey, BigEndian(reach));
    rocksdb::WriteOptions wo;
    wo.sync = true;
    ASSERT_TRUE(db->Write(wo, &batch).ok());
  });
}

void ExpectEveryStreamWhole(EventStore& store) {
  for (int s = 0; s < kStreams; ++s) {
    std::string stream = "s" + std::to_string(s);
    auto events = store.ReadStream(stream, 1, 1000);
    ASSERT_TRUE(events.ok()) << events.error().message;
    ASSERT_EQ(events->size(), kEvents / kStreams) << stream;
    for (size_t i = 0; i < events->size(); ++i) {
      EXPECT_EQ((*events)[i].stream_version, i + 1);
      EXPECT_EQ((*events)[i].seq.value, i * kStreams + s + 1);
    }
    auto version = store.StreamVersion(stream);
    ASSERT_TRUE(version.ok());
    EXPECT_EQ(*version, kEvents / kStreams);
  }
}

TEST(StreamIndexTest, NewLogRecordsHowFarTheIndexReaches) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    AppendRoundRobin(*store);
  }
  EXPECT_EQ(ReadMeta(dir.path(), kFormatVersionKey), "2");
  EXPECT_EQ(ReadMeta(dir.path(), kStreamIndexThroughKey), BigEndian(kEvents));
}

TEST(StreamIndexTest, EventsACrashLeftUnindexedAreAcceptedByVerifyAndIndexedAtOpen) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    AppendRoundRobin(*store);
  }
  DropIndexAfter(dir.path(), 37);

  VerifyReport lagging = VerifyLog(dir.path());
  EXPECT_TRUE(lagging.ok) << lagging.first_bad << ": " << lagging.message;
  EXPECT_NE(lagging.message.find("newest 13 events are indexed at the next open"), std::string::npos)
      << lagging.message;

  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  ExpectEveryStreamWhole(*store);
  // The versions come from the completed index: an exact expected version is accepted.
  auto next = store->Append(MakeRequest("s2", ExpectedVersion::Exact(kEvents / kStreams)));
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->stream_version, kEvents / kStreams + 1);
  store.reset();

  VerifyReport complete = VerifyLog(dir.path());
  EXPECT_TRUE(complete.ok) << complete.first_bad << ": " << complete.message;
  EXPECT_EQ(complete.message.find("next open"), std::string::npos) << complete.message;
  EXPECT_EQ(ReadMeta(dir.path(), kStreamIndexThroughKey), BigEndian(kEvents + 1));
}

TEST(StreamIndexTest, MissingEntriesBelowTheReachAreNamedByVerify) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    AppendRoundRobin(*store);
  }
  DropIndexAfter(dir.path(), 37);
  EditRaw(dir.path(), [](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta, rocksdb::ColumnFamilyHandle*) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), meta, kStreamIndexThroughKey, BigEndian(40)).ok());
  });
  VerifyReport report = VerifyLog(dir.path());
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, "seq 38") << report.message;
}

TEST(StreamIndexTest, AnIndexThatClaimsMoreThanTheLogIsRefused) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    AppendRoundRobin(*store);
  }
  EditRaw(dir.path(), [](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta, rocksdb::ColumnFamilyHandle*) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), meta, kStreamIndexThroughKey, BigEndian(kEvents + 5)).ok());
  });
  EXPECT_FALSE(VerifyLog(dir.path()).ok);
  auto opened = OpenRocksEventStore(dir.path());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, StoreError::Code::kCorruption);
  EXPECT_NE(opened.error().message.find("claims seq 55"), std::string::npos) << opened.error().message;
}

TEST(StreamIndexTest, FormatOneLogIsUpgradedAtOpen) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    AppendRoundRobin(*store);
  }
  // A format-1 log: the index always complete, no reach recorded.
  EditRaw(dir.path(), [](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta, rocksdb::ColumnFamilyHandle*) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), meta, kFormatVersionKey, "1").ok());
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), meta, kStreamIndexThroughKey).ok());
  });
  VerifyReport old_format = VerifyLog(dir.path());
  EXPECT_TRUE(old_format.ok) << old_format.first_bad << ": " << old_format.message;
  {
    auto store = OpenOrDie(dir.path());
    ASSERT_NE(store, nullptr);
    ExpectEveryStreamWhole(*store);
  }
  EXPECT_EQ(ReadMeta(dir.path(), kFormatVersionKey), "2");
  EXPECT_EQ(ReadMeta(dir.path(), kStreamIndexThroughKey), BigEndian(kEvents));
  EXPECT_TRUE(VerifyLog(dir.path()).ok);
}

TEST(StreamIndexTest, FormatTwoLogWithoutItsReachIsRefused) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    AppendRoundRobin(*store);
  }
  EditRaw(dir.path(), [](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta, rocksdb::ColumnFamilyHandle*) {
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), meta, kStreamIndexThroughKey).ok());
  });
  EXPECT_FALSE(VerifyLog(dir.path()).ok);
  auto opened = OpenRocksEventStore(dir.path());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, StoreError::Code::kCorruption);
}

}  // namespace
}  // namespace keyledger::store
