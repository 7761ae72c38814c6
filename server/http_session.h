// HttpSession: one HTTP/1.1 connection on its own strand, over plain TCP or TLS. Under TLS it first
// completes the handshake (with a deadline of its own). Then it reads a request with the body and
// header limits and a read timeout, hands it to HttpApp, writes the answer, keeps alive; on a
// WebSocket upgrade of /api/feed it checks origin and session and hands the stream (TLS and all)
// to FeedSession. Beast-heavy: include only from the Beast translation units.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "server/command_pool.h"
#include "server/http_types.h"
#include "server/session_services.h"
#include "server/session_stream.h"

namespace keyledger::server {

// What the listener keeps of every session, whatever its transport: a way to ask it to stop.
class StoppableSession {
 public:
  // Graceful stop: an idle connection is closed now, a busy one after its current answer.
  // May be called from any thread.
  virtual void Shutdown() = 0;

 protected:
  ~StoppableSession() = default;  // owned through shared_ptr to the concrete session
};

// Every member is touched only on the socket's strand; Shutdown may be called from any thread.
template <class Stream>
class HttpSession final : public StoppableSession, public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  // `socket` must have been accepted with a strand executor.
  // `commands` runs the requests that block (CommandPool); null: they run on the I/O thread.
  // `tls` is for TlsStream only (null for PlainStream); borrowed, it must outlive the session (the
  // Server keeps it until its threads are joined).
  HttpSession(boost::asio::ip::tcp::socket&& socket, boost::asio::ssl::context* tls, SessionServices& services,
              CommandPool* commands);
  ~HttpSession();

  void Run();
  void Shutdown() override;

 private:
  using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
  // The base is dependent: name it once so the members can call shared_from_this() plainly.
  using std::enable_shared_from_this<HttpSession<Stream>>::shared_from_this;

  void Start();  // the TLS handshake, if any, then the first read
  void OnHandshake(boost::beast::error_code ec);
  void DoRead();
  void OnRead(boost::beast::error_code ec, size_t bytes);
  void Answer(const Request& request, Response response, bool keep_alive);
  void OnWrite(bool close, boost::beast::error_code ec, size_t bytes);
  void RefuseOversized();
  void DrainThenClose();
  void DoDrain(size_t drained);
  void CloseAfter(boost::beast::error_code ec);
  void DoClose();
  void CloseSocket();
  void Fail(boost::beast::error_code ec, const char* what);
  Request Convert(const BeastRequest& req) const;

  // Kept apart from stream_ because an upgrade moves the stream away while a Shutdown may still
  // be on its way to this session. Both are taken from the socket before stream_ takes it.
  const boost::asio::any_io_executor executor_;
  const std::string client_address_;
  Stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<void> response_;  // keeps the response alive during async_write
  std::array<char, 8192> drain_{};
  SessionServices& services_;
  CommandPool* const commands_;
  bool waiting_for_client_ = false;  // in the TLS handshake or reading a request: Shutdown cancels
  bool stopping_ = false;
};

extern template class HttpSession<PlainStream>;
extern template class HttpSession<TlsStream>;

}  // namespace keyledger::server
