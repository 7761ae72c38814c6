// Helpers shared by the store tests: a fresh temp folder per test and event builders.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <unistd.h>

#include "store/event_store.h"
#include "store/rocks_event_store.h"

namespace keyledger::store::testing {

// A folder removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("keyledger_store_") + (info ? info->name() : "x") + "_" +
                       std::to_string(::getpid()) + "_" + std::to_string(counter++);
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& sub) const { return path_ / sub; }

 private:
  std::filesystem::path path_;
};

inline NewEvent MakeEvent(std::string type = "ThingHappened", std::string data = R"({"n":1})") {
  NewEvent e;
  static std::atomic<uint64_t> ids{0};
  e.id = "evt-" + std::to_string(++ids);
  e.type = std::move(type);
  e.occurred_at = FromUnixMicros(1'700'000'000'000'000);
  e.actor = "user-1";
  e.correlation_id = "corr-1";
  e.data = std::move(data);
  return e;
}

inline AppendRequest MakeRequest(std::string stream, ExpectedVersion expected, int events = 1,
                                 std::string key = "") {
  AppendRequest r;
  r.stream = std::move(stream);
  r.expected = expected;
  for (int i = 0; i < events; ++i) r.events.push_back(MakeEvent("ThingHappened", R"({"i":)" + std::to_string(i) + "}"));
  r.idempotency_key = std::move(key);
  return r;
}

inline std::unique_ptr<EventStore> OpenOrDie(const std::filesystem::path& dir,
                                             const RocksStoreOptions& options = {}) {
  auto store = OpenRocksEventStore(dir, options);
  if (!store) {
    ADD_FAILURE() << "open failed: " << store.error().message;
    return nullptr;
  }
  return std::move(store.value());
}

}  // namespace keyledger::store::testing
