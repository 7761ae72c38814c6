// Wiring the Ledger into the server.
#include "server/business_wiring.h"

#include "projections/manual_clock.h"
#include "server/account_handlers.h"
#include "server/audit_handlers.h"
#include "server/approvals_handlers.h"
#include "server/complaint_handlers.h"
#include "server/demo_seed.h"
#include "server/forecast_handlers.h"
#include "server/mail/mail_handlers.h"
#include "server/event_visibility.h"
#include "server/org_handlers.h"
#include "server/project_handlers.h"
#include "server/reminder_handlers.h"
#include "server/time_text.h"

namespace keyledger::server {

Result<std::unique_ptr<projections::Clock>, std::string> MakeClock(const ServeConfig& config) {
  if (!config.manual_clock) return std::unique_ptr<projections::Clock>(std::make_unique<projections::SystemClock>());
  Instant start = projections::SystemClock().Now();
  if (!config.clock_start.empty()) {
    auto t = ParseTime(config.clock_start);
    if (!t) return Fail("--clock-start: expected an RFC 3339 time, got '" + config.clock_start + "'");
    start = *t;
  }
  return std::unique_ptr<projections::Clock>(std::make_unique<projections::ManualClock>(start));
}

AppTuning TuningFor(Ledger& ledger) {
  AppTuning tuning;
  tuning.users = &ledger.Users();
  tuning.now = [&ledger] { return ledger.Now(); };
  tuning.follow_store = false;
  tuning.feed_filter = [&ledger](const EventEnvelope& e) -> FeedAudience {
    return [org = ledger.Org().Current(), event = VisibilityOf(ledger.Reads(), e)](const UserRecord& user) {
      auto actor = ActorOf(user);
      return actor && domain::MaySeeEvent(*org, *actor, event);
    };
  };
  return tuning;
}

void AddBusinessRoutes(AppServices& app, Ledger& ledger, const ServeConfig& config, projections::Clock* clock) {
  Router& r = app.Routes();
  AddOrgRoutes(r, ledger, [&app](const std::string& user_id) { app.SessionTable().EndAllForUser(user_id); });
  AddProjectRoutes(r, ledger);
  AddAccountRoutes(r, ledger);
  AddReminderRoutes(r, ledger);
  AddAuditRoutes(r, ledger);
  AddComplaintRoutes(r, ledger);
  AddForecastRoutes(r, ledger);
  AddApprovalRoutes(r, ledger);
  if (config.demo) AddDemoRoutes(r);
  if (config.manual_clock) {
    auto* manual = dynamic_cast<projections::ManualClock*>(clock);
    if (!manual) throw std::logic_error("--manual-clock without a ManualClock");
    AddTestClockRoutes(r, ledger, *manual);
  }
}

std::unique_ptr<mail::MailOutbox> MakeMailOutbox(AppServices& app, Ledger& ledger, const ServeConfig& config) {
  std::unique_ptr<mail::MailTransport> transport;
  if (!config.smtp_url.empty()) {
    mail::SmtpSettings smtp;
    smtp.url = config.smtp_url;
    smtp.require_starttls = config.smtp_starttls;
    smtp.ca_file = config.smtp_ca_file;
    smtp.user = config.smtp_user;
    smtp.password = config.smtp_password;
    transport = std::make_unique<mail::CurlSmtpTransport>(std::move(smtp));
  }
  mail::MailOptions options;
  options.from = config.mail_from;
  options.public_url = config.public_url;
  options.retry_base = std::chrono::milliseconds(config.mail_retry_base_ms);
  auto outbox = std::make_unique<mail::MailOutbox>(ledger, options, std::move(transport), app.Metrics().Registry());
  mail::AddMailRoutes(app.Routes(), ledger, *outbox);
  return outbox;
}

std::function<void(const EventEnvelope&)> FeedPublisher(AppServices& app, Ledger& ledger) {
  return [&app, &ledger](const EventEnvelope& e) {
    // Every durable event passes here once, in seq order: the place to count them (reminders
    // first, so a reader that saw an event counted also sees its reminder counted).
    if (e.type == "ReminderRaised") app.Metrics().reminders_raised().Increment();
    app.Metrics().events_appended().Increment();
    app.Hub().Publish(e);
    if (e.stream.rfind("reminder-", 0) != 0) return;
    // R-R1: each recipient also gets the reminder itself (raised, or its new state when acked).
    std::string id = e.stream.substr(std::string_view("reminder-").size());
    auto view = ledger.Reads().Read([&](const projections::ReadModels& m) { return m.reminders.Get(id); });
    if (!view) return;
    for (const auto& user : view->recipients) {
      if (auto frame = ReminderFrame(ledger, id, user)) {
        app.Hub().PublishToUser(user, std::make_shared<const std::string>(std::move(*frame)));
      }
    }
  };
}

}  // namespace keyledger::server
