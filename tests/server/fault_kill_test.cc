// Fault suite, kill -9 under write load (issue 8): the real keyledger executable takes commands
// from several client threads and is SIGKILLed at a random moment, again and again on the same
// data folder. Every command answered 2xx must be in the log exactly once after the restart;
// every unanswered one at most once — and retrying it with its Idempotency-Key (the ambiguous
// acknowledgement) gives one answer and still one event.
// Short form in the README's test command (3 kills); long form: KEYLEDGER_FAULT_ITERATIONS=100.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "tests/server/child_server_fixture.h"

namespace keyledger::testing {
namespace {

struct Attempt {
  std::string key, name;
  std::string id;  // the answer's id; "" while unanswered
};

class FaultKillTest : public ChildServerFixture {
 protected:
  // AccountOpened events in the log, by account name.
  std::map<std::string, int> OpenedByName(const std::string& auditor) {
    std::map<std::string, int> out;
    std::string after = "0";
    for (;;) {
      auto r = Call(auditor, "GET", "/api/events?type=AccountOpened&limit=1000&after=" + after);
      EXPECT_EQ(r.status, 200) << r.body;
      Json page(r.body);
      simdjson::dom::array items = page["items"].get_array().value_unsafe();
      for (auto e : items) {
        auto name = e.at_pointer("/data/profile/name");
        if (!name.error()) out[std::string(std::string_view(name.get_string().value_unsafe()))] += 1;
      }
      auto next = page.root["next"];
      if (next.error() || next.is_null()) break;
      after = std::to_string(next.get_uint64().value_unsafe());
    }
    return out;
  }
};

TEST_F(FaultKillTest, KillNineUnderWriteLoad_NothingAcknowledgedIsLostNorDoubled) {
  int iterations = 3;
  if (const char* n = std::getenv("KEYLEDGER_FAULT_ITERATIONS")) iterations = std::max(1, std::atoi(n));
  Spawn({});
  BuildOrg();
  std::vector<Attempt> all;  // every command ever sent, across the kills
  std::mt19937 rng(20261201);
  constexpr int kWriters = 4;

  for (int round = 0; round < iterations; ++round) {
    std::string token = Login("s1");
    std::atomic<bool> stop{false};
    std::mutex mu;
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
      writers.emplace_back([&, w] {
        HttpClient client(port_);
        for (int i = 0; !stop; ++i) {
          Attempt a{"r" + std::to_string(round) + "-w" + std::to_string(w) + "-" + std::to_string(i), "", ""};
          a.name = "账户-" + a.key;
          auto reply = client.Send("POST", "/api/accounts", R"({"name":")" + a.name + R"(","tier":"B"})",
                                   {{"Authorization", "Bearer " + token}, {"Idempotency-Key", a.key}});
          if (reply.status == 201) a.id = Json(reply.body).Str("id");
          std::lock_guard lock(mu);
          all.push_back(a);
          if (reply.status != 201) return;  // the server is gone
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(300, 1200)(rng)));
    child_->Kill(SIGKILL);
    stop = true;
    for (auto& t : writers) t.join();
    Spawn({});

    // Each acknowledged command exactly once, each unanswered one at most once.
    std::string auditor = Login("aud1");
    auto opened = OpenedByName(auditor);
    size_t acked = 0;
    for (const auto& a : all) {
      if (!a.id.empty()) {
        ++acked;
        EXPECT_EQ(opened[a.name], 1) << "acknowledged " << a.key << " round " << round;
      } else {
        EXPECT_LE(opened[a.name], 1) << "unanswered " << a.key;
      }
    }
    EXPECT_GT(acked, 0u) << "the load never got an answer before the kill";
    std::printf("round %d: %zu commands so far, %zu acknowledged\n", round, all.size(), acked);
    // The ambiguous ones: the client retries with its key; one answer, still one event.
    token = Login("s1");
    for (auto& a : all) {
      if (!a.id.empty()) continue;
      auto reply = Call(token, "POST", "/api/accounts", R"({"name":")" + a.name + R"(","tier":"B"})",
                        {{"Idempotency-Key", a.key}});
      ASSERT_TRUE(reply.status == 201 || reply.status == 200) << reply.status << " " << reply.body;
      a.id = Json(reply.body).Str("id");
    }
    opened = OpenedByName(auditor);
    for (const auto& a : all) EXPECT_EQ(opened[a.name], 1) << a.key;
    // And an acknowledged answer replays as itself.
    const Attempt& first = all.front();
    auto replay = Call(token, "POST", "/api/accounts", R"({"name":")" + first.name + R"(","tier":"B"})",
                       {{"Idempotency-Key", first.key}});
    EXPECT_EQ(Json(replay.body).Str("id"), first.id) << replay.body;
  }
  // The log as a whole still verifies after all the kills.
  child_->Kill(SIGTERM);
  ChildProcess verify({KEYLEDGER_BINARY, "verify", "--data-dir", dir_.string()});
  EXPECT_TRUE(verify.WaitForLine("ok: ", std::chrono::seconds(120))) << "keyledger verify failed";
  // The replay check: the read side the server would start with (its snapshot from the clean
  // stop, plus the tail) is exactly a full replay of the log after all the kills.
  const auto check = verify.WaitForLine("read side", std::chrono::seconds(120));
  ASSERT_TRUE(check.has_value()) << "keyledger verify printed no read-side check";
  EXPECT_NE(check->find("matches a full replay"), std::string::npos) << *check;
  EXPECT_NE(check->find("snapshot at seq"), std::string::npos) << "the clean stop wrote no snapshot: " << *check;
}

}  // namespace
}  // namespace keyledger::testing
