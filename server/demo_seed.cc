// Demo seed driver, the demo org, and GET /api/demo-users.
//
// The demo is two years of a company's life, lived through the ledger rather than written at one
// instant: the ledger's clock (a DemoClock) starts two years back, the org is created then, and
// the planned history (demo_business.cc and the planners it calls) is played forward window by
// window (demo_history.h). Before each window the ledger's own RunDueReminders raises what fell
// due, each reminder at its due instant, so project_stale_2w/1m, the automatic on-hold, visit
// and complaint reminders are the engine's, with their historical times, and the next window's
// commands see their effects (an on-hold project takes no update). The store records recorded_at
// as today for all of it; business time (occurred_at), which every read model, reminder and
// audit view uses, is the history's. When the history reaches "now" the clock is handed over to
// the server's clock and time goes on from there.
#include "server/demo_seed.h"

#include <chrono>

#include "server/api_support.h"
#include "server/demo_cast.h"
#include "server/demo_history.h"
#include "server/demo_seeder.h"
#include "server/json_writer.h"

namespace keyledger::server {
namespace demo {

domain::Actor Seeder::As(std::string_view username) const { return AsUser(domain::UserId{UserIdOf(username)}); }

domain::Actor Seeder::AsUser(const domain::UserId& user) const {
  auto org = ledger_.Org().Current();
  auto it = org->users.find(user);
  // Unknown: a salesperson without a unit, whom the domain will refuse where it matters.
  if (it == org->users.end()) return {user, domain::Role::kSales, {}};
  return {it->second.id, it->second.role, it->second.unit};
}

bool SeedOrg(Seeder& s, Instant at) {
  const domain::Actor admin = Seeder::Admin();
  std::optional<CommandOutcome> last;
  for (const auto& u : DemoUnits()) {
    last = s.Run<OrgAggregate>("", domain::CreateOrgUnit{domain::OrgUnitId{std::string(u.id)}, std::string(u.name),
                                                        domain::OrgUnitId{std::string(u.parent)}, u.kind},
                               admin, at);
    if (!last) return false;
  }
  // One Argon2id hash for everyone: they share the demo password anyway, the encoded hash
  // carries its own salt, and ~35 hashes would cost seconds under sanitizers.
  auto hash = s.Led().Hasher().Hash(kDemoPassword);
  if (!hash) return false;
  for (const auto& u : DemoUsers()) {
    domain::CreateUser command{domain::UserId{UserIdOf(u.username)}, std::string(u.username), std::string(u.display_name),
                               u.role, domain::OrgUnitId{std::string(u.unit)}, std::string(u.username) + "@demo.keyledger",
                               "zh-CN", *hash};
    last = s.Run<OrgAggregate>("", command, admin, at);
    if (!last) return false;
  }
  for (const auto& u : DemoUsers()) {
    if (!u.manages_unit) continue;
    last = s.Run<OrgAggregate>(
        "", domain::AssignUnitManager{domain::OrgUnitId{std::string(u.unit)}, domain::UserId{UserIdOf(u.username)}}, admin,
        at);
    if (!last) return false;
  }
  // Registrations resolve VPs from the live org tree: it must show the whole tree first.
  s.Led().WaitApplied(last->seq);
  return true;
}

}  // namespace demo

std::unique_ptr<DemoClock> MakeDemoClock(const projections::Clock& base, const store::EventStore& store) {
  std::optional<Instant> replay_from;
  if (store.HeadSeq().value == 0) replay_from = base.Now() - Days(kDemoHistory.count());
  return std::make_unique<DemoClock>(base, replay_from);
}

DemoSeedReport SeedDemoIfEmpty(Ledger& ledger, DemoClock& clock) {
  struct HandOverOnExit {
    DemoClock& clock;
    ~HandOverOnExit() { clock.HandOver(); }
  } hand_over{clock};
  DemoSeedReport report;
  auto org = ledger.Org().Current();
  const bool only_bootstrap = org->users.size() == 1 && org->users.contains(domain::UserId{"admin"});
  const bool no_business = ledger.Reads().Read(
      [](const projections::ReadModels& m) { return m.accounts.Size() == 0 && m.projects.Size() == 0; });
  if (!only_bootstrap || !no_business) return report;
  if (!clock.Replaying()) {
    // The first admin was created today by a start without --demo: history cannot be written
    // before it without business time going back.
    Log(LogLevel::kWarn, "demo seed skipped: the data folder was first started without --demo; use an empty one");
    return report;
  }
  const auto started = std::chrono::steady_clock::now();
  const Instant end = clock.Base().Now();
  demo::History history(clock.Now(), end, ledger.Config().utc_offset);
  demo::Seeder seeder(ledger);
  if (!demo::SeedOrg(seeder, clock.Now() + std::chrono::minutes(5))) {
    Log(LogLevel::kError, "demo seed: the org could not be created; no demo data");
    return report;
  }
  demo::PlanBusiness(seeder, history);
  const size_t planned = history.Size();
  demo::AckPlanner acks;
  // Threads mostly wait for the group commit's sync: more of them make bigger groups.
  const demo::PlayStats play = demo::Play(history, ledger, clock, 16, [&](Instant) { acks.PlanNew(seeder, history); });
  ledger.WaitApplied(ledger.Store().HeadSeq(), std::chrono::seconds(30));
  report.seeded = true;
  report.steps = history.Size();
  report.refused = seeder.Failures();
  report.head = ledger.Store().HeadSeq();
  report.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  Log(LogLevel::kInfo, "demo seed done",
      {{"head_seq", int64_t(report.head.value)}, {"planned", int64_t(planned)}, {"steps", int64_t(report.steps)},
       {"refused", int64_t(report.refused)}, {"windows", int64_t(play.windows)},
       {"raising_ms", int64_t(play.raising.count())}, {"stepping_ms", int64_t(play.stepping.count())},
       {"ms", int64_t(report.took.count())}});
  return report;
}

void AddDemoRoutes(Router& router) {
  JsonOut out;
  out.BeginObject();
  out.Key("items");
  out.BeginArray();
  for (const demo::DemoUser* u : demo::ListedUsers()) {
    out.BeginObject();
    out.Field("username", u->username);
    out.Field("password", demo::kDemoPassword);
    out.Field("display_name", u->display_name);
    out.Field("role", domain::NameOf(u->role));
    out.Field("org_unit_id", u->unit);
    out.Field("org_unit_name", demo::UnitNameOf(u->unit));
    out.EndObject();
  }
  // The administrator is never listed: this endpoint is public, and the admin's password is the
  // operator's secret even on a demo instance.
  out.EndArray();
  out.Key("next");
  out.Null();
  out.EndObject();
  router.Add("GET", "/api/demo-users", Access::kPublic,
             [body = out.Take()](const Request&, RequestContext&) { return JsonResponse(body); });
}

}  // namespace keyledger::server
