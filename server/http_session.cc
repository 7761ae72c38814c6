// HttpSession: Beast's async HTTP server session, with the project's limits and pipeline.
#include "server/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
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

HttpSession::HttpSession(net::ip::tcp::socket&& socket, SessionServices& services)
    : stream_(std::move(socket)), services_(services) {
  beast::error_code ec;
  auto ep = stream_.socket().remote_endpoint(ec);
  if (!ec) client_address_ = ep.address().to_string();
  services_.open_connections.fetch_add(1);
}

HttpSession::~HttpSession() { services_.open_connections.fetch_sub(1); }

void HttpSession::Run() {
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&HttpSession::DoRead, shared_from_this()));
}

void HttpSession::Shutdown() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->stopping_ = true;
    // Idle between requests: close now. Mid-exchange: OnWrite closes after the answer.
    if (self->reading_) self->stream_.cancel();
  });
}

void HttpSession::Fail(beast::error_code ec, const char* what) {
  if (ec == net::error::operation_aborted || ec == http::error::end_of_stream ||
      ec == beast::error::timeout || ec == net::error::connection_reset || ec == net::error::eof)
    return;
  Log(LogLevel::kWarn, "http session error", {{"where", what}, {"error", ec.message()}});
}

void HttpSession::DoRead() {
  if (stopping_) return DoClose();
  parser_.emplace();
  parser_->body_limit(services_.http.body_limit);
  parser_->header_limit(static_cast<uint32_t>(services_.http.header_limit));
  // One deadline for the whole request: a client trickling bytes (slowloris) is cut off too.
  stream_.expires_after(services_.http.read_timeout);
  reading_ = true;
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
}

Request HttpSession::Convert(const BeastRequest& req) const {
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
  return r;
}

void HttpSession::OnRead(beast::error_code ec, size_t) {
  reading_ = false;
  if (ec == http::error::body_limit || ec == http::error::header_limit) return RefuseOversized();
  if (ec) {
    Fail(ec, "read");
    return DoClose();
  }
  BeastRequest beast_request = parser_->release();
  Request request = Convert(beast_request);

  if (request.path == kFeedPath && beast::websocket::is_upgrade(beast_request)) {
    FeedAdmission admission = services_.app.AdmitFeed(request);
    if (!admission.caller) return Answer(request, std::move(admission.refusal), false);
    stream_.expires_never();
    std::make_shared<FeedSession>(stream_.release_socket(), services_, std::move(*admission.caller))
        ->Run(std::move(beast_request));
    return;
  }
  Response response = services_.app.Handle(request);
  Answer(request, std::move(response), beast_request.keep_alive());
}

void HttpSession::Answer(const Request& request, Response response, bool keep_alive) {
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
  stream_.expires_after(services_.http.read_timeout);
  http::async_write(stream_, *res,
                    beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(), close));
}

void HttpSession::OnWrite(bool close, beast::error_code ec, size_t) {
  response_.reset();
  if (ec) {
    Fail(ec, "write");
    return DoClose();
  }
  if (close || stopping_) return DoClose();
  DoRead();
}

void HttpSession::RefuseOversized() {
  Request request;
  request.method = parser_ ? std::string(parser_->get().method_string()) : "";
  request.path = parser_ ? std::string(parser_->get().target()) : "";
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
  stream_.expires_after(services_.http.read_timeout);
  http::async_write(stream_, *res, [self = shared_from_this()](beast::error_code ec, size_t) {
    self->response_.reset();
    if (ec) return self->DoClose();
    self->DrainThenClose();
  });
}

// After refusing a body we stop sending and read (and discard) what the client still sends for a
// moment: closing with unread data would reset the connection and the client might never see
// the 413.
void HttpSession::DrainThenClose() {
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  // One deadline for the whole drain, and a byte bound, so a client cannot keep us reading.
  stream_.expires_after(std::chrono::seconds(2));
  DoDrain(0);
}

void HttpSession::DoDrain(size_t drained) {
  if (drained > 4 * services_.http.body_limit) return DoClose();
  stream_.async_read_some(net::buffer(drain_),
                          [self = shared_from_this(), drained](beast::error_code ec, size_t n) {
                            if (ec) return self->DoClose();
                            self->DoDrain(drained + n);
                          });
}

void HttpSession::DoClose() {
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  stream_.socket().close(ec);
}

}  // namespace keyledger::server
