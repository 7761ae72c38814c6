// How main joins the business side (Ledger) to the network side (AppServices): the clock, the
// user directory and feed filter the sessions use, every business route, and the publisher that
// feeds the live feed after the read side has applied each event.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "projections/clock.h"
#include "server/app_services.h"
#include "server/config.h"
#include "server/ledger.h"
#include "server/mail/mail_outbox.h"

namespace keyledger::server {

// The system clock, or a ManualClock at --clock-start (default: now) under --manual-clock.
Result<std::unique_ptr<projections::Clock>, std::string> MakeClock(const ServeConfig& config);

// Session tuning over the ledger: its users, its clock, the domain's feed filter.
AppTuning TuningFor(Ledger& ledger);

// Adds the business routes (org, accounts, projects, complaints, reminders, events, audit) and,
// under --manual-clock, POST /api/test/clock moving `clock` (which must then be a ManualClock).
void AddBusinessRoutes(AppServices& app, Ledger& ledger, const ServeConfig& config, projections::Clock* clock);

// The reminder mail outbox for `config` (sending through libcurl when --smtp-url is set) with its
// routes added; the caller Start()s it after the ledger started and Stop()s it before the ledger.
std::unique_ptr<mail::MailOutbox> MakeMailOutbox(AppServices& app, Ledger& ledger, const ServeConfig& config);

// Publishes each applied event to the feed, and a reminder frame to each recipient of a raise.
std::function<void(const EventEnvelope&)> FeedPublisher(AppServices& app, Ledger& ledger);

}  // namespace keyledger::server
