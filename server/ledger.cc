// Ledger wiring: start-up replay, the first admin, the store subscription and the reminder runner.
#include "server/ledger.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <iostream>

#include "projections/domain_adapter.h"
#include "server/log.h"
#include "server/read_side_options.h"

namespace keyledger::server {
namespace {

// Events applied but not yet offered to the feed, at most (FeedRelay): about 1 KB each.
constexpr size_t kFeedRelayQueue = 65536;

domain::Actor SystemActor() { return {domain::UserId{"system"}, domain::Role::kSystem, domain::OrgUnitId{}}; }

// The read side's reminder vocabulary and the domain's name the same kinds in the same order.
domain::ReminderKind ToDomain(projections::ReminderKind k) {
  using P = projections::ReminderKind;
  using D = domain::ReminderKind;
  switch (k) {
    case P::kProjectStale2w: return D::kProjectStale2w;
    case P::kProjectStale1m: return D::kProjectStale1m;
    case P::kProjectOnHold: return D::kProjectOnHold;
    case P::kVisitOverdue: return D::kVisitOverdue;
    case P::kKeyPersonContactDue: return D::kKeyPersonContactDue;
    case P::kComplaintOverdue: return D::kComplaintOverdue;
    case P::kApprovalPending: return D::kApprovalPending;
  }
  return D::kApprovalPending;
}

domain::SubjectType ToDomain(projections::SubjectType t) {
  using P = projections::SubjectType;
  using D = domain::SubjectType;
  switch (t) {
    case P::kProject: return D::kProject;
    case P::kAccount: return D::kAccount;
    case P::kKeyPerson: return D::kKeyPerson;
    case P::kComplaint: return D::kComplaint;
    case P::kApplication: return D::kAccount;  // a named application is about its account
  }
  return D::kAccount;
}

}  // namespace

// Raises reminders through the normal write path, as the system (ReminderSink's contract).
class Ledger::Sink final : public projections::ReminderSink {
 public:
  explicit Sink(Ledger& ledger) : ledger_(ledger) {}

  Result<projections::RaiseOutcome, projections::SinkError> Raise(const projections::ReminderToRaise& r) override {
    domain::RaiseReminder command;
    command.kind = ToDomain(r.kind);
    command.subject = domain::ReminderSubject{ToDomain(r.subject_type), r.subject_id};
    for (const auto& u : r.recipients) command.recipients.push_back(domain::UserId{u});
    command.due_at = r.due_at;
    command.causation = r.causation_id;
    if (command.recipients.empty()) return projections::RaiseOutcome::kAlreadyRaised;  // nobody to tell
    return Outcome(ledger_.commands_.Execute<ReminderAggregate>(r.id, command, Meta(r, store::ExpectedVersion::NoStream())));
  }

  Result<projections::RaiseOutcome, projections::SinkError> PutProjectOnHold(const projections::ReminderToRaise& r) override {
    domain::PutProjectOnHold command{r.due_at - ledger_.options_.domain.stale_on_hold, r.causation_id};
    CommandMeta meta = Meta(r, std::nullopt);
    meta.idempotency_key = "onhold-" + r.id;
    meta.fingerprint = meta.idempotency_key;
    return Outcome(ledger_.commands_.Execute<ProjectAggregate>(r.subject_id, command, meta));
  }

 private:
  CommandMeta Meta(const projections::ReminderToRaise& r, std::optional<store::ExpectedVersion> expected) {
    CommandMeta meta;
    meta.actor = SystemActor();
    meta.now = ledger_.Now();
    meta.causation_id = r.causation_id;
    meta.expected = expected;
    return meta;
  }

  Result<projections::RaiseOutcome, projections::SinkError> Outcome(const CommandResult& result) {
    if (result.ok()) {
      if (result->appended == 0) return projections::RaiseOutcome::kAlreadyRaised;
      ledger_.WaitApplied(result->seq);  // the engine must see its own raise before the next one
      return projections::RaiseOutcome::kRaised;
    }
    switch (result.error().kind) {
      case CommandFailure::Kind::kVersionConflict:  // the stream exists: raised before (R-R3)
      case CommandFailure::Kind::kRejected:         // the domain says there is nothing to do
        return projections::RaiseOutcome::kAlreadyRaised;
      case CommandFailure::Kind::kIdempotencyMismatch:
      case CommandFailure::Kind::kUnavailable:
      case CommandFailure::Kind::kCorrupt:
        break;
    }
    return Fail(projections::SinkError{result.error().message});
  }

  Ledger& ledger_;
};

Ledger::Ledger(store::EventStore& store, const projections::Clock& clock, LedgerOptions options)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      hasher_(options_.password),
      commands_(store_, options_.domain,
                [this](Seq seq, std::function<void()> then) { read_side_.WhenApplied(seq, std::move(then)); }),
      read_side_(ReadSideOptionsFor(options_, &conflicts_)),
      users_(org_),
      sink_(std::make_unique<Sink>(*this)) {}

Ledger::~Ledger() { Stop(); }

Result<Ok, std::string> Ledger::Start(std::function<void(const EventEnvelope&)> publish) {
  if (publish) relay_ = std::make_unique<FeedRelay>(std::move(publish), kFeedRelayQueue);
  const auto t0 = std::chrono::steady_clock::now();
  auto started = read_side_.Start(store_);
  if (!started.ok()) return Fail(started.error().message);
  // How the start went, for whoever waits on it: a snapshot start replays a tail, a full one the log.
  Log(LogLevel::kInfo, "read side started",
      {{"from_snapshot", std::string_view(started->from_snapshot ? "yes" : "no")},
       {"snapshot_seq", int64_t(started->snapshot_seq.value)},
       {"replayed_events", int64_t(started->replayed_events)},
       {"ms", int64_t(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count())},
       {"note", std::string_view(started->snapshot_note)}});
  // The org view follows the "org" stream alone (its per-stream index): a few thousand events at
  // most, read up to where the read side stands; the subscription continues from there. The
  // conflict index is the read side's extension (in its snapshot, replayed with its tail).
  const Seq applied = read_side_.Applied();
  for (uint64_t from = 1;;) {
    auto page = store_.ReadStream(OrgAggregate::Stream(""), from, 4096);
    if (!page.ok()) return Fail(page.error().message);
    for (const EventEnvelope& e : *page) {
      if (e.seq > applied) break;
      if (!org_.Apply(e)) return Fail("org event at seq " + std::to_string(e.seq.value) + " cannot be decoded");
    }
    if (page->size() < 4096 || page->back().seq > applied) break;
    from = page->back().stream_version + 1;
  }
  project_numbers_ = read_side_.Read([](const projections::ReadModels& m) {
    uint64_t numbered = 0;
    for (const auto& row : m.projects.Rows()) numbered += row.number.empty() ? 0 : 1;
    return numbered;
  });
  subscription_ = store_.Subscribe(read_side_.Applied(), [this](const EventEnvelope& e) {
    OnEvent(e);
    return true;
  });
  if (org_.Current()->users.empty()) return BootstrapAdmin();
  return Ok{};
}

void Ledger::OnEvent(const EventEnvelope& e) {
  // The org tree first: the read side's reminders and the feed's filter resolve people from it.
  if (!org_.Apply(e)) Log(LogLevel::kError, "org event cannot be decoded", {{"seq", int64_t(e.seq.value)}});
  read_side_.Apply({e});  // the conflict index too (its extension)
  if (relay_) relay_->Push(e);
}

// API.md "Running": an empty log gets the company root and the user `admin`.
Result<Ok, std::string> Ledger::BootstrapAdmin() {
  std::string password = options_.admin_password;
  bool generated = password.empty();
  if (generated) {
    unsigned char raw[12];
    randombytes_buf(raw, sizeof raw);
    static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (unsigned char c : raw) password.push_back(kAlphabet[c % (sizeof kAlphabet - 1)]);
  }
  auto hash = hasher_.Hash(password);
  if (!hash) return Fail(std::string("cannot hash the admin password (out of memory)"));
  CommandMeta meta;
  meta.actor = SystemActor();
  meta.now = Now();
  meta.idempotency_key = "bootstrap-company";
  meta.fingerprint = meta.idempotency_key;
  auto company = commands_.Execute<OrgAggregate>(
      "", domain::CreateOrgUnit{domain::OrgUnitId{"company"}, "公司", std::nullopt, domain::OrgUnitKind::kCompany}, meta);
  if (!company.ok()) return Fail("creating the company unit: " + company.error().message);
  meta.idempotency_key = "bootstrap-admin";
  meta.fingerprint = meta.idempotency_key;
  domain::CreateUser admin{domain::UserId{"admin"}, "admin", "Administrator", domain::Role::kAdmin,
                           domain::OrgUnitId{"company"}, "", "zh-CN", *hash};
  auto created = commands_.Execute<OrgAggregate>("", admin, meta);
  if (!created.ok()) return Fail("creating the admin user: " + created.error().message);
  WaitApplied(created->seq);
  if (generated) {
    std::printf("created user admin with password %s (shown once; change it after signing in)\n", password.c_str());
    std::fflush(stdout);
  }
  return Ok{};
}

size_t Ledger::RunDueReminders() { return read_side_.RunDue(clock_.Now(), *sink_); }

void Ledger::StartReminderRunner(std::chrono::milliseconds max_sleep) {
  runner_ = std::thread([this, max_sleep] {
    std::unique_lock lock(runner_mu_);
    while (!stopping_) {
      lock.unlock();
      RunDueReminders();
      auto wait = max_sleep;
      if (auto next = read_side_.NextDue()) {
        auto until = std::chrono::duration_cast<std::chrono::milliseconds>(*next - clock_.Now());
        wait = std::clamp(until, std::chrono::milliseconds(10), max_sleep);
      }
      lock.lock();
      runner_cv_.wait_for(lock, wait, [this] { return stopping_; });
    }
  });
}

void Ledger::Stop() {
  {
    std::lock_guard lock(runner_mu_);
    stopping_ = true;
  }
  runner_cv_.notify_all();
  if (runner_.joinable()) runner_.join();
  subscription_.reset();
  if (relay_) relay_->Stop();  // after the subscription: nothing is pushed any more
  if (!options_.snapshot_path.empty()) (void)read_side_.WriteSnapshot();
  read_side_.Close();
}

std::string Ledger::ReserveProjectNumber(Instant now) {
  uint64_t n = ++project_numbers_;
  auto day = std::chrono::floor<std::chrono::days>(now + options_.domain.utc_offset);
  int year = int(std::chrono::year_month_day(day).year());
  char buf[32];
  std::snprintf(buf, sizeof buf, "XM-%d-%04llu", year, static_cast<unsigned long long>(n));
  return buf;
}

}  // namespace keyledger::server
