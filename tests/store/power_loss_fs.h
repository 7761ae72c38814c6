// PowerLossFileSystem: a RocksDB FileSystem wrapper for power-loss tests. It remembers, per file
// written through it, how much a power cut would keep, and after CutPower() and the close of the
// database, DropUnsyncedData() turns the folder into what the disk would hold after the cut.
//
// What is modelled:
//  - File data: only bytes covered by a successful Sync or Fsync of the file survive. RangeSync
//    does not count (RocksDB uses it to smooth writeback, never as a durability point), nor does
//    Close. A file re-created over an old one keeps nothing of either until synced.
//  - Directory entries: a file created or renamed since the last successful Fsync of its folder
//    is lost entirely, whatever its data's state. The old name of a renamed file is not brought
//    back (RocksDB fsyncs the folder after every rename it relies on, such as CURRENT's).
//  - Deletes take effect at once; a real power cut could bring an unsynced delete back, which
//    RocksDB tolerates (it ignores obsolete files), so not modelling it hides no loss.
// After CutPower() every write, sync, create, rename and delete fails, as if the machine were off;
// reads still work, so the database can be closed. Files RocksDB writes by other routes (the info
// LOG, the LOCK file) are left as they are: neither is needed to recover.
#pragma once

#include <rocksdb/file_system.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace keyledger::store::testing {

class PowerLossFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit PowerLossFileSystem(std::shared_ptr<rocksdb::FileSystem> base);
  const char* Name() const override { return "PowerLossFileSystem"; }

  // The power goes: from now on nothing reaches the disk.
  void CutPower();
  // Once the database is closed: truncates every tracked file to its durable size and deletes the
  // files whose folder entry was never made durable. Returns one line per file changed.
  std::string DropUnsyncedData();

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReopenWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReuseWritableFile(const std::string& name, const std::string& old_name,
                                      const rocksdb::FileOptions& options,
                                      std::unique_ptr<rocksdb::FSWritableFile>* result,
                                      rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewRandomRWFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSRandomRWFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewDirectory(const std::string& name, const rocksdb::IOOptions& options,
                                 std::unique_ptr<rocksdb::FSDirectory>* result,
                                 rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus RenameFile(const std::string& src, const std::string& target,
                               const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus LinkFile(const std::string& src, const std::string& target,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus DeleteFile(const std::string& name, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus Truncate(const std::string& name, size_t size,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus CreateDir(const std::string& name, const rocksdb::IOOptions& options,
                              rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus CreateDirIfMissing(const std::string& name, const rocksdb::IOOptions& options,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus DeleteDir(const std::string& name, const rocksdb::IOOptions& options,
                              rocksdb::IODebugContext* dbg) override;

 private:
  class TrackedFile;
  class TrackedDirectory;
  // What a power cut keeps of one file; shared with its open handle, which a rename does not stop.
  struct FileState {
    uint64_t size = 0;           // bytes written
    uint64_t durable_size = 0;   // bytes covered by a successful sync
    bool entry_durable = false;  // its folder was fsynced since it got its name
  };

  // Runs `op` under mu_ unless the power is cut, in which case it fails.
  template <class Op>
  rocksdb::IOStatus WhilePowered(Op op);
  // The state of an existing file the wrapper did not create: all of it durable. mu_ held.
  std::shared_ptr<FileState> Adopt(const std::string& name);

  std::mutex mu_;  // serialises every tracked operation against CutPower
  bool power_cut_ = false;
  std::map<std::string, std::shared_ptr<FileState>> files_;  // by path as RocksDB names it
};

}  // namespace keyledger::store::testing
