// Fault suite, disk full (issue 8), end to end: the real keyledger executable with its data folder
// on a small tmpfs of the test's own. Once a filler file takes the last free byte, commands get
// 503 in API.md's error format, reads and the live feed go on, /readyz says not ready; when the
// filler is deleted the store recovers by itself, /readyz turns ready, commands get 2xx again,
// and a command that got 503 retried with its Idempotency-Key is in the log exactly once.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "tests/server/child_server_fixture.h"
#include "tests/store/small_tmpfs.h"

namespace keyledger::testing {
namespace {

using store::testing::InPrivateMountNamespace;
using store::testing::MarkPrivateRunFinished;
using store::testing::RerunInPrivateMountNamespace;
using store::testing::SmallTmpfs;

constexpr const char* kOrigin = "http://allowed.example";

// Writes to `path` until the file system has no byte left; false if it never filled up.
bool TakeEveryFreeByte(const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary);
  const std::string block(64 << 10, 'f');
  for (int i = 0; i < 1024 && out; ++i) out << block << std::flush;
  return !out;  // the write that failed is the proof that the disk is full
}

// API.md's error format: 503 {"error":{"code":"unavailable","message":"…","details":{…}}}.
void ExpectUnavailable(const HttpReply& reply) {
  EXPECT_EQ(reply.status, 503) << reply.body;
  Json json(reply.body);
  EXPECT_EQ(json.ErrorCode(), "unavailable") << reply.body;
  auto message = json.root.at_pointer("/error/message");
  EXPECT_TRUE(!message.error() && message.is_string()) << reply.body;
  auto details = json.root.at_pointer("/error/details");
  EXPECT_TRUE(!details.error() && details.is_object()) << reply.body;
}

class DiskFullServerTest : public ChildServerFixture {
 protected:
  int Status(const std::string& target) { return http_->Send("GET", target).status; }

  // Reads feed frames until one of `type` arrives; "" on timeout.
  static std::string ReadUntil(FeedClient& feed, const std::string& type) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < until) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      auto frame = feed.Read(left);
      if (!frame) return "";
      if (Json(*frame).Str("type") == type) return *frame;
    }
    return "";
  }

  // AccountOpened events of accounts named `name` in the log.
  int OpenedNamed(const std::string& auditor, const std::string& name) {
    auto r = Call(auditor, "GET", "/api/events?type=AccountOpened&limit=1000");
    EXPECT_EQ(r.status, 200) << r.body;
    int n = 0;
    for (size_t at = r.body.find(name); at != std::string::npos; at = r.body.find(name, at + 1)) ++n;
    return n;
  }
};

TEST_F(DiskFullServerTest, CommandsGet503WhileFullReadsAndFeedGoOnAndWritingResumes) {
  if (!InPrivateMountNamespace()) return RerunInPrivateMountNamespace();
  std::string why;
  auto tmpfs = SmallTmpfs::Mount(24 << 20, &why);
  ASSERT_TRUE(tmpfs) << why;
  std::filesystem::remove_all(dir_);  // the fixture's folder; the data goes to the tmpfs instead
  dir_ = tmpfs->path() / "data";
  std::filesystem::create_directories(dir_);
  Spawn({"--allowed-origin", kOrigin});
  BuildOrg();
  const std::string s1 = Login("s1"), auditor = Login("aud1");
  const std::string account = OpenAccount(s1, "满盘之前");
  ASSERT_FALSE(account.empty());

  ASSERT_TRUE(TakeEveryFreeByte(tmpfs->path() / "filler")) << "the tmpfs never filled up";
  // The WAL's last page may still take a few small events; then the disk is full for real.
  int sent = 0;
  HttpReply refused;
  std::string refused_key;
  for (; sent < 500; ++sent) {
    refused_key = "full-" + std::to_string(sent);
    refused = Call(s1, "POST", "/api/accounts", R"({"name":"满盘-)" + std::to_string(sent) + R"(","tier":"B"})",
                   {{"Idempotency-Key", refused_key}});
    if (refused.status != 201) break;
  }
  ASSERT_EQ(refused.status, 503) << "after " << sent << " commands: " << refused.body;
  ExpectUnavailable(refused);
  // Refused at once from now on, with the same answer.
  ExpectUnavailable(Call(s1, "POST", "/api/accounts", R"({"name":"满盘-again","tier":"B"})"));

  // Reads, health and the feed go on; readiness says no. (Not the full account file: R-U4 logs
  // each read of it as an event, and a read that cannot be logged is refused with 503.)
  auto list = Call(s1, "GET", "/api/accounts");
  EXPECT_EQ(list.status, 200) << list.body;
  EXPECT_NE(list.body.find(account), std::string::npos) << list.body;
  EXPECT_EQ(Call(auditor, "GET", "/api/events?limit=10").status, 200);
  EXPECT_EQ(Status("/healthz"), 200);
  ExpectUnavailable(http_->Send("GET", "/readyz"));
  FeedClient feed(port_, {{"Authorization", "Bearer " + s1}, {"Origin", kOrigin}});
  ASSERT_TRUE(feed.Open());
  ASSERT_NE(ReadUntil(feed, "hello"), "");
  feed.Send(R"({"type":"subscribe","after_seq":0})");
  EXPECT_NE(ReadUntil(feed, "caught_up"), "") << "the feed did not catch up while the disk was full";

  // Space returns: the server recovers by itself.
  std::filesystem::remove(tmpfs->path() / "filler");
  bool recovered = false;
  for (int i = 0; i < 300 && !recovered; ++i) {
    recovered = Status("/readyz") == 200;
    if (!recovered) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(recovered) << "/readyz never turned ready after space returned";

  auto after = Call(s1, "POST", "/api/accounts", R"({"name":"满盘之后","tier":"B"})");
  EXPECT_EQ(after.status, 201) << after.body;
  EXPECT_NE(ReadUntil(feed, "event"), "") << "the feed did not deliver the first event after recovery";
  // The client retries the command that got 503: one account, whichever way the failed write went.
  auto retry = Call(s1, "POST", "/api/accounts", R"({"name":"满盘-)" + std::to_string(sent) + R"(","tier":"B"})",
                    {{"Idempotency-Key", refused_key}});
  EXPECT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(OpenedNamed(auditor, "满盘-" + std::to_string(sent) + "\""), 1);
  EXPECT_EQ(OpenedNamed(auditor, "满盘之前"), 1);
  MarkPrivateRunFinished();
}

}  // namespace
}  // namespace keyledger::testing
