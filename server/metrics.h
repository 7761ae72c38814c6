// ServerMetrics: the prometheus-cpp registry behind GET /metrics, with the server's own families
// and counters other modules increment. Serialised by health_handlers through Beast; prometheus-cpp's
// own HTTP exposer is deliberately not used.
#pragma once

#include <chrono>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "domain/core/string_map.h"

namespace keyledger::server {

// Thread-safe: prometheus-cpp metrics are atomic, Family::Add locks internally and the request
// series cache has its own lock.
class ServerMetrics {
 public:
  ServerMetrics();

  // Register further families here: prometheus::BuildCounter().Name(...).Register(Registry()).
  prometheus::Registry& Registry() { return *registry_; }
  std::shared_ptr<prometheus::Registry> SharedRegistry() { return registry_; }

  // One finished HTTP exchange, labelled by route pattern (never the raw path) and status.
  void ObserveRequest(std::string_view route, std::string_view method, int status,
                      std::chrono::duration<double> latency);

  prometheus::Counter& events_appended() { return *events_appended_; }
  prometheus::Gauge& feed_connections() { return *feed_connections_; }
  prometheus::Counter& feed_drops() { return *feed_drops_; }
  prometheus::Counter& reminders_raised() { return *reminders_raised_; }

  // The registry in the Prometheus text exposition format.
  std::string Serialize() const;

 private:
  // One (route, method, status) combination's counter and the route's histogram.
  struct RequestSeries {
    prometheus::Counter* requests;
    prometheus::Histogram* latency;
  };
  // Family::Add builds a label map and hashes it on every call; a request only needs the two
  // metrics its labels name, found here by one lookup that allocates nothing once they exist.
  RequestSeries& SeriesFor(std::string_view route, std::string_view method, int status);

  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_mutex series_mu_;
  StringMap<RequestSeries> series_;  // GUARDED_BY(series_mu_); key "route method status"
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Histogram>* latency_;
  prometheus::Counter* events_appended_;
  prometheus::Gauge* feed_connections_;
  prometheus::Counter* feed_drops_;
  prometheus::Counter* reminders_raised_;
};

}  // namespace keyledger::server
