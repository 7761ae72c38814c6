// store_crash_child DIR: appends under load from several threads and reports each acknowledged
// append on stdout as "first_seq last_seq stream stream_version\n", until it is killed.
// Driven by crash_test.cc, which SIGKILLs it at random moments.
#include <unistd.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "store/rocks_event_store.h"

using namespace keyledger;
using namespace keyledger::store;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: store_crash_child DIR\n");
    return 2;
  }
  auto opened = OpenRocksEventStore(argv[1]);
  if (!opened) {
    std::fprintf(stderr, "store_crash_child: open failed: %s\n", opened.error().message.c_str());
    return 3;
  }
  std::unique_ptr<EventStore> store = std::move(opened.value());
  constexpr int kThreads = 6;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&store, t] {
      for (uint64_t i = 0;; ++i) {
        AppendRequest r;
        r.stream = "crash-" + std::to_string(t) + "-" + std::to_string(i % 5);
        r.expected = ExpectedVersion::Any();
        for (uint64_t k = 0; k <= i % 3; ++k) {
          NewEvent e;
          e.id = std::to_string(getpid()) + "-" + std::to_string(t) + "-" + std::to_string(i) + "-" + std::to_string(k);
          e.type = "CrashTested";
          e.actor = "system";
          e.data = R"({"thread":)" + std::to_string(t) + R"(,"i":)" + std::to_string(i) + "}";
          r.events.push_back(std::move(e));
        }
        std::string stream = r.stream;
        auto result = store->Append(std::move(r));
        if (!result) {
          std::fprintf(stderr, "store_crash_child: append failed: %s\n", result.error().message.c_str());
          _exit(4);
        }
        // One write() per line: lines shorter than PIPE_BUF never interleave.
        std::string line = std::to_string(result->first_seq.value) + " " +
                           std::to_string(result->last_seq.value) + " " + stream + " " +
                           std::to_string(result->stream_version) + "\n";
        if (write(STDOUT_FILENO, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
      }
    });
  }
  for (auto& th : threads) th.join();
  return 0;
}
