// Blocking Beast clients for the server tests, over plain TCP or TLS.
#include "tests/server/test_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>

#include <future>
#include <thread>

namespace keyledger::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

namespace {

constexpr char kHost[] = "127.0.0.1";

// Trusts only `ca_file`: the tests' self-signed certificate is its own CA. A file that cannot be
// loaded leaves nothing trusted, so the handshake fails and the test sees a failed connection.
std::unique_ptr<ssl::context> ClientTlsContext(const std::string& ca_file) {
  if (ca_file.empty()) return nullptr;
  auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
  beast::error_code ec;
  context->load_verify_file(ca_file, ec);
  context->set_verify_mode(ssl::verify_peer, ec);
  return context;
}

beast::error_code ConnectStream(beast::tcp_stream& stream, uint16_t port) {
  beast::error_code ec;
  stream.connect(tcp::endpoint(asio::ip::make_address(kHost), port), ec);
  return ec;
}

beast::error_code ConnectStream(TlsStream& stream, uint16_t port) {
  beast::error_code ec = ConnectStream(beast::get_lowest_layer(stream), port);
  if (ec) return ec;
  stream.set_verify_callback(ssl::host_name_verification(kHost), ec);
  if (ec) return ec;
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
  stream.handshake(ssl::stream_base::client, ec);
  beast::get_lowest_layer(stream).expires_never();
  return ec;
}

}  // namespace

std::string HttpReply::Header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (beast::iequals(k, name)) return v;
  }
  return {};
}

struct HttpClient::Impl {
  uint16_t port;
  asio::io_context ioc;
  std::unique_ptr<ssl::context> tls;  // null: plain HTTP
  std::optional<beast::tcp_stream> plain;
  std::optional<TlsStream> secure;
  bool connected = false;
  beast::flat_buffer buffer;

  // Calls `f` with the stream of this client's transport.
  template <class F>
  decltype(auto) WithStream(F&& f) {
    return tls ? f(*secure) : f(*plain);
  }

  void Connect() {
    // A fresh stream each time: a TLS stream cannot be reused after its connection ended.
    beast::error_code ec;
    if (tls) ec = ConnectStream(secure.emplace(ioc, *tls), port);
    else ec = ConnectStream(plain.emplace(ioc), port);
    connected = !ec;
    buffer.clear();
  }
};

HttpClient::HttpClient(uint16_t port, const std::string& tls_ca_file) : impl_(std::make_unique<Impl>()) {
  impl_->port = port;
  impl_->tls = ClientTlsContext(tls_ca_file);
}
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
    impl_->WithStream([&](auto& stream) {
      beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
      http::write(stream, req, ec);
    });
    if (ec) {
      impl_->connected = false;
      continue;
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    impl_->WithStream([&](auto& stream) { http::read(stream, impl_->buffer, parser, ec); });
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
  std::unique_ptr<ssl::context> tls;  // null: ws, otherwise wss
  std::optional<websocket::stream<beast::tcp_stream>> plain;
  std::optional<websocket::stream<TlsStream>> secure;
  bool open = false;
  int status = 0;
  int close_code = 0;
  beast::flat_buffer buffer;

  // Calls `f` with the WebSocket of this client's transport.
  template <class F>
  decltype(auto) WithSocket(F&& f) {
    return tls ? f(*secure) : f(*plain);
  }
};

FeedClient::FeedClient(uint16_t port, std::vector<std::pair<std::string, std::string>> headers,
                       const std::string& tls_ca_file)
    : impl_(std::make_unique<Impl>()) {
  impl_->tls = ClientTlsContext(tls_ca_file);
  if (impl_->tls) impl_->secure.emplace(impl_->ioc, *impl_->tls);
  else impl_->plain.emplace(impl_->ioc);
  impl_->WithSocket([&](auto& ws) {
    beast::error_code ec = ConnectStream(ws.next_layer(), port);
    if (ec) return;
    ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
      for (const auto& [k, v] : headers) req.set(k, v);
    }));
    websocket::response_type res;
    ws.handshake(res, "127.0.0.1:" + std::to_string(port), "/api/feed", ec);
    impl_->status = int(res.result_int());
    impl_->open = !ec;
  });
}

FeedClient::~FeedClient() {
  if (impl_->open) {
    beast::error_code ec;
    impl_->WithSocket([&](auto& ws) { beast::get_lowest_layer(ws).socket().close(ec); });
  }
}

bool FeedClient::Open() const { return impl_->open; }
int FeedClient::Status() const { return impl_->status; }

void FeedClient::Send(const std::string& text) {
  beast::error_code ec;
  impl_->WithSocket([&](auto& ws) {
    ws.text(true);
    ws.write(asio::buffer(text), ec);
  });
}

std::optional<std::string> FeedClient::Read(std::chrono::milliseconds timeout) {
  if (!impl_->open) return std::nullopt;
  impl_->buffer.clear();
  // Reads asynchronously with a deadline: a blocking read has no timeout of its own.
  beast::error_code result = asio::error::would_block;
  impl_->WithSocket([&](auto& ws) {
    ws.async_read(impl_->buffer, [&](beast::error_code ec, size_t) { result = ec; });
  });
  impl_->ioc.restart();
  impl_->ioc.run_for(timeout);
  if (result == asio::error::would_block) {
    // Timed out: cancel the read and drain its handler so the stream stays usable.
    impl_->WithSocket([](auto& ws) { beast::get_lowest_layer(ws).cancel(); });
    impl_->ioc.restart();
    impl_->ioc.run();
    impl_->open = false;  // Beast's websocket stream is unusable after an aborted read
    return std::nullopt;
  }
  if (result) {
    if (result == websocket::error::closed)
      impl_->close_code = impl_->WithSocket([](auto& ws) { return int(ws.reason().code); });
    impl_->open = false;
    return std::nullopt;
  }
  return beast::buffers_to_string(impl_->buffer.data());
}

int FeedClient::CloseCode() const { return impl_->close_code; }

}  // namespace keyledger::testing
