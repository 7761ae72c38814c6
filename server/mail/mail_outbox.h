// MailOutbox: reminder e-mail delivered exactly once (issue 7, R-P5/R-P6's 自动发送提醒邮件).
//
// It follows the whole log on its own subscription and keeps, in memory, what the mail events
// say: each user's preferences and each delivery's state. For every reminder raised it queues one
// mail per recipient who wants that kind by mail (MailQueued, in the delivery's own stream with
// "no stream yet" as the expected version, so a restart or a second planner cannot queue it
// twice); each Monday 09:00 company time the department managers' weekly digest the same way.
// A worker thread, never the request path, sends what is queued: MailAttemptStarted is durable
// before the mail leaves, MailSent or MailFailed after, so after a crash an attempt without an
// answer in the log is the only one sent again, with the same Message-ID. Failed sends back off
// (base, doubled per attempt, at most an hour) and give up after max_attempts or a 5xx answer.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "projections/seq_waiter.h"
#include "server/ledger.h"
#include "server/mail/mail_events.h"
#include "server/mail/mail_preferences.h"
#include "server/mail/smtp_transport.h"
#include "server/org_view.h"

namespace keyledger::server::mail {

struct MailOptions {
  std::string from = "keyledger@localhost";
  std::string from_name = "keyledger";
  std::string public_url = "http://localhost:8080";  // the dashboard, for links
  std::chrono::milliseconds retry_base{30000};
  std::chrono::milliseconds retry_cap{std::chrono::hours(1)};
  uint32_t max_attempts = 12;
  // A reminder raised longer ago than this (business time) when first seen is not mailed: turning
  // mail on for an old ledger must not send its whole history.
  std::chrono::hours max_reminder_age{24 * 7};
  // A weekly digest is sent if its Monday 09:00 passed less than this long ago.
  std::chrono::hours digest_window{24};
};

struct DeliveryView {
  std::string delivery_id;
  std::string recipient, to, kind, message_id;
  std::string state;  // "queued", "sending", "sent", "failed" (permanently)
  uint32_t attempts = 0;
};

// Thread-safe. Borrows `ledger` (clock, read side, store), which must outlive it.
class MailOutbox {
 public:
  // `transport` null: preferences still work, nothing is queued or sent (no --smtp-url).
  MailOutbox(Ledger& ledger, MailOptions options, std::unique_ptr<MailTransport> transport,
             prometheus::Registry& metrics);
  ~MailOutbox();  // Stop()

  // Subscribes from the log's start and starts the worker; planning and sending begin once the
  // fold has reached the head the log had at Start.
  void Start();
  void Stop();
  // The worker looks again now (the manual test clock moved).
  void Wake();

  bool Sending() const { return transport_ != nullptr; }
  MailPreferences PreferencesOf(const std::string& user) const;
  // Records `user`'s preferences; waits until the outbox has applied them.
  Result<Seq, std::string> SetPreferences(const std::string& user, const MailPreferences& prefs,
                                          const std::string& actor);
  std::vector<DeliveryView> Deliveries(size_t limit) const;

 private:
  struct Recipient {
    std::string user, to, name, language;
  };
  struct PlanItem {  // a raised reminder whose recipients want it by mail
    std::string reminder_id, kind, subject_type, subject_id;
    Instant due_at;
    std::vector<Recipient> recipients;
  };
  enum class State { kQueued, kInFlight, kSent, kGaveUp };
  struct Delivery {
    MailQueued mail;  // subject and body dropped once final
    State state = State::kQueued;
    uint64_t version = 0;  // the stream's version
    uint32_t attempts = 0;
    Seq queued_seq;
    Instant queued_at;
    std::chrono::steady_clock::time_point next_try{};
  };

  void OnEvent(const EventEnvelope& e);
  void OnMailEvent(const EventEnvelope& e, MailEvent event);
  void OnReminderRaised(const EventEnvelope& e);
  void RunWorker();
  void PlanReminders();
  void PlanDigests();
  void SendDue();
  void SendOne(const std::string& delivery_id);
  // Appends one mail event to `stream` and waits until this outbox has folded it.
  Result<Seq, store::StoreError> Append(const std::string& stream, store::ExpectedVersion expected,
                                        const MailEvent& event, const std::string& actor);
  void Queue(const MailQueued& mail);
  void UpdateGauges();

  Ledger& ledger_;
  MailOptions options_;
  std::unique_ptr<MailTransport> transport_;
  OrgView org_;  // the org as of the event being folded (emails, languages, managers)
  projections::SeqWaiter applied_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::unordered_map<std::string, MailPreferences> prefs_;  // GUARDED_BY(mu_)
  std::unordered_map<std::string, Delivery> deliveries_;    // GUARDED_BY(mu_)
  std::map<Seq, std::string> open_;                         // GUARDED_BY(mu_) not final, by queue order
  std::deque<PlanItem> to_plan_;                            // GUARDED_BY(mu_)
  Seq start_head_;
  bool caught_up_ = false;                                  // GUARDED_BY(mu_)
  bool stopping_ = false;                                   // GUARDED_BY(mu_)
  bool wake_ = false;                                       // GUARDED_BY(mu_)

  std::unique_ptr<store::Subscription> subscription_;
  std::thread worker_;

  prometheus::Counter& queued_total_;
  prometheus::Counter& sent_total_;
  prometheus::Counter& failed_total_;
  prometheus::Gauge& queue_length_;
  prometheus::Gauge& queue_age_;
};

}  // namespace keyledger::server::mail
