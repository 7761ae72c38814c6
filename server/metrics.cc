// The server's metric families.
#include "server/metrics.h"

#include <prometheus/text_serializer.h>

namespace keyledger::server {

ServerMetrics::ServerMetrics() : registry_(std::make_shared<prometheus::Registry>()) {
  requests_ = &prometheus::BuildCounter()
                   .Name("keyledger_http_requests_total")
                   .Help("HTTP requests by route pattern, method and status")
                   .Register(*registry_);
  latency_ = &prometheus::BuildHistogram()
                  .Name("keyledger_http_request_duration_seconds")
                  .Help("HTTP request latency by route pattern")
                  .Register(*registry_);
  events_appended_ = &prometheus::BuildCounter()
                          .Name("keyledger_events_appended_total")
                          .Help("Events appended to the log by this process")
                          .Register(*registry_)
                          .Add({});
  feed_connections_ = &prometheus::BuildGauge()
                           .Name("keyledger_feed_connections")
                           .Help("Open live-feed WebSocket sessions")
                           .Register(*registry_)
                           .Add({});
  feed_drops_ = &prometheus::BuildCounter()
                     .Name("keyledger_feed_slow_consumer_drops_total")
                     .Help("Feed sessions closed because their queue overflowed")
                     .Register(*registry_)
                     .Add({});
  reminders_raised_ = &prometheus::BuildCounter()
                           .Name("keyledger_reminders_raised_total")
                           .Help("Reminders raised by the scheduler")
                           .Register(*registry_)
                           .Add({});
}

ServerMetrics::RequestSeries& ServerMetrics::SeriesFor(std::string_view route, std::string_view method,
                                                      int status) {
  thread_local std::string key;
  key.assign(route).append(" ").append(method).append(" ").append(std::to_string(status));
  {
    std::shared_lock lock(series_mu_);
    if (auto it = series_.find(key); it != series_.end()) return it->second;
  }
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  std::unique_lock lock(series_mu_);
  // References into an unordered_map stay valid across rehashes, and entries are never erased.
  auto [it, inserted] = series_.try_emplace(key, RequestSeries{nullptr, nullptr});
  if (inserted) {
    it->second.requests = &requests_->Add({{"route", std::string(route)},
                                           {"method", std::string(method)},
                                           {"status", std::to_string(status)}});
    it->second.latency = &latency_->Add({{"route", std::string(route)}}, kBuckets);
  }
  return it->second;
}

void ServerMetrics::ObserveRequest(std::string_view route, std::string_view method, int status,
                                   std::chrono::duration<double> latency) {
  RequestSeries& series = SeriesFor(route, method, status);
  series.requests->Increment();
  series.latency->Observe(latency.count());
}

std::string ServerMetrics::Serialize() const {
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

}  // namespace keyledger::server
