// Demo seed driver, the demo org, and GET /api/demo-users.
//
// Every event is dated at the clock's current instant: the demo is a company that "starts
// today" with its pipeline already in place. Replaying a believable two-year history (events
// spread over past dates, stale projects, overdue visits) is a later improvement; it needs the
// store to accept back-dated business times in order and the reminder engine to catch up on them.
#include "server/demo_seed.h"

#include <chrono>

#include "server/api_support.h"
#include "server/demo_cast.h"
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

bool SeedOrg(Seeder& s) {
  const domain::Actor admin = Seeder::Admin();
  std::optional<CommandOutcome> last;
  for (const auto& u : DemoUnits()) {
    last = s.Run<OrgAggregate>("", domain::CreateOrgUnit{domain::OrgUnitId{std::string(u.id)}, std::string(u.name),
                                                        domain::OrgUnitId{std::string(u.parent)}, u.kind},
                               admin);
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
    last = s.Run<OrgAggregate>("", command, admin);
    if (!last) return false;
  }
  for (const auto& u : DemoUsers()) {
    if (!u.manages_unit) continue;
    last = s.Run<OrgAggregate>(
        "", domain::AssignUnitManager{domain::OrgUnitId{std::string(u.unit)}, domain::UserId{UserIdOf(u.username)}}, admin);
    if (!last) return false;
  }
  // Registrations resolve VPs from the live org tree: it must show the whole tree first.
  s.Led().WaitApplied(last->seq);
  return true;
}

}  // namespace demo

void SeedDemoIfEmpty(Ledger& ledger, const projections::Clock& clock) {
  auto org = ledger.Org().Current();
  const bool only_bootstrap = org->users.size() == 1 && org->users.contains(domain::UserId{"admin"});
  const bool no_business = ledger.Reads().Read(
      [](const projections::ReadModels& m) { return m.accounts.Size() == 0 && m.projects.Size() == 0; });
  if (!only_bootstrap || !no_business) return;
  const auto started = std::chrono::steady_clock::now();
  demo::Seeder seeder(ledger, clock.Now());
  if (!demo::SeedOrg(seeder)) {
    Log(LogLevel::kError, "demo seed: the org could not be created; no demo data");
    return;
  }
  demo::SeedBusiness(seeder);
  ledger.WaitApplied(ledger.Store().HeadSeq(), std::chrono::seconds(30));
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  Log(LogLevel::kInfo, "demo seed done",
      {{"head_seq", int64_t(ledger.Store().HeadSeq().value)}, {"refused", int64_t(seeder.Failures())},
       {"ms", int64_t(took.count())}});
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
