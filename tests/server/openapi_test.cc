// docs/openapi.json, as the server serves it at GET /openapi.json, against the route table the
// real server builds (AppServices + AddBusinessRoutes, in ServerFixture): every registered
// (method, pattern) is documented, and every documented operation is registered. A route added
// without documentation, or documentation left behind by a removed route, fails here.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "server/http_app.h"
#include "server/openapi_handler.h"
#include "tests/server/server_fixture.h"

namespace keyledger::testing {
namespace {

using Operation = std::pair<std::string, std::string>;  // (METHOD, path template)

// Documented operations this fixture's router does not hold, and why that is right:
// - GET /api/feed: the WebSocket upgrade is taken by http_session before routing (kFeedPath);
//   it never reaches the router, so the router cannot list it.
// - GET /api/demo-users: registered only under --demo (AddDemoRoutes in AddBusinessRoutes). The
//   fixture does not run in demo mode (it would change the data every scenario starts from), so
//   the route is documented-optional: it may be absent from the router, never the reverse.
// POST /api/test/clock exists only under --manual-clock too, but the fixture enables that flag,
// so it is checked like any other route.
const std::set<Operation>& DocumentedOutsideRouter() {
  static const std::set<Operation> kOps = {{"GET", server::kFeedPath}, {"GET", "/api/demo-users"}};
  return kOps;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
  return out;
}

bool IsHttpMethod(std::string_view key) {
  for (std::string_view m : {"get", "put", "post", "delete", "options", "head", "patch", "trace"})
    if (key == m) return true;
  return false;
}

// The string at `e`, or "" when it is missing or not a string.
std::string Text(simdjson::simdjson_result<simdjson::dom::element> e) {
  std::string_view v;
  return e.get_string().get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
}
std::string Text(simdjson::dom::element e) { return Text(simdjson::simdjson_result<simdjson::dom::element>(std::move(e))); }

// Every "$ref" under `e` that does not point into the document itself, as "ref at path".
void CollectBrokenRefs(simdjson::dom::element root, simdjson::dom::element e, const std::string& at,
                       std::vector<std::string>& broken) {
  if (e.is_object()) {
    for (auto [key, value] : simdjson::dom::object(e)) {
      if (key == "$ref") {
        std::string ref = Text(value);
        if (ref.rfind("#/", 0) != 0 || root.at_pointer(ref.substr(1)).error()) broken.push_back(ref + " at " + at);
        continue;
      }
      CollectBrokenRefs(root, value, at + "/" + std::string(key), broken);
    }
  } else if (e.is_array()) {
    size_t i = 0;
    for (auto item : simdjson::dom::array(e)) CollectBrokenRefs(root, item, at + "/" + std::to_string(i++), broken);
  }
}

class OpenApiTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    reply_ = http_->Send("GET", "/openapi.json");
  }

  HttpReply reply_;
};

TEST_F(OpenApiTest, ServedPubliclyAsJson) {
  ASSERT_EQ(reply_.status, 200) << reply_.body.substr(0, 200);
  EXPECT_EQ(reply_.Header("Content-Type").rfind("application/json", 0), 0u) << reply_.Header("Content-Type");
  EXPECT_EQ(reply_.body, std::string(server::OpenApiDocument()));
}

TEST_F(OpenApiTest, IsValidOpenApi31) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(reply_.body).get(doc), simdjson::SUCCESS) << "docs/openapi.json is not valid JSON";
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(Text(doc["openapi"]).rfind("3.1.", 0), 0u) << "openapi must be 3.1.x";
  EXPECT_FALSE(Text(doc.at_pointer("/info/title")).empty());
  EXPECT_FALSE(Text(doc.at_pointer("/info/version")).empty());
  EXPECT_FALSE(doc.at_pointer("/components/schemas/Error/properties/error").error());
  EXPECT_FALSE(doc.at_pointer("/components/schemas/CommandAnswer").error());
  std::vector<std::string> broken;
  CollectBrokenRefs(doc, doc, "", broken);
  EXPECT_TRUE(broken.empty()) << "unresolved $ref: " << ::testing::PrintToString(broken);
}

TEST_F(OpenApiTest, RouterAndDocumentAgree) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(reply_.body).get(doc), simdjson::SUCCESS);
  simdjson::dom::object paths;
  ASSERT_EQ(doc["paths"].get_object().get(paths), simdjson::SUCCESS) << "no paths object";

  std::set<Operation> documented;
  for (auto [path, item] : paths) {
    simdjson::dom::object ops;
    ASSERT_EQ(item.get_object().get(ops), simdjson::SUCCESS) << path;
    for (auto [key, operation] : ops) {
      if (!IsHttpMethod(key)) continue;
      Operation op{Upper(key), std::string(path)};
      documented.insert(op);
      // Each operation says what it does and what it answers.
      EXPECT_FALSE(Text(operation["summary"]).empty()) << op.first << " " << op.second;
      EXPECT_FALSE(Text(operation["description"]).empty()) << op.first << " " << op.second;
      EXPECT_TRUE(operation["responses"].is_object()) << op.first << " " << op.second;
    }
  }

  std::set<Operation> registered;
  for (auto& [method, pattern] : app_->Routes().List()) registered.insert({method, pattern});
  ASSERT_FALSE(registered.empty());

  for (const auto& op : registered) {
    EXPECT_TRUE(documented.contains(op)) << "route not in docs/openapi.json: " << op.first << " " << op.second;
  }
  for (const auto& op : documented) {
    if (DocumentedOutsideRouter().contains(op)) continue;
    EXPECT_TRUE(registered.contains(op)) << "documented but not registered: " << op.first << " " << op.second;
  }
  // The special cases are documented (the feed is part of the public contract, API.md).
  for (const auto& op : DocumentedOutsideRouter()) {
    EXPECT_TRUE(documented.contains(op)) << "not documented: " << op.first << " " << op.second;
  }
}

}  // namespace
}  // namespace keyledger::testing
