// Accounts over HTTP: the confidential file (R-A9) readable only in scope and logged before it is
// sent (R-U4), the named-account application through the business office and two VPs (R-A5),
// visits (R-V1), complaints (R-C1/R-C2), the forecast (R-P10), the approvals inbox and the raw
// event log filtered by the access policy.
#include <gtest/gtest.h>

#include "tests/server/server_fixture.h"

namespace keyledger::testing {
namespace {

class AccountApiTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    BuildOrg();
    s1_ = Login("s1");
    s2_ = Login("s2");
    s3_ = Login("s3");
    mgr1_ = Login("mgr1");
    vp1_ = Login("vp1");
    bo1_ = Login("bo1");
    aud1_ = Login("aud1");
  }

  size_t Items(const HttpReply& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    Json j(r.body);
    auto items = j["items"].get_array();
    return items.error() ? 0 : items.value_unsafe().size();
  }

  // A second VP, so that the named application can get its two approvals.
  std::string SecondVp() {
    auto unit = Call(admin_, "POST", "/api/org-units", R"({"id":"north","name":"华北区","parent_id":"company","kind":"vp_area"})");
    EXPECT_EQ(unit.status, 201) << unit.body;
    auto user = Call(admin_, "POST", "/api/users",
                     R"({"username":"vp2","display_name":"vp2","password":")" + std::string(kUserPassword) +
                         R"(","role":"vp","org_unit_id":"north"})");
    EXPECT_EQ(user.status, 201) << user.body;
    EXPECT_EQ(Call(admin_, "POST", "/api/org-units/north/manager", R"({"user_id":"u-vp2"})").status, 200);
    return Login("vp2");
  }

  std::string s1_, s2_, s3_, mgr1_, vp1_, bo1_, aud1_;
};

TEST_F(AccountApiTest, R_A9_FileReadsAreScopedAndEachReadIsLoggedForTheAuditor) {
  std::string id = OpenAccount(s1_, "宁波舟山港股份有限公司", "A");
  auto file = Call(s1_, "GET", "/api/accounts/" + id);
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(Json(file.body).Str("name"), "宁波舟山港股份有限公司");
  EXPECT_EQ(Call(mgr1_, "GET", "/api/accounts/" + id).status, 200);

  Seq head = store_->HeadSeq();
  auto refused = Call(s2_, "GET", "/api/accounts/" + id);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.body.find("宁波"), std::string::npos);
  EXPECT_EQ(Call(s3_, "GET", "/api/accounts/" + id).status, 403);
  EXPECT_EQ(store_->HeadSeq(), head);  // a refused read appends nothing

  auto log = Call(aud1_, "GET", "/api/audit/access-log?account=" + id);
  EXPECT_EQ(Items(log), 2u);  // s1 and mgr1
  EXPECT_NE(log.body.find("u-mgr1"), std::string::npos);
  EXPECT_EQ(Call(s1_, "GET", "/api/audit/access-log").status, 403);
  EXPECT_EQ(Call(mgr1_, "GET", "/api/audit/access-log").status, 403);
}

TEST_F(AccountApiTest, R_U2_AccountFileAsOfIsScopedAndLoggedAndAbsentBeforeItsOpening) {
  std::string before = server::FormatTime(clock_->Now(), std::chrono::minutes(480));
  before.replace(before.find('+'), 1, "%2B");
  clock_->Advance(Days(1));
  std::string id = OpenAccount(s1_, "舟山海洋开发有限公司", "B");
  EXPECT_EQ(Call(aud1_, "GET", "/api/audit/accounts/" + id + "?as_of=" + before).status, 404);
  auto now = Call(aud1_, "GET", "/api/audit/accounts/" + id);
  ASSERT_EQ(now.status, 200) << now.body;
  EXPECT_EQ(std::string_view(Json(now.body)["account"]["name"].get_string().value_unsafe()), "舟山海洋开发有限公司");
  EXPECT_EQ(Call(s2_, "GET", "/api/audit/accounts/" + id).status, 403);
  EXPECT_EQ(Items(Call(aud1_, "GET", "/api/audit/access-log?account=" + id)), 1u);  // the auditor's read
}

TEST_F(AccountApiTest, R_A5_NamedAccountNeedsTheOfficeCheckAndTwoVps) {
  std::string vp2 = SecondVp();
  std::string id = OpenAccount(s1_, "中国石化销售股份有限公司浙江分公司", "A");
  auto apply = Call(s1_, "POST", "/api/accounts/" + id + "/named-application",
                    R"({"plan":{"customer_info":"省级销售公司","sales_potential":"年采购 5000 万","products":"加油站智能化"},
                        "qualification":{"independent_legal_person":true,"cooperation_year":2,"gross_profit_fen":150000000}})");
  ASSERT_EQ(apply.status, 200) << apply.body;
  // The VPs cannot approve before the business office checked.
  auto early = Call(vp1_, "POST", "/api/accounts/" + id + "/named-application/review", R"({"decision":"approve","reason":"ok"})");
  EXPECT_EQ(early.status, 403) << early.body;
  EXPECT_EQ(Json(early.body).ErrorDetail("rule"), "R-A5");
  ASSERT_EQ(Call(bo1_, "POST", "/api/accounts/" + id + "/named-application/review", R"({"decision":"approve","reason":"无冲突"})").status, 200);
  ASSERT_EQ(Call(vp1_, "POST", "/api/accounts/" + id + "/named-application/review", R"({"decision":"approve","reason":"ok"})").status, 200);
  auto half = Json(Call(s1_, "GET", "/api/accounts/" + id + "/named-application").body);
  EXPECT_NE(half.Str("state"), "named");
  ASSERT_EQ(Call(vp2, "POST", "/api/accounts/" + id + "/named-application/review", R"({"decision":"approve","reason":"ok"})").status, 200);
  auto steps = Json(Call(s1_, "GET", "/api/accounts/" + id + "/named-application").body);
  EXPECT_EQ(steps.Str("state"), "named");
  Json file(Call(s1_, "GET", "/api/accounts/" + id).body);
  EXPECT_EQ(file.Str("kind"), "named");
  EXPECT_EQ(file.Str("owner"), "u-s1");

  // Now named, the other salesperson cannot read it and a listing shows it only to those in scope.
  EXPECT_EQ(Call(s2_, "GET", "/api/accounts/" + id).status, 403);
  EXPECT_EQ(Items(Call(s2_, "GET", "/api/accounts?kind=named")), 0u);
  EXPECT_EQ(Items(Call(s1_, "GET", "/api/accounts?kind=named&owner=me")), 1u);
}

TEST_F(AccountApiTest, R_V1_VisitsAreLoggedAndListed) {
  std::string id = OpenAccount(s1_, "苏州轨道交通集团有限公司", "A");
  auto visit = Call(s1_, "POST", "/api/accounts/" + id + "/visits",
                    R"({"kind":"visit","date":"2026-11-02","people_met":"周总工","content":"方案汇报","report":"客户认可"})");
  ASSERT_EQ(visit.status, 201) << visit.body;
  auto list = Call(s1_, "GET", "/api/accounts/" + id + "/visits");
  EXPECT_EQ(Items(list), 1u);
  EXPECT_NE(list.body.find("方案汇报"), std::string::npos);
  auto missing = Call(s1_, "POST", "/api/accounts/" + id + "/visits", R"({"kind":"visit","content":"x","report":"y"})");
  EXPECT_EQ(missing.status, 400) << missing.body;
  EXPECT_EQ(Call(s2_, "POST", "/api/accounts/" + id + "/visits",
                 R"({"kind":"phone","date":"2026-11-02","people_met":"x","content":"x","report":"y"})").status, 403);
}

TEST_F(AccountApiTest, R_C2_ComplaintStepsFollowTheirOrder) {
  std::string account = OpenAccount(s1_, "杭州地铁集团有限责任公司", "B");
  auto opened = Call(s1_, "POST", "/api/complaints",
                     R"({"account_id":")" + account + R"(","contact":"李工","severity":"high","content":"设备故障响应慢"})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  std::string id = Json(opened.body).Str("id");
  // A plan before the first contact is out of order.
  auto early = Call(s1_, "POST", "/api/complaints/" + id + "/plan", R"({"measures":"更换设备"})");
  EXPECT_EQ(early.status, 422) << early.body;
  ASSERT_EQ(Call(s1_, "POST", "/api/complaints/" + id + "/assign", R"({"assignee":"u-s1"})").status, 200);
  ASSERT_EQ(Call(s1_, "POST", "/api/complaints/" + id + "/contact", R"({"note":"已电话联系"})").status, 200);
  ASSERT_EQ(Call(s1_, "POST", "/api/complaints/" + id + "/plan", R"({"measures":"更换设备"})").status, 200);
  Json c(Call(s1_, "GET", "/api/complaints/" + id).body);
  EXPECT_EQ(c.Str("state"), "planned");
}

TEST_F(AccountApiTest, R_P10_ForecastIsExactMoneyAndScoped) {
  std::string account = OpenAccount(s1_, "上海电气集团股份有限公司", "A");
  std::string p = Register(s1_, account, "储能电站");  // 1,000,000.00 元 × 50 % × 20 %
  ASSERT_EQ(Call(vp1_, "POST", "/api/projects/" + p + "/decision", R"({"decision":"approve"})").status, 200);
  auto r = Call(mgr1_, "GET", "/api/forecast?month=2027-01&group_by=owner");
  ASSERT_EQ(r.status, 200) << r.body;
  Json f(r.body);
  auto rows = f["rows"].get_array().value_unsafe();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(int64_t(rows.at(0)["expected_revenue_fen"].get_int64().value_unsafe()), 50000000);
  EXPECT_EQ(int64_t(rows.at(0)["expected_profit_fen"].get_int64().value_unsafe()), 10000000);
  EXPECT_EQ(Call(s1_, "GET", "/api/forecast?month=2027-01").status, 403);
  auto other_area = Call(Login("mgr2"), "GET", "/api/forecast?month=2027-01");
  ASSERT_EQ(other_area.status, 200);
  EXPECT_EQ(Json(other_area.body)["rows"].get_array().value_unsafe().size(), 0u);
}

TEST_F(AccountApiTest, ApprovalsInboxListsRegistrationsForTheirVpOnly) {
  std::string account = OpenAccount(s1_, "温州港集团有限公司", "B");
  std::string p = Register(s1_, account, "码头视频监控改造");
  auto inbox = Call(vp1_, "GET", "/api/approvals");
  EXPECT_EQ(Items(inbox), 1u);
  EXPECT_NE(inbox.body.find(p), std::string::npos);
  EXPECT_EQ(Items(Call(mgr1_, "GET", "/api/approvals")), 0u);
  EXPECT_EQ(Items(Call(s1_, "GET", "/api/approvals")), 0u);
}

TEST_F(AccountApiTest, EventsAreFilteredByTheCallersScope) {
  std::string account = OpenAccount(s1_, "嘉兴燃气集团股份有限公司", "C");
  std::string p = Register(s1_, account, "管网监测");
  auto mine = Call(s1_, "GET", "/api/events?stream=project-" + p);
  EXPECT_EQ(Items(mine), 1u);
  EXPECT_EQ(Items(Call(s2_, "GET", "/api/events?stream=project-" + p)), 0u);
  EXPECT_EQ(Items(Call(aud1_, "GET", "/api/events?stream=project-" + p)), 1u);
  // The org stream (users, password hashes) is the admin's, auditor's and GM's only.
  EXPECT_EQ(Items(Call(s1_, "GET", "/api/events?stream=org")), 0u);
  auto org = Call(admin_, "GET", "/api/events?stream=org");
  EXPECT_GT(Items(org), 5u);
  EXPECT_EQ(org.body.find("$argon2"), std::string::npos) << "password hashes never leave the server";
}

}  // namespace
}  // namespace keyledger::testing
