// Projects over HTTP against a real server: registration, approval with a number (R-P3), weekly
// updates (R-P4), optimistic concurrency and idempotency, the stale reminders (R-P5, R-P6) and
// the automatic on-hold (R-P7) driven by the test clock, and the access refusals.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "tests/server/server_fixture.h"

namespace keyledger::testing {
namespace {

class ProjectApiTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    BuildOrg();
    s1_ = Login("s1");
    s2_ = Login("s2");
    s3_ = Login("s3");
    mgr1_ = Login("mgr1");
    vp1_ = Login("vp1");
    account_ = OpenAccount(s1_, "上海申通地铁集团有限公司");
  }

  std::string Approved(const std::string& name) {
    std::string id = Register(s1_, account_, name);
    auto r = Call(vp1_, "POST", "/api/projects/" + id + "/decision", R"({"decision":"approve","reason":"ok"})");
    EXPECT_EQ(r.status, 200) << r.body;
    return id;
  }

  std::vector<std::string> OpenReminderKinds(const std::string& token, const std::string& subject) {
    auto r = Call(token, "GET", "/api/reminders?state=open");
    EXPECT_EQ(r.status, 200) << r.body;
    Json j(r.body);
    std::vector<std::string> kinds;
    simdjson::dom::array items = j["items"].get_array().value_unsafe();
    for (auto item : items) {
      if (std::string_view(item["subject_id"].get_string().value_unsafe()) != subject) continue;
      kinds.emplace_back(std::string_view(item["kind"].get_string().value_unsafe()));
    }
    std::sort(kinds.begin(), kinds.end());
    return kinds;
  }

  std::string s1_, s2_, s3_, mgr1_, vp1_, account_;
};

TEST_F(ProjectApiTest, R_P3_RegisteredProjectIsApprovedByTheVpAndGetsANumber) {
  std::string id = Register(s1_, account_, "地铁14号线综合监控系统");
  auto before = Json(Call(s1_, "GET", "/api/projects/" + id).body);
  EXPECT_EQ(before.Str("status"), "registered");
  EXPECT_EQ(before.Str("number"), "");

  // A salesperson cannot approve, not even their own project.
  auto refused = Call(s1_, "POST", "/api/projects/" + id + "/decision", R"({"decision":"approve"})");
  EXPECT_EQ(refused.status, 403) << refused.body;

  auto ok = Call(vp1_, "POST", "/api/projects/" + id + "/decision", R"({"decision":"approve","reason":"good"})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  Json answer(ok.body);
  EXPECT_EQ(answer.Str("id"), id);
  EXPECT_EQ(answer.Int("version"), 2);
  EXPECT_GT(answer.Int("seq"), 0);

  Json after(Call(s1_, "GET", "/api/projects/" + id).body);
  EXPECT_EQ(after.Str("status"), "approved");
  EXPECT_EQ(after.Str("number").rfind("XM-2026-", 0), 0u) << after.Str("number");
  EXPECT_EQ(after.Str("staleness"), "fresh");
}

TEST_F(ProjectApiTest, StatusMachineRefusesASecondApprovalWithTheRule) {
  std::string id = Approved("P");
  auto again = Call(vp1_, "POST", "/api/projects/" + id + "/decision", R"({"decision":"reject","reason":"x"})");
  EXPECT_EQ(again.status, 422) << again.body;
  EXPECT_EQ(Json(again.body).ErrorCode(), "rule_violation");
  EXPECT_FALSE(Json(again.body).ErrorDetail("rule").empty());
}

TEST_F(ProjectApiTest, R_P4_UpdateChangesFiguresAndIfMatchGuardsConcurrentEdits) {
  std::string id = Approved("P");
  auto stale = Call(s1_, "POST", "/api/projects/" + id + "/updates", R"({"note":"n"})", {{"If-Match", "1"}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(Json(stale.body).ErrorCode(), "version_conflict");

  auto ok = Call(s1_, "POST", "/api/projects/" + id + "/updates",
                 R"({"note":"技术交流完成","win_probability":70,"stage":"商务谈判"})", {{"If-Match", "2"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  Json p(Call(s1_, "GET", "/api/projects/" + id).body);
  EXPECT_EQ(p.Int("win_probability"), 70);
  EXPECT_EQ(p.Str("stage"), "商务谈判");
  EXPECT_EQ(p.Int("version"), 3);

  // Another salesperson may not update it.
  auto other = Call(s2_, "POST", "/api/projects/" + id + "/updates", R"({"note":"mine now"})");
  EXPECT_EQ(other.status, 403) << other.body;
}

TEST_F(ProjectApiTest, IdempotencyKeyRetryReturnsTheFirstAnswerAndAppendsNothing) {
  std::string id = Approved("P");
  const std::string body = R"({"note":"weekly"})";
  auto first = Call(s1_, "POST", "/api/projects/" + id + "/updates", body, {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(first.status, 200) << first.body;
  Seq head = store_->HeadSeq();
  auto retry = Call(s1_, "POST", "/api/projects/" + id + "/updates", body, {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(Json(retry.body).Int("seq"), Json(first.body).Int("seq"));
  EXPECT_EQ(Json(retry.body).Int("version"), Json(first.body).Int("version"));
  EXPECT_EQ(store_->HeadSeq(), head);

  auto reuse = Call(s1_, "POST", "/api/projects/" + id + "/updates", R"({"note":"other"})", {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(reuse.status, 422) << reuse.body;
  EXPECT_EQ(store_->HeadSeq(), head);

  // A creation retried returns the same id, not a second project.
  const std::string reg = R"({"name":"Q","account_id":")" + account_ + R"(","contract_amount_fen":1,"win_probability":1})";
  auto a = Call(s1_, "POST", "/api/projects", reg, {{"Idempotency-Key", "reg-1"}});
  auto b = Call(s1_, "POST", "/api/projects", reg, {{"Idempotency-Key", "reg-1"}});
  ASSERT_EQ(a.status, 201) << a.body;
  ASSERT_EQ(b.status, 201) << b.body;
  EXPECT_EQ(Json(a.body).Str("id"), Json(b.body).Str("id"));
}

TEST_F(ProjectApiTest, BadInputIsRefusedWithTheFieldAndChangesNothing) {
  Seq head = store_->HeadSeq();
  auto not_json = Call(s1_, "POST", "/api/projects", "{nope");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(Json(not_json.body).ErrorCode(), "invalid_json");
  auto dup = Call(s1_, "POST", "/api/projects", R"({"name":"a","name":"b"})");
  EXPECT_EQ(dup.status, 400);
  auto range = Call(s1_, "POST", "/api/projects",
                    R"({"name":"a","account_id":")" + account_ + R"(","contract_amount_fen":1,"win_probability":101})");
  EXPECT_EQ(range.status, 400);
  EXPECT_EQ(Json(range.body).ErrorCode(), "validation_failed");
  EXPECT_EQ(Json(range.body).ErrorDetail("field"), "win_probability");
  auto unknown_account = Call(s1_, "POST", "/api/projects",
                              R"({"name":"a","account_id":"nope","contract_amount_fen":1,"win_probability":1})");
  EXPECT_EQ(unknown_account.status, 400);
  EXPECT_EQ(Json(unknown_account.body).ErrorDetail("field"), "account_id");
  std::string big(2 << 20, 'x');
  auto too_large = Call(s1_, "POST", "/api/projects", R"({"name":")" + big + R"("})");
  EXPECT_EQ(too_large.status, 413);
  EXPECT_EQ(store_->HeadSeq(), head);
}

TEST_F(ProjectApiTest, ReadScopeRefusesOtherSalespeopleButNotTheirManagerOrVp) {
  std::string id = Approved("P");
  EXPECT_EQ(Call(s2_, "GET", "/api/projects/" + id).status, 403);
  EXPECT_EQ(Call(s3_, "GET", "/api/projects/" + id).status, 403);
  EXPECT_EQ(Call(mgr1_, "GET", "/api/projects/" + id).status, 200);
  EXPECT_EQ(Call(vp1_, "GET", "/api/projects/" + id).status, 200);
  EXPECT_EQ(Call(Login("mgr2"), "GET", "/api/projects/" + id).status, 403);
  EXPECT_EQ(Call("", "GET", "/api/projects/" + id).status, 401);

  auto list_s2 = Json(Call(s2_, "GET", "/api/projects").body);
  EXPECT_EQ(list_s2["items"].get_array().value_unsafe().size(), 0u);
  auto list_mgr = Json(Call(mgr1_, "GET", "/api/projects").body);
  EXPECT_EQ(list_mgr["items"].get_array().value_unsafe().size(), 1u);
}

TEST_F(ProjectApiTest, R_P5_R_P6_R_P7_StaleRemindersReachTheRightPeopleAndOnHoldFollows) {
  std::string id = Approved("P");
  ASSERT_EQ(AdvanceDays(13).status, 200);
  EXPECT_TRUE(OpenReminderKinds(s1_, id).empty());

  ASSERT_EQ(AdvanceDays(1).status, 200);
  EXPECT_EQ(OpenReminderKinds(s1_, id), std::vector<std::string>{"project_stale_2w"});
  EXPECT_EQ(OpenReminderKinds(mgr1_, id), std::vector<std::string>{"project_stale_2w"});
  EXPECT_TRUE(OpenReminderKinds(vp1_, id).empty());
  EXPECT_TRUE(OpenReminderKinds(s2_, id).empty());
  EXPECT_EQ(Json(Call(s1_, "GET", "/api/projects/" + id).body).Str("staleness"), "stale_2w");

  ASSERT_EQ(AdvanceDays(16).status, 200);  // day 30
  auto vp_kinds = OpenReminderKinds(vp1_, id);
  EXPECT_EQ(vp_kinds, std::vector<std::string>{"project_stale_1m"});
  EXPECT_EQ(OpenReminderKinds(s1_, id), (std::vector<std::string>{"project_stale_1m", "project_stale_2w"}));

  // Advancing again raises nothing new (exactly once, R-R3).
  Seq head = store_->HeadSeq();
  ASSERT_EQ(AdvanceDays(0).status, 200);
  EXPECT_EQ(store_->HeadSeq(), head);

  // /metrics counts what the log got: every event, and the reminders among them.
  auto counter = [&](const std::string& name) {
    const std::string text = Call("", "GET", "/metrics").body;
    const size_t at = text.find("\n" + name + " ");
    EXPECT_NE(at, std::string::npos) << name;
    return at == std::string::npos ? -1.0 : std::stod(text.substr(at + name.size() + 2));
  };
  const double appended = counter("keyledger_events_appended_total");
  const double raised = counter("keyledger_reminders_raised_total");
  EXPECT_GE(raised, 2.0);  // the 2-week and the 1-month reminder at least

  ASSERT_EQ(AdvanceDays(60).status, 200);  // day 90
  Json held(Call(s1_, "GET", "/api/projects/" + id).body);
  EXPECT_EQ(held.Str("status"), "on_hold");
  // Events are counted as they are published, just after they are applied: allow a moment.
  const double expected = appended + double(store_->HeadSeq().value - head.value);
  for (int i = 0; i < 200 && counter("keyledger_events_appended_total") < expected; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // Every new event counted, and never more than the log holds (each published once).
  EXPECT_GE(counter("keyledger_events_appended_total"), expected);
  EXPECT_LE(counter("keyledger_events_appended_total"), double(store_->HeadSeq().value));
  // The reminders the log got in those 60 days (the on-hold's and any other that fell due).
  auto tail = store_->ReadAll(head, 10'000);
  ASSERT_TRUE(tail.ok());
  double raised_in_log = 0;
  for (const auto& e : *tail) raised_in_log += e.type == "ReminderRaised" ? 1 : 0;
  EXPECT_GE(raised_in_log, 1.0) << "the on-hold's reminder";
  EXPECT_EQ(counter("keyledger_reminders_raised_total") - raised, raised_in_log);
}

TEST_F(ProjectApiTest, R_R2_AnUpdateMovesTheNextReminder) {
  std::string id = Approved("P");
  ASSERT_EQ(AdvanceDays(10).status, 200);
  ASSERT_EQ(Call(s1_, "POST", "/api/projects/" + id + "/updates", R"({"note":"still alive"})").status, 200);
  ASSERT_EQ(AdvanceDays(13).status, 200);  // day 23: 13 days after the update
  EXPECT_TRUE(OpenReminderKinds(s1_, id).empty());
  ASSERT_EQ(AdvanceDays(1).status, 200);   // day 24
  EXPECT_EQ(OpenReminderKinds(s1_, id), std::vector<std::string>{"project_stale_2w"});
}

TEST_F(ProjectApiTest, AcknowledgingIsForRecipientsOnly) {
  std::string id = Approved("P");
  ASSERT_EQ(AdvanceDays(14).status, 200);
  Json list(Call(s1_, "GET", "/api/reminders?state=open").body);
  auto items = list["items"].get_array().value_unsafe();
  ASSERT_EQ(items.size(), 1u);
  std::string reminder(std::string_view(items.at(0)["id"].get_string().value_unsafe()));
  EXPECT_EQ(Call(s2_, "POST", "/api/reminders/" + reminder + "/ack").status, 404);
  EXPECT_EQ(Call(s1_, "POST", "/api/reminders/" + reminder + "/ack").status, 200);
  EXPECT_TRUE(OpenReminderKinds(s1_, id).empty());
  EXPECT_EQ(OpenReminderKinds(mgr1_, id), std::vector<std::string>{"project_stale_2w"});
}

TEST_F(ProjectApiTest, R_R3_ARestartRaisesNothingTwiceAndCatchesUpWhatFellDueMeanwhile) {
  std::string id = Approved("P");
  ASSERT_EQ(AdvanceDays(14).status, 200);
  Seq head = store_->HeadSeq();
  Restart();
  EXPECT_EQ(store_->HeadSeq(), head);  // start-up raised nothing again
  s1_ = Login("s1");
  EXPECT_EQ(OpenReminderKinds(s1_, id), std::vector<std::string>{"project_stale_2w"});

  // The server is down while the one-month mark passes; the start raises it.
  StopServer();
  clock_->Advance(Days(20));
  StartServer();
  ledger_->RunDueReminders();
  s1_ = Login("s1");
  EXPECT_EQ(OpenReminderKinds(s1_, id), (std::vector<std::string>{"project_stale_1m", "project_stale_2w"}));
}

// The conflict index comes back from the read side's snapshot after a clean stop, and from a
// replay when there is no snapshot: either way a registration after the restart still sees
// the projects registered before it.
TEST_F(ProjectApiTest, R_P2_ConflictsRegisteredBeforeARestartAreStillFound) {
  Register(s1_, account_, "地铁14号线综合监控系统");
  const std::string s2_account = OpenAccount(s2_, "宁波轨道交通集团有限公司");
  for (bool remove_snapshot : {false, true}) {
    StopServer();
    ASSERT_TRUE(std::filesystem::exists(dir_ / "read-side.snapshot")) << "a clean stop writes the snapshot";
    if (remove_snapshot) std::filesystem::remove(dir_ / "read-side.snapshot");
    StartServer();
    s2_ = Login("s2");
    const std::string id = Register(s2_, s2_account, "地铁14号线综合监控系统");
    Json project(Call(s2_, "GET", "/api/projects/" + id).body);
    EXPECT_EQ(project.Str("status"), "conflict_review") << (remove_snapshot ? "after a replay" : "from the snapshot");
  }
}

TEST_F(ProjectApiTest, R_U2_AuditShowsTheProjectAsOfBeforeItsApproval) {
  std::string id = Register(s1_, account_, "P");
  // "+08:00" URL-encoded, as a browser's encodeURIComponent sends it.
  std::string before = server::FormatTime(clock_->Now(), std::chrono::minutes(480));
  before.replace(before.find('+'), 1, "%2B");
  clock_->Advance(Days(1));
  ASSERT_EQ(Call(vp1_, "POST", "/api/projects/" + id + "/decision", R"({"decision":"approve"})").status, 200);
  std::string aud = Login("aud1");
  auto r = Call(aud, "GET", "/api/audit/projects/" + id + "?as_of=" + before);
  ASSERT_EQ(r.status, 200) << r.body;
  Json j(r.body);
  EXPECT_EQ(std::string_view(j["project"]["status"].get_string().value_unsafe()), "registered");
  auto now = Json(Call(aud, "GET", "/api/audit/projects/" + id).body);
  EXPECT_EQ(std::string_view(now["project"]["status"].get_string().value_unsafe()), "approved");
  EXPECT_EQ(Call(s2_, "GET", "/api/audit/projects/" + id).status, 403);
}

}  // namespace
}  // namespace keyledger::testing
