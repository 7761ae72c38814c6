// The access matrix (issue 5; issue 8's security regressions), driven by docs/openapi.json as the
// server serves it, so a new route is covered the day it is added:
//   - every operation the document marks as needing credentials answers 401 without them;
//   - every role calling every operation gets an answer, never a 5xx, never a dropped connection;
//   - the admin-only operations refuse every other role with 403, with a body that would be valid;
//   - the auditor reads but never changes anything;
//   - a salesperson of another department is refused the account and project of a colleague,
//     while the owner and the owner's manager are let in (the positive control).
#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <set>

#include "tests/server/server_fixture.h"

namespace keyledger::testing {
namespace {

struct Operation {
  std::string method, path;  // path template, e.g. /api/projects/{id}
  bool needs_credentials = false;
};

bool IsWrite(const std::string& method) { return method != "GET"; }

class AccessMatrixTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    BuildOrg();
    for (const auto& [name, role] : std::vector<std::pair<std::string, std::string>>{{"pm1", "product_manager"}, {"ia1", "info_admin"}}) {
      auto r = Call(admin_, "POST", "/api/users",
                    R"({"username":")" + name + R"(","display_name":")" + name + R"(","password":")" + kUserPassword +
                        R"(","role":")" + role + R"(","org_unit_id":"company"})");
      ASSERT_EQ(r.status, 201) << r.body;
    }
    for (const char* u : {"s1", "s2", "s3", "mgr1", "mgr2", "vp1", "bo1", "gm1", "aud1", "pm1", "ia1"}) tokens_[u] = Login(u);
    tokens_["admin"] = admin_;
    account_ = OpenAccount(tokens_["s1"], "上海申通地铁集团有限公司");
    project_ = Register(tokens_["s1"], account_, "信号系统改造");
    operations_ = Operations();
    ASSERT_GT(operations_.size(), 60u);
  }

  std::vector<Operation> Operations() {
    auto r = Call("", "GET", "/openapi.json");
    EXPECT_EQ(r.status, 200);
    simdjson::dom::parser parser;
    simdjson::dom::element doc = parser.parse(r.body).value();
    std::vector<Operation> out;
    simdjson::dom::object paths = doc["paths"].get_object().value();
    for (auto [path, ops] : paths) {
      simdjson::dom::object methods = ops.get_object().value();
      for (auto [method, op] : methods) {
        std::string m(method);
        if (m != "get" && m != "post" && m != "put" && m != "patch" && m != "delete") continue;
        for (char& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        simdjson::dom::array security;
        bool needs = op["security"].get(security) == simdjson::SUCCESS && security.size() > 0;
        out.push_back({m, std::string(path), needs});
      }
    }
    return out;
  }

  // The template filled with this scenario's objects (s1's account and project); ids of other
  // kinds are unknown ones, which must be refused as cleanly as known ones.
  std::string Fill(std::string path) const {
    auto put = [&](const std::string& name, const std::string& value) {
      for (size_t at; (at = path.find(name)) != std::string::npos;) path.replace(at, name.size(), value);
    };
    if (path.rfind("/api/accounts/", 0) == 0 || path.rfind("/api/audit/accounts/", 0) == 0) put("{id}", account_);
    if (path.rfind("/api/projects/", 0) == 0 || path.rfind("/api/audit/projects/", 0) == 0) put("{id}", project_);
    if (path.rfind("/api/users/", 0) == 0) put("{id}", "u-s2");
    if (path.rfind("/api/org-units/", 0) == 0) put("{id}", "sh");
    put("{id}", "zz-unknown");
    put("{affiliate}", "zz-unknown");
    put("{kp}", "zz-unknown");
    return path;
  }

  std::map<std::string, std::string> tokens_;
  std::string account_, project_;
  std::vector<Operation> operations_;
};

TEST_F(AccessMatrixTest, EveryOperationThatNeedsCredentialsRefusesACallWithout) {
  size_t checked = 0;
  for (const auto& op : operations_) {
    if (!op.needs_credentials || op.path == "/api/feed") continue;  // the feed's upgrade: feed_api_test
    auto r = Call("", op.method, Fill(op.path), IsWrite(op.method) ? "{}" : "");
    EXPECT_EQ(r.status, 401) << op.method << " " << op.path << ": " << r.body;
    EXPECT_EQ(Json(r.body).ErrorCode(), "unauthenticated") << op.method << " " << op.path;
    ++checked;
  }
  EXPECT_GT(checked, 55u);
}

TEST_F(AccessMatrixTest, AdminOnlyOperationsRefuseEveryOtherRoleWithAValidBody) {
  const std::vector<std::tuple<std::string, std::string, std::string>> admin_only = {
      {"POST", "/api/org-units", R"({"id":"gz","name":"广州销售部","parent_id":"east","kind":"department"})"},
      {"POST", "/api/org-units/sh/manager", R"({"user_id":"u-s2"})"},
      {"POST", "/api/users", R"({"username":"intruder","display_name":"x","password":"password-123","role":"admin","org_unit_id":"company"})"},
      {"PATCH", "/api/users/u-s2", R"({"email":"stolen@example.com"})"},
      {"POST", "/api/users/u-s2/disable", "{}"},
      {"POST", "/api/users/u-s2/enable", "{}"},
      {"GET", "/api/users/u-s2/mail-preferences", ""},
      {"PUT", "/api/users/u-s2/mail-preferences", R"({"kinds":[]})"},
  };
  Seq head = store_->HeadSeq();
  for (const auto& [user, token] : tokens_) {
    if (user == "admin") continue;
    for (const auto& [method, path, body] : admin_only) {
      auto r = Call(token, method, path, body);
      EXPECT_EQ(r.status, 403) << user << " " << method << " " << path << ": " << r.body;
    }
  }
  EXPECT_EQ(store_->HeadSeq(), head) << "a refused command wrote something";
  // The positive control: the same requests from the admin go through.
  EXPECT_EQ(Call(admin_, "PATCH", "/api/users/u-s2", R"({"email":"s2@example.com"})").status, 200);
  EXPECT_EQ(Call(admin_, "GET", "/api/users/u-s2/mail-preferences").status, 200);
}

TEST_F(AccessMatrixTest, TheAuditorReadsButChangesNothing) {
  // Their own session and their own mail settings are the auditor's; everything else is not.
  const std::set<std::string> own = {"POST /api/session", "DELETE /api/session", "PUT /api/me/mail-preferences",
                                     "POST /api/test/clock"};
  Seq head = store_->HeadSeq();
  for (const auto& op : operations_) {
    if (!IsWrite(op.method) || own.count(op.method + " " + op.path)) continue;
    auto r = Call(tokens_["aud1"], op.method, Fill(op.path), "{}");
    EXPECT_TRUE(r.status >= 400 && r.status < 500) << op.method << " " << op.path << " → " << r.status << " " << r.body;
  }
  EXPECT_EQ(store_->HeadSeq(), head) << "the auditor changed the log";
  EXPECT_EQ(Call(tokens_["aud1"], "GET", "/api/events").status, 200);
  EXPECT_EQ(Call(tokens_["aud1"], "GET", "/api/mail/deliveries").status, 200);
}

TEST_F(AccessMatrixTest, AnotherDepartmentsSalespersonIsRefusedAColleaguesAccountAndProject) {
  const std::string s3 = tokens_["s3"];
  const std::vector<std::tuple<std::string, std::string, std::string>> foreign = {
      {"GET", "/api/accounts/" + account_, ""},
      {"GET", "/api/projects/" + project_, ""},
      {"POST", "/api/projects/" + project_ + "/updates", R"({"note":"not mine"})"},
      {"POST", "/api/accounts/" + account_ + "/visits",
       R"({"kind":"visit","date":"2026-11-02","people_met":"周总工","content":"方案汇报","report":"客户认可"})"},
      {"GET", "/api/accounts/" + account_ + "/visits", ""},
      {"GET", "/api/audit/projects/" + project_ + "?as_of=2026-11-02T12:00:00%2B08:00", ""},
  };
  Seq head = store_->HeadSeq();
  for (const auto& [method, path, body] : foreign) {
    auto r = Call(s3, method, path, body);
    EXPECT_TRUE(r.status == 403 || r.status == 404) << method << " " << path << " → " << r.status << " " << r.body;
  }
  EXPECT_EQ(store_->HeadSeq(), head);
  for (const char* who : {"s1", "mgr1", "vp1"}) {
    EXPECT_EQ(Call(tokens_[who], "GET", "/api/projects/" + project_).status, 200) << who;
    EXPECT_EQ(Call(tokens_[who], "GET", "/api/accounts/" + account_).status, 200) << who;
  }
  EXPECT_EQ(Call(tokens_["mgr2"], "GET", "/api/projects/" + project_).status == 200, false) << "bj's manager is not sh's";
}

TEST_F(AccessMatrixTest, EveryRoleOnEveryOperationGetsAnAnswerNeverAServerError) {
  size_t calls = 0;
  for (const auto& [user, token] : tokens_) {
    for (const auto& op : operations_) {
      if (op.path == "/api/feed" || op.path == "/api/session") continue;  // the upgrade; signing out
      auto r = Call(token, op.method, Fill(op.path), IsWrite(op.method) ? "{}" : "");
      EXPECT_GT(r.status, 0) << user << " " << op.method << " " << op.path << ": no answer";
      EXPECT_LT(r.status, 500) << user << " " << op.method << " " << op.path << ": " << r.body;
      ++calls;
    }
  }
  EXPECT_GT(calls, 600u);
}

}  // namespace
}  // namespace keyledger::testing
