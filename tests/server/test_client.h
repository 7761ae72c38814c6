// A small blocking HTTP/1.1 and WebSocket client on loopback for the server tests (Beast), kept
// in one translation unit so the heavy templates compile once.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace keyledger::testing {

struct HttpReply {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string Header(const std::string& name) const;
};

// One keep-alive connection. Not thread-safe; one per test thread.
class HttpClient {
 public:
  // `tls_ca_file` empty: plain HTTP. Otherwise HTTPS, trusting only the PEM certificates in that
  // file and requiring the server's certificate to name 127.0.0.1.
  explicit HttpClient(uint16_t port, const std::string& tls_ca_file = "");
  ~HttpClient();
  // Sends the request (adding Host, Content-Type for a body, and X-Requested-With for the CSRF
  // rule unless `headers` says otherwise) and reads the answer. Reconnects once if the server
  // closed the idle connection.
  HttpReply Send(const std::string& method, const std::string& target, const std::string& body = "",
                 std::vector<std::pair<std::string, std::string>> headers = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A WebSocket to /api/feed. Blocking reads with a timeout.
class FeedClient {
 public:
  // Performs the upgrade with `headers` (Authorization, Origin, Cookie…). On a refused upgrade
  // Status() is the HTTP status and the socket is closed. `tls_ca_file` as for HttpClient (wss).
  FeedClient(uint16_t port, std::vector<std::pair<std::string, std::string>> headers,
             const std::string& tls_ca_file = "");
  ~FeedClient();
  bool Open() const;
  int Status() const;  // 101 when upgraded (Beast does not report a declined upgrade's status)
  void Send(const std::string& text);
  // The next text frame, or nullopt on timeout/close. After a timeout the client is closed
  // (Beast's stream cannot continue after an aborted read): time out only at a test's end.
  std::optional<std::string> Read(std::chrono::milliseconds timeout);
  // The close code the server sent (0 if none yet).
  int CloseCode() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace keyledger::testing
