#include "tests/store/power_loss_fs.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace keyledger::store::testing {
namespace {

using rocksdb::IODebugContext;
using rocksdb::IOOptions;
using rocksdb::IOStatus;

// One spelling per path, so that a folder's files can be found by prefix.
std::string Key(const std::string& name) {
  std::string key = std::filesystem::path(name).lexically_normal().string();
  while (key.size() > 1 && key.back() == '/') key.pop_back();
  return key;
}

std::string FolderOf(const std::string& key) {
  return std::filesystem::path(key).parent_path().string();
}

template <class State>
void Shrink(State& state, uint64_t size) {
  state.size = size;
  state.durable_size = std::min(state.durable_size, size);
}

}  // namespace

template <class Op>
IOStatus PowerLossFileSystem::WhilePowered(Op op) {
  std::lock_guard lock(mu_);
  if (power_cut_) return IOStatus::IOError("PowerLossFileSystem: the power is off");
  return op();
}

class PowerLossFileSystem::TrackedFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  TrackedFile(std::unique_ptr<rocksdb::FSWritableFile> base, PowerLossFileSystem* fs,
              std::shared_ptr<FileState> state)
      : FSWritableFileOwnerWrapper(std::move(base)), fs_(fs), state_(std::move(state)) {}

  IOStatus Append(const rocksdb::Slice& data, const IOOptions& o, IODebugContext* d) override {
    return fs_->WhilePowered([&] {
      IOStatus s = target()->Append(data, o, d);
      if (s.ok()) state_->size += data.size();
      return s;
    });
  }
  IOStatus Append(const rocksdb::Slice& data, const IOOptions& o,
                  const rocksdb::DataVerificationInfo& /*info*/, IODebugContext* d) override {
    return Append(data, o, d);
  }
  // Only for direct I/O, which the store does not use; refused so that no write goes untracked.
  IOStatus PositionedAppend(const rocksdb::Slice&, uint64_t, const IOOptions&,
                            IODebugContext*) override {
    return IOStatus::NotSupported("PowerLossFileSystem: PositionedAppend");
  }
  IOStatus PositionedAppend(const rocksdb::Slice&, uint64_t, const IOOptions&,
                            const rocksdb::DataVerificationInfo&, IODebugContext*) override {
    return IOStatus::NotSupported("PowerLossFileSystem: PositionedAppend");
  }
  IOStatus Truncate(uint64_t size, const IOOptions& o, IODebugContext* d) override {
    return fs_->WhilePowered([&] {
      IOStatus s = target()->Truncate(size, o, d);
      if (s.ok()) Shrink(*state_, size);
      return s;
    });
  }
  IOStatus Flush(const IOOptions& o, IODebugContext* d) override {
    return fs_->WhilePowered([&] { return target()->Flush(o, d); });
  }
  IOStatus Sync(const IOOptions& o, IODebugContext* d) override {
    return MakeDurable([&] { return target()->Sync(o, d); });
  }
  IOStatus Fsync(const IOOptions& o, IODebugContext* d) override {
    return MakeDurable([&] { return target()->Fsync(o, d); });
  }
  // Writeback without a durability promise: allowed while powered, counts for nothing.
  IOStatus RangeSync(uint64_t offset, uint64_t nbytes, const IOOptions& o,
                     IODebugContext* d) override {
    return fs_->WhilePowered([&] { return target()->RangeSync(offset, nbytes, o, d); });
  }

 private:
  // Under mu_, so a sync happens wholly before the power cut (and then counts) or after (fails).
  template <class SyncFn>
  IOStatus MakeDurable(SyncFn sync) {
    return fs_->WhilePowered([&] {
      const uint64_t covered = state_->size;
      IOStatus s = sync();
      if (s.ok()) state_->durable_size = std::max(state_->durable_size, covered);
      return s;
    });
  }

  PowerLossFileSystem* fs_;
  std::shared_ptr<FileState> state_;
};

class PowerLossFileSystem::TrackedDirectory : public rocksdb::FSDirectoryWrapper {
 public:
  TrackedDirectory(std::unique_ptr<rocksdb::FSDirectory> base, PowerLossFileSystem* fs,
                   std::string folder)
      : FSDirectoryWrapper(std::move(base)), fs_(fs), folder_(std::move(folder)) {}

  IOStatus Fsync(const IOOptions& o, IODebugContext* d) override {
    return MakeEntriesDurable([&] { return FSDirectoryWrapper::Fsync(o, d); });
  }
  IOStatus FsyncWithDirOptions(const IOOptions& o, IODebugContext* d,
                               const rocksdb::DirFsyncOptions& dir_options) override {
    return MakeEntriesDurable(
        [&] { return FSDirectoryWrapper::FsyncWithDirOptions(o, d, dir_options); });
  }

 private:
  template <class SyncFn>
  IOStatus MakeEntriesDurable(SyncFn sync) {
    return fs_->WhilePowered([&] {
      IOStatus s = sync();
      if (!s.ok()) return s;
      for (auto& [key, state] : fs_->files_) {
        if (FolderOf(key) == folder_) state->entry_durable = true;
      }
      return s;
    });
  }

  PowerLossFileSystem* fs_;
  std::string folder_;
};

PowerLossFileSystem::PowerLossFileSystem(std::shared_ptr<rocksdb::FileSystem> base)
    : FileSystemWrapper(std::move(base)) {}

void PowerLossFileSystem::CutPower() {
  std::lock_guard lock(mu_);
  power_cut_ = true;
}

std::string PowerLossFileSystem::DropUnsyncedData() {
  std::lock_guard lock(mu_);
  std::string report;
  for (const auto& [key, state] : files_) {
    std::error_code ec;
    const uint64_t size = std::filesystem::file_size(key, ec);
    if (ec) continue;  // gone already
    if (!state->entry_durable) {
      std::filesystem::remove(key, ec);
      report += "deleted " + key + " (" + std::to_string(size) + " bytes; folder not fsynced)\n";
    } else if (size > state->durable_size) {
      std::filesystem::resize_file(key, state->durable_size, ec);
      report += "truncated " + key + " from " + std::to_string(size) + " to " +
                std::to_string(state->durable_size) + " bytes\n";
    }
  }
  return report;
}


std::shared_ptr<PowerLossFileSystem::FileState> PowerLossFileSystem::Adopt(const std::string& name) {
  auto state = std::make_shared<FileState>();
  uint64_t size = 0;
  if (target()->GetFileSize(name, IOOptions(), &size, nullptr).ok()) {
    state->size = size;
    state->durable_size = size;
  }
  state->entry_durable = true;
  return state;
}

IOStatus PowerLossFileSystem::NewWritableFile(const std::string& name,
                                              const rocksdb::FileOptions& options,
                                              std::unique_ptr<rocksdb::FSWritableFile>* result,
                                              IODebugContext* dbg) {
  return WhilePowered([&] {
    // Re-creating an existing file keeps its folder entry but none of its data until synced.
    const bool existed = target()->FileExists(name, IOOptions(), nullptr).ok();
    IOStatus s = target()->NewWritableFile(name, options, result, dbg);
    if (!s.ok()) return s;
    auto state = std::make_shared<FileState>();
    state->entry_durable = existed;
    files_[Key(name)] = state;
    *result = std::make_unique<TrackedFile>(std::move(*result), this, std::move(state));
    return s;
  });
}

IOStatus PowerLossFileSystem::ReopenWritableFile(const std::string& name,
                                                 const rocksdb::FileOptions& options,
                                                 std::unique_ptr<rocksdb::FSWritableFile>* result,
                                                 IODebugContext* dbg) {
  return WhilePowered([&] {
    IOStatus s = target()->ReopenWritableFile(name, options, result, dbg);
    if (!s.ok()) return s;
    auto& state = files_[Key(name)];
    if (!state) state = Adopt(name);
    uint64_t size = 0;
    if (target()->GetFileSize(name, IOOptions(), &size, nullptr).ok()) state->size = size;
    *result = std::make_unique<TrackedFile>(std::move(*result), this, state);
    return s;
  });
}

// Used only with recycle_log_file_num > 0, which the store does not set.
IOStatus PowerLossFileSystem::ReuseWritableFile(const std::string&, const std::string&,
                                                const rocksdb::FileOptions&,
                                                std::unique_ptr<rocksdb::FSWritableFile>*,
                                                IODebugContext*) {
  return IOStatus::NotSupported("PowerLossFileSystem: ReuseWritableFile");
}

// Writes through it would go untracked; the store's database never asks for one.
IOStatus PowerLossFileSystem::NewRandomRWFile(const std::string&, const rocksdb::FileOptions&,
                                              std::unique_ptr<rocksdb::FSRandomRWFile>*,
                                              IODebugContext*) {
  return IOStatus::NotSupported("PowerLossFileSystem: NewRandomRWFile");
}

IOStatus PowerLossFileSystem::NewDirectory(const std::string& name, const IOOptions& options,
                                           std::unique_ptr<rocksdb::FSDirectory>* result,
                                           IODebugContext* dbg) {
  IOStatus s = target()->NewDirectory(name, options, result, dbg);
  if (s.ok()) *result = std::make_unique<TrackedDirectory>(std::move(*result), this, Key(name));
  return s;
}

IOStatus PowerLossFileSystem::RenameFile(const std::string& src, const std::string& target_name,
                                         const IOOptions& options, IODebugContext* dbg) {
  return WhilePowered([&] {
    auto found = files_.find(Key(src));
    std::shared_ptr<FileState> state = found != files_.end() ? found->second : Adopt(src);
    IOStatus s = target()->RenameFile(src, target_name, options, dbg);
    if (!s.ok()) return s;
    if (found != files_.end()) files_.erase(found);
    state->entry_durable = false;  // the new name is lost until its folder is fsynced
    files_[Key(target_name)] = std::move(state);
    return s;
  });
}

// A second name for the same data would need its own entry state; the store never links.
IOStatus PowerLossFileSystem::LinkFile(const std::string&, const std::string&, const IOOptions&,
                                       IODebugContext*) {
  return IOStatus::NotSupported("PowerLossFileSystem: LinkFile");
}

IOStatus PowerLossFileSystem::DeleteFile(const std::string& name, const IOOptions& options,
                                         IODebugContext* dbg) {
  return WhilePowered([&] {
    IOStatus s = target()->DeleteFile(name, options, dbg);
    if (s.ok()) files_.erase(Key(name));
    return s;
  });
}

IOStatus PowerLossFileSystem::Truncate(const std::string& name, size_t size,
                                       const IOOptions& options, IODebugContext* dbg) {
  return WhilePowered([&] {
    IOStatus s = target()->Truncate(name, size, options, dbg);
    if (auto it = files_.find(Key(name)); s.ok() && it != files_.end()) Shrink(*it->second, size);
    return s;
  });
}

IOStatus PowerLossFileSystem::CreateDir(const std::string& name, const IOOptions& options,
                                        IODebugContext* dbg) {
  return WhilePowered([&] { return target()->CreateDir(name, options, dbg); });
}

IOStatus PowerLossFileSystem::CreateDirIfMissing(const std::string& name, const IOOptions& options,
                                                 IODebugContext* dbg) {
  return WhilePowered([&] { return target()->CreateDirIfMissing(name, options, dbg); });
}

IOStatus PowerLossFileSystem::DeleteDir(const std::string& name, const IOOptions& options,
                                        IODebugContext* dbg) {
  return WhilePowered([&] { return target()->DeleteDir(name, options, dbg); });
}

}  // namespace keyledger::store::testing
