// Ledger: the business side of the process, wired once — the command service (write path), the
// read side (projections and the reminder engine), the live org tree, the clock and the
// reminder runner. Handlers borrow it; main builds one after the store opens.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "domain/core/config.h"
#include "projections/clock.h"
#include "projections/read_side.h"
#include "server/command_service.h"
#include "server/conflict_feed.h"
#include "server/feed_relay.h"
#include "server/org_view.h"
#include "server/password.h"
#include "store/event_store.h"

namespace keyledger::server {

struct LedgerOptions {
  domain::DomainConfig domain;
  std::filesystem::path snapshot_path;  // "" = no snapshots
  // The first admin's password on an empty log; "" = generate one and print it once.
  std::string admin_password;
  // Argon2id cost (tests lower it).
  PasswordParams password = PasswordParams::Interactive();
};

// Thread-safe once Start returned. Borrows `store` and `clock`; both must outlive it.
class Ledger {
 public:
  Ledger(store::EventStore& store, const projections::Clock& clock, LedgerOptions options);
  ~Ledger();  // Stop()

  // Replays the log into the read side and the org tree, creates the first admin on an empty
  // log (printing a generated password once), then follows the store: every durable event is
  // applied to the read side and the org tree, then handed to `publish` (the live feed), in seq
  // order, on a thread of its own (FeedRelay), so that a slow fan-out does not delay the next
  // event's apply. Blocks for the replay. Fails only if the store cannot be read.
  Result<Ok, std::string> Start(std::function<void(const EventEnvelope&)> publish);
  // Starts the reminder runner for a wall clock: a thread that sleeps until the next due time
  // (re-checked at least every `max_sleep`, so a clock step is noticed) and raises what fell due.
  void StartReminderRunner(std::chrono::milliseconds max_sleep = std::chrono::seconds(30));
  // Raises every reminder due by the clock's now, in due order; returns how many were raised.
  // The manual clock calls this after each move; the runner after each wake.
  size_t RunDueReminders();
  // Ends the runner and the subscription, writes a snapshot. Idempotent.
  void Stop();

  // Waits until the read side has applied `seq` (read-your-writes for a command's answer).
  bool WaitApplied(Seq seq, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
    return read_side_.WaitForSeq(seq, timeout);
  }

  CommandService& Commands() { return commands_; }
  projections::ReadSide& Reads() { return read_side_; }
  const OrgView& Org() const { return org_; }
  const ConflictFeed& Conflicts() const { return conflicts_; }
  UserDirectory& Users() { return users_; }
  const projections::Clock& Clock() const { return clock_; }
  Instant Now() const { return clock_.Now(); }
  const domain::DomainConfig& Config() const { return options_.domain; }
  const PasswordHasher& Hasher() const { return hasher_; }
  store::EventStore& Store() { return store_; }

  // The next project number for an approval (R-P3): "XM-<year>-<NNNN>", unique in the log.
  std::string ReserveProjectNumber(Instant now);

 private:
  class Sink;
  Result<Ok, std::string> BootstrapAdmin();
  void OnEvent(const EventEnvelope& e);

  store::EventStore& store_;
  const projections::Clock& clock_;
  LedgerOptions options_;
  PasswordHasher hasher_;
  CommandService commands_;
  projections::ReadSide read_side_;
  OrgView org_;
  ConflictFeed conflicts_;
  OrgUserDirectory users_;
  std::unique_ptr<Sink> sink_;
  std::unique_ptr<FeedRelay> relay_;  // publishes to the feed off the subscription thread
  std::unique_ptr<store::Subscription> subscription_;
  std::atomic<uint64_t> project_numbers_{0};

  std::mutex runner_mu_;
  std::condition_variable runner_cv_;
  bool stopping_ = false;  // GUARDED_BY(runner_mu_)
  std::thread runner_;
};

}  // namespace keyledger::server
