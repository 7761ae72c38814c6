// Blocking Beast clients for the server tests.
#include "tests/server/test_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <future>
#include <thread>

namespace keyledger::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

std::string HttpReply::Header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (beast::iequals(k, name)) return v;
  }
  return {};
}

struct HttpClient::Impl {
  uint16_t port;
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  bool connected = false;
  beast::flat_buffer buffer;

  void Connect() {
    beast::error_code ec;
    stream.socket().close(ec);
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    connected = !ec;
    buffer.clear();
  }
};

HttpClient::HttpClient(uint16_t port) : impl_(std::make_unique<Impl>()) { impl_->port = port; }
HttpClient::~HttpClient() = default;

HttpReply HttpClient::Send(const std::string& method, const std::string& target, const std::string& body,
                           std::vector<std::pair<std::string, std::string>> headers) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!impl_->connected) impl_->Connect();
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(impl_->port));
    bool has_xrw = false, has_ct = false;
    for (const auto& [k, v] : headers) {
      has_xrw |= beast::iequals(k, "X-Requested-With");
      has_ct |= beast::iequals(k, "Content-Type");
      if (!v.empty()) req.set(k, v);
    }
    if (!has_xrw) req.set("X-Requested-With", "keyledger");
    if (!body.empty() && !has_ct) req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    req.keep_alive(true);
    beast::error_code ec;
    impl_->stream.expires_after(std::chrono::seconds(30));
    http::write(impl_->stream, req, ec);
    if (ec) {
      impl_->connected = false;
      continue;
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(impl_->stream, impl_->buffer, parser, ec);
    if (ec) {
      impl_->connected = false;
      if (attempt == 0 && (ec == http::error::end_of_stream || ec == asio::error::connection_reset)) continue;
      return HttpReply{-1, ec.message(), {}};
    }
    auto res = parser.release();
    HttpReply reply;
    reply.status = int(res.result_int());
    reply.body = res.body();
    for (const auto& f : res) reply.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    if (!res.keep_alive()) impl_->connected = false;
    return reply;
  }
  return HttpReply{-1, "could not send", {}};
}

struct FeedClient::Impl {
  asio::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  bool open = false;
  int status = 0;
  int close_code = 0;
  beast::flat_buffer buffer;
};

FeedClient::FeedClient(uint16_t port, std::vector<std::pair<std::string, std::string>> headers)
    : impl_(std::make_unique<Impl>()) {
  beast::error_code ec;
  beast::get_lowest_layer(impl_->ws).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return;
  impl_->ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
    for (const auto& [k, v] : headers) req.set(k, v);
  }));
  websocket::response_type res;
  impl_->ws.handshake(res, "127.0.0.1:" + std::to_string(port), "/api/feed", ec);
  impl_->status = int(res.result_int());
  impl_->open = !ec;
}

FeedClient::~FeedClient() {
  if (impl_->open) {
    beast::error_code ec;
    beast::get_lowest_layer(impl_->ws).socket().close(ec);
  }
}

bool FeedClient::Open() const { return impl_->open; }
int FeedClient::Status() const { return impl_->status; }

void FeedClient::Send(const std::string& text) {
  beast::error_code ec;
  impl_->ws.text(true);
  impl_->ws.write(asio::buffer(text), ec);
}

std::optional<std::string> FeedClient::Read(std::chrono::milliseconds timeout) {
  if (!impl_->open) return std::nullopt;
  impl_->buffer.clear();
  // Reads asynchronously with a deadline: a blocking read has no timeout of its own.
  beast::error_code result = asio::error::would_block;
  impl_->ws.async_read(impl_->buffer, [&](beast::error_code ec, size_t) { result = ec; });
  impl_->ioc.restart();
  impl_->ioc.run_for(timeout);
  if (result == asio::error::would_block) {
    // Timed out: cancel the read and drain its handler so the stream stays usable.
    beast::get_lowest_layer(impl_->ws).cancel();
    impl_->ioc.restart();
    impl_->ioc.run();
    impl_->open = false;  // Beast's websocket stream is unusable after an aborted read
    return std::nullopt;
  }
  if (result) {
    if (result == websocket::error::closed) impl_->close_code = int(impl_->ws.reason().code);
    impl_->open = false;
    return std::nullopt;
  }
  return beast::buffers_to_string(impl_->buffer.data());
}

int FeedClient::CloseCode() const { return impl_->close_code; }

}  // namespace keyledger::testing
