// RocksLog: the open RocksDB database behind the event log, its column families and the
// acknowledged head. Shared (shared_ptr) by the store, its writer and its subscriptions so that a
// subscription that outlives the store still reads from an open database.
// The database is reached only through a Lease, because the writer may close and reopen it to
// recover from a failed write or sync (Reopen; group_commit.h) while readers go on.
// Internal to store/; layout: docs/event_format.md.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "domain/core/seq.h"
#include "store/event_store.h"
#include "store/reopen_gate.h"

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

  // The open database for the span of one operation: a reopen waits until every lease is gone,
  // so nothing taken from it (the DB, a family handle, an iterator) may outlive it. Empty (false)
  // only if a reopen could open the database neither for writing nor for reading.
  class Lease {
   public:
    explicit Lease(const RocksLog& log) : log_(log) { log_.gate_.Enter(); }
    ~Lease() { log_.gate_.Leave(); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    explicit operator bool() const { return log_.db_ != nullptr; }
    rocksdb::DB* db() const { return log_.db_; }
    rocksdb::ColumnFamilyHandle* meta() const { return log_.handles_[0]; }
    rocksdb::ColumnFamilyHandle* events() const { return log_.handles_[1]; }
    rocksdb::ColumnFamilyHandle* stream_index() const { return log_.handles_[2]; }
    rocksdb::ColumnFamilyHandle* idempotency() const { return log_.handles_[3]; }
    rocksdb::ColumnFamilyHandle* time_index() const { return log_.handles_[4]; }

   private:
    const RocksLog& log_;
  };
  Lease Borrow() const { return Lease(*this); }

  // Closes the database and opens it again for writing, as a restart would, without one: RocksDB
  // itself stays read-only after a failed WAL write (DB::Resume cannot clear that in 7.8), and a
  // reopen replays what the WAL really holds. Starts once no lease is left, waiting up to
  // `patience` for that (else fails, changing nothing); leases asked for while it runs wait for
  // it (reopen_gate.h). If the database cannot be opened for writing (the disk is still full), it
  // is opened read-only so that reads go on, and the error is returned.
  // Called only by the writer, with no write or sync in flight.
  StoreResult<Ok> Reopen(std::chrono::milliseconds patience);

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
  // Opens db_ and handles_ in dir_ with options_, read-only if asked.
  rocksdb::Status OpenDatabase(bool read_only);
  void CloseDatabase();

  std::filesystem::path dir_;
  RocksLogOptions options_;
  mutable ReopenGate gate_;
  rocksdb::DB* db_ = nullptr;                          // changed only by Reopen, gate closed
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // likewise
  std::atomic<uint64_t> head_{0};
  std::mutex head_mu_;
  std::condition_variable head_cv_;
};

// Translates a RocksDB status into a StoreError; `what` says what was being done.
StoreError ToStoreError(const rocksdb::Status& status, std::string_view what);
// The error of an operation whose lease is empty (see RocksLog::Lease).
StoreError LogClosedError();

}  // namespace keyledger::store
