// Demo data for `keyledger serve --demo`: a company with two VP areas, six departments, their
// people, ~200 customers, ~600 projects and two years of their history — weekly updates (or not),
// visits, complaints, surveys, and the reminders the engine raised as that history was played
// through the ledger's clock — written through the real command path so that every rule, event
// and projection is the production one.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "projections/clock.h"
#include "server/demo_clock.h"
#include "server/ledger.h"
#include "server/router.h"
#include "store/event_store.h"

namespace keyledger::server {

// How far back the demo history starts.
inline constexpr std::chrono::days kDemoHistory{730};

// The ledger's clock under --demo (demo_clock.h): on an empty log it replays from kDemoHistory
// before base.Now(), so that even the first admin is created when the history begins; otherwise
// it simply follows `base`. Build it before the Ledger, and give the Ledger this clock.
std::unique_ptr<DemoClock> MakeDemoClock(const projections::Clock& base, const store::EventStore& store);

struct DemoSeedReport {
  bool seeded = false;
  size_t steps = 0;    // commands planned
  size_t refused = 0;  // of which the rules refused (logged; a partial demo is still a demo)
  Seq head;
  std::chrono::milliseconds took{0};
};

// Seeds the demo company when the log holds nothing but the bootstrap (the org has only the
// admin user and there are no accounts or projects) and `clock` is replaying; then hands the
// clock over to its base in every case. Call after ledger.Start succeeded, before serving and
// before the reminder runner starts. The history is played from the clock's replay start to
// base.Now() in half-day windows (demo_history.h); a window's commands run concurrently so the
// store group-commits them, and every reminder is raised by the ledger's own RunDueReminders at
// its due instant. Takes a few seconds.
DemoSeedReport SeedDemoIfEmpty(Ledger& ledger, DemoClock& clock);

// GET /api/demo-users (public): the demo people the sign-in page offers, with the demo password.
// Register only under --demo. The administrator is never listed.
void AddDemoRoutes(Router& router);

}  // namespace keyledger::server
