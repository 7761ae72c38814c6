// Listener: Beast's accept loop; one strand per connection.
#include "server/listener.h"

#include <boost/asio/strand.hpp>

#include "server/http_session.h"
#include "server/log.h"

namespace keyledger::server {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

Listener::Listener(net::io_context& ioc, SessionServices& services, std::shared_ptr<net::ssl::context> tls)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), services_(services), tls_(std::move(tls)) {}

beast::error_code Listener::Open(const tcp::endpoint& endpoint) {
  beast::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return ec;
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return ec;
  acceptor_.bind(endpoint, ec);
  if (ec) return ec;
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  return ec;
}

tcp::endpoint Listener::LocalEndpoint() const {
  beast::error_code ec;
  return acceptor_.local_endpoint(ec);
}

void Listener::Run(CommandPool* commands, std::vector<net::io_context*> session_contexts) {
  commands_ = commands;
  session_contexts_ = std::move(session_contexts);
  if (session_contexts_.empty()) session_contexts_.push_back(&ioc_);
  DoAccept();
}

void Listener::DoAccept() {
  net::io_context& next = *session_contexts_[next_context_++ % session_contexts_.size()];
  acceptor_.async_accept(net::make_strand(next),
                         beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
}

void Listener::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted) return;  // Stop closed the acceptor
  if (ec) {
    // E.g. out of file descriptors: keep accepting; the condition is usually transient.
    Log(LogLevel::kWarn, "accept failed", {{"error", ec.message()}});
  } else {
    bool tracked = tls_ ? Track(std::make_shared<HttpSession<TlsStream>>(std::move(socket), tls_.get(), services_, commands_))
                        : Track(std::make_shared<HttpSession<PlainStream>>(std::move(socket), nullptr, services_, commands_));
    if (!tracked) return;  // stopped meanwhile
  }
  if (!acceptor_.is_open()) return;
  DoAccept();
}

template <class Session>
bool Listener::Track(const std::shared_ptr<Session>& session) {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return false;
    if (sessions_.size() >= 64 && sessions_.size() % 64 == 0)
      std::erase_if(sessions_, [](const auto& w) { return w.expired(); });
    sessions_.push_back(session);
  }
  session->Run();
  return true;
}

void Listener::Stop() {
  std::vector<std::weak_ptr<StoppableSession>> sessions;
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
    sessions.swap(sessions_);
  }
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    beast::error_code ec;
    self->acceptor_.close(ec);
  });
  for (auto& w : sessions)
    if (auto s = w.lock()) s->Shutdown();
}

}  // namespace keyledger::server
