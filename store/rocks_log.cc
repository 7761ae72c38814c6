#include "store/rocks_log.h"

#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <string>

#include "store/info_log.h"
#include "store/keys.h"
#include "store/stream_index.h"

namespace keyledger::store {
namespace {

// A stream index key's stream part (name and its 0 byte): the memtable keeps an insert position
// per stream, and since a stream's versions arrive in order, inserting the next one starts from
// there instead of searching the skip list from the top (most of the writer's CPU without it,
// with the keys of thousands of streams interleaved). Memory only: nothing of it is on disk.
class StreamPrefix : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "keyledger.StreamPrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(key.data(), key.size() - 8);
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return ParseStreamIndexKey(std::string_view(key.data(), key.size())).has_value();
  }
};

rocksdb::ColumnFamilyOptions FamilyOptions(bool compress, size_t block_size, bool bloom = false) {
  rocksdb::ColumnFamilyOptions cf;
  auto supported = rocksdb::GetSupportedCompressions();
  bool has_lz4 = std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) !=
                 supported.end();
  cf.compression = (compress && has_lz4) ? rocksdb::kLZ4Compression : rocksdb::kNoCompression;
  rocksdb::BlockBasedTableOptions table;
  table.block_size = block_size;
  if (bloom) table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return cf;
}

// The stream index: insert hints (StreamPrefix) and bloom filters over whole keys, in the tables
// and in the memtable, so that asking whether a stream exists (its version 1, see
// ReadStreamVersion) is usually answered without a search.
rocksdb::ColumnFamilyOptions StreamIndexFamilyOptions(bool compress) {
  rocksdb::ColumnFamilyOptions cf = FamilyOptions(compress, 4096, /*bloom=*/true);
  cf.memtable_insert_with_hint_prefix_extractor = std::make_shared<StreamPrefix>();
  cf.memtable_whole_key_filtering = true;
  cf.memtable_prefix_bloom_size_ratio = 0.02;
  return cf;
}

}  // namespace

rocksdb::Status RocksLog::OpenDatabase(bool read_only) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = !read_only;
  db_options.create_missing_column_families = !read_only;
  db_options.paranoid_checks = true;
  // WAL recovery: kTolerateCorruptedTailRecords. A write that was torn by a crash can only be the
  // last one in the WAL, and it was never acknowledged (we acknowledge after the sync returns), so
  // dropping an incomplete tail loses nothing we promised. Damage anywhere before the tail means
  // synced, acknowledged data is unreadable: this mode fails the open with Corruption instead of
  // silently stopping there, which is what kPointInTimeRecovery would do (it would truncate the log
  // at the damage and drop every acknowledged event after it).
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  db_options.max_background_jobs = 2;
  // The MANIFEST grows by a few hundred bytes per flush. RocksDB's default 4 MiB preallocation
  // would be given back by every reopen, so on a full disk the store's recovery (a reopen) would
  // succeed on that space alone and fill it at once, flapping between writable and full.
  db_options.manifest_preallocation_size = 64 << 10;
  if (options_.env != nullptr) db_options.env = options_.env;

  // Events are scanned in large runs (replay), so big blocks; indexes are small point lookups.
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, FamilyOptions(options_.compress, 4096)},
      {kEventsFamily, FamilyOptions(options_.compress, 32 * 1024)},
      {kStreamIndexFamily, StreamIndexFamilyOptions(options_.compress)},
      {kIdempotencyFamily, FamilyOptions(options_.compress, 4096)},
      {kTimeIndexFamily, FamilyOptions(options_.compress, 4096)},
  };
  rocksdb::Status s;
  if (read_only) {
    s = rocksdb::DB::OpenForReadOnly(db_options, dir_.string(), families, &handles_, &db_);
  } else {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    db_options.info_log = OpenInfoLog(dir_);  // read-only opens write no LOG
    s = rocksdb::DB::Open(db_options, dir_.string(), families, &handles_, &db_);
  }
  if (!s.ok()) {
    db_ = nullptr;
    handles_.clear();
  }
  return s;
}

void RocksLog::CloseDatabase() {
  if (db_ == nullptr) return;
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  handles_.clear();
  // The status is moot: every acknowledged write was already synced, and after a failed write or
  // sync the reopen that follows reads what the files really hold.
  db_->Close();
  delete db_;
  db_ = nullptr;
}

StoreResult<std::shared_ptr<RocksLog>> RocksLog::Open(const std::filesystem::path& dir,
                                                      const RocksLogOptions& options) {
  std::shared_ptr<RocksLog> log(new RocksLog());
  log->dir_ = dir;
  log->options_ = options;
  rocksdb::Status s = log->OpenDatabase(options.read_only);
  if (!s.ok()) {
    StoreError error = ToStoreError(s, "opening the event log in " + dir.string());
    if (error.code == StoreError::Code::kCorruption) {
      error.message += " (damage before the write-ahead log's tail: acknowledged data would be "
                       "lost, so the log is refused; restore from a backup)";
    }
    return Fail(std::move(error));
  }
  if (!options.read_only) {
    std::string version;
    s = log->db_->Get(rocksdb::ReadOptions(), log->handles_[0], kFormatVersionKey, &version);
    if (s.IsNotFound()) {  // a new log: its (empty) stream index reaches seq 0
      rocksdb::WriteOptions wo;
      wo.sync = true;
      rocksdb::WriteBatch create;
      create.Put(log->handles_[0], kFormatVersionKey, kFormatVersion);
      PutIndexedThrough(create, log->handles_[0], Seq(0));
      s = log->db_->Write(wo, &create);
      version = kFormatVersion;
    }
    if (!s.ok()) return Fail(ToStoreError(s, "reading the format version"));
    // A format-1 log is upgraded by the open's CompleteStreamIndex (stream_index.h).
    if (!IsReadableFormatVersion(version)) {
      return Fail(StoreError{StoreError::Code::kCorruption,
                             "unsupported event log format version '" + version + "'"});
    }
  }
  return log;
}

StoreResult<Ok> RocksLog::Reopen(std::chrono::milliseconds patience) {
  if (!gate_.CloseWithin(patience)) {
    return Fail(StoreError{StoreError::Code::kIOError,
                           "reopening the event log: readers stayed longer than " +
                               std::to_string(patience.count()) + " ms"});
  }
  CloseDatabase();
  rocksdb::Status s = OpenDatabase(/*read_only=*/false);
  StoreResult<Ok> result = Ok{};
  if (!s.ok()) {
    result = Fail(ToStoreError(s, "reopening the event log in " + dir_.string()));
    OpenDatabase(/*read_only=*/true);  // if even this fails, leases are empty and reads fail
  }
  gate_.Open();
  return result;
}

RocksLog::~RocksLog() { CloseDatabase(); }

void RocksLog::PublishHead(Seq head) {
  {
    std::lock_guard lock(head_mu_);
    head_.store(head.value, std::memory_order_release);
  }
  head_cv_.notify_all();
}

void RocksLog::WakeAll() {
  { std::lock_guard lock(head_mu_); }
  head_cv_.notify_all();
}

StoreError ToStoreError(const rocksdb::Status& status, std::string_view what) {
  StoreError::Code code = StoreError::Code::kIOError;
  if (status.IsCorruption()) code = StoreError::Code::kCorruption;
  if (status.IsNotFound()) code = StoreError::Code::kNotFound;
  if (status.IsInvalidArgument()) code = StoreError::Code::kInvalidArgument;
  return StoreError{code, std::string(what) + ": " + status.ToString()};
}

StoreError LogClosedError() {
  return StoreError{StoreError::Code::kIOError,
                    "the event log could not be reopened after a disk failure; retrying"};
}

}  // namespace keyledger::store
