// Server: the network side of the process — an io_context, its threads and the listener. Beast
// stays behind this header (pimpl), so main and tests include nothing heavy.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "domain/core/result.h"
#include "server/session_services.h"

namespace keyledger::server {

// Start/Stop from one thread (main's); the sessions themselves run on the I/O threads.
class Server {
 public:
  // Borrows `services`; it must outlive the Server.
  explicit Server(SessionServices& services);
  ~Server();  // Stop() if still running

  // Serves HTTPS, and the feed as wss, from the next Listen on: every connection does a TLS
  // handshake first. Reads the PEM certificate chain and private key now, once. Call before
  // Listen. On failure: a message naming the file and the reason (unreadable, not PEM, or a key
  // that does not belong to the certificate), and the server stays plain.
  Result<Ok, std::string> UseTls(const std::filesystem::path& cert_chain, const std::filesystem::path& private_key);

  // Binds host:port ("localhost" means 127.0.0.1; port 0 picks a free port).
  // Returns the bound port, or a message saying why binding failed.
  Result<uint16_t, std::string> Listen(const std::string& host, uint16_t port);
  // Starts `threads` I/O threads and `command_threads` for the requests that block (writes and
  // sign-in, server/command_pool.h); returns at once.
  void Start(int threads, int command_threads = kDefaultCommandThreads);
  // Enough for a group commit to gather the commands of as many concurrent clients.
  static constexpr int kDefaultCommandThreads = 64;
  // Stops accepting, closes feed sessions (1001) and idle connections, lets in-flight exchanges
  // finish for up to `grace`, then stops the threads. Blocks until they are joined.
  void Stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace keyledger::server
