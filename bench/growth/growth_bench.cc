// growth_bench: the per-N measurements of issue 8's growth table (bench/growth/run_growth.sh runs
// it at 10^5, 10^6 and 10^7 events and takes the medians). One measurement per process, so that
// each memory reading is its own; each prints one line `RESULT {json}`.
//
//   growth_bench load    --dir D --events N   writes the generated company year of N events
//       (bench/projections/year_log.h: real domain events, sync off, fully compacted) into D.
//   growth_bench read    --dir D --events N [--seconds S]   on the loaded log: the store's open
//       time (the head only: stream versions are read when first needed); ReadStream of a random approved
//       project's whole stream (what the command service does before each command), one caller,
//       S seconds, p50/p99; ReadAll pages of 100 from a random seq (GET /api/events), S seconds;
//       a full Scan (replay without parsing), events/s.
//   growth_bench rebuild --dir D --events N   a fresh ReadSide (server options, no snapshot) and
//       Start(store): the full rebuild, wall and CPU time; then the memory the read side holds:
//       heap in use (mallinfo2) and RSS (after malloc_trim) minus the readings before Start.
//   growth_bench append  --dir D --events N [--callers C] [--appends M]   durable appends
//       (sync on, as the server opens the store) of ProjectUpdated events to random approved
//       projects of the log, each with its own idempotency key, C concurrent callers, M appends
//       in all; events/s, p50/p99 latency, and the process's CPU time (all threads, RocksDB's too)
//       per append, which waiting on a busy disk does not inflate. The log grows by M (run it last).
// Reads run on a warm page cache (the largest log, 2.3 GB, fits in RAM) and RocksDB's own block
// cache as the store configures it, so what grows with N is index and cache behaviour, not disk.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench/projections/bench_support.h"
#include "bench/projections/company_events.h"
#include "bench/projections/year_log.h"
#include "projections/read_side.h"
#include "store/rocks_event_store.h"

namespace keyledger::bench {
namespace {

struct Args {
  std::string mode;
  fs::path dir;
  uint64_t events = 0;
  double seconds = 5;
  int callers = 64;
  uint64_t appends = 20'000;
};

[[noreturn]] void Usage(const std::string& why) {
  std::fprintf(stderr,
               "growth_bench: %s\nusage: growth_bench load|read|rebuild|append --dir D --events N "
               "[--seconds S] [--callers C] [--appends M]\n",
               why.c_str());
  std::exit(2);
}

Args Parse(int argc, char** argv) {
  if (argc < 2) Usage("no mode");
  Args a;
  a.mode = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) Usage("missing value for " + flag);
    const char* value = argv[++i];
    if (flag == "--dir") a.dir = value;
    else if (flag == "--events") a.events = std::strtoull(value, nullptr, 10);
    else if (flag == "--seconds") a.seconds = std::strtod(value, nullptr);
    else if (flag == "--callers") a.callers = std::atoi(value);
    else if (flag == "--appends") a.appends = std::strtoull(value, nullptr, 10);
    else Usage("unknown flag " + flag);
  }
  if (a.dir.empty() || a.events == 0) Usage("--dir and --events are required");
  if (a.callers < 1 || a.appends < 1 || a.seconds <= 0) Usage("bad counts");
  return a;
}

// Approved projects of a year log of `events` events: as year_log.cc plans it (9.5 % of the
// events after the org), approved in registration order, so numbers 0..n-1 are approved.
uint64_t ApprovedProjects(const Company& company, uint64_t events) {
  const uint64_t org = company.OrgEvents(YearStart()).size();
  return (events - org) * 95 / 1000;
}

std::string ProjectStream(uint64_t k) { return "project-" + ProjectIdOf(k); }

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// VmHWM (peak RSS) of this process in bytes, from /proc/self/status.
uint64_t PeakResidentBytes() {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  unsigned long long kib = 0;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::strncmp(line, "VmHWM:", 6) == 0) kib = std::strtoull(line + 6, nullptr, 10);
  }
  std::fclose(f);
  return kib * 1024;
}

double Percentile(std::vector<double>& v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

// The loaded log, opened as the server opens it (sync on), with what the modes draw from it.
struct OpenedLog {
  Company company;
  uint64_t approved = 0;  // projects 0..approved-1 are approved
  double open_s = 0;      // OpenRocksEventStore: reads the head (stream versions are read when first needed)
  std::unique_ptr<store::EventStore> store;
  uint64_t head = 0;
};

OpenedLog Open(const Args& a) {
  OpenedLog log;
  log.approved = ApprovedProjects(log.company, a.events);
  const auto start = SteadyClock::now();
  auto opened = store::OpenRocksEventStore(a.dir);
  if (!opened.ok()) {
    std::fprintf(stderr, "open %s: %s\n", a.dir.c_str(), opened.error().message.c_str());
    std::exit(1);
  }
  log.open_s = SecondsSince(start);
  log.store = std::move(opened.value());
  log.head = log.store->HeadSeq().value;
  return log;
}

int Load(const Args& a) {
  fs::remove_all(a.dir);
  fs::create_directories(a.dir);
  const YearLogSummary s = WriteYearLog(a.dir, a.events);
  std::fprintf(stderr, "growth load: %s\n", s.Describe().c_str());
  std::printf("RESULT {\"mode\":\"load\",\"events\":%llu,\"projects\":%llu,\"write_s\":%.2f,\"compact_s\":%.2f,"
              "\"disk_bytes\":%llu,\"envelope_bytes_per_event\":%.0f}\n",
              static_cast<unsigned long long>(s.counts.Total()), static_cast<unsigned long long>(s.counts.registered),
              s.seconds, s.compact_seconds, static_cast<unsigned long long>(s.disk_bytes),
              static_cast<double>(s.envelope_bytes) / static_cast<double>(s.counts.Total()));
  return 0;
}

int Read(const Args& a) {
  const OpenedLog log = Open(a);
  const auto& store = log.store;
  const uint64_t head = log.head;
  std::mt19937_64 rng(8);
  const auto budget = std::chrono::duration<double>(a.seconds);

  // Whole streams of random approved projects.
  std::vector<double> stream_us;
  uint64_t stream_events = 0;
  auto start = SteadyClock::now();
  while (SteadyClock::now() - start < budget) {
    const std::string stream = ProjectStream(rng() % log.approved);
    const auto t0 = SteadyClock::now();
    auto events = store->ReadStream(stream, 0, 10'000);
    stream_us.push_back(SecondsSince(t0) * 1e6);
    if (!events.ok() || events->empty()) {
      std::fprintf(stderr, "ReadStream %s: %s\n", stream.c_str(), events.ok() ? "empty" : events.error().message.c_str());
      return 1;
    }
    stream_events += events->size();
  }
  const double stream_s = SecondsSince(start);
  const double streams = static_cast<double>(stream_us.size());

  // Pages of the global log from random positions.
  std::vector<double> page_us;
  start = SteadyClock::now();
  while (SteadyClock::now() - start < budget) {
    const Seq after(rng() % (head - 100));
    const auto t0 = SteadyClock::now();
    auto page = store->ReadAll(after, 100);
    page_us.push_back(SecondsSince(t0) * 1e6);
    if (!page.ok() || page->size() != 100) {
      std::fprintf(stderr, "ReadAll after %llu failed\n", static_cast<unsigned long long>(after.value));
      return 1;
    }
  }
  const double page_s = SecondsSince(start);

  // The whole log, as a replay reads it.
  uint64_t scanned = 0;
  const double cpu0 = CpuSeconds();
  start = SteadyClock::now();
  auto last = store->Scan(Seq(0), [&](const EventEnvelope&) {
    ++scanned;
    return true;
  });
  const double scan_s = SecondsSince(start);
  const double scan_cpu = CpuSeconds() - cpu0;
  if (!last.ok() || scanned != head) {
    std::fprintf(stderr, "Scan visited %llu of %llu\n", static_cast<unsigned long long>(scanned),
                 static_cast<unsigned long long>(head));
    return 1;
  }
  std::printf("RESULT {\"mode\":\"read\",\"events\":%llu,\"open_s\":%.3f,\"stream_reads_per_s\":%.0f,"
              "\"stream_p50_us\":%.1f,\"stream_p99_us\":%.1f,\"events_per_stream\":%.1f,\"page_reads_per_s\":%.0f,"
              "\"page_p50_us\":%.1f,\"page_p99_us\":%.1f,\"scan_s\":%.3f,\"scan_events_per_s\":%.0f,"
              "\"scan_cpu_s\":%.3f}\n",
              static_cast<unsigned long long>(head), log.open_s, streams / stream_s, Percentile(stream_us, 0.5),
              Percentile(stream_us, 0.99), static_cast<double>(stream_events) / streams,
              static_cast<double>(page_us.size()) / page_s, Percentile(page_us, 0.5), Percentile(page_us, 0.99),
              scan_s, static_cast<double>(scanned) / scan_s, scan_cpu);
  return 0;
}

int Rebuild(const Args& a) {
  const OpenedLog log = Open(a);
  TrimMemory();
  const uint64_t heap0 = AllocatedBytes();
  const uint64_t rss0 = ResidentBytes();
  auto read_side = std::make_unique<projections::ReadSide>(ServerLikeOptions());
  const double cpu0 = CpuSeconds();
  const auto start = SteadyClock::now();
  auto started = read_side->Start(*log.store);
  const double seconds = SecondsSince(start);
  const double cpu = CpuSeconds() - cpu0;
  if (!started.ok()) {
    std::fprintf(stderr, "rebuild: %s\n", started.error().message.c_str());
    return 1;
  }
  const uint64_t rss_untrimmed = ResidentBytes();
  TrimMemory();
  const uint64_t heap = AllocatedBytes() - heap0;
  const uint64_t rss = ResidentBytes() - rss0;
  const auto projects = read_side->Read([](const auto& m) { return m.projects.Size(); });
  const auto events = static_cast<double>(started->replayed_events);
  std::printf("RESULT {\"mode\":\"rebuild\",\"events\":%llu,\"rebuild_s\":%.2f,\"rebuild_cpu_s\":%.2f,"
              "\"rebuild_events_per_s\":%.0f,\"projects\":%zu,\"pending_reminders\":%zu,\"read_side_heap_bytes\":%llu,"
              "\"read_side_rss_bytes\":%llu,\"rss_untrimmed_bytes\":%llu,\"peak_rss_bytes\":%llu,"
              "\"heap_bytes_per_event\":%.0f}\n",
              static_cast<unsigned long long>(started->replayed_events), seconds, cpu, events / seconds,
              static_cast<size_t>(projects), read_side->PendingReminders(), static_cast<unsigned long long>(heap),
              static_cast<unsigned long long>(rss), static_cast<unsigned long long>(rss_untrimmed),
              static_cast<unsigned long long>(PeakResidentBytes()), static_cast<double>(heap) / events);
  return 0;
}

int Append(const Args& a) {
  const OpenedLog log = Open(a);
  const auto& store = log.store;
  const uint64_t head0 = log.head;
  std::atomic<uint64_t> next{0};
  std::atomic<bool> failed{false};
  std::vector<std::vector<double>> latencies(static_cast<size_t>(a.callers));
  // The n-th append of this run: a weekly update of a random approved project, numbered after
  // the log's head so that event ids and idempotency keys are new.
  auto request = [&](uint64_t n, std::mt19937_64& rng) {
    const uint64_t k = rng() % log.approved;
    const uint64_t number = head0 + 1 + n;
    store::AppendRequest r = ToAppendRequest(
        ProjectUpdatedEvent(log.company, ProjectIdOf(k), static_cast<int>(k % Company::kSalespeople), number,
                            YearStart() + Days(364)),
        number);
    r.idempotency_key = "growth-" + std::to_string(number);
    return r;
  };
  const double cpu0 = CpuSeconds();
  const auto start = SteadyClock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < a.callers; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(static_cast<uint64_t>(t) + head0);
      auto& mine = latencies[static_cast<size_t>(t)];
      for (uint64_t n = next.fetch_add(1); n < a.appends && !failed; n = next.fetch_add(1)) {
        store::AppendRequest r = request(n, rng);
        const auto t0 = SteadyClock::now();
        auto result = store->Append(std::move(r));
        mine.push_back(SecondsSince(t0) * 1e6);
        if (!result.ok()) {
          std::fprintf(stderr, "append: %s\n", result.error().message.c_str());
          failed = true;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  const double seconds = SecondsSince(start);
  const double cpu = CpuSeconds() - cpu0;
  if (failed) return 1;
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::printf("RESULT {\"mode\":\"append\",\"events_before\":%llu,\"callers\":%d,\"appends\":%zu,\"open_s\":%.3f,"
              "\"append_s\":%.3f,\"append_events_per_s\":%.0f,\"append_p50_us\":%.0f,\"append_p99_us\":%.0f,"
              "\"append_cpu_us_per_event\":%.1f}\n",
              static_cast<unsigned long long>(head0), a.callers, all.size(), log.open_s, seconds,
              static_cast<double>(all.size()) / seconds, Percentile(all, 0.5), Percentile(all, 0.99),
              1e6 * cpu / static_cast<double>(all.size()));
  return 0;
}

}  // namespace
}  // namespace keyledger::bench

int main(int argc, char** argv) {
  using namespace keyledger::bench;
  const Args a = Parse(argc, argv);
  if (a.mode == "load") return Load(a);
  if (a.mode == "read") return Read(a);
  if (a.mode == "rebuild") return Rebuild(a);
  if (a.mode == "append") return Append(a);
  Usage("unknown mode " + a.mode);
}
