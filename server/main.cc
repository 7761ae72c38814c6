// keyledger: `serve` runs the server, `verify` checks the event log. Parse config, open the store,
// start the listener, wait for SIGTERM/SIGINT, stop in order. Nothing else lives here.
#include <csignal>
#include <cstdio>
#include <iostream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "server/app_services.h"
#include "server/business_wiring.h"
#include "server/ledger.h"
#include "server/config.h"
#include "server/demo_seed.h"
#include "server/log.h"
#include "server/mail/mail_address.h"
#include "server/read_side_check.h"
#include "server/read_side_options.h"
#include "server/server.h"
#include "store/rocks_event_store.h"
#include "store/verify.h"

namespace ks = keyledger::server;

static int Verify(const ks::VerifyConfig& config) {
  keyledger::store::VerifyReport report = keyledger::store::VerifyLog(config.data_dir);
  if (report.ok) {
    std::cout << "ok: " << report.events_checked << " events, head seq " << report.head.value << "\n";
    // Then the replay check: the read side the server would start with against a full replay.
    auto store = keyledger::store::OpenRocksEventStore(config.data_dir);
    if (!store.ok()) {
      std::cout << "read side: cannot open the log (is a server running on it?): " << store.error().message << "\n";
      return 1;
    }
    ks::LedgerOptions options;
    options.snapshot_path = ks::SnapshotPathIn(config.data_dir);
    const ks::ReadSideCheck check = ks::CheckReadSide(**store, options);
    std::cout << check.message << "\n";
    return check.ok ? 0 : 1;
  }
  std::cout << "FAILED at " << report.first_bad << ": " << report.message << " (" << report.events_checked
            << " events good, last good seq " << report.head.value << ")\n";
  return 1;
}

static int Serve(const ks::ServeConfig& config) {
  ks::SetupLogging(ks::ParseLogLevel(config.log_level));
  auto store = keyledger::store::OpenRocksEventStore(config.data_dir);
  if (!store.ok()) {
    std::cerr << "cannot open the event log in " << config.data_dir << ": " << store.error().message << "\n";
    return 1;
  }
  auto clock = ks::MakeClock(config);
  if (!clock.ok()) {
    std::cerr << clock.error() << "\n";
    return 2;
  }
  ks::LedgerOptions options;
  options.snapshot_path = ks::SnapshotPathIn(config.data_dir);
  options.admin_password = config.admin_password;
  // --demo: the ledger's clock first plays the demo's two years of history, then follows `clock`.
  std::unique_ptr<ks::DemoClock> demo_clock = config.demo ? ks::MakeDemoClock(**clock, **store) : nullptr;
  ks::Ledger ledger(**store, demo_clock ? *demo_clock : **clock, options);
  ks::AppServices app(**store, config, ks::TuningFor(ledger));
  ks::AddBusinessRoutes(app, ledger, config, clock->get());
  if (!config.smtp_url.empty() && !ks::mail::IsMailAddress(config.mail_from)) {
    std::cerr << "--mail-from: expected an e-mail address, got '" << config.mail_from << "'\n";
    return 2;
  }
  ks::Server server(app.Sessions());
  // Before the replay, so that a wrong certificate or key is reported at once, not after a long start.
  if (!config.tls_cert.empty()) {
    auto tls = server.UseTls(config.tls_cert, config.tls_key);
    if (!tls.ok()) {
      std::cerr << "cannot serve TLS: " << tls.error() << "\n";
      return 2;
    }
  }
  auto mail = ks::MakeMailOutbox(app, ledger, config);
  app.ReadinessFlags().SetProjectionsCaughtUp(false);
  auto started = ledger.Start(ks::FeedPublisher(app, ledger));
  if (!started.ok()) {
    std::cerr << "cannot start: " << started.error() << "\n";
    return 1;
  }
  if (demo_clock) ks::SeedDemoIfEmpty(ledger, *demo_clock);
  mail->Start();
  app.ReadinessFlags().SetProjectionsCaughtUp(true);
  if (!config.manual_clock) ledger.StartReminderRunner(std::chrono::milliseconds(config.clock_recheck_ms));

  auto port = server.Listen(config.host, config.port);
  if (!port.ok()) {
    std::cerr << port.error() << "\n";
    return 1;
  }
  boost::asio::io_context signals_ioc;
  boost::asio::signal_set signals(signals_ioc, SIGINT, SIGTERM);
  signals.async_wait([](const boost::system::error_code&, int) {});
  server.Start(config.threads, config.command_threads);
  std::printf("listening on %s://%s:%u\n", config.tls_cert.empty() ? "http" : "https", config.host.c_str(),
              unsigned{*port});
  std::fflush(stdout);
  ks::Log(ks::LogLevel::kInfo, "listening", {{"port", int64_t{*port}}});
  signals_ioc.run();  // returns after the first signal
  ks::Log(ks::LogLevel::kInfo, "stopping");
  server.Stop();
  mail->Stop();    // before the ledger: it reads the ledger's store and read side
  ledger.Stop();   // ends the reminder runner and the subscription, writes the snapshot
  app.Shutdown();
  ks::FlushLogs();
  return 0;
}

int main(int argc, char** argv) {
  ks::CommandLine cmd = ks::ParseCommandLine(argc, argv);
  if (auto* code = std::get_if<int>(&cmd)) return *code;
  if (auto* verify = std::get_if<ks::VerifyConfig>(&cmd)) return Verify(*verify);
  try {
    return Serve(std::get<ks::ServeConfig>(cmd));
  } catch (const std::exception& e) {
    std::cerr << "startup failed: " << e.what() << "\n";
    return 1;
  }
}
