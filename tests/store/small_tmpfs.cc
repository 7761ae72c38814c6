#include "tests/store/small_tmpfs.h"

#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <vector>

extern char** environ;

namespace keyledger::store::testing {
namespace {

// Set in the child: where it leaves its proof of a finished, passing run.
constexpr const char* kFinishedMarkerVariable = "KEYLEDGER_PRIVATE_MOUNT_FINISHED";

}  // namespace

bool InPrivateMountNamespace() { return std::getenv(kFinishedMarkerVariable) != nullptr; }

void RerunInPrivateMountNamespace() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string test = std::string(info->test_suite_name()) + "." + info->name();
  const std::filesystem::path marker = std::filesystem::temp_directory_path() /
      ("keyledger_private_mount_" + std::to_string(::getpid()) + "_" + info->name());
  std::filesystem::remove(marker);

  std::vector<std::string> args = {"unshare"};
  if (::geteuid() != 0) {  // a user namespace makes us root enough to mount a tmpfs
    args.push_back("--user");
    args.push_back("--map-root-user");
  }
  args.push_back("--mount");  // private propagation: the mount never reaches the host
  args.push_back(std::filesystem::read_symlink("/proc/self/exe").string());
  args.push_back("--gtest_filter=" + test);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  env_strings.push_back(std::string(kFinishedMarkerVariable) + "=" + marker.string());
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = 0;
  int spawned = ::posix_spawnp(&pid, "unshare", nullptr, nullptr, argv.data(), envp.data());
  ASSERT_EQ(spawned, 0) << "cannot start unshare (util-linux): " << std::strerror(spawned);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const bool finished = std::filesystem::exists(marker);
  std::filesystem::remove(marker);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0 && finished)
      << test << " did not pass in a private mount namespace (exit status " << status
      << (finished ? "" : ", the test body did not run to its end")
      << "). It needs root, or unprivileged user namespaces, to mount a small tmpfs; it does not "
         "skip without one. Its own output is above.";
}

void MarkPrivateRunFinished() {
  const char* marker = std::getenv(kFinishedMarkerVariable);
  if (marker == nullptr || ::testing::Test::HasFailure()) return;
  std::ofstream(marker) << "finished\n";
}

std::optional<SmallTmpfs> SmallTmpfs::Mount(size_t bytes, std::string* error) {
  std::string folder = (std::filesystem::temp_directory_path() / "keyledger_tmpfs_XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr) {
    *error = "mkdtemp " + folder + ": " + std::strerror(errno);
    return std::nullopt;
  }
  const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
  if (::mount("tmpfs", folder.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
    *error = "mount -t tmpfs -o " + options + " on " + folder + ": " + std::strerror(errno) +
             (InPrivateMountNamespace() ? "" : " (not in a private mount namespace)");
    std::filesystem::remove(folder);
    return std::nullopt;
  }
  return SmallTmpfs(folder);
}

SmallTmpfs::~SmallTmpfs() {
  if (path_.empty()) return;
  ::umount2(path_.c_str(), MNT_DETACH);
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

}  // namespace keyledger::store::testing
