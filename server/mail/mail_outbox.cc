#include "server/mail/mail_outbox.h"

#include <algorithm>

#include "domain/codec/event_codec.h"
#include "domain/core/overloaded.h"
#include "server/command_service.h"
#include "server/log.h"
#include "server/mail/mail_address.h"
#include "server/mail/mail_facts.h"
#include "server/mail/mime_message.h"

namespace keyledger::server::mail {
namespace {

constexpr std::string_view kSystem = "system";

std::string_view After(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix ? s.substr(prefix.size()) : std::string_view();
}

std::string LanguageOf(const domain::User& u) { return u.language == "en" ? "en" : "zh-CN"; }

}  // namespace

MailOutbox::MailOutbox(Ledger& ledger, MailOptions options, std::unique_ptr<MailTransport> transport,
                       prometheus::Registry& metrics)
    : ledger_(ledger),
      options_(std::move(options)),
      transport_(std::move(transport)),
      queued_total_(prometheus::BuildCounter().Name("keyledger_mail_queued_total").Help("Mails queued").Register(metrics).Add({})),
      sent_total_(prometheus::BuildCounter().Name("keyledger_mail_sent_total").Help("Mails the mail server accepted").Register(metrics).Add({})),
      failed_total_(prometheus::BuildCounter().Name("keyledger_mail_failed_total").Help("Failed send attempts").Register(metrics).Add({})),
      queue_length_(prometheus::BuildGauge().Name("keyledger_mail_queue_length").Help("Mails queued and not yet sent or given up").Register(metrics).Add({})),
      queue_age_(prometheus::BuildGauge().Name("keyledger_mail_queue_age_seconds").Help("Age of the oldest unsent mail (business time)").Register(metrics).Add({})) {
  while (!options_.public_url.empty() && options_.public_url.back() == '/') options_.public_url.pop_back();
}

MailOutbox::~MailOutbox() { Stop(); }

void MailOutbox::Start() {
  start_head_ = ledger_.Store().HeadSeq();
  if (start_head_.value == 0) caught_up_ = true;
  subscription_ = ledger_.Store().Subscribe(Seq(0), [this](const EventEnvelope& e) {
    OnEvent(e);
    return true;
  });
  worker_ = std::thread([this] { RunWorker(); });
}

void MailOutbox::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
  subscription_.reset();
  applied_.Close();
}

void MailOutbox::Wake() {
  {
    std::lock_guard lock(mu_);
    wake_ = true;
  }
  cv_.notify_all();
}

// ---- the fold -------------------------------------------------------------------------------

void MailOutbox::OnEvent(const EventEnvelope& e) {
  if (e.stream == "org" && !org_.Apply(e)) Log(LogLevel::kError, "mail: org event cannot be decoded", {{"seq", int64_t(e.seq.value)}});
  if (e.stream.starts_with(kDeliveryStreamPrefix) || e.stream.starts_with(kPreferencesStreamPrefix)) {
    if (auto event = DecodeMailEvent(e.type, e.data)) OnMailEvent(e, std::move(*event));
  } else if (e.stream.starts_with("reminder-") && e.type == "ReminderRaised") {
    OnReminderRaised(e);
  }
  bool wake = false;
  {
    std::lock_guard lock(mu_);
    if (!caught_up_ && e.seq >= start_head_) caught_up_ = wake = true;
    if (e.stream.starts_with("reminder-")) wake = caught_up_;
  }
  applied_.Publish(e.seq);
  if (wake) cv_.notify_all();
}

void MailOutbox::OnMailEvent(const EventEnvelope& e, MailEvent event) {
  std::lock_guard lock(mu_);
  if (auto* p = std::get_if<MailPreferencesSet>(&event)) {
    prefs_[p->user] = MailPreferences{p->kinds, p->weekly_digest};
    return;
  }
  std::string id(After(e.stream, kDeliveryStreamPrefix));
  if (auto* q = std::get_if<MailQueued>(&event)) {
    Delivery d;
    d.mail = std::move(*q);
    d.version = e.stream_version;
    d.queued_seq = e.seq;
    d.queued_at = e.occurred_at;
    deliveries_[id] = std::move(d);
    open_[e.seq] = id;
    return;
  }
  auto it = deliveries_.find(id);
  if (it == deliveries_.end()) return;  // an attempt without its queueing: nothing to send
  Delivery& d = it->second;
  d.version = e.stream_version;
  auto close = [&](State s) {
    d.state = s;
    d.mail.subject.clear();
    d.mail.body.clear();
    open_.erase(d.queued_seq);
  };
  std::visit(domain::Overloaded{
                 [&](const MailAttemptStarted& a) {
                   d.state = State::kInFlight;
                   d.attempts = a.attempt;
                 },
                 [&](const MailSent&) { close(State::kSent); },
                 [&](const MailFailed& f) {
                   if (f.permanent) return close(State::kGaveUp);
                   d.state = State::kQueued;
                   d.next_try = std::chrono::steady_clock::now() + std::chrono::milliseconds(f.retry_in_ms);
                 },
                 [](const auto&) {},
             },
             event);
}

// R-P5/R-P6: who is told by mail is decided with the org and the preferences as they stood when
// the reminder was raised, so a restart decides the same.
void MailOutbox::OnReminderRaised(const EventEnvelope& e) {
  if (!transport_) return;
  auto decoded = domain::DecodeReminderEvent(e.type, e.schema_version, e.data);
  if (!decoded.ok()) return;
  const auto* raised = std::get_if<domain::ReminderRaised>(&*decoded);
  if (!raised || raised->raised_at + options_.max_reminder_age < ledger_.Now()) return;
  PlanItem item{std::string(After(e.stream, "reminder-")), std::string(domain::NameOf(raised->kind)),
                std::string(domain::NameOf(raised->subject.type)), raised->subject.id, raised->due_at, {}};
  auto org = org_.Current();
  std::lock_guard lock(mu_);
  for (const auto& user_id : raised->recipients) {
    auto u = org->users.find(user_id);
    if (u == org->users.end() || !u->second.enabled || !IsMailAddress(u->second.email)) continue;
    auto p = prefs_.find(user_id.value);
    const MailPreferences prefs = p == prefs_.end() ? MailPreferences::Defaults() : p->second;
    if (!prefs.Wants(item.kind)) continue;
    item.recipients.push_back({user_id.value, u->second.email, u->second.display_name, LanguageOf(u->second)});
  }
  if (!item.recipients.empty()) to_plan_.push_back(std::move(item));
}

// ---- the worker -----------------------------------------------------------------------------

void MailOutbox::RunWorker() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait(lock, [this] { return stopping_ || caught_up_; });
    if (stopping_) break;
    wake_ = false;
    lock.unlock();
    if (transport_) {
      PlanReminders();
      PlanDigests();
      SendDue();
    }
    UpdateGauges();
    lock.lock();
    // Wake for new work, the next retry, or at least every second (the clock may have moved).
    auto wait = std::chrono::milliseconds(1000);
    auto now = std::chrono::steady_clock::now();
    for (const auto& [seq, id] : open_) {
      auto until = std::chrono::duration_cast<std::chrono::milliseconds>(deliveries_[id].next_try - now);
      wait = std::clamp(until, std::chrono::milliseconds(0), wait);
    }
    cv_.wait_for(lock, wait, [this] { return stopping_ || wake_ || !to_plan_.empty(); });
  }
}

void MailOutbox::PlanReminders() {
  for (;;) {
    PlanItem item;
    {
      std::lock_guard lock(mu_);
      if (to_plan_.empty() || stopping_) return;
      item = std::move(to_plan_.front());
      to_plan_.pop_front();
    }
    auto org = ledger_.Org().Current();
    std::string due = MailTime(item.due_at, ledger_.Config().utc_offset);
    for (const auto& r : item.recipients) {
      const std::string delivery_id = item.reminder_id + "/" + r.user;
      {
        std::lock_guard lock(mu_);
        if (deliveries_.count(delivery_id)) continue;  // queued before a restart
      }
      auto rendered = ledger_.Reads().Read([&](const projections::ReadModels& m) {
        return RenderReminderMail(
            ReminderFacts(m, *org, item.kind, item.subject_type, item.subject_id, due, r.user, options_.public_url),
            r.language);
      });
      Queue(MailQueued{delivery_id, MessageIdFor(delivery_id, DomainOf(options_.from)), r.user, r.to, r.name,
                       r.language, item.kind, item.reminder_id, rendered.subject, rendered.body});
    }
  }
}

// R-P4: the weekly digest of each department to its manager, Monday 09:00 company time, for the
// week that just ended.
void MailOutbox::PlanDigests() {
  const auto& calendar = ledger_.Reads().Calendar();
  const Instant now = ledger_.Now();
  auto today = calendar.LocalDate(now);
  auto monday = today - (std::chrono::weekday(today) - std::chrono::Monday);
  Instant send_at = calendar.StartOfDay(monday) + std::chrono::hours(9);
  if (now < send_at) {
    monday -= std::chrono::days(7);
    send_at = calendar.StartOfDay(monday) + std::chrono::hours(9);
  }
  if (now - send_at >= options_.digest_window) return;
  const auto week_start_day = monday - std::chrono::days(7);
  const Instant week_start = calendar.StartOfDay(week_start_day);
  const std::string week_text = MailTime(week_start, ledger_.Config().utc_offset).substr(0, 10) + " – " +
                                MailTime(calendar.StartOfDay(monday - std::chrono::days(1)), ledger_.Config().utc_offset).substr(0, 10);
  const std::string week_id = week_text.substr(0, 10);
  auto org = ledger_.Org().Current();
  for (const auto& [unit_id, unit] : org->units) {
    if (unit.kind != domain::OrgUnitKind::kDepartment || !unit.manager) continue;
    auto u = org->users.find(*unit.manager);
    if (u == org->users.end() || !u->second.enabled || !IsMailAddress(u->second.email)) continue;
    const std::string delivery_id = "digest/" + unit_id.value + "/" + week_id + "/" + u->first.value;
    {
      std::lock_guard lock(mu_);
      auto p = prefs_.find(u->first.value);
      if (p != prefs_.end() && !p->second.weekly_digest) continue;
      if (deliveries_.count(delivery_id)) continue;
    }
    const std::string language = LanguageOf(u->second);
    const std::string& unit_text = unit_id.value;  // a lambda may not capture a structured binding (clang 14)
    auto rendered = ledger_.Reads().Read([&](const projections::ReadModels& m) {
      return RenderDigestMail(DigestFacts(m, *org, unit_text, week_start, week_text, u->first.value, options_.public_url),
                              language);
    });
    Queue(MailQueued{delivery_id, MessageIdFor(delivery_id, DomainOf(options_.from)), u->first.value, u->second.email,
                     u->second.display_name, language, "weekly_digest", unit_id.value, rendered.subject, rendered.body});
  }
}

void MailOutbox::Queue(const MailQueued& mail) {
  auto appended = Append(std::string(kDeliveryStreamPrefix) + mail.delivery_id, store::ExpectedVersion::NoStream(), mail,
                         std::string(kSystem));
  if (appended.ok()) {
    queued_total_.Increment();
  } else if (appended.error().code != store::StoreError::Code::kConflict) {  // conflict: already queued
    Log(LogLevel::kWarn, "mail: cannot queue", {{"delivery", mail.delivery_id}, {"error", appended.error().message}});
  }
}

void MailOutbox::SendDue() {
  for (;;) {
    std::string next;
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      auto now = std::chrono::steady_clock::now();
      for (const auto& [seq, id] : open_) {
        if (deliveries_[id].next_try <= now) {
          next = id;
          break;
        }
      }
    }
    if (next.empty()) return;
    SendOne(next);
  }
}

void MailOutbox::SendOne(const std::string& id) {
  Delivery d;
  {
    std::lock_guard lock(mu_);
    d = deliveries_[id];
  }
  const std::string stream = std::string(kDeliveryStreamPrefix) + id;
  const uint32_t attempt = d.attempts + 1;
  // Durable before the mail leaves: a crash from here on shows an attempt without an answer.
  auto started = Append(stream, store::ExpectedVersion::Exact(d.version), MailAttemptStarted{attempt}, std::string(kSystem));
  if (!started.ok()) {
    Log(LogLevel::kWarn, "mail: cannot record an attempt", {{"delivery", id}, {"error", started.error().message}});
    std::lock_guard lock(mu_);
    deliveries_[id].next_try = std::chrono::steady_clock::now() + options_.retry_base;
    return;
  }
  MailMessage message{options_.from, options_.from_name, d.mail.to, d.mail.to_name, d.mail.subject, d.mail.body,
                      d.mail.message_id, d.mail.kind, ledger_.Now(), ledger_.Config().utc_offset};
  auto mime = ComposeMime(message);
  SendOutcome outcome = mime ? transport_->Send(options_.from, d.mail.to, *mime)
                             : SendOutcome{false, true, "not a valid address or Message-ID"};
  const uint64_t version = d.version + 1;
  if (outcome.delivered) {
    sent_total_.Increment();
    (void)Append(stream, store::ExpectedVersion::Exact(version), MailSent{attempt, outcome.answer}, std::string(kSystem));
    return;
  }
  failed_total_.Increment();
  bool give_up = outcome.permanent || attempt >= options_.max_attempts;
  auto delay = std::min<std::chrono::milliseconds>(options_.retry_cap, options_.retry_base * (1LL << std::min<uint32_t>(attempt - 1, 20)));
  Log(LogLevel::kWarn, "mail: send failed", {{"delivery", id}, {"attempt", int64_t{attempt}}, {"reason", outcome.answer}});
  (void)Append(stream, store::ExpectedVersion::Exact(version),
               MailFailed{attempt, outcome.answer, give_up, give_up ? 0 : static_cast<uint64_t>(delay.count())},
               std::string(kSystem));
}

Result<Seq, store::StoreError> MailOutbox::Append(const std::string& stream, store::ExpectedVersion expected,
                                                  const MailEvent& event, const std::string& actor) {
  EncodedMailEvent encoded = EncodeMailEvent(event);
  store::AppendRequest request;
  request.stream = stream;
  request.expected = expected;
  store::NewEvent e;
  e.id = NewUuid();
  e.type = encoded.type;
  e.occurred_at = ledger_.Now();
  e.actor = actor;
  e.correlation_id = e.id;
  e.data = std::move(encoded.data);
  request.events.push_back(std::move(e));
  auto result = ledger_.Store().Append(std::move(request));
  if (!result.ok()) return Fail(result.error());
  applied_.WaitFor(result->last_seq, std::chrono::seconds(10));
  return result->last_seq;
}

void MailOutbox::UpdateGauges() {
  std::lock_guard lock(mu_);
  queue_length_.Set(static_cast<double>(open_.size()));
  double age = 0;
  if (!open_.empty()) {
    auto oldest = deliveries_[open_.begin()->second].queued_at;
    age = std::chrono::duration<double>(ledger_.Now() - oldest).count();
  }
  queue_age_.Set(std::max(0.0, age));
}

// ---- preferences and the auditor's list -------------------------------------------------------

MailPreferences MailOutbox::PreferencesOf(const std::string& user) const {
  std::lock_guard lock(mu_);
  auto it = prefs_.find(user);
  return it == prefs_.end() ? MailPreferences::Defaults() : it->second;
}

Result<Seq, std::string> MailOutbox::SetPreferences(const std::string& user, const MailPreferences& prefs,
                                                    const std::string& actor) {
  auto appended = Append(std::string(kPreferencesStreamPrefix) + user, store::ExpectedVersion::Any(),
                         MailPreferencesSet{user, prefs.kinds, prefs.weekly_digest}, actor);
  if (!appended.ok()) return Fail(appended.error().message);
  return *appended;
}

std::vector<DeliveryView> MailOutbox::Deliveries(size_t limit) const {
  std::lock_guard lock(mu_);
  std::vector<std::pair<Seq, const Delivery*>> all;
  for (const auto& [id, d] : deliveries_) all.emplace_back(d.queued_seq, &d);
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<DeliveryView> out;
  for (const auto& [seq, d] : all) {
    if (out.size() >= limit) break;
    static constexpr const char* kStates[] = {"queued", "sending", "sent", "failed"};
    out.push_back({d->mail.delivery_id, d->mail.recipient, d->mail.to, d->mail.kind, d->mail.message_id,
                   kStates[static_cast<int>(d->state)], d->attempts});
  }
  return out;
}

}  // namespace keyledger::server::mail
