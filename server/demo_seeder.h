// Internal to the demo seed: running commands as a named demo person at the seed's instant.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <string_view>

#include "server/ledger.h"
#include "server/log.h"

namespace keyledger::server::demo {

// Thread-safe: jobs on different streams run concurrently.
class Seeder {
 public:
  Seeder(Ledger& ledger, Instant now) : ledger_(ledger), now_(now) {}

  Ledger& Led() { return ledger_; }
  Instant Now() const { return now_; }
  // The actor for a demo username, as the org tree knows them now.
  domain::Actor As(std::string_view username) const;
  domain::Actor AsUser(const domain::UserId& user) const;
  static domain::Actor Admin() { return {domain::UserId{"admin"}, domain::Role::kAdmin, domain::OrgUnitId{"company"}}; }

  // Executes one command as `actor`; nullopt (and a log line) when it failed.
  template <class A>
  std::optional<CommandOutcome> Run(std::string_view id, const typename A::Command& command, const domain::Actor& actor,
                                    std::string new_id = "", std::string project_number = "") {
    CommandMeta meta;
    meta.actor = actor;
    meta.now = now_;
    meta.new_id = std::move(new_id);
    meta.project_number = std::move(project_number);
    auto result = ledger_.Commands().Execute<A>(id, command, meta);
    if (!result.ok()) {
      if (failures_.fetch_add(1) < 10) {
        Log(LogLevel::kWarn, "demo seed command refused",
            {{"stream", std::string_view(A::Stream(id))}, {"actor", std::string_view(actor.user.value)},
             {"reason", std::string_view(result.error().message)}});
      }
      return std::nullopt;
    }
    return *result;
  }
  size_t Failures() const { return failures_.load(); }

 private:
  Ledger& ledger_;
  Instant now_;
  std::atomic<size_t> failures_{0};
};

// The org tree, the people (one shared demo password hash) and the unit managers.
bool SeedOrg(Seeder& seeder);
// Customers, named-account applications, projects, visits, key persons and complaints.
void SeedBusiness(Seeder& seeder);

}  // namespace keyledger::server::demo
