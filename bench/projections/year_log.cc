#include "bench/projections/year_log.h"

#include <rocksdb/db.h>
#include <rocksdb/convenience.h>
#include <rocksdb/table.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <random>
#include <vector>

#include "bench/projections/bench_support.h"
#include "bench/projections/company_events.h"
#include "store/rocks_event_store.h"

namespace keyledger::bench {
namespace {

enum Kind { kAccount, kKeyPerson, kVisit, kRegister, kApprove, kUpdate, kKinds };

YearLogCounts PlanCounts(uint64_t total_events, uint64_t org_events) {
  if (total_events < org_events + 1000) {
    std::fprintf(stderr, "a year log needs at least %llu events\n",
                 static_cast<unsigned long long>(org_events + 1000));
    std::abort();
  }
  const uint64_t rest = total_events - org_events;
  YearLogCounts c;
  c.org = org_events;
  c.registered = rest / 10;
  c.approved = rest * 95 / 1000;
  c.accounts = rest / 50;
  c.key_persons = rest / 100;
  c.visits = rest / 50;
  c.updated = rest - c.registered - c.approved - c.accounts - c.key_persons - c.visits;
  return c;
}

// Draws the year's business events one at a time, in time order (see year_log.h).
class YearGenerator {
 public:
  YearGenerator(const Company& company, const YearLogCounts& counts, uint64_t seed)
      : company_(company), rng_(seed), left_{counts.accounts, counts.key_persons, counts.visits,
                                             counts.registered, counts.approved, counts.updated} {
    for (uint64_t n : left_) events_left_ += n;
    total_ = events_left_;
  }

  bool Done() const { return events_left_ == 0; }

  GeneratedEvent Next() {
    const Instant at = YearStart() + Micros(static_cast<int64_t>(kYear.count() * static_cast<double>(emitted_) /
                                                                   static_cast<double>(total_)));
    const Kind kind = Draw();
    --left_[kind];
    --events_left_;
    ++emitted_;
    const uint64_t n = emitted_;
    switch (kind) {
      case kAccount: {
        const uint64_t k = accounts_++;
        return AccountOpenedEvent(company_, AccountIdOf(k), k, Owner(k), at);
      }
      case kKeyPerson: {
        const uint64_t k = RandomAccount();
        return KeyPersonAddedEvent(company_, AccountIdOf(k), Owner(k), n, at);
      }
      case kVisit: {
        const uint64_t k = RandomAccount();
        return VisitLoggedEvent(company_, AccountIdOf(k), Owner(k), n, at);
      }
      case kRegister: {
        const uint64_t k = projects_++;
        awaiting_approval_.push_back(static_cast<uint32_t>(k));
        const uint64_t account = RandomAccount();
        return ProjectRegisteredEvent(company_, ProjectIdOf(k), Owner(k), AccountIdOf(account), account, n, at);
      }
      case kApprove: {
        const uint32_t k = awaiting_approval_.front();
        awaiting_approval_.pop_front();
        approved_.push_back(k);
        return ProjectApprovedEvent(company_, ProjectIdOf(k), Owner(k), approved_.size(), at);
      }
      case kUpdate:
      case kKinds:
        break;
    }
    const uint32_t k = approved_[rng_() % approved_.size()];
    return ProjectUpdatedEvent(company_, ProjectIdOf(k), Owner(k), n, at);
  }

 private:
  static constexpr Micros kYear = Days(364);

  static int Owner(uint64_t k) { return static_cast<int>((k * 2654435761u) % Company::kSalespeople); }
  uint64_t RandomAccount() { return rng_() % accounts_; }

  bool Possible(Kind kind) const {
    switch (kind) {
      case kAccount: return true;
      case kKeyPerson:
      case kVisit:
      case kRegister: return accounts_ > 0;
      case kApprove: return !awaiting_approval_.empty();
      case kUpdate: return !approved_.empty();
      case kKinds: break;
    }
    return false;
  }

  // A kind in proportion to what is left of each; one that cannot happen yet (an update before
  // any approval) gives way to the first kind that can.
  Kind Draw() {
    uint64_t r = rng_() % events_left_;
    Kind kind = kAccount;
    for (int i = 0; i < kKinds; ++i) {
      if (r < left_[i]) {
        kind = static_cast<Kind>(i);
        break;
      }
      r -= left_[i];
    }
    if (Possible(kind)) return kind;
    for (int i = 0; i < kKinds; ++i) {
      if (left_[i] > 0 && Possible(static_cast<Kind>(i))) return static_cast<Kind>(i);
    }
    std::fprintf(stderr, "year log: no event kind is possible\n");
    std::abort();
  }

  const Company& company_;
  std::mt19937_64 rng_;
  std::array<uint64_t, kKinds> left_;
  uint64_t events_left_ = 0;
  uint64_t total_ = 0;
  uint64_t emitted_ = 0;
  uint64_t accounts_ = 0;
  uint64_t projects_ = 0;
  std::deque<uint32_t> awaiting_approval_;
  std::vector<uint32_t> approved_;
};

std::unique_ptr<store::EventStore> OpenOrDie(const fs::path& dir, const store::RocksStoreOptions& options) {
  auto opened = store::OpenRocksEventStore(dir, options);
  if (!opened.ok()) {
    std::fprintf(stderr, "open %s: %s\n", dir.c_str(), opened.error().message.c_str());
    std::abort();
  }
  return std::move(opened.value());
}

// Compacts every column family fully, with the table settings the store uses for its own
// files (store/rocks_log.cc: LZ4, 32 KiB blocks for events, 4 KiB for the indexes). A bulk load
// leaves RocksDB with hours of background compaction, which would steal the second core from
// the timed runs; a long-running server's log is compacted anyway.
void CompactLikeAnAgedLog(const fs::path& dir) {
  auto family = [](size_t block_size) {
    rocksdb::ColumnFamilyOptions cf;
    const auto supported = rocksdb::GetSupportedCompressions();
    const bool lz4 = std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) != supported.end();
    cf.compression = lz4 ? rocksdb::kLZ4Compression : rocksdb::kNoCompression;
    rocksdb::BlockBasedTableOptions table;
    table.block_size = block_size;
    cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    return cf;
  };
  const std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, family(4096)}, {"events", family(32 * 1024)},
      {"streams", family(4096)}, {"idempotency", family(4096)}, {"time", family(4096)}};
  rocksdb::DBOptions options;
  options.max_background_jobs = 2;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, dir.string(), families, &handles, &db);
  for (auto* h : handles) {
    if (s.ok()) s = db->CompactRange(rocksdb::CompactRangeOptions(), h, nullptr, nullptr);
  }
  if (!s.ok()) {
    std::fprintf(stderr, "compact %s: %s\n", dir.c_str(), s.ToString().c_str());
    std::abort();
  }
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  delete db;
}

}  // namespace

std::string YearLogSummary::Describe() const {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "%llu events (org %llu, accounts %llu, key persons %llu, visits %llu, projects registered %llu, "
                "approved %llu, updates %llu); payload %.0f B/event, envelope %.0f B/event; written in %.1f s, "
                "compacted in %.1f s; %.2f GB on disk",
                static_cast<unsigned long long>(counts.Total()), static_cast<unsigned long long>(counts.org),
                static_cast<unsigned long long>(counts.accounts), static_cast<unsigned long long>(counts.key_persons),
                static_cast<unsigned long long>(counts.visits), static_cast<unsigned long long>(counts.registered),
                static_cast<unsigned long long>(counts.approved), static_cast<unsigned long long>(counts.updated),
                static_cast<double>(payload_bytes) / static_cast<double>(counts.Total()),
                static_cast<double>(envelope_bytes) / static_cast<double>(counts.Total()), seconds,
                compact_seconds, static_cast<double>(disk_bytes) / 1e9);
  return buf;
}

uint64_t FolderBytes(const fs::path& dir) {
  uint64_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return bytes;
}

YearLogSummary WriteYearLog(const fs::path& dir, uint64_t total_events, uint64_t seed) {
  const auto start = SteadyClock::now();
  const Company company;
  std::vector<GeneratedEvent> org = company.OrgEvents(YearStart() - Days(1));
  YearLogSummary summary;
  summary.counts = PlanCounts(total_events, org.size());

  store::RocksStoreOptions options;
  options.sync = false;
  options.max_group_events = 8192;
  auto store = OpenOrDie(dir, options);

  constexpr size_t kBatch = 4096;
  std::vector<store::AppendRequest> batch;
  batch.reserve(kBatch);
  uint64_t n = 0;
  auto flush = [&] {
    for (const auto& r : store->AppendBatch(std::move(batch))) {
      if (!r.ok()) {
        std::fprintf(stderr, "append: %s\n", r.error().message.c_str());
        std::abort();
      }
    }
    batch.clear();
    batch.reserve(kBatch);
  };
  auto add = [&](GeneratedEvent e) {
    store::AppendRequest request = ToAppendRequest(std::move(e), ++n);
    const store::NewEvent& ev = request.events.front();
    summary.payload_bytes += ev.data.size();
    summary.envelope_bytes += ev.data.size() + ev.id.size() + request.stream.size() + ev.type.size() +
                              ev.actor.size() + ev.correlation_id.size();
    batch.push_back(std::move(request));
    if (batch.size() == kBatch) flush();
  };

  for (auto& e : org) add(std::move(e));
  YearGenerator year(company, summary.counts, seed);
  while (!year.Done()) add(year.Next());
  if (!batch.empty()) flush();
  if (store->HeadSeq().value != total_events) {
    std::fprintf(stderr, "year log: head %llu, expected %llu\n",
                 static_cast<unsigned long long>(store->HeadSeq().value),
                 static_cast<unsigned long long>(total_events));
    std::abort();
  }
  store.reset();
  summary.seconds = SecondsSince(start);
  const auto compact_start = SteadyClock::now();
  CompactLikeAnAgedLog(dir);
  OpenOrDie(dir, store::RocksStoreOptions{}).reset();  // the store opens it as a restarted server would
  summary.compact_seconds = SecondsSince(compact_start);
  summary.disk_bytes = FolderBytes(dir);
  return summary;
}

}  // namespace keyledger::bench
