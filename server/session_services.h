// SessionServices: what every connection borrows from the process, and the limits it enforces.
// Owned by main (or a test); must outlive the Server and every session.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>

namespace keyledger::store {
class EventStore;
}  // namespace keyledger::store

namespace keyledger::server {

class FeedHub;
class HttpApp;
class ServerMetrics;

struct HttpLimits {
  size_t body_limit = 1 << 20;                 // larger bodies: 413 too_large
  size_t header_limit = 16 * 1024;             // larger header blocks: 413 too_large
  std::chrono::seconds read_timeout{30};       // a whole request (or keep-alive idle) must arrive
};

struct FeedLimits {
  size_t queue_limit = 1024;                   // frames waiting to be written; beyond: close 1013
  size_t live_buffer_limit = 8192;             // live frames held during catch-up; beyond: 1013
  size_t read_message_max = 64 * 1024;         // largest client frame
  size_t catch_up_page = 256;                  // events per EventStore::ReadAll during catch-up
  std::chrono::milliseconds close_grace{5000}; // a closing client that does not read is cut off
};

struct SessionServices {
  const HttpApp& app;
  FeedHub& hub;
  const store::EventStore& store;
  ServerMetrics& metrics;
  HttpLimits http;
  FeedLimits feed;
  std::atomic<int> open_connections{0};  // HTTP and feed sessions alive (for graceful stop)
};

}  // namespace keyledger::server
