// Server: io_context, I/O threads, listener and graceful stop.
#include "server/server.h"

#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>

#include "server/command_pool.h"
#include "server/feed_hub.h"
#include "server/listener.h"
#include "server/tls_context.h"

namespace keyledger::server {

namespace net = boost::asio;

struct Server::Impl {
  explicit Impl(SessionServices& s) : services(s), work(net::make_work_guard(ioc)) {}
  SessionServices& services;
  // Before ioc: sessions borrow the context, and the last of them may die with the io_context.
  std::shared_ptr<net::ssl::context> tls;
  net::io_context ioc;
  net::executor_work_guard<net::io_context::executor_type> work;
  std::shared_ptr<Listener> listener;
  std::unique_ptr<CommandPool> commands;
  std::vector<std::thread> threads;
  bool stopped = false;
};

Server::Server(SessionServices& services) : impl_(std::make_unique<Impl>(services)) {}

Server::~Server() { Stop(); }

Result<Ok, std::string> Server::UseTls(const std::filesystem::path& cert_chain,
                                       const std::filesystem::path& private_key) {
  auto tls = LoadTlsContext(cert_chain, private_key);
  if (!tls.ok()) return Fail(std::move(tls.error()));
  impl_->tls = std::move(*tls);
  return Ok{};
}

Result<uint16_t, std::string> Server::Listen(const std::string& host, uint16_t port) {
  boost::system::error_code ec;
  auto address = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec) return Fail("not an IP address: " + host);
  impl_->listener = std::make_shared<Listener>(impl_->ioc, impl_->services, impl_->tls);
  ec = impl_->listener->Open(net::ip::tcp::endpoint(address, port));
  if (ec) return Fail("cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
  return impl_->listener->LocalEndpoint().port();
}

void Server::Start(int threads, int command_threads) {
  impl_->commands = std::make_unique<CommandPool>(command_threads);
  impl_->listener->Run(impl_->commands.get());
  for (int i = 0; i < std::max(1, threads); ++i) impl_->threads.emplace_back([this] { impl_->ioc.run(); });
}

void Server::Stop(std::chrono::milliseconds grace) {
  if (impl_->stopped) return;
  impl_->stopped = true;
  if (impl_->listener) impl_->listener->Stop();
  impl_->services.hub.CloseAll(1001, "server shutting down");
  impl_->work.reset();
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (impl_->services.open_connections.load() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  // The commands still running finish (their answers may no longer be written) before the I/O
  // threads stop: nothing acknowledged by the store is abandoned half-way through its handler.
  if (impl_->commands) impl_->commands->Join();
  impl_->ioc.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
  impl_->listener.reset();
}

}  // namespace keyledger::server
