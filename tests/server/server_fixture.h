// A real keyledger server for a test: RocksDB in a fresh temp folder, a manual clock, the Ledger
// and the HTTP server on a free loopback port, wired exactly as main wires them. Plus helpers to
// sign in and to build the small organisation most scenarios need.
#pragma once

#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "projections/manual_clock.h"
#include "server/app_services.h"
#include "server/business_wiring.h"
#include "server/ledger.h"
#include "server/server.h"
#include "server/time_text.h"
#include "store/rocks_event_store.h"
#include "tests/server/test_client.h"

namespace keyledger::testing {

inline constexpr char kAdminPassword[] = "admin-password-1";
inline constexpr char kUserPassword[] = "password-123";
// Monday 2026-11-02 09:00 in Shanghai.
inline Instant ClockStart() { return *server::ParseTime("2026-11-02T09:00:00+08:00"); }

// One parsed JSON answer; keeps its parser alive.
struct Json {
  std::unique_ptr<simdjson::dom::parser> parser = std::make_unique<simdjson::dom::parser>();
  simdjson::dom::element root;
  explicit Json(const std::string& text) {
    auto r = parser->parse(text);
    if (r.error()) ADD_FAILURE() << "not JSON: " << text;
    else root = r.value();
  }
  simdjson::dom::element operator[](std::string_view key) const { return root[key].value_unsafe(); }
  std::string Str(std::string_view key) const {
    auto v = root[key];
    if (v.error() || !v.is_string()) return {};
    return std::string(std::string_view(v.get_string().value_unsafe()));
  }
  int64_t Int(std::string_view key) const {
    auto v = root[key];
    if (v.error()) return -1;
    if (v.is_int64()) return v.get_int64().value_unsafe();
    if (v.is_uint64()) return int64_t(v.get_uint64().value_unsafe());
    return -1;
  }
  // root.error.code / root.error.details.<key>
  std::string ErrorCode() const {
    auto v = root.at_pointer("/error/code");
    return v.error() ? "" : std::string(std::string_view(v.get_string().value_unsafe()));
  }
  std::string ErrorDetail(std::string_view key) const {
    auto v = root.at_pointer("/error/details/" + std::string(key));
    return v.error() ? "" : std::string(std::string_view(v.get_string().value_unsafe()));
  }
};

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(); }
  void TearDown() override { StopServer(); }

  void StartServer() {
    if (dir_.empty()) {
      std::random_device rd;
      dir_ = std::filesystem::temp_directory_path() / ("keyledger-server-test-" + std::to_string(rd()));
      std::filesystem::create_directories(dir_);
    }
    if (!clock_) clock_ = std::make_unique<projections::ManualClock>(ClockStart());
    auto store = store::OpenRocksEventStore(dir_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    server::LedgerOptions options;
    options.admin_password = kAdminPassword;
    options.password = server::PasswordParams::Minimum();
    options.snapshot_path = dir_ / "read-side.snapshot";
    ledger_ = std::make_unique<server::Ledger>(*store_, *clock_, options);
    config_.data_dir = dir_;
    config_.manual_clock = true;
    config_.host = "127.0.0.1";
    config_.allowed_origins = {"http://allowed.example"};
    server::AppTuning tuning = server::TuningFor(*ledger_);
    tuning.password = server::PasswordParams::Minimum();
    Tune(tuning);
    app_ = std::make_unique<server::AppServices>(*store_, config_, tuning);
    server::AddBusinessRoutes(*app_, *ledger_, config_, clock_.get());
    AddRoutes(app_->Routes());
    mail_ = server::MakeMailOutbox(*app_, *ledger_, config_);
    auto started = ledger_->Start(server::FeedPublisher(*app_, *ledger_));
    ASSERT_TRUE(started.ok()) << started.error();
    mail_->Start();
    server_ = std::make_unique<server::Server>(app_->Sessions());
    if (!tls_cert_.empty()) {
      auto tls = server_->UseTls(tls_cert_, tls_key_);
      ASSERT_TRUE(tls.ok()) << tls.error();
    }
    auto port = server_->Listen("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.error();
    port_ = *port;
    server_->Start(IoThreads());
    http_ = std::make_unique<HttpClient>(port_, tls_cert_.string());  // the certificate is its own CA
  }

  void StopServer() {
    http_.reset();
    if (server_) server_->Stop();
    server_.reset();
    if (mail_) mail_->Stop();
    mail_.reset();
    if (ledger_) ledger_->Stop();
    if (app_) app_->Shutdown();
    app_.reset();
    ledger_.reset();
    store_.reset();
  }

  // Lets a test change the server's limits before it starts (e.g. a small feed queue).
  virtual void Tune(server::AppTuning&) {}
  // Lets a test add routes of its own (e.g. one that blocks until released).
  virtual void AddRoutes(server::Router&) {}
  virtual int IoThreads() const { return 2; }

  // Stops and starts the whole server on the same data folder and clock (a restart).
  void Restart() {
    StopServer();
    StartServer();
  }

  ~ServerFixture() override {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  // Signs in; returns the bearer token ("" on failure, with a test failure).
  std::string Login(const std::string& username, const std::string& password = kUserPassword) {
    auto r = http_->Send("POST", "/api/session", R"({"username":")" + username + R"(","password":")" + password + R"("})");
    EXPECT_EQ(r.status, 200) << username << ": " << r.body;
    return Json(r.body).Str("token");
  }

  HttpReply Call(const std::string& token, const std::string& method, const std::string& target,
                 const std::string& body = "", std::vector<std::pair<std::string, std::string>> headers = {}) {
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    return http_->Send(method, target, body, std::move(headers));
  }

  // The organisation of most scenarios: company → area "east" (VP vp1) → department "sh"
  // (manager mgr1, salespeople s1 and s2) and department "bj" (salesperson s3, manager mgr2);
  // business office bo1, general manager gm1 (manager of the company), auditor aud1.
  void BuildOrg() {
    admin_ = Login("admin", kAdminPassword);
    auto unit = [&](const std::string& id, const std::string& name, const std::string& parent, const std::string& kind) {
      auto r = Call(admin_, "POST", "/api/org-units",
                    R"({"id":")" + id + R"(","name":")" + name + R"(","parent_id":")" + parent + R"(","kind":")" + kind + R"("})");
      ASSERT_EQ(r.status, 201) << r.body;
    };
    auto user = [&](const std::string& username, const std::string& role, const std::string& unit_id) {
      auto r = Call(admin_, "POST", "/api/users",
                    R"({"username":")" + username + R"(","display_name":")" + username + R"(","password":")" +
                        kUserPassword + R"(","role":")" + role + R"(","org_unit_id":")" + unit_id + R"("})");
      ASSERT_EQ(r.status, 201) << r.body;
    };
    auto manage = [&](const std::string& unit_id, const std::string& username) {
      auto r = Call(admin_, "POST", "/api/org-units/" + unit_id + "/manager", R"({"user_id":"u-)" + username + R"("})");
      ASSERT_EQ(r.status, 200) << r.body;
    };
    unit("east", "华东区", "company", "vp_area");
    unit("sh", "上海销售部", "east", "department");
    unit("bj", "北京销售部", "east", "department");
    user("vp1", "vp", "east");
    user("mgr1", "manager", "sh");
    user("mgr2", "manager", "bj");
    user("s1", "sales", "sh");
    user("s2", "sales", "sh");
    user("s3", "sales", "bj");
    user("bo1", "business_office", "company");
    user("gm1", "gm", "company");
    user("aud1", "auditor", "company");
    manage("east", "vp1");
    manage("sh", "mgr1");
    manage("bj", "mgr2");
    manage("company", "gm1");
  }

  // Opens an account as `token`'s user; returns its id.
  std::string OpenAccount(const std::string& token, const std::string& name, const std::string& tier = "B") {
    auto r = Call(token, "POST", "/api/accounts", R"({"name":")" + name + R"(","tier":")" + tier + R"("})");
    EXPECT_EQ(r.status, 201) << r.body;
    return Json(r.body).Str("id");
  }

  // Registers a project as `token`'s user under `account`; returns its id.
  std::string Register(const std::string& token, const std::string& account, const std::string& name,
                       const std::string& end_user = "") {
    auto r = Call(token, "POST", "/api/projects",
                  R"({"name":")" + name + R"(","account_id":")" + account + R"(","end_user":")" + end_user +
                      R"(","contract_amount_fen":100000000,"win_probability":50,"margin_pct":20,"expected_signing_date":"2027-01-15"})");
    EXPECT_EQ(r.status, 201) << r.body;
    return Json(r.body).Str("id");
  }

  HttpReply AdvanceDays(int days) {
    return http_->Send("POST", "/api/test/clock", R"({"advance_days":)" + std::to_string(days) + "}");
  }

  std::filesystem::path dir_;
  std::unique_ptr<projections::ManualClock> clock_;
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<server::Ledger> ledger_;
  std::unique_ptr<server::mail::MailOutbox> mail_;
  server::ServeConfig config_;
  std::unique_ptr<server::AppServices> app_;
  std::unique_ptr<server::Server> server_;
  // Set before StartServer to serve HTTPS and wss with this self-signed certificate and its key.
  std::filesystem::path tls_cert_, tls_key_;
  uint16_t port_ = 0;
  std::unique_ptr<HttpClient> http_;
  std::string admin_;
};

}  // namespace keyledger::testing
