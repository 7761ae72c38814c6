// feed_load: the WebSocket feed load generator of issue 5 (bench/server/run_server_bench.sh).
//
// Opens N WebSocket connections to a feed (keyledger's /api/feed, or the Node.js `ws` peer in
// bench/server/node_peer/), each with the headers it is given (Origin, Authorization: Bearer, or a
// Cookie), and runs the feed protocol of API.md on each: read `hello` (its `head_seq`), send
// `{"type":"subscribe","after_seq":head_seq}`, read until `caught_up`. Once every connection is
// live it measures:
//   1. memory: the server's RSS (/proc/PID/status, --server-pid) before the first connection and
//      with all N connected and idle; (idle - before) / N is the memory per idle connection;
//   2. latency: --rounds times, one event triggered through an HTTP POST (--trigger-*: for
//      keyledger a durable command, e.g. logging a visit; for the Node peer its /trigger, which
//      broadcasts the body); the time from just before the trigger request is written to the
//      arrival of the event frame, per connection; p50/p99/max over all rounds x connections;
//   3. delivery rate: --burst events triggered back to back (each POST waits for its answer);
//      frames delivered (N x burst) / (time from the first trigger to the last frame received).
// An event frame is a text frame whose first "type" is "event"; its "seq" is checked against the
// trigger's answer when the answer carries one (keyledger: {"id","version","seq"}).
// The last line of output is `RESULT {json}` for the driver script.
//
// Connections are spread over --threads io_contexts (one thread each, no locks on the read path)
// and over several source addresses (--source-ips 127.0.0.1,127.0.0.2,...; bound with
// IP_BIND_ADDRESS_NO_PORT so that ephemeral ports are chosen per destination). RLIMIT_NOFILE is
// raised to its hard limit.
#include <netinet/in.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

namespace {

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string path = "/api/feed";
  int connections = 1000;
  int threads = 2;
  int connect_concurrency = 256;
  std::vector<std::string> source_ips = {"127.0.0.1"};
  std::vector<std::pair<std::string, std::string>> headers;  // on every upgrade request
  std::vector<std::string> tokens;                           // Authorization: Bearer, round robin
  uint16_t trigger_port = 0;
  std::string trigger_path;
  std::string trigger_method = "POST";
  std::vector<std::pair<std::string, std::string>> trigger_headers;
  std::string trigger_body;
  int rounds = 20;
  int round_gap_ms = 100;
  int burst = 50;
  int server_pid = 0;
  double idle_seconds = 2.0;
  double timeout_seconds = 30.0;
  std::string save_frame;  // write the first event frame received here
  std::string label = "feed";
};

[[noreturn]] void Usage(const std::string& why) {
  std::cerr << "feed_load: " << why << "\n"
            << "usage: feed_load --port P [--host H] [--path /api/feed] [--connections N] [--threads T]\n"
               "  [--connect-concurrency C] [--source-ips A,B,...] [--header 'Name: value']... [--token T]...\n"
               "  --trigger-port P --trigger-path PATH [--trigger-method POST] [--trigger-header 'N: v']...\n"
               "  (--trigger-body TEXT | --trigger-body-file FILE) [--rounds R] [--round-gap-ms MS] [--burst K]\n"
               "  [--server-pid PID] [--idle-seconds S] [--timeout-seconds S] [--save-frame FILE] [--label NAME]\n";
  std::exit(2);
}

std::pair<std::string, std::string> SplitHeader(const std::string& h) {
  auto colon = h.find(':');
  if (colon == std::string::npos) Usage("header without ':': " + h);
  std::string value = h.substr(colon + 1);
  while (!value.empty() && value.front() == ' ') value.erase(0, 1);
  return {h.substr(0, colon), value};
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Usage("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Usage("missing value for " + a);
      return argv[++i];
    };
    if (a == "--host") o.host = next();
    else if (a == "--port") o.port = static_cast<uint16_t>(std::stoi(next()));
    else if (a == "--path") o.path = next();
    else if (a == "--connections") o.connections = std::stoi(next());
    else if (a == "--threads") o.threads = std::stoi(next());
    else if (a == "--connect-concurrency") o.connect_concurrency = std::stoi(next());
    else if (a == "--source-ips") {
      o.source_ips.clear();
      std::stringstream ss(next());
      for (std::string ip; std::getline(ss, ip, ',');)
        if (!ip.empty()) o.source_ips.push_back(ip);
    } else if (a == "--header") o.headers.push_back(SplitHeader(next()));
    else if (a == "--token") o.tokens.push_back(next());
    else if (a == "--trigger-port") o.trigger_port = static_cast<uint16_t>(std::stoi(next()));
    else if (a == "--trigger-path") o.trigger_path = next();
    else if (a == "--trigger-method") o.trigger_method = next();
    else if (a == "--trigger-header") o.trigger_headers.push_back(SplitHeader(next()));
    else if (a == "--trigger-body") o.trigger_body = next();
    else if (a == "--trigger-body-file") o.trigger_body = ReadFile(next());
    else if (a == "--rounds") o.rounds = std::stoi(next());
    else if (a == "--round-gap-ms") o.round_gap_ms = std::stoi(next());
    else if (a == "--burst") o.burst = std::stoi(next());
    else if (a == "--server-pid") o.server_pid = std::stoi(next());
    else if (a == "--idle-seconds") o.idle_seconds = std::stod(next());
    else if (a == "--timeout-seconds") o.timeout_seconds = std::stod(next());
    else if (a == "--save-frame") o.save_frame = next();
    else if (a == "--label") o.label = next();
    else if (a == "--help" || a == "-h") Usage("help");
    else Usage("unknown argument " + a);
  }
  if (o.port == 0) Usage("--port is required");
  if (o.trigger_port == 0 || o.trigger_path.empty()) Usage("--trigger-port and --trigger-path are required");
  if (o.connections < 1 || o.threads < 1 || o.source_ips.empty()) Usage("bad counts");
  return o;
}

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// VmRSS of `pid` in KiB (0 if unknown).
long RssKib(int pid) {
  if (pid <= 0) return 0;
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return 0;
}

// CPU seconds (user + system) used so far by process `pid` (0: this process).
double CpuSeconds(int pid) {
  if (pid == 0) {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  }
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string f;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; fields >> f; ++i) {  // field 3 is the state; 14 utime, 15 stime
    if (i == 14) utime = std::stoull(f);
    if (i == 15) { stime = std::stoull(f); break; }
  }
  return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

// The value of the first "type" in a JSON text, without parsing it (frames are small and their
// first key is "type" in both servers).
std::string_view FrameType(std::string_view text) {
  constexpr std::string_view key = "\"type\":\"";
  auto at = text.find(key);
  if (at == std::string_view::npos) return {};
  auto start = at + key.size();
  auto end = text.find('"', start);
  if (end == std::string_view::npos) return {};
  return text.substr(start, end - start);
}

// The first integer after `"name":` (or -1).
int64_t IntField(std::string_view text, std::string_view name) {
  std::string key = "\"" + std::string(name) + "\":";
  auto at = text.find(key);
  if (at == std::string_view::npos) return -1;
  size_t i = at + key.size();
  while (i < text.size() && text[i] == ' ') ++i;
  int64_t v = 0;
  bool any = false;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    v = v * 10 + (text[i] - '0');
    ++i;
    any = true;
  }
  return any ? v : -1;
}

// Shared between the io threads and the main thread. Each connection writes only its own slots;
// the counters publish them (release on increment, acquire when the main thread reads).
struct Shared {
  explicit Shared(int n) : round_recv_ns(n, 0), round_seq(n, -1), last_round(n, -1), burst_count(n, 0), burst_last_ns(n, 0) {}
  std::atomic<int> live{0};         // subscribed and caught up
  std::atomic<int> failed{0};       // never got live
  std::atomic<int> dropped{0};      // closed after being live
  std::atomic<int> finished{0};     // live or failed: the connect phase is over for it
  std::atomic<int> next_to_start{0};
  std::atomic<int> round{-1};       // the latency round in progress, -1 none
  std::atomic<int> round_received{0};
  std::atomic<bool> burst_active{false};
  int burst_target = 0;
  std::atomic<int> burst_done{0};
  std::atomic<int64_t> frame_bytes{0};
  std::atomic<int> close_1013{0};
  std::atomic<int> close_1008{0};
  std::atomic<int> close_other{0};
  std::atomic<int> errors_logged{0};
  std::vector<int64_t> round_recv_ns;
  std::vector<int64_t> round_seq;
  std::vector<int> last_round;
  std::vector<int> burst_count;
  std::vector<int64_t> burst_last_ns;
  std::atomic<bool> saved{false};
  std::string save_path;
};

void LogError(Shared& s, const std::string& what) {
  if (s.errors_logged.fetch_add(1) < 5) std::cerr << "feed_load: " << what << "\n";
}

class Connection {
 public:
  Connection(net::io_context& ioc, const Options& o, Shared& s, int index,
             std::vector<net::io_context*>& all)
      : ws_(ioc), o_(o), s_(s), index_(index), all_(all) {}

  void Start() {
    beast::error_code ec;
    auto& sock = ws_.next_layer();
    sock.open(tcp::v4(), ec);
    if (!ec) {
      int one = 1;
      ::setsockopt(sock.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
      const std::string& ip = o_.source_ips[static_cast<size_t>(index_) % o_.source_ips.size()];
      sock.bind(tcp::endpoint(net::ip::make_address(ip), 0), ec);
    }
    if (ec) return FailConnect(ec, "open/bind");
    tcp::endpoint server(net::ip::make_address(o_.host), o_.port);
    sock.async_connect(server, [this](beast::error_code e) { OnConnect(e); });
  }

 private:
  enum class Phase { kHello, kCaughtUp, kLive, kDead };

  void OnConnect(beast::error_code ec) {
    if (ec) return FailConnect(ec, "connect");
    ws_.next_layer().set_option(tcp::no_delay(true));
    ws_.set_option(websocket::stream_base::decorator([this](websocket::request_type& req) {
      for (const auto& [k, v] : o_.headers) req.set(k, v);
      if (!o_.tokens.empty())
        req.set(http::field::authorization, "Bearer " + o_.tokens[static_cast<size_t>(index_) % o_.tokens.size()]);
    }));
    ws_.async_handshake(response_, o_.host + ":" + std::to_string(o_.port), o_.path,
                        [this](beast::error_code e) { OnHandshake(e); });
  }

  void OnHandshake(beast::error_code ec) {
    if (ec) return FailConnect(ec, "handshake (HTTP " + std::to_string(response_.result_int()) + ")");
    response_ = {};
    DoRead();
  }

  void DoRead() {
    ws_.async_read(buffer_, [this](beast::error_code ec, size_t) { OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec) {
      if (phase_ == Phase::kLive) {
        phase_ = Phase::kDead;
        uint16_t code = ws_.reason().code;
        if (code == 1013) s_.close_1013.fetch_add(1);
        else if (code == 1008) s_.close_1008.fetch_add(1);
        else s_.close_other.fetch_add(1);
        s_.dropped.fetch_add(1);
        LogError(s_, "connection " + std::to_string(index_) + " lost after subscribing: " + ec.message() +
                         " (close code " + std::to_string(code) + ")");
        return;
      }
      return FailConnect(ec, "read before caught_up");
    }
    auto data = buffer_.data();
    std::string_view text(static_cast<const char*>(data.data()), data.size());
    OnFrame(text);
    buffer_.consume(buffer_.size());
    DoRead();
  }

  void OnFrame(std::string_view text) {
    std::string_view type = FrameType(text);
    if (type == "event") {
      int64_t now = NowNs();
      if (phase_ != Phase::kLive) return;  // not expected: nothing is triggered before all are live
      int r = s_.round.load(std::memory_order_acquire);
      if (r >= 0 && s_.last_round[index_] != r) {
        s_.last_round[index_] = r;
        s_.round_recv_ns[index_] = now;
        s_.round_seq[index_] = IntField(text, "seq");
        if (!s_.saved.exchange(true)) {
          s_.frame_bytes.store(static_cast<int64_t>(text.size()));
          if (!s_.save_path.empty()) std::ofstream(s_.save_path, std::ios::binary) << text;
        }
        s_.round_received.fetch_add(1, std::memory_order_release);
      }
      if (s_.burst_active.load(std::memory_order_acquire)) {
        if (++s_.burst_count[index_] == s_.burst_target) {
          s_.burst_last_ns[index_] = now;
          s_.burst_done.fetch_add(1, std::memory_order_release);
        }
      }
      return;
    }
    if (phase_ == Phase::kHello && type == "hello") {
      int64_t head = IntField(text, "head_seq");
      subscribe_ = "{\"type\":\"subscribe\",\"after_seq\":" + std::to_string(head < 0 ? 0 : head) + "}";
      phase_ = Phase::kCaughtUp;
      ws_.async_write(net::buffer(subscribe_), [this](beast::error_code ec, size_t) {
        if (ec) FailConnect(ec, "write subscribe");
      });
      return;
    }
    if (phase_ == Phase::kCaughtUp && type == "caught_up") {
      phase_ = Phase::kLive;
      s_.live.fetch_add(1);
      Finished();
    }
  }

  void FailConnect(beast::error_code ec, const std::string& what) {
    if (phase_ == Phase::kDead) return;
    bool was_live = phase_ == Phase::kLive;
    phase_ = Phase::kDead;
    if (was_live) return;
    LogError(s_, "connection " + std::to_string(index_) + ": " + what + ": " + ec.message());
    s_.failed.fetch_add(1);
    Finished();
  }

  // This connection's connect phase is over: let the next one start (keeps C handshakes in flight).
  void Finished() {
    s_.finished.fetch_add(1);
    StartNext(s_, o_, all_);
  }

 public:
  static std::vector<std::unique_ptr<Connection>>* registry;
  static void StartNext(Shared& s, const Options& o, std::vector<net::io_context*>& all) {
    int next = s.next_to_start.fetch_add(1);
    if (next >= o.connections) return;
    Connection* c = (*registry)[static_cast<size_t>(next)].get();
    net::post(*all[static_cast<size_t>(next) % all.size()], [c] { c->Start(); });
  }

 private:
  websocket::stream<tcp::socket> ws_;
  websocket::response_type response_;
  beast::flat_buffer buffer_;
  std::string subscribe_;
  const Options& o_;
  Shared& s_;
  const int index_;
  std::vector<net::io_context*>& all_;
  Phase phase_ = Phase::kHello;
};

std::vector<std::unique_ptr<Connection>>* Connection::registry = nullptr;

// A keep-alive HTTP/1.1 client for the trigger, used from the main thread only.
class Trigger {
 public:
  explicit Trigger(const Options& o) : o_(o), socket_(ioc_) {}

  struct Answer {
    int status = 0;
    int64_t seq = -1;
    std::string body;
  };

  Answer Fire() {
    for (int attempt = 0; attempt < 2; ++attempt) {
      try {
        if (!socket_.is_open()) {
          socket_.connect(tcp::endpoint(net::ip::make_address(o_.host), o_.trigger_port));
          socket_.set_option(tcp::no_delay(true));
        }
        http::request<http::string_body> req{http::string_to_verb(o_.trigger_method), o_.trigger_path, 11};
        req.set(http::field::host, o_.host + ":" + std::to_string(o_.trigger_port));
        req.set(http::field::content_type, "application/json");
        for (const auto& [k, v] : o_.trigger_headers) req.set(k, v);
        req.keep_alive(true);
        req.body() = o_.trigger_body;
        req.prepare_payload();
        http::write(socket_, req);
        beast::flat_buffer buffer;
        http::response<http::string_body> res;
        http::read(socket_, buffer, res);
        Answer a;
        a.status = res.result_int();
        a.body = res.body();
        a.seq = IntField(a.body, "seq");
        if (!res.keep_alive()) {
          beast::error_code ignored;
          socket_.close(ignored);
        }
        return a;
      } catch (const std::exception& e) {
        beast::error_code ignored;
        socket_.close(ignored);
        if (attempt == 1) return Answer{0, -1, e.what()};
      }
    }
    return {};
  }

 private:
  const Options& o_;
  net::io_context ioc_;
  tcp::socket socket_;
};

double Percentile(std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  size_t k = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  if (k == 0) k = 1;
  return sorted[std::min(k, sorted.size()) - 1];
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

template <typename Pred>
bool WaitFor(Pred pred, double timeout_s) {
  auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
  while (!pred()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = Parse(argc, argv);

  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
  }
  getrlimit(RLIMIT_NOFILE, &lim);
  if (static_cast<rlim_t>(o.connections) + 64 > lim.rlim_cur) {
    std::cerr << "feed_load: RLIMIT_NOFILE is " << lim.rlim_cur << ", too low for " << o.connections << " connections\n";
    return 2;
  }

  Shared shared(o.connections);
  shared.save_path = o.save_frame;
  std::vector<std::unique_ptr<net::io_context>> contexts;
  std::vector<net::io_context*> context_ptrs;
  for (int t = 0; t < o.threads; ++t) {
    contexts.push_back(std::make_unique<net::io_context>(1));
    context_ptrs.push_back(contexts.back().get());
  }
  std::vector<std::unique_ptr<Connection>> connections;
  connections.reserve(static_cast<size_t>(o.connections));
  for (int i = 0; i < o.connections; ++i)
    connections.push_back(std::make_unique<Connection>(*context_ptrs[static_cast<size_t>(i) % context_ptrs.size()], o,
                                                       shared, i, context_ptrs));
  Connection::registry = &connections;

  using Work = net::executor_work_guard<net::io_context::executor_type>;
  std::vector<Work> work;
  for (auto* c : context_ptrs) work.push_back(net::make_work_guard(*c));
  std::vector<std::thread> threads;
  for (auto* c : context_ptrs) threads.emplace_back([c] { c->run(); });

  const long rss_before = RssKib(o.server_pid);
  std::printf("[%s] server rss before: %ld KiB; opening %d connections from %zu source addresses, %d threads\n",
              o.label.c_str(), rss_before, o.connections, o.source_ips.size(), o.threads);
  std::fflush(stdout);
  auto connect_start = Clock::now();
  for (int i = 0; i < std::min(o.connect_concurrency, o.connections); ++i)
    Connection::StartNext(shared, o, context_ptrs);
  bool all_done = WaitFor([&] { return shared.finished.load() >= o.connections; }, 300);
  double connect_s = Seconds(Clock::now() - connect_start);
  const int live = shared.live.load();
  std::printf("[%s] %d live, %d failed in %.2f s%s\n", o.label.c_str(), live, shared.failed.load(), connect_s,
              all_done ? "" : " (connect phase timed out)");
  std::fflush(stdout);

  std::this_thread::sleep_for(std::chrono::duration<double>(o.idle_seconds));
  const long rss_idle = RssKib(o.server_pid);
  const double per_conn_bytes = live > 0 ? double(rss_idle - rss_before) * 1024.0 / live : 0;
  std::printf("[%s] server rss idle with %d connections: %ld KiB (+%.0f bytes per connection)\n", o.label.c_str(), live,
              rss_idle, per_conn_bytes);
  std::fflush(stdout);

  Trigger trigger(o);
  int trigger_errors = 0;
  int seq_mismatches = 0;
  int64_t missing = 0;
  std::vector<double> latencies_ms;
  std::vector<double> ack_ms;
  latencies_ms.reserve(static_cast<size_t>(o.rounds) * static_cast<size_t>(std::max(live, 1)));

  // 1. Latency: one event at a time, each waited for by every live connection.
  for (int r = 0; r < o.rounds && live > 0; ++r) {
    shared.round_received.store(0);
    shared.round.store(r, std::memory_order_release);
    const int64_t t0 = NowNs();
    Trigger::Answer a = trigger.Fire();
    const int64_t t_ack = NowNs();
    ack_ms.push_back(double(t_ack - t0) / 1e6);
    if (a.status < 200 || a.status >= 300) {
      ++trigger_errors;
      std::cerr << "feed_load: trigger answered " << a.status << ": " << a.body.substr(0, 300) << "\n";
    }
    int expect = live - shared.dropped.load();
    bool ok = WaitFor([&] { return shared.round_received.load(std::memory_order_acquire) >= expect; }, o.timeout_seconds);
    shared.round.store(-1, std::memory_order_release);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // stragglers of this round land before we read
    int got = 0;
    for (int i = 0; i < o.connections; ++i) {
      if (shared.last_round[static_cast<size_t>(i)] != r) continue;
      ++got;
      latencies_ms.push_back(double(shared.round_recv_ns[static_cast<size_t>(i)] - t0) / 1e6);
      if (a.seq >= 0 && shared.round_seq[static_cast<size_t>(i)] != a.seq) ++seq_mismatches;
    }
    missing += expect - got;
    if (!ok) std::cerr << "feed_load: round " << r << ": only " << got << " of " << expect << " connections got the event\n";
    std::this_thread::sleep_for(std::chrono::milliseconds(o.round_gap_ms));
  }
  std::sort(latencies_ms.begin(), latencies_ms.end());
  std::sort(ack_ms.begin(), ack_ms.end());
  const double p50 = Percentile(latencies_ms, 0.50), p99 = Percentile(latencies_ms, 0.99),
               pmax = latencies_ms.empty() ? 0 : latencies_ms.back();
  std::printf("[%s] latency over %d rounds x %d connections (%zu samples): p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
              "trigger answer p50 %.1f ms; missing %lld, seq mismatches %d\n",
              o.label.c_str(), o.rounds, live, latencies_ms.size(), p50, p99, pmax, Percentile(ack_ms, 0.5),
              static_cast<long long>(missing), seq_mismatches);
  std::fflush(stdout);

  // 2. Delivery rate: a burst of events back to back.
  double rate = 0, burst_s = 0, trigger_s = 0, burst_server_cpu = 0, burst_own_cpu = 0;
  int burst_complete = 0;
  if (o.burst > 0 && live > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    shared.burst_target = o.burst;
    shared.burst_done.store(0);
    shared.burst_active.store(true, std::memory_order_release);
    const int expect = live - shared.dropped.load();
    const double server_cpu0 = CpuSeconds(o.server_pid), own_cpu0 = CpuSeconds(0);
    const int64_t t0 = NowNs();
    for (int k = 0; k < o.burst; ++k) {
      Trigger::Answer a = trigger.Fire();
      if (a.status < 200 || a.status >= 300) {
        ++trigger_errors;
        std::cerr << "feed_load: burst trigger answered " << a.status << ": " << a.body.substr(0, 300) << "\n";
      }
    }
    trigger_s = double(NowNs() - t0) / 1e9;
    WaitFor([&] { return shared.burst_done.load(std::memory_order_acquire) + shared.dropped.load() >= expect; },
            o.timeout_seconds * 4);
    shared.burst_active.store(false, std::memory_order_release);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    int64_t last = t0;
    int64_t delivered = 0;
    for (int i = 0; i < o.connections; ++i) {
      delivered += shared.burst_count[static_cast<size_t>(i)];
      if (shared.burst_count[static_cast<size_t>(i)] >= o.burst) {
        ++burst_complete;
        last = std::max(last, shared.burst_last_ns[static_cast<size_t>(i)]);
      }
    }
    burst_s = double(last - t0) / 1e9;
    rate = burst_s > 0 ? double(delivered) / burst_s : 0;
    burst_server_cpu = o.server_pid > 0 ? CpuSeconds(o.server_pid) - server_cpu0 : 0;
    burst_own_cpu = CpuSeconds(0) - own_cpu0;
    std::printf("[%s] burst of %d events: %lld frames delivered in %.3f s = %.0f frames/s (triggers took %.3f s); "
                "%d of %d connections got all; CPU used meanwhile (incl. the wait): server %.2f s, this generator %.2f s\n",
                o.label.c_str(), o.burst, static_cast<long long>(delivered), burst_s, rate, trigger_s, burst_complete,
                expect, burst_server_cpu, burst_own_cpu);
  }
  const long rss_end = RssKib(o.server_pid);

  std::printf("RESULT {\"label\":\"%s\",\"connections\":%d,\"live\":%d,\"failed\":%d,\"connect_s\":%.3f,"
              "\"rss_before_kib\":%ld,\"rss_idle_kib\":%ld,\"rss_end_kib\":%ld,\"bytes_per_idle_connection\":%.0f,"
              "\"rounds\":%d,\"samples\":%zu,\"lat_p50_ms\":%.2f,\"lat_p99_ms\":%.2f,\"lat_max_ms\":%.2f,"
              "\"trigger_p50_ms\":%.2f,\"missing\":%lld,\"seq_mismatches\":%d,\"burst\":%d,\"burst_s\":%.4f,"
              "\"burst_trigger_s\":%.4f,\"burst_complete\":%d,\"delivered_per_s\":%.0f,\"frame_bytes\":%lld,"
              "\"dropped\":%d,\"close_1013\":%d,\"close_1008\":%d,\"close_other\":%d,\"trigger_errors\":%d,"
              "\"burst_server_cpu_s\":%.2f,\"burst_generator_cpu_s\":%.2f}\n",
              o.label.c_str(), o.connections, live, shared.failed.load(), connect_s, rss_before, rss_idle, rss_end,
              per_conn_bytes, o.rounds, latencies_ms.size(), p50, p99, pmax, Percentile(ack_ms, 0.5),
              static_cast<long long>(missing), seq_mismatches, o.burst, burst_s, trigger_s, burst_complete, rate,
              static_cast<long long>(shared.frame_bytes.load()), shared.dropped.load(), shared.close_1013.load(),
              shared.close_1008.load(), shared.close_other.load(), trigger_errors, burst_server_cpu, burst_own_cpu);
  std::fflush(stdout);

  // The kernel closes the sockets; a graceful close of N WebSockets would only add noise to the
  // server's next measurement.
  const bool ok = live == o.connections && missing == 0 && trigger_errors == 0 && seq_mismatches == 0;
  std::_Exit(ok ? 0 : 1);
}
