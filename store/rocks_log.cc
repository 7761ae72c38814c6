#include "store/rocks_log.h"

#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>

#include <algorithm>
#include <string>

#include "store/keys.h"

namespace keyledger::store {
namespace {

rocksdb::ColumnFamilyOptions FamilyOptions(bool compress, size_t block_size) {
  rocksdb::ColumnFamilyOptions cf;
  auto supported = rocksdb::GetSupportedCompressions();
  bool has_lz4 = std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) !=
                 supported.end();
  cf.compression = (compress && has_lz4) ? rocksdb::kLZ4Compression : rocksdb::kNoCompression;
  rocksdb::BlockBasedTableOptions table;
  table.block_size = block_size;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return cf;
}

}  // namespace

StoreResult<std::shared_ptr<RocksLog>> RocksLog::Open(const std::filesystem::path& dir,
                                                      const RocksLogOptions& options) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = !options.read_only;
  db_options.create_missing_column_families = !options.read_only;
  db_options.paranoid_checks = true;
  // WAL recovery: kTolerateCorruptedTailRecords. A write that was torn by a crash can only be the
  // last one in the WAL, and it was never acknowledged (we acknowledge after the sync returns), so
  // dropping an incomplete tail loses nothing we promised. Damage anywhere before the tail means
  // synced, acknowledged data is unreadable: this mode fails the open with Corruption instead of
  // silently stopping there, which is what kPointInTimeRecovery would do (it would truncate the log
  // at the damage and drop every acknowledged event after it).
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  db_options.max_background_jobs = 2;
  if (options.env != nullptr) db_options.env = options.env;

  // Events are scanned in large runs (replay), so big blocks; indexes are small point lookups.
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, FamilyOptions(options.compress, 4096)},
      {kEventsFamily, FamilyOptions(options.compress, 32 * 1024)},
      {kStreamIndexFamily, FamilyOptions(options.compress, 4096)},
      {kIdempotencyFamily, FamilyOptions(options.compress, 4096)},
      {kTimeIndexFamily, FamilyOptions(options.compress, 4096)},
  };
  std::shared_ptr<RocksLog> log(new RocksLog());
  log->dir_ = dir;
  rocksdb::Status s;
  if (options.read_only) {
    s = rocksdb::DB::OpenForReadOnly(db_options, dir.string(), families, &log->handles_, &log->db_);
  } else {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    s = rocksdb::DB::Open(db_options, dir.string(), families, &log->handles_, &log->db_);
  }
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
    s = log->db_->Get(rocksdb::ReadOptions(), log->meta(), kFormatVersionKey, &version);
    if (s.IsNotFound()) {
      rocksdb::WriteOptions wo;
      wo.sync = true;
      s = log->db_->Put(wo, log->meta(), kFormatVersionKey, kFormatVersion);
      version = kFormatVersion;
    }
    if (!s.ok()) return Fail(ToStoreError(s, "reading the format version"));
    if (version != kFormatVersion) {
      return Fail(StoreError{StoreError::Code::kCorruption,
                             "unsupported event log format version '" + version + "'"});
    }
  }
  return log;
}

RocksLog::~RocksLog() {
  if (db_ == nullptr) return;
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  db_->Close();  // the status is moot here: every acknowledged write was already synced
  delete db_;
}

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

}  // namespace keyledger::store
