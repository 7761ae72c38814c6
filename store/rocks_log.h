// RocksLog: the open RocksDB database behind the event log, its column families and the
// acknowledged head. Shared (shared_ptr) by the store, its writer and its subscriptions so that a
// subscription that outlives the store still reads from an open database.
// Internal to store/; layout: docs/event_format.md.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "domain/core/seq.h"
#include "store/event_store.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Env;
class Status;
}  // namespace rocksdb

namespace keyledger::store {

struct RocksLogOptions {
  bool read_only = false;        // RocksDB read-only open: no WAL replay written, no LOCK taken
  bool compress = true;          // LZ4 for SST files when the library has it
  rocksdb::Env* env = nullptr;   // not owned; nullptr = rocksdb::Env::Default()
};

class RocksLog {
 public:
  // Opens (creating if absent, unless read_only) the database in `dir`. The WAL is recovered with
  // kTolerateCorruptedTailRecords: see the comment in rocks_log.cc.
  static StoreResult<std::shared_ptr<RocksLog>> Open(const std::filesystem::path& dir,
                                                     const RocksLogOptions& options);
  ~RocksLog();
  RocksLog(const RocksLog&) = delete;
  RocksLog& operator=(const RocksLog&) = delete;

  rocksdb::DB* db() const { return db_; }
  rocksdb::ColumnFamilyHandle* meta() const { return handles_[0]; }
  rocksdb::ColumnFamilyHandle* events() const { return handles_[1]; }
  rocksdb::ColumnFamilyHandle* stream_index() const { return handles_[2]; }
  rocksdb::ColumnFamilyHandle* idempotency() const { return handles_[3]; }
  rocksdb::ColumnFamilyHandle* time_index() const { return handles_[4]; }
  const std::filesystem::path& dir() const { return dir_; }

  // The newest acknowledged (durable) seq. Readers never look past it, so nobody sees an event
  // whose append has not been acknowledged yet.
  Seq Head() const { return Seq(head_.load(std::memory_order_acquire)); }
  // Called by the writer after each durable commit; wakes every waiting subscription.
  void PublishHead(Seq head);
  // Blocks until Head() > after or stop_requested() is true; returns Head().
  template <class StopFn>
  Seq WaitForHeadAfter(Seq after, StopFn stop_requested) {
    std::unique_lock lock(head_mu_);
    head_cv_.wait(lock, [&] { return Head() > after || stop_requested(); });
    return Head();
  }
  // Wakes all waiters so that they re-check their stop condition.
  void WakeAll();

 private:
  RocksLog() = default;

  std::filesystem::path dir_;
  rocksdb::DB* db_ = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::atomic<uint64_t> head_{0};
  std::mutex head_mu_;
  std::condition_variable head_cv_;
};

// Translates a RocksDB status into a StoreError; `what` says what was being done.
StoreError ToStoreError(const rocksdb::Status& status, std::string_view what);

}  // namespace keyledger::store
