// HttpSession: Beast's async HTTP server session, with the project's limits and pipeline; the TLS
// steps (handshake, close_notify) follow Beast's advanced_server_flex example.
#include "server/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/websocket.hpp>

#include "server/feed_session.h"
#include "server/http_app.h"
#include "server/http_errors.h"
#include "server/log.h"
#include "server/security_headers.h"

namespace keyledger::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {
// A client that connects and never finishes the handshake holds a session this long at most.
constexpr std::chrono::seconds kTlsHandshakeTimeout{10};
// Closing sends close_notify and waits this long for the client's; short, because a graceful
// stop waits for every connection to end.
constexpr std::chrono::seconds kTlsCloseTimeout{1};

// Writes (commands, sign-in) wait for a sync or hash a password: they go to the CommandPool.
// Reads answer from memory and stay on the I/O thread, which saves them two thread hops.
bool MayBlock(const Request& request) {
  return request.method != "GET" && request.method != "HEAD" && request.method != "OPTIONS";
}

// The peer's IP address, or "" if the connection is already gone.
std::string RemoteAddress(const net::ip::tcp::socket& socket) {
  beast::error_code ec;
  auto ep = socket.remote_endpoint(ec);
  return ec ? std::string() : ep.address().to_string();
}
}  // namespace

template <class Stream>
HttpSession<Stream>::HttpSession(net::ip::tcp::socket&& socket, net::ssl::context* tls, SessionServices& services,
                                 CommandPool* commands)
    : executor_(socket.get_executor()),
      client_address_(RemoteAddress(socket)),
      stream_(MakeSessionStream<Stream>(std::move(socket), tls)),
      services_(services),
      commands_(commands) {
  services_.open_connections.fetch_add(1);
}

template <class Stream>
HttpSession<Stream>::~HttpSession() {
  services_.open_connections.fetch_sub(1);
}

template <class Stream>
void HttpSession<Stream>::Run() {
  net::dispatch(executor_, beast::bind_front_handler(&HttpSession::Start, shared_from_this()));
}

template <class Stream>
void HttpSession<Stream>::Shutdown() {
  net::post(executor_, [self = shared_from_this()] {
    self->stopping_ = true;
    // Idle between requests: close now. Mid-exchange: OnWrite closes after the answer.
    if (self->waiting_for_client_) beast::get_lowest_layer(self->stream_).cancel();
  });
}

template <class Stream>
void HttpSession<Stream>::Fail(beast::error_code ec, const char* what) {
  // stream_truncated: a TLS client that closed TCP without close_notify, which browsers do all
  // the time; harmless, since every answer carries its length.
  if (ec == net::error::operation_aborted || ec == http::error::end_of_stream ||
      ec == beast::error::timeout || ec == net::error::connection_reset || ec == net::error::eof ||
      ec == net::ssl::error::stream_truncated)
    return;
  Log(LogLevel::kWarn, "http session error", {{"where", what}, {"error", ec.message()}});
}

template <class Stream>
void HttpSession<Stream>::Start() {
  if constexpr (kIsTls<Stream>) {
    beast::get_lowest_layer(stream_).expires_after(kTlsHandshakeTimeout);
    waiting_for_client_ = true;
    stream_.async_handshake(net::ssl::stream_base::server,
                            beast::bind_front_handler(&HttpSession::OnHandshake, shared_from_this()));
  } else {
    DoRead();
  }
}

template <class Stream>
void HttpSession<Stream>::OnHandshake(beast::error_code ec) {
  waiting_for_client_ = false;
  if (ec) {
    // Plain HTTP sent to the TLS port, a scanner, an old client: the client's problem, not ours,
    // and frequent on an open port, so not a warning. No close_notify after a failed handshake.
    if (ec != net::error::operation_aborted)
      Log(LogLevel::kDebug, "tls handshake failed", {{"client", client_address_}, {"error", ec.message()}});
    return CloseSocket();
  }
  DoRead();
}

template <class Stream>
void HttpSession<Stream>::DoRead() {
  if (stopping_) return DoClose();
  parser_.emplace();
  parser_->body_limit(services_.http.body_limit);
  parser_->header_limit(static_cast<uint32_t>(services_.http.header_limit));
  // One deadline for the whole request: a client trickling bytes (slowloris) is cut off too.
  beast::get_lowest_layer(stream_).expires_after(services_.http.read_timeout);
  waiting_for_client_ = true;
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
}

template <class Stream>
Request HttpSession<Stream>::Convert(const BeastRequest& req) const {
  Request r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  size_t q = r.target.find('?');
  r.path = r.target.substr(0, q);
  if (q != std::string::npos) r.query = r.target.substr(q + 1);
  for (const auto& field : req)
    r.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  r.body = req.body();
  r.client_address = client_address_;
  r.tls = kIsTls<Stream>;
  return r;
}

template <class Stream>
void HttpSession<Stream>::OnRead(beast::error_code ec, size_t) {
  waiting_for_client_ = false;
  if (ec == http::error::body_limit || ec == http::error::header_limit) return RefuseOversized();
  if (ec) {
    Fail(ec, "read");
    return CloseAfter(ec);
  }
  BeastRequest beast_request = parser_->release();
  Request request = Convert(beast_request);

  if (request.path == kFeedPath && beast::websocket::is_upgrade(beast_request)) {
    FeedAdmission admission = services_.app.AdmitFeed(request);
    if (!admission.caller) return Answer(request, std::move(admission.refusal), false);
    beast::get_lowest_layer(stream_).expires_never();
    // The whole stream moves, so under TLS the feed continues on the same TLS session (wss).
    std::make_shared<FeedSession<Stream>>(std::move(stream_), services_, std::move(*admission.caller))
        ->Run(std::move(beast_request));
    return;
  }
  const bool keep_alive = beast_request.keep_alive();
  if (commands_ && MayBlock(request)) {
    // The session reads nothing while its request is out (HTTP/1.1 answers in order), and the
    // answer comes back to the strand that owns the stream.
    commands_->Post([self = shared_from_this(), request = std::move(request), keep_alive]() mutable {
      Response response = self->services_.app.Handle(request);
      net::post(self->executor_, [self, request = std::move(request), response = std::move(response), keep_alive]() mutable {
        self->Answer(request, std::move(response), keep_alive);
      });
    });
    return;
  }
  Response response = services_.app.Handle(request);
  Answer(request, std::move(response), keep_alive);
}

template <class Stream>
void HttpSession<Stream>::Answer(const Request& request, Response response, bool keep_alive) {
  auto res = std::make_shared<http::response<http::string_body>>(
      static_cast<http::status>(response.status), 11);
  res->set(http::field::server, "keyledger");
  if (!response.content_type.empty()) res->set(http::field::content_type, response.content_type);
  for (auto& h : response.headers) res->insert(h.name, h.value);
  res->keep_alive(keep_alive && !stopping_);
  if (request.method == "HEAD") {
    res->content_length(response.body.size());
  } else {
    res->body() = std::move(response.body);
    res->prepare_payload();
  }
  bool close = res->need_eof();
  response_ = res;
  beast::get_lowest_layer(stream_).expires_after(services_.http.read_timeout);
  http::async_write(stream_, *res,
                    beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(), close));
}

template <class Stream>
void HttpSession<Stream>::OnWrite(bool close, beast::error_code ec, size_t) {
  response_.reset();
  if (ec) {
    Fail(ec, "write");
    return CloseAfter(ec);
  }
  if (close || stopping_) return DoClose();
  DoRead();
}

template <class Stream>
void HttpSession<Stream>::RefuseOversized() {
  Request request;
  request.method = parser_ ? std::string(parser_->get().method_string()) : "";
  request.path = parser_ ? std::string(parser_->get().target()) : "";
  request.tls = kIsTls<Stream>;
  Response response = ErrorResponse({ApiErrorCode::kTooLarge, "request too large", {}});
  AddSecurityHeaders(request, response);
  services_.app.Observe(request, "oversized", response.status, std::chrono::steady_clock::now());
  auto res = std::make_shared<http::response<http::string_body>>(http::status::payload_too_large, 11);
  res->set(http::field::server, "keyledger");
  res->set(http::field::content_type, response.content_type);
  for (auto& h : response.headers) res->insert(h.name, h.value);
  res->keep_alive(false);
  res->body() = std::move(response.body);
  res->prepare_payload();
  response_ = res;
  beast::get_lowest_layer(stream_).expires_after(services_.http.read_timeout);
  http::async_write(stream_, *res, [self = shared_from_this()](beast::error_code ec, size_t) {
    self->response_.reset();
    if (ec) return self->CloseAfter(ec);
    self->DrainThenClose();
  });
}

// After refusing a body we stop sending and read (and discard) what the client still sends for a
// moment: closing with unread data would reset the connection and the client might never see
// the 413. Under TLS the half-close is TCP's too: the answer carries its length, so the client
// needs no close_notify to trust it, and the drain only reads.
template <class Stream>
void HttpSession<Stream>::DrainThenClose() {
  beast::error_code ec;
  beast::get_lowest_layer(stream_).socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  // One deadline for the whole drain, and a byte bound, so a client cannot keep us reading.
  beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(2));
  DoDrain(0);
}

template <class Stream>
void HttpSession<Stream>::DoDrain(size_t drained) {
  if (drained > 4 * services_.http.body_limit) return CloseSocket();
  stream_.async_read_some(net::buffer(drain_), [self = shared_from_this(), drained](beast::error_code ec, size_t n) {
    if (ec) return self->CloseSocket();
    self->DoDrain(drained + n);
  });
}

// After an OpenSSL protocol error the TLS session is unusable (SSL_shutdown is not allowed), so
// only the socket is closed; after any other error the close is the usual one.
template <class Stream>
void HttpSession<Stream>::CloseAfter(beast::error_code ec) {
  if (kIsTls<Stream> && ec.category() == net::error::get_ssl_category()) return CloseSocket();
  DoClose();
}

template <class Stream>
void HttpSession<Stream>::DoClose() {
  if constexpr (kIsTls<Stream>) {
    // close_notify tells the client the connection ended here and was not cut by an attacker.
    beast::get_lowest_layer(stream_).expires_after(kTlsCloseTimeout);
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) { self->CloseSocket(); });
  } else {
    CloseSocket();
  }
}

template <class Stream>
void HttpSession<Stream>::CloseSocket() {
  beast::error_code ec;
  auto& socket = beast::get_lowest_layer(stream_).socket();
  socket.shutdown(net::ip::tcp::socket::shutdown_send, ec);
  socket.close(ec);
}

template class HttpSession<PlainStream>;
template class HttpSession<TlsStream>;

}  // namespace keyledger::server
