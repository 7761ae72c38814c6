// Reminder e-mail (issue 7) against a real SMTP server: Debian's python3-aiosmtpd as a sink on
// loopback, the whole keyledger server in process with RocksDB in a temp folder and the manual
// clock. Stale projects mail the owner and manager at two weeks and the VP too at a month, in
// each recipient's language (R-P5, R-P6); a dead mail server delays mail but never loses or
// doubles it; user text cannot add headers; preferences and the outbox are access-checked.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <set>
#include <thread>

#include "tests/server/server_fixture.h"
#include "tests/server/smtp_sink.h"

namespace keyledger::testing {
namespace {

class MailTest : public ServerFixture {
 protected:
  void SetUp() override {
    StartSinkAndServer();
  }

  void StartSinkAndServer() {
    sink_.Start();
    config_.smtp_url = sink_.Url();
    config_.mail_from = "keyledger@example.com";
    config_.public_url = "https://kl.example.com/";
    config_.mail_retry_base_ms = 100;
    ServerFixture::SetUp();
    BuildOrg();
    SetContact("u-s1", "s1@example.com", "en");
    SetContact("u-mgr1", "mgr1@example.com", "zh-CN");
    SetContact("u-vp1", "vp1@example.com", "zh-CN");
    s1_ = Login("s1");
    vp1_ = Login("vp1");
    aud1_ = Login("aud1");
    account_ = OpenAccount(s1_, "上海申通地铁集团有限公司");
  }

  void SetContact(const std::string& user, const std::string& email, const std::string& language) {
    auto r = Call(admin_, "PATCH", "/api/users/" + user, R"({"email":")" + email + R"(","language":")" + language + R"("})");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  std::string Approved(const std::string& name_json) {
    auto r = Call(s1_, "POST", "/api/projects",
                  R"({"name":)" + name_json + R"(,"account_id":")" + account_ +
                      R"(","contract_amount_fen":100000000,"win_probability":50,"margin_pct":20,"expected_signing_date":"2027-01-15"})");
    EXPECT_EQ(r.status, 201) << r.body;
    std::string id = Json(r.body).Str("id");
    auto d = Call(vp1_, "POST", "/api/projects/" + id + "/decision", R"({"decision":"approve","reason":"ok"})");
    EXPECT_EQ(d.status, 200) << d.body;
    return id;
  }

  static std::vector<SinkMail> OfKind(const std::vector<SinkMail>& mails, const std::string& kind) {
    std::vector<SinkMail> out;
    for (const auto& m : mails) {
      if (m.Header("X-Keyledger-Kind") == kind) out.push_back(m);
    }
    return out;
  }

  // Waits until `n` mails of `kind` arrived; returns them.
  std::vector<SinkMail> WaitForKind(const std::string& kind, size_t n) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      auto mails = OfKind(sink_.Mails(), kind);
      if (mails.size() >= n || std::chrono::steady_clock::now() > deadline) return mails;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  // The outbox as the auditor sees it: delivery id -> state.
  std::map<std::string, std::string> DeliveryStates() {
    auto r = Call(aud1_, "GET", "/api/mail/deliveries");
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, std::string> out;
    Json j(r.body);
    simdjson::dom::array item_list = j["items"].get_array().value_unsafe();
    for (auto item : item_list) {
      out[std::string(std::string_view(item["delivery_id"].get_string().value_unsafe()))] =
          std::string(std::string_view(item["state"].get_string().value_unsafe()));
    }
    return out;
  }

  // Waits until no delivery of `kind` is still queued or sending.
  void WaitAllSent() {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      bool open = false;
      for (const auto& [id, state] : DeliveryStates()) open = open || state == "queued" || state == "sending";
      if (!open) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "deliveries still open";
  }

  static std::set<std::string> Recipients(const std::vector<SinkMail>& mails) {
    std::set<std::string> out;
    for (const auto& m : mails) out.insert(m.rcpt);
    return out;
  }

  SmtpSink sink_;
  std::string s1_, vp1_, aud1_, account_;
};

// A relay that requires STARTTLS with a certificate of its own CA (self-signed here), which
// keyledger is told to trust with --smtp-ca-file.
class MailStartTlsTest : public MailTest {
 protected:
  void SetUp() override {
    std::random_device rd;
    tls_dir_ = std::filesystem::temp_directory_path() / ("keyledger-smtp-tls-" + std::to_string(rd()));
    std::filesystem::create_directories(tls_dir_);
    const auto cert = tls_dir_ / "cert.pem", key = tls_dir_ / "key.pem";
    std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                      "-addext subjectAltName=IP:127.0.0.1 -keyout " + key.string() + " -out " + cert.string() +
                      " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl could not make a certificate";
    sink_.RequireStartTls(cert, key);
    config_.smtp_starttls = UseStartTls();
    config_.smtp_ca_file = cert.string();
    StartSinkAndServer();
  }
  void TearDown() override {
    MailTest::TearDown();
    std::error_code ec;
    std::filesystem::remove_all(tls_dir_, ec);
  }
  virtual bool UseStartTls() const { return true; }
  std::filesystem::path tls_dir_;
};

// The negative control: the same relay with keyledger not asked for STARTTLS refuses the mail.
class MailWithoutStartTlsTest : public MailStartTlsTest {
 protected:
  bool UseStartTls() const override { return false; }
};

TEST_F(MailTest, R_P5_R_P6_StaleProjectMailsOwnerAndManagerAtTwoWeeksAndTheVpAtAMonth) {
  std::string id = Approved(R"("地铁14号线信号系统")");
  ASSERT_EQ(AdvanceDays(13).status, 200);
  ASSERT_EQ(AdvanceDays(1).status, 200);  // day 14
  auto two_weeks = WaitForKind("project_stale_2w", 2);
  ASSERT_EQ(two_weeks.size(), 2u);
  EXPECT_EQ(Recipients(two_weeks), (std::set<std::string>{"s1@example.com", "mgr1@example.com"}));
  for (const auto& m : two_weeks) {
    if (m.rcpt == "s1@example.com") {  // s1 reads English
      EXPECT_EQ(m.subject, "[keyledger] Project not updated for two weeks: 地铁14号线信号系统");
      EXPECT_NE(m.body.find("Hello s1,"), std::string::npos) << m.body;
    } else {  // mgr1 reads Chinese
      EXPECT_EQ(m.subject, "【项目提醒】项目两周未更新：地铁14号线信号系统");
      EXPECT_NE(m.body.find("负责人：s1"), std::string::npos) << m.body;
    }
    EXPECT_NE(m.body.find("https://kl.example.com/#/projects/" + id), std::string::npos) << m.body;
    EXPECT_EQ(m.Header("From"), "keyledger <keyledger@example.com>");
    EXPECT_NE(m.Header("Message-ID").find("@example.com>"), std::string::npos);
  }
  EXPECT_NE(two_weeks[0].Header("Message-ID"), two_weeks[1].Header("Message-ID"));
  WaitAllSent();
  EXPECT_TRUE(OfKind(sink_.Mails(), "project_stale_1m").empty());  // nothing for the month yet, nor the VP

  ASSERT_EQ(AdvanceDays(16).status, 200);  // day 30
  auto month = WaitForKind("project_stale_1m", 3);
  ASSERT_EQ(month.size(), 3u);
  EXPECT_EQ(Recipients(month), (std::set<std::string>{"s1@example.com", "mgr1@example.com", "vp1@example.com"}));
  for (const auto& m : month) {
    if (m.rcpt == "vp1@example.com") {
      EXPECT_EQ(m.subject, "【项目提醒】项目一个月未更新：地铁14号线信号系统");
    }
  }
  WaitAllSent();
  EXPECT_EQ(OfKind(sink_.Mails(), "project_stale_2w").size(), 2u);  // no second mail for day 14
  // The auditor sees who was mailed when, in the log.
  auto events = Json(Call(aud1_, "GET", "/api/events?limit=1000").body);
  size_t sent = 0;
  simdjson::dom::array e_list = events["items"].get_array().value_unsafe();
  for (auto e : e_list) {
    if (std::string_view(e["type"].get_string().value_unsafe()) == "MailSent") ++sent;
  }
  EXPECT_GE(sent, 5u);
}

TEST_F(MailTest, MailServerDownForAWhile_MailsGoOutOnceItIsBack_NoneTwice) {
  sink_.Stop();
  std::string id = Approved(R"("停机期间的项目")");
  ASSERT_EQ(AdvanceDays(14).status, 200);
  // Both deliveries fail and retry while the server is gone.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  size_t retried = 0;
  while (retried < 2 && std::chrono::steady_clock::now() < deadline) {
    auto r = Json(Call(aud1_, "GET", "/api/mail/deliveries").body);
    retried = 0;
    simdjson::dom::array item_list = r["items"].get_array().value_unsafe();
    for (auto item : item_list) {
      auto kind = std::string_view(item["kind"].get_string().value_unsafe());
      if (kind == "project_stale_2w" && item["attempts"].get_uint64().value_unsafe() >= 2) ++retried;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(retried, 2u) << "the deliveries did not retry";

  sink_.Start();
  auto mails = WaitForKind("project_stale_2w", 2);
  ASSERT_EQ(mails.size(), 2u);
  WaitAllSent();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // any stray retry would land now
  mails = OfKind(sink_.Mails(), "project_stale_2w");
  EXPECT_EQ(mails.size(), 2u);
  EXPECT_EQ(Recipients(mails), (std::set<std::string>{"s1@example.com", "mgr1@example.com"}));
  // The gauges follow within a worker round.
  std::string metrics;
  for (int i = 0; i < 100 && metrics.find("keyledger_mail_queue_length 0") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    metrics = Call("", "GET", "/metrics").body;
  }
  EXPECT_NE(metrics.find("keyledger_mail_queue_length 0"), std::string::npos) << metrics;
  EXPECT_EQ(metrics.find("keyledger_mail_failed_total 0"), std::string::npos) << "the failures were counted";
}

TEST_F(MailTest, HeaderInjection_ANameWithCrLfCannotAddARecipientOrAHeader) {
  // The manager's display name tries too: it ends up encoded in To, never as a header.
  auto r = Call(admin_, "PATCH", "/api/users/u-mgr1", R"({"display_name":"Eve\r\nBcc: evil2@example.com"})");
  ASSERT_EQ(r.status, 200) << r.body;
  Approved(R"("x\r\nBcc: evil@example.com")");
  ASSERT_EQ(AdvanceDays(14).status, 200);
  auto mails = WaitForKind("project_stale_2w", 2);
  ASSERT_EQ(mails.size(), 2u);
  WaitAllSent();
  EXPECT_EQ(Recipients(OfKind(sink_.Mails(), "project_stale_2w")),
            (std::set<std::string>{"s1@example.com", "mgr1@example.com"}));
  for (const auto& m : mails) {
    EXPECT_EQ(m.HeaderCount("Bcc"), 0u);
    EXPECT_EQ(m.HeaderCount("Subject"), 1u);
    EXPECT_EQ(m.HeaderCount("To"), 1u);
    EXPECT_EQ(m.Header("To").find('\r'), std::string::npos);
    EXPECT_EQ(m.subject.find_first_of("\r\n"), std::string::npos) << "a line break in a name becomes a space";
    EXPECT_NE(m.subject.find("x  Bcc: evil@example.com"), std::string::npos) << m.subject;
    EXPECT_EQ(m.body.find("\nBcc:"), std::string::npos) << "no fake line in the body either";
  }
}

TEST_F(MailTest, PreferencesChooseWhatIsMailed_AndOnlyTheAdminSetsAnothersAndOnlyAuditorsSeeTheOutbox) {
  auto mine = Json(Call(s1_, "GET", "/api/me/mail-preferences").body);
  EXPECT_EQ(mine.Str("email"), "s1@example.com");
  EXPECT_TRUE(mine["weekly_digest"].get_bool().value_unsafe());
  EXPECT_EQ(mine["kinds"].get_array().value_unsafe().size(), 4u);  // the defaults
  // mgr1 wants no two-week mail.
  auto mgr1 = Login("mgr1");
  auto set = Call(mgr1, "PUT", "/api/me/mail-preferences", R"({"kinds":["project_stale_1m"],"weekly_digest":false})");
  ASSERT_EQ(set.status, 200) << set.body;
  // Bad input changes nothing.
  auto bad = Call(mgr1, "PUT", "/api/me/mail-preferences", R"({"kinds":["nonsense"]})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Json(bad.body).ErrorCode(), "validation_failed");
  EXPECT_EQ(Call(admin_, "PATCH", "/api/users/u-s2", R"({"email":"a@b\r\nBcc: c@d"})").status, 400);
  // Refusals: a salesperson cannot set another's preferences nor read the outbox.
  EXPECT_EQ(Call(s1_, "PUT", "/api/users/u-mgr1/mail-preferences", R"({"kinds":[]})").status, 403);
  EXPECT_EQ(Call(s1_, "GET", "/api/users/u-mgr1/mail-preferences").status, 403);
  EXPECT_EQ(Call(s1_, "GET", "/api/mail/deliveries").status, 403);
  EXPECT_EQ(Call(mgr1, "GET", "/api/mail/deliveries").status, 403);
  EXPECT_EQ(Call("", "GET", "/api/me/mail-preferences").status, 401);
  auto admin_view = Json(Call(admin_, "GET", "/api/users/u-mgr1/mail-preferences").body);
  EXPECT_FALSE(admin_view["weekly_digest"].get_bool().value_unsafe());

  Approved(R"("偏好测试项目")");
  ASSERT_EQ(AdvanceDays(14).status, 200);
  auto mails = WaitForKind("project_stale_2w", 1);
  WaitAllSent();
  mails = OfKind(sink_.Mails(), "project_stale_2w");
  EXPECT_EQ(Recipients(mails), std::set<std::string>{"s1@example.com"});
}

TEST_F(MailTest, R_P4_WeeklyDigestReachesTheDepartmentManagerOnMonday) {
  std::string id = Approved(R"("周报项目")");
  ASSERT_EQ(Call(s1_, "POST", "/api/projects/" + id + "/updates", R"({"note":"进展顺利"})", {{"If-Match", "2"}}).status, 200);
  ASSERT_EQ(AdvanceDays(7).status, 200);  // the next Monday 09:00
  // The week 2026-11-02 – 2026-11-08 (a digest of the week before may have gone out at start).
  std::vector<SinkMail> sh;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (sh.empty() && std::chrono::steady_clock::now() < deadline) {
    for (const auto& m : OfKind(sink_.Mails(), "weekly_digest")) {
      if (m.subject.find("上海销售部") != std::string::npos && m.subject.find("2026-11-02") != std::string::npos) sh.push_back(m);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  WaitAllSent();
  sh.clear();
  for (const auto& m : OfKind(sink_.Mails(), "weekly_digest")) {
    if (m.subject.find("2026-11-02 – 2026-11-08") != std::string::npos) sh.push_back(m);
  }
  ASSERT_EQ(sh.size(), 1u);
  EXPECT_EQ(sh[0].rcpt, "mgr1@example.com");
  EXPECT_NE(sh[0].subject.find("上海销售部"), std::string::npos) << sh[0].subject;
  EXPECT_NE(sh[0].body.find("周报项目 · 1 次更新"), std::string::npos) << sh[0].body;
}

TEST_F(MailStartTlsTest, MailGoesThroughARelayThatRequiresStartTls) {
  Approved(R"("加密通道项目")");
  ASSERT_EQ(AdvanceDays(14).status, 200);
  auto mails = WaitForKind("project_stale_2w", 2);
  EXPECT_EQ(Recipients(mails), (std::set<std::string>{"s1@example.com", "mgr1@example.com"}));
}

TEST_F(MailWithoutStartTlsTest, WithoutStartTlsTheRelayRefusesAndTheDeliveryGivesUp) {
  Approved(R"("明文通道项目")");
  ASSERT_EQ(AdvanceDays(14).status, 200);
  // 530 "must issue STARTTLS first" is a 5xx: the delivery fails for good, nothing is sent.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  size_t failed = 0;
  while (failed < 2 && std::chrono::steady_clock::now() < deadline) {
    failed = 0;
    for (const auto& [id, state] : DeliveryStates()) failed += id.find("project_stale_2w") != std::string::npos && state == "failed";
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(failed, 2u);
  EXPECT_TRUE(OfKind(sink_.Mails(), "project_stale_2w").empty());
}

}  // namespace
}  // namespace keyledger::testing
