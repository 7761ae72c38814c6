// SmallTmpfs: a tiny file system of the test's own, for disk-full tests, mounted in a private
// mount namespace so that it vanishes with the test process, even one that crashes.
// A test that needs one starts with
//   if (!InPrivateMountNamespace()) return RerunInPrivateMountNamespace();
// which runs the same test again in a child process under `unshare --mount` (plus
// `--user --map-root-user` when not root) and fails, never skips, unless the child ran the test to
// its end and passed. There the test calls SmallTmpfs::Mount and, last, MarkPrivateRunFinished().
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace keyledger::store::testing {

// True in the child started by RerunInPrivateMountNamespace.
bool InPrivateMountNamespace();
// Runs the current test in the child and records a failure unless it passed to the end.
void RerunInPrivateMountNamespace();
// The child's proof that the test body ran to its end without a failure.
void MarkPrivateRunFinished();

class SmallTmpfs {
 public:
  // Mounts a tmpfs of `bytes` on a fresh folder; nullopt (and *error says why) if it cannot.
  static std::optional<SmallTmpfs> Mount(size_t bytes, std::string* error);
  ~SmallTmpfs();
  SmallTmpfs(SmallTmpfs&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  SmallTmpfs& operator=(SmallTmpfs&&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  explicit SmallTmpfs(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

}  // namespace keyledger::store::testing
