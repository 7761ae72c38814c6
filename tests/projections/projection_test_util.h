// Helpers for projection tests: a temp RocksDB store, appending facts at the manual clock's time,
// and a ReminderSink that goes through the real store (append, read back, apply) like the server.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "projections/fact_codec.h"
#include "projections/manual_clock.h"
#include "projections/read_side.h"
#include "projections/reminder_sink.h"
#include "store/rocks_event_store.h"

namespace keyledger::projections::testing {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("kl_proj_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
             std::to_string(std::random_device{}()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::unique_ptr<store::EventStore> OpenStore(const std::filesystem::path& dir, bool sync = false) {
  store::RocksStoreOptions options;
  // Test speed: durability across power loss is the store's own suite; a process restart here
  // reopens the same directory, which sees everything acknowledged.
  options.sync = sync;
  auto opened = store::OpenRocksEventStore(dir, options);
  EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
  return opened.ok() ? std::move(opened.value()) : nullptr;
}

inline CompanyCalendar ShanghaiCalendar(std::vector<LocalDay> holidays = {}) {
  auto cal = CompanyCalendar::Create("Asia/Shanghai", std::move(holidays));
  EXPECT_TRUE(cal.ok());
  return std::move(cal.value());
}

inline std::string StreamOf(const Fact& fact) {
  return std::visit(
      [](const auto& f) -> std::string {
        using T = std::decay_t<decltype(f)>;
        if constexpr (requires { f.project_id; }) return "project-" + f.project_id;
        else if constexpr (requires { f.complaint_id; }) return "complaint-" + f.complaint_id;
        else if constexpr (requires { f.application_id; }) return "application-" + f.application_id;
        else if constexpr (std::is_same_v<T, AccountFileRead>) return "access-" + f.account_id;
        else if constexpr (requires { f.account_id; }) return "account-" + f.account_id;
        else if constexpr (requires { f.reminder_id; }) return "reminder-" + f.reminder_id;
        else return "org";
      },
      fact);
}

// Appends facts at the clock's current instant and applies them to a ReadSide (like the server's
// write path: append durably, then apply the append as one unit).
class FactWriter {
 public:
  FactWriter(store::EventStore& store, const ManualClock& clock) : store_(&store), clock_(&clock) {}
  void Rebind(store::EventStore& store) { store_ = &store; }

  Seq Append(const Fact& fact, ReadSide* read_side, std::string actor = "tester") {
    store::AppendRequest req;
    req.stream = StreamOf(fact);
    req.expected = store::ExpectedVersion::Any();
    req.events.push_back(MakeFactEvent(fact, clock_->Now(), std::move(actor), NextId()));
    auto res = store_->Append(std::move(req));
    EXPECT_TRUE(res.ok()) << (res.ok() ? "" : res.error().message);
    if (!res.ok()) return Seq();
    if (read_side) ApplyRange(*store_, *read_side, res->first_seq, res->last_seq);
    return res->last_seq;
  }

  static void ApplyRange(const store::EventStore& store, ReadSide& rs, Seq first, Seq last) {
    auto events = store.ReadAll(Seq(first.value - 1), last.value - first.value + 1);
    ASSERT_TRUE(events.ok());
    rs.Apply(*events);
  }

  std::string NextId() { return "ev-" + std::to_string(++next_id_); }

 private:
  store::EventStore* store_;
  const ManualClock* clock_;
  uint64_t next_id_ = 0;
};

// The test's write path for reminders: ReminderRaised in stream "reminder-<id>" with NoStream,
// occurred_at = the clock (the raising instant), then applied back into the ReadSide.
class StoreSink final : public ReminderSink {
 public:
  StoreSink(store::EventStore& store, const ManualClock& clock, ReadSide& rs)
      : store_(&store), clock_(&clock), rs_(&rs) {}

  // When false, appends but does not apply (a crash between durable append and apply).
  bool apply_back = true;
  // Fail (without appending) from the Nth call on; -1 never.
  int fail_from_call = -1;
  int calls = 0;
  int already_raised = 0;

  Result<RaiseOutcome, SinkError> Raise(const ReminderToRaise& r) override {
    if (fail_from_call >= 0 && calls++ >= fail_from_call) return Fail(SinkError{"injected failure"});
    ReminderRaised fact{r.id, r.kind, r.subject_type, r.subject_id, r.stage, r.due_at, r.recipients};
    store::AppendRequest req;
    req.stream = "reminder-" + r.id;
    req.expected = store::ExpectedVersion::NoStream();
    req.events.push_back(MakeFactEvent(fact, clock_->Now(), "system", "rem-" + r.id, r.causation_id));
    auto res = store_->Append(std::move(req));
    if (!res.ok()) {
      if (res.error().code == store::StoreError::Code::kConflict) {
        ++already_raised;
        return RaiseOutcome::kAlreadyRaised;
      }
      return Fail(SinkError{res.error().message});
    }
    if (apply_back) FactWriter::ApplyRange(*store_, *rs_, res->first_seq, res->last_seq);
    return RaiseOutcome::kRaised;
  }

  Result<RaiseOutcome, SinkError> PutProjectOnHold(const ReminderToRaise& r) override {
    if (fail_from_call >= 0 && calls >= fail_from_call) return Fail(SinkError{"injected failure"});
    const bool approved = rs_->Read([&](const ReadModels& m) {
      const ProjectRow* row = m.projects.Find(r.subject_id);
      return row != nullptr && row->status == ProjectStatus::kApproved;
    });
    if (!approved) return RaiseOutcome::kAlreadyRaised;
    store::AppendRequest req;
    req.stream = "project-" + r.subject_id;
    req.expected = store::ExpectedVersion::Any();
    req.idempotency_key = "onhold-" + r.id;
    req.events.push_back(MakeFactEvent(
        ProjectStatusChanged{r.subject_id, ProjectStatus::kOnHold, "no update for 90 days", ""},
        clock_->Now(), "system", "hold-" + r.id, r.causation_id));
    auto res = store_->Append(std::move(req));
    if (!res.ok()) return Fail(SinkError{res.error().message});
    if (res->duplicate) return RaiseOutcome::kAlreadyRaised;
    if (apply_back) FactWriter::ApplyRange(*store_, *rs_, res->first_seq, res->last_seq);
    return RaiseOutcome::kRaised;
  }

 private:
  store::EventStore* store_;
  const ManualClock* clock_;
  ReadSide* rs_;
};

}  // namespace keyledger::projections::testing
