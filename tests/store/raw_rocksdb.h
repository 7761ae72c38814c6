// Opens a store's folder with plain RocksDB, bypassing the store, to make the states a bad disk,
// a buggy tool or a crash would leave (damaged records, a lagging stream index).
#pragma once

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace keyledger::store::testing {

// Runs `edit` on the database in `dir` with its column families by name ("default", "events",
// "streams", ...), then closes it.
inline void EditRawRocksDb(
    const std::filesystem::path& dir,
    const std::function<void(rocksdb::DB*, const std::map<std::string, rocksdb::ColumnFamilyHandle*>&)>& edit) {
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.string(), &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (auto& n : names) families.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), dir.string(), families, &handles, &db).ok());
  std::map<std::string, rocksdb::ColumnFamilyHandle*> by_name;
  for (size_t i = 0; i < names.size(); ++i) by_name[names[i]] = handles[i];
  edit(db, by_name);
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  delete db;
}

}  // namespace keyledger::store::testing
