// Sessions: the first admin of an empty log, sign-in that answers the same for an unknown user
// and a wrong password, throttling that counts failures only, logout, and the CSRF header rule.
#include <gtest/gtest.h>

#include "tests/server/server_fixture.h"

namespace keyledger::testing {
namespace {

class SessionApiTest : public ServerFixture {};

TEST_F(SessionApiTest, EmptyLogGetsTheAdminWithTheConfiguredPassword) {
  std::string token = Login("admin", kAdminPassword);
  auto me = Call(token, "GET", "/api/me");
  ASSERT_EQ(me.status, 200) << me.body;
  Json j(me.body);
  EXPECT_EQ(std::string_view(j["user"]["role"].get_string().value_unsafe()), "admin");
  // A restart does not create a second admin.
  Seq head = store_->HeadSeq();
  Restart();
  EXPECT_EQ(store_->HeadSeq(), head);
}

TEST_F(SessionApiTest, UnknownUserAndWrongPasswordGetTheSameAnswer) {
  auto unknown = http_->Send("POST", "/api/session", R"({"username":"nobody","password":"x"})");
  auto wrong = http_->Send("POST", "/api/session", R"({"username":"admin","password":"x"})");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.body, wrong.body);
}

TEST_F(SessionApiTest, OnlyFailedSignInsAreThrottled) {
  for (int i = 0; i < 12; ++i) ASSERT_FALSE(Login("admin", kAdminPassword).empty()) << "sign-in " << i;
  int refused = 0;
  HttpReply last;
  for (int i = 0; i < 8; ++i) {
    last = http_->Send("POST", "/api/session", R"({"username":"admin","password":"wrong"})");
    if (last.status == 429) ++refused;
  }
  EXPECT_GE(refused, 1);
  EXPECT_EQ(last.status, 429);
  EXPECT_FALSE(last.Header("Retry-After").empty());
  EXPECT_EQ(Json(last.body).ErrorCode(), "rate_limited");
}

TEST_F(SessionApiTest, LogoutEndsTheTokenAndCookiesNeedTheCsrfHeader) {
  auto login = http_->Send("POST", "/api/session", R"({"username":"admin","password":")" + std::string(kAdminPassword) + R"("})");
  ASSERT_EQ(login.status, 200);
  std::string cookie = login.Header("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  std::string session = cookie.substr(0, cookie.find(';'));
  // A cross-site form can send the cookie but not X-Requested-With: refused, nothing written.
  Seq head = store_->HeadSeq();
  auto forged = http_->Send("POST", "/api/org-units", R"({"id":"x","name":"x","parent_id":"company","kind":"vp_area"})",
                            {{"Cookie", session}, {"X-Requested-With", ""}});
  EXPECT_EQ(forged.status, 403) << forged.body;
  EXPECT_EQ(store_->HeadSeq(), head);
  auto allowed = http_->Send("POST", "/api/org-units", R"({"id":"x","name":"x","parent_id":"company","kind":"vp_area"})",
                             {{"Cookie", session}});
  EXPECT_EQ(allowed.status, 201) << allowed.body;

  std::string token = Json(login.body).Str("token");
  EXPECT_EQ(Call(token, "DELETE", "/api/session").status, 204);
  EXPECT_EQ(Call(token, "GET", "/api/me").status, 401);
}

TEST_F(SessionApiTest, AdminManagesTheOrgButNoOneElseDoes) {
  BuildOrg();
  std::string s1 = Login("s1");
  auto refused = Call(s1, "POST", "/api/org-units", R"({"id":"y","name":"y","parent_id":"company","kind":"vp_area"})");
  EXPECT_EQ(refused.status, 403) << refused.body;
  auto user = Call(s1, "POST", "/api/users",
                   R"({"username":"evil","display_name":"e","password":"password-1","role":"admin","org_unit_id":"company"})");
  EXPECT_EQ(user.status, 403) << user.body;
  // The admin has no business data rights (DOMAIN §1).
  EXPECT_EQ(Call(admin_, "POST", "/api/accounts", R"({"name":"X 公司","tier":"C"})").status, 403);
}

}  // namespace
}  // namespace keyledger::testing
