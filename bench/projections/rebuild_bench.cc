// Figure 1 (issue 4): rebuild of every read model from a log with no snapshot, >= 1.5 M events/s.
//
//  BM_Rebuild: a fresh ReadSide (server options: domain adapter, no snapshot) and Start(store)
//    over the generated year (year_log.h; 5 M events unless $KEYLEDGER_BENCH_REBUILD_EVENTS).
//    Start replays every event into the models, then derives the reminder schedule.
// Peers over the same log, same run, each a lower bound of what the rebuild must do:
//  BM_PeerRawRocksDbParse: a raw RocksDB iterator over the events family, the payload found in
//    the record by its header and parsed whole by simdjson (DOM). The floor: no envelope decode,
//    no record crc, no domain codec, no models.
//  BM_PeerStoreScanParse: EventStore::Scan (envelope decode and crc) plus the same parse.
//  BM_PeerStoreScanDecode: EventStore::Scan plus DecodeDomainEvent (codec and adapter; the facts
//    are dropped). BM_Rebuild minus this is the cost of folding the facts into the models.
// And BM_RebuildPhases: Start's replay and its final ScheduleAll, timed apart.
// The log is written once per process (not timed) and removed at exit.
#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <simdjson.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "bench/projections/bench_support.h"
#include "bench/projections/year_log.h"
#include "projections/domain_adapter.h"
#include "projections/read_models.h"
#include "projections/read_side.h"
#include "projections/reminder_engine.h"
#include "store/rocks_event_store.h"

namespace keyledger::bench {
namespace {

struct RebuildLog {
  fs::path dir;
  YearLogSummary summary;
};

const RebuildLog& Log() {
  static const RebuildLog log = [] {
    RebuildLog l;
    l.dir = ScratchDir("rebuild");
    l.summary = WriteYearLog(l.dir, CountFromEnv("KEYLEDGER_BENCH_REBUILD_EVENTS", 5'000'000));
    std::fprintf(stderr, "rebuild log: %s\n", l.summary.Describe().c_str());
    return l;
  }();
  // Registered once `log` is complete, so it runs before `log` is destroyed at exit.
  static const bool removed_at_exit = std::atexit([] { fs::remove_all(Log().dir); }) == 0;
  (void)removed_at_exit;
  return log;
}

std::unique_ptr<store::EventStore> OpenLog(benchmark::State& state) {
  auto opened = store::OpenRocksEventStore(Log().dir);
  if (!opened.ok()) {
    state.SkipWithError(opened.error().message.c_str());
    return nullptr;
  }
  return std::move(opened.value());
}

void Report(benchmark::State& state, uint64_t events, double seconds) {
  state.SetIterationTime(seconds);
  state.counters["events_per_s"] = static_cast<double>(events) / seconds;
  state.counters["events"] = static_cast<double>(events);
}

// Parses a whole payload and walks it, as a decoder that reads every field would.
size_t ParseWhole(simdjson::dom::parser& parser, const char* data, size_t size, bool padded) {
  simdjson::dom::element doc;
  if (parser.parse(data, size, !padded).get(doc)) return 0;
  simdjson::dom::object object;
  if (doc.get_object().get(object)) return 0;
  size_t fields = 0;
  for (auto field : object) fields += field.key.size() > 0 ? 1 : 0;
  return fields;
}

void BM_Rebuild(benchmark::State& state) {
  auto store = OpenLog(state);
  if (!store) return;
  for (auto _ : state) {
    const uint64_t skipped_before = projections::SkippedDomainEvents();
    auto read_side = std::make_unique<projections::ReadSide>(ServerLikeOptions());
    const auto start = SteadyClock::now();
    auto started = read_side->Start(*store);
    const double seconds = SecondsSince(start);
    if (!started.ok()) {
      state.SkipWithError(started.error().message.c_str());
      break;
    }
    if (started->replayed_events != Log().summary.counts.Total() ||
        projections::SkippedDomainEvents() != skipped_before) {
      state.SkipWithError("the rebuild did not use every event");
      break;
    }
    Report(state, started->replayed_events, seconds);
    state.counters["projects"] = static_cast<double>(read_side->Read([](const auto& m) { return m.projects.Size(); }));
    state.counters["pending_reminders"] = static_cast<double>(read_side->PendingReminders());
    read_side.reset();  // not timed: freeing the models
  }
}
BENCHMARK(BM_Rebuild)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Apply(WithMinMax);

// Start's two phases timed apart, by doing what Start does (read_side.cc) with the same public
// pieces: the replay (scan, decode, fold into ReadModels without the engine), then ScheduleAll.
void BM_RebuildPhases(benchmark::State& state) {
  auto store = OpenLog(state);
  if (!store) return;
  const projections::ReadSideOptions options = ServerLikeOptions();
  for (auto _ : state) {
    auto models = std::make_unique<projections::ReadModels>(options.calendar, options.policy);
    std::vector<projections::MetaFact> scratch;
    uint64_t events = 0;
    const auto start = SteadyClock::now();
    auto scanned = store->Scan(Seq(0), [&](const EventEnvelope& e) {
      scratch.clear();
      options.decoder(e, scratch);
      models->ApplyEvent(e.seq, scratch, nullptr);
      ++events;
      return true;
    });
    const double replay_seconds = SecondsSince(start);
    auto engine = std::make_unique<projections::ReminderEngine>(models->org);
    const auto schedule_start = SteadyClock::now();
    models->ScheduleAll(*engine);
    const double schedule_seconds = SecondsSince(schedule_start);
    if (!scanned.ok() || events != Log().summary.counts.Total()) {
      state.SkipWithError("replay failed");
      break;
    }
    Report(state, events, replay_seconds + schedule_seconds);
    state.counters["replay_s"] = replay_seconds;
    state.counters["schedule_all_s"] = schedule_seconds;
    engine.reset();  // not timed
    models.reset();
  }
}
BENCHMARK(BM_RebuildPhases)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Apply(WithMinMax);

void BM_PeerRawRocksDbParse(benchmark::State& state) {
  const RebuildLog& log = Log();
  // The store's column families (store/keys.h); opened read-only beside nothing else.
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const char* name : {rocksdb::kDefaultColumnFamilyName.c_str(), "events", "streams", "idempotency", "time"}) {
    families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), log.dir.string(), families, &handles, &raw);
  if (!s.ok()) {
    state.SkipWithError(s.ToString().c_str());
    return;
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  simdjson::dom::parser parser;
  std::vector<char> padded(1 << 16);
  for (auto _ : state) {
    // The store's bulk-read settings (store/log_reader.cc), so only the decoding differs.
    rocksdb::ReadOptions ro;
    ro.verify_checksums = true;
    ro.fill_cache = false;
    ro.readahead_size = 2 * 1024 * 1024;
    uint64_t events = 0;
    uint64_t fields = 0;
    const auto start = SteadyClock::now();
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, handles[1]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      // docs/event_format.md: 72-byte header whose last 28 bytes are seven u32 lengths; the
      // payload is the last of the seven strings.
      const rocksdb::Slice value = it->value();
      uint32_t lengths[7];
      std::memcpy(lengths, value.data() + 44, sizeof lengths);
      size_t offset = 72;
      for (int i = 0; i < 6; ++i) offset += lengths[i];
      const size_t size = lengths[6];
      if (padded.size() < size + simdjson::SIMDJSON_PADDING) padded.resize(size + simdjson::SIMDJSON_PADDING);
      std::memcpy(padded.data(), value.data() + offset, size);
      fields += ParseWhole(parser, padded.data(), size, /*padded=*/true);
      ++events;
    }
    const double seconds = SecondsSince(start);
    if (!it->status().ok() || events != log.summary.counts.Total() || fields == 0) {
      state.SkipWithError("raw scan failed");
      break;
    }
    benchmark::DoNotOptimize(fields);
    Report(state, events, seconds);
  }
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
}
BENCHMARK(BM_PeerRawRocksDbParse)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Apply(WithMinMax);

void BM_PeerStoreScanParse(benchmark::State& state) {
  auto store = OpenLog(state);
  if (!store) return;
  simdjson::dom::parser parser;
  for (auto _ : state) {
    uint64_t events = 0;
    uint64_t fields = 0;
    const auto start = SteadyClock::now();
    auto scanned = store->Scan(Seq(0), [&](const EventEnvelope& e) {
      // The store leaves SIMDJSON_PADDING spare capacity after data (record_codec.h).
      fields += ParseWhole(parser, e.data.data(), e.data.size(), /*padded=*/true);
      ++events;
      return true;
    });
    const double seconds = SecondsSince(start);
    if (!scanned.ok() || events != Log().summary.counts.Total()) {
      state.SkipWithError("scan failed");
      break;
    }
    benchmark::DoNotOptimize(fields);
    Report(state, events, seconds);
  }
}
BENCHMARK(BM_PeerStoreScanParse)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Apply(WithMinMax);

void BM_PeerStoreScanDecode(benchmark::State& state) {
  auto store = OpenLog(state);
  if (!store) return;
  std::vector<projections::MetaFact> facts;
  for (auto _ : state) {
    uint64_t events = 0;
    uint64_t fact_count = 0;
    const auto start = SteadyClock::now();
    auto scanned = store->Scan(Seq(0), [&](const EventEnvelope& e) {
      facts.clear();
      projections::DecodeDomainEvent(e, facts);
      fact_count += facts.size();
      ++events;
      return true;
    });
    const double seconds = SecondsSince(start);
    if (!scanned.ok() || events != Log().summary.counts.Total()) {
      state.SkipWithError("scan failed");
      break;
    }
    Report(state, events, seconds);
    state.counters["facts"] = static_cast<double>(fact_count);
  }
}
BENCHMARK(BM_PeerStoreScanDecode)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Apply(WithMinMax);

}  // namespace
}  // namespace keyledger::bench
