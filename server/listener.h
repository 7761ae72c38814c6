// Listener: accepts TCP connections and starts an HttpSession for each, on a strand of its own
// in one of the server's io_contexts (in turn): a TLS one when the server has a TLS context, a
// plain one otherwise.
// Beast-heavy: include only from the Beast translation units.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/error.hpp>

#include "server/session_services.h"

namespace keyledger::server {

class CommandPool;
class StoppableSession;

// Thread-safe: Stop may be called from any thread; the accept loop runs on the acceptor's strand.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // `tls` null: plain HTTP. Otherwise every connection is TLS with this context, which the
  // listener shares in (sessions borrow it).
  Listener(boost::asio::io_context& ioc, SessionServices& services,
           std::shared_ptr<boost::asio::ssl::context> tls = nullptr);

  // Opens, binds and listens (port 0 picks a free port). Returns the failure, if any.
  boost::beast::error_code Open(const boost::asio::ip::tcp::endpoint& endpoint);
  boost::asio::ip::tcp::endpoint LocalEndpoint() const;
  // Starts accepting; sessions are spread over `session_contexts` in turn (empty: the acceptor's
  // context) and run their blocking requests on `commands` (may be null), which must outlive
  // every session.
  void Run(CommandPool* commands, std::vector<boost::asio::io_context*> session_contexts = {});
  // Stops accepting and asks every HTTP session to close after its current exchange.
  void Stop();

 private:
  void DoAccept();
  void OnAccept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);
  // Remembers `session` for Stop and runs it; false (and the session is dropped) once stopped.
  template <class Session>
  bool Track(const std::shared_ptr<Session>& session);

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  SessionServices& services_;
  CommandPool* commands_ = nullptr;  // set by Run, before the first accept
  std::vector<boost::asio::io_context*> session_contexts_;  // set by Run
  size_t next_context_ = 0;  // on the acceptor's strand only
  const std::shared_ptr<boost::asio::ssl::context> tls_;
  std::mutex mu_;
  std::vector<std::weak_ptr<StoppableSession>> sessions_;  // GUARDED_BY(mu_)
  bool stopped_ = false;                                   // GUARDED_BY(mu_)
};

}  // namespace keyledger::server
