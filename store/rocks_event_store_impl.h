// RocksEventStore: the EventStore behind OpenRocksEventStore. Declared here (not in the .cc) only
// so that backup.cc can reach the open database; everyone else uses EventStore.
// Internal to store/.
#pragma once

#include <memory>

#include "store/event_store.h"
#include "store/group_commit.h"
#include "store/rocks_log.h"

namespace keyledger::store {

class RocksEventStore : public EventStore {
 public:
  RocksEventStore(std::shared_ptr<RocksLog> log, std::unique_ptr<GroupCommitter> committer);
  ~RocksEventStore() override;

  StoreResult<AppendResult> Append(AppendRequest request) override;
  void AppendAsync(AppendRequest request, AppendCallback done) override;
  std::vector<StoreResult<AppendResult>> AppendBatch(std::vector<AppendRequest> requests) override;
  StoreResult<std::vector<EventEnvelope>> ReadStream(std::string_view stream, uint64_t from_version,
                                                     size_t max_count) const override;
  StoreResult<uint64_t> StreamVersion(std::string_view stream) const override;
  StoreResult<std::vector<EventEnvelope>> ReadAll(Seq after, size_t limit) const override;
  StoreResult<Seq> Scan(Seq after, const EventHandler& handler) const override;
  StoreResult<std::vector<EventEnvelope>> ReadTimeRange(Instant from, Instant to, Seq after,
                                                        size_t limit) const override;
  StoreResult<std::optional<AppendResult>> FindIdempotent(std::string_view key,
                                                          std::string_view fingerprint) const override;
  Seq HeadSeq() const override;
  bool IsReadOnly() const override;
  std::unique_ptr<Subscription> Subscribe(Seq after, EventHandler on_event,
                                          ErrorHandler on_error) override;

  const std::shared_ptr<RocksLog>& log() const { return log_; }

 private:
  std::shared_ptr<RocksLog> log_;
  std::unique_ptr<GroupCommitter> committer_;
};

}  // namespace keyledger::store
