// Damage on disk: a bad record or a flipped byte is reported as kCorruption naming the record
// (reads and VerifyLog), never a crash; a torn WAL tail opens and loses only the torn write;
// damage inside the WAL is refused at open.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "store/coding.h"
#include "store/keys.h"
#include "store/verify.h"
#include "tests/store/raw_rocksdb.h"
#include "tests/store/store_test_util.h"

namespace keyledger::store {
namespace {

namespace fs = std::filesystem;
using testing::MakeRequest;
using testing::OpenOrDie;
using testing::TempDir;

std::string Marker(int i) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "MARKER-%06d", i);
  return buf;
}

// Appends `n` single-event appends whose data holds Marker(i), i = 1..n (so seq i has Marker(i)).
void AppendMarked(EventStore& store, int n) {
  for (int i = 1; i <= n; ++i) {
    AppendRequest r = MakeRequest("s" + std::to_string(i % 7), ExpectedVersion::Any());
    r.events[0].data = R"({"marker":")" + Marker(i) + R"(","pad":")" + std::string(150, 'x') + "\"}";
    ASSERT_TRUE(store.Append(std::move(r)).ok());
  }
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
void WriteFile(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Flips one byte of `needle` in the first file with extension `ext` that contains it.
bool FlipByteOf(const fs::path& dir, const std::string& ext, const std::string& needle) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ext) continue;
    std::string bytes = ReadFile(entry.path());
    size_t at = bytes.find(needle);
    if (at == std::string::npos) continue;
    bytes[at + needle.size() - 1] ^= 0x01;
    WriteFile(entry.path(), bytes);
    return true;
  }
  return false;
}

fs::path NewestWal(const fs::path& dir) {
  fs::path newest;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".log" && (newest.empty() || entry.path() > newest)) newest = entry.path();
  }
  return newest;
}

// Overwrites the event record at `seq` with a copy that has one payload byte changed, bypassing
// the store, the way a bad disk or a buggy tool would.
void DamageRecordWithRawRocksDb(const fs::path& dir, uint64_t seq) {
  testing::EditRawRocksDb(dir, [&](rocksdb::DB* db, const auto& families) {
    rocksdb::ColumnFamilyHandle* events = families.at(kEventsFamily);
    std::string value;
    ASSERT_TRUE(db->Get(rocksdb::ReadOptions(), events, EventKey(Seq(seq)), &value).ok());
    value[value.size() - 3] ^= 0x20;
    rocksdb::WriteOptions wo;
    wo.sync = true;
    ASSERT_TRUE(db->Put(wo, events, EventKey(Seq(seq)), value).ok());
  });
}

TEST(CorruptionTest, BadRecordChecksumIsReportedByReadsAndNamedByVerify) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    AppendMarked(*store, 20);
  }
  DamageRecordWithRawRocksDb(dir.path(), 7);
  auto store = OpenOrDie(dir.path());  // the newest record is fine, so it opens
  ASSERT_NE(store, nullptr);

  auto all = store->ReadAll(Seq(0), 100);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.error().code, StoreError::Code::kCorruption);
  EXPECT_NE(all.error().message.find("seq 7"), std::string::npos) << all.error().message;
  auto stream = store->ReadStream("s0", 1, 100);  // seq 7 is in stream s0 (7 % 7)
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().code, StoreError::Code::kCorruption);
  auto scan = store->Scan(Seq(0), [](const EventEnvelope&) { return true; });
  ASSERT_FALSE(scan.ok());
  EXPECT_EQ(scan.error().code, StoreError::Code::kCorruption);
  // Reading around the damage still works.
  EXPECT_TRUE(store->ReadAll(Seq(7), 100).ok());

  std::atomic<bool> failed{false};
  std::atomic<uint64_t> delivered{0};
  auto sub = store->Subscribe(
      Seq(0), [&](const EventEnvelope& e) { delivered = e.seq.value; return true; },
      [&](const StoreError& error) {
        EXPECT_EQ(error.code, StoreError::Code::kCorruption);
        failed = true;
      });
  for (int i = 0; i < 2000 && !failed; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_TRUE(failed.load());
  EXPECT_EQ(delivered.load(), 6u);
  sub.reset();
  store.reset();

  VerifyReport report = VerifyLog(dir.path());
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad, "seq 7");
  EXPECT_EQ(report.events_checked, 6u);
  EXPECT_NE(report.message.find("checksum"), std::string::npos) << report.message;

  RocksStoreOptions verify_first;
  verify_first.verify_on_open = true;
  auto refused = OpenRocksEventStore(dir.path(), verify_first);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, StoreError::Code::kCorruption);
  EXPECT_NE(refused.error().message.find("seq 7"), std::string::npos);
}

TEST(CorruptionTest, DamagedNewestRecordIsRefusedAtOpen) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    AppendMarked(*store, 5);
  }
  DamageRecordWithRawRocksDb(dir.path(), 5);
  auto store = OpenRocksEventStore(dir.path());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, StoreError::Code::kCorruption);
  EXPECT_NE(store.error().message.find("seq 5"), std::string::npos) << store.error().message;
}

TEST(CorruptionTest, FlippedByteInAnSstFileIsCorruptionNotACrash) {
  TempDir dir;
  RocksStoreOptions options;
  options.compress = false;  // so that the marker is findable in the file
  {
    auto store = OpenOrDie(dir.path(), options);
    AppendMarked(*store, 600);
  }
  // Reopening replays the WAL into an SST file (flush on recovery).
  { auto store = OpenOrDie(dir.path(), options); }
  ASSERT_TRUE(FlipByteOf(dir.path(), ".sst", Marker(3)));

  auto store = OpenOrDie(dir.path(), options);  // the newest records live in an intact block
  ASSERT_NE(store, nullptr);
  auto all = store->ReadAll(Seq(0), 10);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.error().code, StoreError::Code::kCorruption);
  EXPECT_NE(all.error().message.find("seq "), std::string::npos) << all.error().message;
  store.reset();

  VerifyReport report = VerifyLog(dir.path());
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad.rfind("seq ", 0), 0u) << report.first_bad;
  EXPECT_LE(report.events_checked, 3u);
}

TEST(CorruptionTest, TornWalTailOpensAndLosesOnlyTheTornWrite) {
  TempDir dir;
  fs::path wal;
  uintmax_t before = 0;
  uintmax_t after = 0;
  {
    auto store = OpenOrDie(dir.path());
    AppendMarked(*store, 20);
    wal = NewestWal(dir.path());
    before = fs::file_size(wal);
    // The write the crash tears: only part of it reaches the disk.
    ASSERT_TRUE(store->Append(MakeRequest("torn", ExpectedVersion::Any(), 3)).ok());
    after = fs::file_size(wal);
  }
  ASSERT_GT(after, before);
  fs::resize_file(wal, before + (after - before) / 2);

  auto store = OpenOrDie(dir.path());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->HeadSeq(), Seq(20));
  EXPECT_EQ(store->StreamVersion("torn").value(), 0u);
  auto all = store->ReadAll(Seq(0), 100);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 20u);
  // The log continues gap-free after the torn tail.
  auto next = store->Append(MakeRequest("torn", ExpectedVersion::NoStream()));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->first_seq, Seq(21));
  store.reset();
  VerifyReport report = VerifyLog(dir.path());
  EXPECT_TRUE(report.ok) << report.first_bad << ": " << report.message;
}

TEST(CorruptionTest, DamageInsideTheWalBeforeItsTailIsRefusedAtOpen) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    AppendMarked(*store, 20);
  }
  ASSERT_TRUE(FlipByteOf(dir.path(), ".log", Marker(5)));
  auto store = OpenRocksEventStore(dir.path());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, StoreError::Code::kCorruption);
  EXPECT_NE(store.error().message.find("write-ahead log"), std::string::npos) << store.error().message;
}

}  // namespace
}  // namespace keyledger::store
