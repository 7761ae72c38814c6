// The database's info LOG, written with plain stdio. RocksDB 7.8's own LOG writer asserts on the
// first write after a failed one (WritableFileWriter remembers the error; Debian's librocksdb is
// built with assertions), so on a full disk the second log line about the error would abort the
// whole server, where the store means to stay up read-only. This writer drops what it cannot
// write. Internal to store/.
#pragma once

#include <filesystem>
#include <memory>

namespace rocksdb {
class Logger;
}  // namespace rocksdb

namespace keyledger::store {

// Appends to `dir`/LOG (moved to LOG.old first once it is over 16 MiB). Never fails: if the file
// cannot be opened, the logger drops everything.
std::shared_ptr<rocksdb::Logger> OpenInfoLog(const std::filesystem::path& dir);

}  // namespace keyledger::store
