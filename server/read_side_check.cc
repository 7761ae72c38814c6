// CheckReadSide: two ReadSides over the same store, one started like the server, one from scratch.
#include "server/read_side_check.h"

#include <cstdio>

#include "projections/binary_codec.h"
#include "server/conflict_feed.h"
#include "server/read_side_options.h"

namespace keyledger::server {
namespace {

std::string Hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

struct Started {
  projections::StartInfo info;
  uint64_t models = 0;
  uint64_t schedule = 0;
  uint64_t conflicts = 0;
};

// Started as the server starts its read side: with the conflict index as its extension.
Result<Started, std::string> StartAndFingerprint(const store::EventStore& store, projections::ReadSideOptions options,
                                                ConflictFeed& conflicts) {
  projections::ReadSide side(std::move(options));
  auto started = side.Start(store);
  if (!started.ok()) return Fail(started.error().message);
  projections::BinaryWriter saved;  // canonical: independent of the checks made meanwhile
  conflicts.Save(saved);
  return Started{*started, side.Read([](const projections::ReadModels& m) { return m.Fingerprint(); }),
                 side.ScheduleFingerprint(), projections::Fnv1a(saved.Buffer())};
}

}  // namespace

ReadSideCheck CheckReadSide(const store::EventStore& store, const LedgerOptions& options) {
  ConflictFeed served_conflicts, replayed_conflicts;
  projections::ReadSideOptions as_server = ReadSideOptionsFor(options, &served_conflicts);
  as_server.snapshot_every_events = 0;  // the check writes nothing
  projections::ReadSideOptions from_scratch = ReadSideOptionsFor(options, &replayed_conflicts);
  from_scratch.snapshot_path.clear();
  auto served = StartAndFingerprint(store, std::move(as_server), served_conflicts);
  if (!served.ok()) return {false, "read side: " + served.error()};
  auto replayed = StartAndFingerprint(store, std::move(from_scratch), replayed_conflicts);
  if (!replayed.ok()) return {false, "read side: " + replayed.error()};
  const std::string how = served->info.from_snapshot
                              ? "snapshot at seq " + std::to_string(served->info.snapshot_seq.value) + " + " +
                                    std::to_string(served->info.replayed_events) + " events"
                              : "no usable snapshot (" + served->info.snapshot_note + "), a full replay";
  if (served->models != replayed->models) {
    return {false, "read side MISMATCH: the models from " + how + " differ from a full replay of " +
                       std::to_string(replayed->info.replayed_events) + " events"};
  }
  if (served->schedule != replayed->schedule) {
    return {false, "read side MISMATCH: the reminder schedule from " + how + " differs from a full replay"};
  }
  if (served->conflicts != replayed->conflicts) {
    return {false, "read side MISMATCH: the conflict index from " + how + " differs from a full replay"};
  }
  return {true, "read side: " + how + " matches a full replay of " + std::to_string(replayed->info.replayed_events) +
                    " events (models " + Hex(served->models) + ", schedule " + Hex(served->schedule) +
                    ", conflict index " + Hex(served->conflicts) + ")"};
}

}  // namespace keyledger::server
