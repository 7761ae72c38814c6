// HttpSession: one HTTP/1.1 connection on its own strand. Reads a request with the body and
// header limits and a read timeout, hands it to HttpApp, writes the answer, keeps alive; on a
// WebSocket upgrade of /api/feed it checks origin and session and hands the socket to FeedSession.
// Beast-heavy: include only from the Beast translation units.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "server/http_types.h"
#include "server/session_services.h"

namespace keyledger::server {

// Every member is touched only on the socket's strand; Shutdown may be called from any thread.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  // `socket` must have been accepted with a strand executor.
  HttpSession(boost::asio::ip::tcp::socket&& socket, SessionServices& services);
  ~HttpSession();

  void Run();
  // Graceful stop: an idle connection is closed now, a busy one after its current answer.
  void Shutdown();

 private:
  using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

  void DoRead();
  void OnRead(boost::beast::error_code ec, size_t bytes);
  void Answer(const Request& request, Response response, bool keep_alive);
  void OnWrite(bool close, boost::beast::error_code ec, size_t bytes);
  void RefuseOversized();
  void DrainThenClose();
  void DoDrain(size_t drained);
  void DoClose();
  void Fail(boost::beast::error_code ec, const char* what);
  Request Convert(const BeastRequest& req) const;

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<void> response_;  // keeps the response alive during async_write
  std::array<char, 8192> drain_{};
  SessionServices& services_;
  std::string client_address_;
  bool reading_ = false;
  bool stopping_ = false;
};

}  // namespace keyledger::server
