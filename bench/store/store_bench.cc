// Store benchmarks (results: bench/RESULTS.md, "## Store"):
//  - BM_DurableAppend/callers:N: one ~300-byte event per append, sync=true, N concurrent callers
//    for a fixed time; counters events_per_s, p50_us, p99_us.
//  - BM_DurableAppendInFlight/in_flight:N: the same appends through AppendAsync, N in flight from
//    one thread: each completion records its latency and starts the next append (no thread per
//    caller to wake); same counters.
//  - BM_RawRocksDbBatch64: the peer: one thread writing raw RocksDB WriteBatches of 64 ~300-byte
//    values with sync=true. Same binary, same run, so the ratio is like for like.
//  - BM_Replay5M: Scan + simdjson parse of every payload over a 5,000,000-event log (generated
//    once per process in a temp folder).
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/rocks_event_store.h"

namespace keyledger::store {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr auto kRunTime = std::chrono::seconds(4);

fs::path BenchDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("keyledger_bench_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  return dir;
}

// The requests are built with std::to_chars and appends rather than snprintf: the raw peer
// spends nothing on building its values, and the appends' callbacks build the next request on
// the commit thread, so a slow formatter would be counted as the store's time.
void AppendHex(std::string& out, uint64_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) out.push_back(kHex[(v >> (4 * i)) & 0xf]);
}

void AppendDecimal(std::string& out, uint64_t v) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof(buf), v).ptr;
  out.append(buf, end);
}

// Zero-padded to 5 digits (the benchmark's project numbers are below 100,000).
void AppendDecimal5(std::string& out, uint64_t v) {
  char buf[5];
  for (int i = 4; i >= 0; --i, v /= 10) buf[i] = static_cast<char>('0' + v % 10);
  out.append(buf, 5);
}

std::string Uuid(uint64_t n) {
  std::string out;
  out.reserve(36);
  AppendHex(out, n >> 16, 8);
  out += "-0000-4000-8000-";
  AppendHex(out, n, 12);
  return out;
}

// A realistic event: 72-byte header + 36 + 14 + 9 + 36 + ~110 bytes of data = ~300 bytes.
NewEvent MakeEvent(uint64_t n) {
  NewEvent e;
  e.id = Uuid(n);
  e.type = "ProjectUpdated";
  e.occurred_at = FromUnixMicros(1'790'000'000'000'000 + static_cast<int64_t>(n));
  e.actor = "user-0042";
  e.correlation_id = Uuid(n ^ 0xabcdef);
  std::string& d = e.data;
  d.reserve(128);
  d += R"({"project":"P)";
  AppendDecimal5(d, n % 10000);
  d += R"(","name":"Rollout wave )";
  AppendDecimal(d, n % 97);
  d += R"(","amount":)";
  AppendDecimal(d, n % 100000);
  d += R"(.25,"tags":["key","q4"],"due":"2026-12-01"})";
  return e;
}

std::string StreamName(uint64_t n) {
  std::string out = "project-P";
  AppendDecimal5(out, n % 10000);
  return out;
}

AppendRequest BenchRequest(uint64_t n) {
  AppendRequest r;
  r.stream = StreamName(n);
  r.expected = ExpectedVersion::Any();
  r.events.push_back(MakeEvent(n));
  return r;
}

double MinOf(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }
double MaxOf(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

// min and max next to Google Benchmark's mean/median/stddev when run with repetitions.
void WithMinMax(benchmark::internal::Benchmark* b) {
  b->ComputeStatistics("min", MinOf)->ComputeStatistics("max", MaxOf);
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  size_t k = static_cast<size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

// One append benchmark on a fresh store in a temp folder: `measure(store, deadline)` appends until
// the deadline and returns each append's latency in µs, or nullopt if an append failed. Counters:
// rate and latency percentiles.
template <class Measure>
void AppendBenchmark(benchmark::State& state, const std::string& name, Measure measure) {
  fs::path dir = BenchDir(name);
  auto opened = OpenRocksEventStore(dir);
  if (!opened) {
    state.SkipWithError(opened.error().message.c_str());
    return;
  }
  std::unique_ptr<EventStore> store = std::move(opened.value());
  for (auto _ : state) {
    auto start = Clock::now();
    std::optional<std::vector<double>> latencies = measure(*store, start + kRunTime);
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (!latencies) {
      state.SkipWithError("append failed");
      break;
    }
    state.SetIterationTime(seconds);
    state.counters["events_per_s"] = static_cast<double>(latencies->size()) / seconds;
    state.counters["p50_us"] = Percentile(*latencies, 0.50);
    state.counters["p99_us"] = Percentile(*latencies, 0.99);
    state.counters["appends"] = static_cast<double>(latencies->size());
  }
  store.reset();
  fs::remove_all(dir);
}

void BM_DurableAppend(benchmark::State& state) {
  const int callers = static_cast<int>(state.range(0));
  AppendBenchmark(state, "append", [callers](EventStore& store, Clock::time_point deadline)
                                       -> std::optional<std::vector<double>> {
    std::vector<std::vector<double>> latencies(callers);
    std::atomic<uint64_t> counter{0};
    std::atomic<bool> failed{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < callers; ++t) {
      threads.emplace_back([&, t] {
        latencies[t].reserve(1 << 16);
        while (Clock::now() < deadline) {
          AppendRequest r = BenchRequest(counter.fetch_add(1));
          auto t0 = Clock::now();
          auto result = store.Append(std::move(r));
          auto t1 = Clock::now();
          if (!result) {
            failed = true;
            return;
          }
          latencies[t].push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        }
      });
    }
    for (auto& th : threads) th.join();
    if (failed) return std::nullopt;
    std::vector<double> all;
    for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    return all;
  });
}
BENCHMARK(BM_DurableAppend)
    ->ArgName("callers")->Arg(1)->Arg(8)->Arg(64)
    ->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Apply(WithMinMax);

// N chains of appends, each starting its next append from the completion of the previous one.
class InFlightAppends {
 public:
  InFlightAppends(EventStore& store, int chains, Clock::time_point deadline)
      : store_(store), active_(chains), deadline_(deadline) {
    latencies_.reserve(1 << 20);
  }
  void Run() {
    const int chains = active_;
    for (int i = 0; i < chains; ++i) Next();
    std::unique_lock lock(mu_);
    drained_.wait(lock, [&] { return active_ == 0; });
  }
  bool failed() const { return failed_; }
  std::vector<double>& latencies() { return latencies_; }

 private:
  void Next() {
    const auto t0 = Clock::now();
    store_.AppendAsync(BenchRequest(counter_.fetch_add(1)), [this, t0](StoreResult<AppendResult> r) {
      const auto t1 = Clock::now();
      bool more;
      {
        std::lock_guard lock(mu_);
        if (!r) failed_ = true;
        latencies_.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        more = !failed_ && t1 < deadline_;
        if (!more && --active_ == 0) drained_.notify_one();
      }
      if (more) Next();
    });
  }

  EventStore& store_;
  std::atomic<uint64_t> counter_{0};
  std::mutex mu_;
  std::condition_variable drained_;
  int active_;                    // GUARDED_BY(mu_)
  bool failed_ = false;           // GUARDED_BY(mu_)
  std::vector<double> latencies_;  // GUARDED_BY(mu_)
  const Clock::time_point deadline_;
};

void BM_DurableAppendInFlight(benchmark::State& state) {
  const int in_flight = static_cast<int>(state.range(0));
  AppendBenchmark(state, "append_async", [in_flight](EventStore& store, Clock::time_point deadline)
                                             -> std::optional<std::vector<double>> {
    InFlightAppends run(store, in_flight, deadline);
    run.Run();
    if (run.failed()) return std::nullopt;
    return std::move(run.latencies());
  });
}
BENCHMARK(BM_DurableAppendInFlight)
    ->ArgName("in_flight")->Arg(8)->Arg(64)
    ->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Apply(WithMinMax);

void BM_RawRocksDbBatch64(benchmark::State& state) {
  fs::path dir = BenchDir("raw");
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, dir.string(), &raw);
  if (!s.ok()) {
    state.SkipWithError(s.ToString().c_str());
    return;
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  std::string value(300, 'v');
  rocksdb::WriteOptions wo;
  wo.sync = true;
  for (auto _ : state) {
    uint64_t seq = 0;
    auto start = Clock::now();
    auto deadline = start + kRunTime;
    while (Clock::now() < deadline) {
      rocksdb::WriteBatch batch;
      for (int i = 0; i < 64; ++i) {
        char key[8];
        uint64_t k = ++seq;
        for (int b = 7; b >= 0; --b, k >>= 8) key[b] = static_cast<char>(k & 0xff);
        batch.Put(rocksdb::Slice(key, 8), value);
      }
      s = db->Write(wo, &batch);
      if (!s.ok()) {
        state.SkipWithError(s.ToString().c_str());
        break;
      }
    }
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    state.SetIterationTime(seconds);
    state.counters["events_per_s"] = static_cast<double>(seq) / seconds;
  }
  db.reset();
  fs::remove_all(dir);
}
BENCHMARK(BM_RawRocksDbBatch64)
    ->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Apply(WithMinMax);

constexpr uint64_t kReplayEvents = 5'000'000;

// Builds the 5M-event log once per process (not timed) and removes it at exit.
const fs::path& ReplayLog() {
  static const fs::path dir = [] {
    fs::path d = BenchDir("replay");
    RocksStoreOptions options;
    options.sync = false;  // bulk load; durability is not what is measured here
    options.max_group_events = 8192;
    auto opened = OpenRocksEventStore(d, options);
    if (!opened) {
      std::fprintf(stderr, "replay setup: %s\n", opened.error().message.c_str());
      std::abort();
    }
    auto t0 = Clock::now();
    constexpr uint64_t kBatch = 4096;
    for (uint64_t n = 0; n < kReplayEvents; n += kBatch) {
      std::vector<AppendRequest> batch;
      batch.reserve(kBatch);
      for (uint64_t i = n; i < std::min(n + kBatch, kReplayEvents); ++i) {
        AppendRequest r;
        r.stream = StreamName(i);
        r.events.push_back(MakeEvent(i));
        batch.push_back(std::move(r));
      }
      for (auto& r : opened.value()->AppendBatch(std::move(batch))) {
        if (!r) std::abort();
      }
    }
    opened.value().reset();
    std::fprintf(stderr, "replay setup: wrote %llu events in %.1f s\n",
                 static_cast<unsigned long long>(kReplayEvents),
                 std::chrono::duration<double>(Clock::now() - t0).count());
    std::atexit([] { fs::remove_all(ReplayLog()); });
    return d;
  }();
  return dir;
}

void BM_Replay5M(benchmark::State& state) {
  const fs::path& dir = ReplayLog();
  auto opened = OpenRocksEventStore(dir);
  if (!opened) {
    state.SkipWithError(opened.error().message.c_str());
    return;
  }
  std::unique_ptr<EventStore> store = std::move(opened.value());
  simdjson::ondemand::parser parser;
  for (auto _ : state) {
    uint64_t events = 0;
    uint64_t parse_errors = 0;
    double amount_sum = 0;
    size_t text_bytes = 0;
    auto start = Clock::now();
    auto scanned = store->Scan(Seq(0), [&](const EventEnvelope& e) {
      ++events;
      // The decoder leaves SIMDJSON_PADDING spare capacity after data: parse in place.
      simdjson::padded_string_view json(e.data.data(), e.data.size(), e.data.capacity());
      auto doc = parser.iterate(json);
      std::string_view project, name, due;
      double amount = 0;
      simdjson::ondemand::array tags;
      bool ok = !doc.error() && !doc["project"].get_string().get(project) &&
                !doc["name"].get_string().get(name) && !doc["amount"].get_double().get(amount) &&
                !doc["tags"].get_array().get(tags);
      if (ok) {
        for (auto tag : tags) {
          std::string_view t;
          if (tag.get_string().get(t)) ok = false;
          text_bytes += t.size();
        }
        ok = ok && !doc["due"].get_string().get(due);
      }
      if (!ok) ++parse_errors;
      amount_sum += amount;
      text_bytes += project.size() + name.size() + due.size() + e.type.size() + e.stream.size();
      return true;
    });
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (!scanned || events != kReplayEvents || parse_errors != 0) {
      state.SkipWithError("replay failed");
      break;
    }
    benchmark::DoNotOptimize(amount_sum);
    benchmark::DoNotOptimize(text_bytes);
    state.SetIterationTime(seconds);
    state.counters["events_per_s"] = static_cast<double>(events) / seconds;
  }
}
BENCHMARK(BM_Replay5M)
    ->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Apply(WithMinMax);

}  // namespace
}  // namespace keyledger::store

BENCHMARK_MAIN();
