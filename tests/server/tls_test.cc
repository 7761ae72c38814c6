// TLS for `keyledger serve --tls-cert/--tls-key`: HTTPS to a client that verifies the certificate,
// Secure cookies and HSTS, the feed over wss, no answer to plain HTTP on the TLS port, a prompt
// graceful stop; and the executable itself: it says https, stops on SIGTERM, and refuses a key
// that is not the certificate's or a file it cannot read. The certificates are self-signed (each
// its own CA), made by the openssl command for every test.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "tests/server/child_server_fixture.h"

namespace keyledger::testing {
namespace {

using namespace std::chrono_literals;

// In `dir`: cert.pem (self-signed, 127.0.0.1) with key.pem, and other_cert.pem with other_key.pem,
// a second pair that has nothing to do with the first.
void MakeCertificates(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  for (std::string name : {"", "other_"}) {
    // The IP address goes in subjectAltName: clients match an address against that, not the CN.
    std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -days 1"
                          " -keyout " + (dir / (name + "key.pem")).string() + " -out " + (dir / (name + "cert.pem")).string() +
                          " >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
}

// The in-process server (ServerFixture) serving HTTPS; http_ trusts the certificate.
class TlsTest : public ServerFixture {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("keyledger-tls-test-" + std::to_string(rd()));
    ASSERT_NO_FATAL_FAILURE(MakeCertificates(dir_ / "tls"));
    tls_cert_ = dir_ / "tls" / "cert.pem";
    tls_key_ = dir_ / "tls" / "key.pem";
    ServerFixture::SetUp();
  }

  std::unique_ptr<FeedClient> ConnectFeed(const std::string& token, const std::string& origin) {
    return std::make_unique<FeedClient>(
        port_, std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer " + token}, {"Origin", origin}},
        tls_cert_.string());
  }

  std::string Origin(const std::string& scheme) const { return scheme + "://127.0.0.1:" + std::to_string(port_); }
};

TEST_F(TlsTest, HealthzAnswersOverTlsToAClientThatVerifiesTheCertificate) {
  auto reply = http_->Send("GET", "/healthz");
  EXPECT_EQ(reply.status, 200) << reply.body;
  // The verification is real: a client that trusts another certificate does not get through.
  HttpClient stranger(port_, (dir_ / "tls" / "other_cert.pem").string());
  EXPECT_EQ(stranger.Send("GET", "/healthz").status, -1);
}

TEST_F(TlsTest, LoginOverTlsSetsASecureCookieAndHsts) {
  auto login = http_->Send("POST", "/api/session",
                           std::string(R"({"username":"admin","password":")") + kAdminPassword + R"("})");
  ASSERT_EQ(login.status, 200) << login.body;
  std::string cookie = login.Header("Set-Cookie");
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_EQ(login.Header("Strict-Transport-Security"), "max-age=31536000");
}

TEST_F(TlsTest, FeedRunsOverWssAndTheOwnOriginIsTheHttpsOne) {
  std::string token = Login("admin", kAdminPassword);
  auto feed = ConnectFeed(token, Origin("https"));
  ASSERT_TRUE(feed->Open());
  auto hello = feed->Read(5s);
  ASSERT_TRUE(hello);
  EXPECT_EQ(Json(*hello).Str("type"), "hello") << *hello;
  feed->Send(R"({"type":"subscribe","after_seq":0})");
  bool caught_up = false;
  while (!caught_up) {
    auto frame = feed->Read(5s);
    ASSERT_TRUE(frame) << "no caught_up over wss";
    caught_up = Json(*frame).Str("type") == "caught_up";
  }
  // A page served over plain http would be another origin, so it may not open this feed.
  EXPECT_FALSE(ConnectFeed(token, Origin("http"))->Open());
}

TEST_F(TlsTest, PlainHttpToTheTlsPortGetsNoHttpAnswer) {
  auto plain = HttpClient(port_).Send("GET", "/healthz");
  EXPECT_EQ(plain.status, -1) << "answered in plain HTTP: " << plain.body;
  // Turning the stranger away costs the server nothing: HTTPS goes on.
  EXPECT_EQ(http_->Send("GET", "/healthz").status, 200);
}

TEST_F(TlsTest, GracefulStopEndsAnIdleHttpsConnectionAndTheWssFeedPromptly) {
  ASSERT_EQ(http_->Send("GET", "/healthz").status, 200);  // leaves an idle keep-alive connection
  auto feed = ConnectFeed(Login("admin", kAdminPassword), Origin("https"));
  ASSERT_TRUE(feed->Open());
  ASSERT_TRUE(feed->Read(5s));  // hello
  // The client goes on reading, as a browser does, so it answers the server's close frame.
  std::thread reader([&] {
    while (feed->Read(10s)) {
    }
  });
  auto started = std::chrono::steady_clock::now();
  server_->Stop();
  auto took = std::chrono::steady_clock::now() - started;
  reader.join();
  EXPECT_EQ(feed->CloseCode(), 1001);
  // Stop gives up waiting after its 5 s grace; reaching it would mean a TLS connection hung.
  EXPECT_LT(took, 4s);
}

// The keyledger executable with TLS flags (ChildServerFixture).
class TlsMainTest : public ChildServerFixture {
 protected:
  void SetUp() override {
    ChildServerFixture::SetUp();
    ASSERT_NO_FATAL_FAILURE(MakeCertificates(dir_ / "tls"));
  }
  std::string Tls(const std::string& file) const { return (dir_ / "tls" / file).string(); }

  // Runs `keyledger serve` with `extra` flags until it exits by itself; returns its wait status
  // and, in `said`, the first line it printed (stdout or stderr) starting with `prefix`.
  int RunUntilExit(const std::vector<std::string>& extra, const std::string& prefix, std::string* said) {
    // The shell joins stderr to the stdout pipe that ChildProcess reads.
    std::vector<std::string> argv{"/bin/sh", "-c", "exec \"$0\" \"$@\" 2>&1"};
    auto serve = ServeArgv(extra);
    argv.insert(argv.end(), serve.begin(), serve.end());
    ChildProcess child(argv, {std::string("KEYLEDGER_ADMIN_PASSWORD=") + kAdminPassword});
    auto line = child.WaitForLine(prefix, 120s);
    if (!line) return child.Kill(SIGKILL);  // neither said it nor exited: the test fails on the status
    *said = *line;
    return child.Wait();
  }
};

TEST_F(TlsMainTest, ServesHttpsSaysSoAndStopsCleanlyOnSigterm) {
  ASSERT_NO_FATAL_FAILURE(Spawn({"--tls-cert", Tls("cert.pem"), "--tls-key", Tls("key.pem")}, {}, Tls("cert.pem")));
  auto reply = http_->Send("GET", "/healthz");
  EXPECT_EQ(reply.status, 200) << reply.body;
  // SIGTERM with the keep-alive HTTPS connection still open: a graceful stop, exit code 0.
  int status = child_->Kill(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "wait status " << status;
}

TEST_F(TlsMainTest, AKeyThatIsNotTheCertificatesIsRefusedWithExitCode2) {
  std::string said;
  int status = RunUntilExit({"--tls-cert", Tls("cert.pem"), "--tls-key", Tls("other_key.pem")}, "cannot serve TLS", &said);
  EXPECT_NE(said.find("does not match the certificate"), std::string::npos) << said;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << "wait status " << status;
}

TEST_F(TlsMainTest, ACertificateThatCannotBeReadIsRefusedWithExitCode2) {
  std::string said;
  int status = RunUntilExit({"--tls-cert", Tls("missing.pem"), "--tls-key", Tls("key.pem")}, "cannot serve TLS", &said);
  EXPECT_NE(said.find("cannot read " + Tls("missing.pem")), std::string::npos) << said;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << "wait status " << status;
}

}  // namespace
}  // namespace keyledger::testing
