// Crash safety: a child process appends under load and reports every acknowledged append; the
// test SIGKILLs it at random moments (20 times) and checks after each restart that every
// acknowledged append is present, the seq has no gap and VerifyLog passes.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <sstream>
#include <unordered_map>

#include "store/verify.h"
#include "tests/store/store_test_util.h"

extern char** environ;

namespace keyledger::store {
namespace {

using testing::OpenOrDie;
using testing::TempDir;

struct Ack {
  uint64_t first = 0;
  uint64_t last = 0;
  std::string stream;
  uint64_t version = 0;
};

// Runs the child until `run_for` after its first acknowledgement, SIGKILLs it, and returns every
// acknowledgement it wrote (including those still in the pipe when it died).
std::vector<Ack> RunAndKill(const std::filesystem::path& dir, std::chrono::milliseconds run_for) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  std::string exe = KEYLEDGER_CRASH_CHILD;
  std::string dir_arg = dir.string();
  char* argv[] = {exe.data(), dir_arg.data(), nullptr};
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);

  std::string out;
  char buf[65536];
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::optional<std::chrono::steady_clock::time_point> kill_at;
  bool killed = false;
  for (;;) {
    auto now = std::chrono::steady_clock::now();
    if (!killed && (now >= give_up || (kill_at && now >= *kill_at))) {
      kill(pid, SIGKILL);
      killed = true;
    }
    pollfd p{fds[0], POLLIN, 0};
    poll(&p, 1, 2);
    if (p.revents & (POLLIN | POLLHUP)) {
      ssize_t n = read(fds[0], buf, sizeof(buf));
      if (n <= 0) break;  // EOF: the child is gone and the pipe is drained
      out.append(buf, static_cast<size_t>(n));
      if (!kill_at) kill_at = std::chrono::steady_clock::now() + run_for;
    }
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "child exited by itself: " << status;
  EXPECT_TRUE(kill_at.has_value()) << "child never acknowledged an append";

  std::vector<Ack> acks;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    if (lines.eof()) break;  // a line without '\n' cannot happen (one write per line), but be strict
    std::istringstream fields(line);
    Ack a;
    fields >> a.first >> a.last >> a.stream >> a.version;
    acks.push_back(a);
  }
  return acks;
}

TEST(CrashTest, EveryAcknowledgedAppendSurvivesSigkillAtRandomMoments) {
  TempDir dir;
  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> delay_ms(0, 120);
  constexpr int kRounds = 20;
  std::vector<Ack> all_acks;
  for (int round = 0; round < kRounds; ++round) {
    auto acks = RunAndKill(dir.path(), std::chrono::milliseconds(delay_ms(rng)));
    ASSERT_FALSE(acks.empty()) << "round " << round;
    all_acks.insert(all_acks.end(), acks.begin(), acks.end());

    auto store = OpenOrDie(dir.path());
    ASSERT_NE(store, nullptr) << "round " << round;
    uint64_t max_acked = 0;
    for (const Ack& a : all_acks) max_acked = std::max(max_acked, a.last);
    ASSERT_GE(store->HeadSeq().value, max_acked) << "round " << round;
    // Index the log and check every acknowledged append, from every round so far.
    std::unordered_map<uint64_t, std::pair<std::string, uint64_t>> by_seq;
    auto scanned = store->Scan(Seq(0), [&](const EventEnvelope& e) {
      by_seq.emplace(e.seq.value, std::make_pair(e.stream, e.stream_version));
      return true;
    });
    ASSERT_TRUE(scanned.ok()) << scanned.error().message;
    ASSERT_EQ(by_seq.size(), store->HeadSeq().value);
    for (const Ack& a : all_acks) {
      auto it = by_seq.find(a.last);
      ASSERT_NE(it, by_seq.end()) << "acknowledged seq " << a.last << " lost in round " << round;
      EXPECT_EQ(it->second.first, a.stream);
      EXPECT_EQ(it->second.second, a.version);
      EXPECT_EQ(by_seq[a.first].second, a.version - (a.last - a.first));
    }
    store.reset();
    VerifyReport report = VerifyLog(dir.path());
    ASSERT_TRUE(report.ok) << "round " << round << ": " << report.first_bad << ": " << report.message;
  }
  RecordProperty("acknowledged_appends", static_cast<int>(all_acks.size()));
}

}  // namespace
}  // namespace keyledger::store
