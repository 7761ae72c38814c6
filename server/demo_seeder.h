// Internal to the demo seed: running commands as a named demo person at a given instant of the
// demo's history, through the ledger's real command path.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <string_view>

#include "server/demo_history.h"
#include "server/ledger.h"
#include "server/log.h"

namespace keyledger::server::demo {

// Thread-safe: steps on different lanes run concurrently.
class Seeder {
 public:
  explicit Seeder(Ledger& ledger) : ledger_(ledger) {}

  Ledger& Led() { return ledger_; }
  // The actor for a demo username, as the org tree knows them now.
  domain::Actor As(std::string_view username) const;
  domain::Actor AsUser(const domain::UserId& user) const;
  static domain::Actor Admin() { return {domain::UserId{"admin"}, domain::Role::kAdmin, domain::OrgUnitId{"company"}}; }

  // Executes one command as `actor` at business time `at`; nullopt (and a log line for the first
  // few) when it failed. A refusal means the plan asked for something the rules forbid at that
  // moment: the demo goes on without it, and the count says how often.
  template <class A>
  std::optional<CommandOutcome> Run(std::string_view id, const typename A::Command& command, const domain::Actor& actor,
                                    Instant at, std::string new_id = "", std::string project_number = "") {
    CommandMeta meta;
    meta.actor = actor;
    meta.now = at;
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
  std::atomic<size_t> failures_{0};
};

// The org tree, the people (one shared demo password hash) and the unit managers, at `at`.
bool SeedOrg(Seeder& seeder, Instant at);
// Plans the business history into `history`: customers, named-account applications, projects
// and their weekly updates, visits, key persons, complaints, surveys, tier reviews.
void PlanBusiness(Seeder& seeder, History& history);

// Recipients acknowledging their reminders, each with their own habit (a salesperson within
// days, a manager at the weekly review, a VP now and then): plans the acknowledgements of every
// reminder raised since the last call. Call between windows.
class AckPlanner {
 public:
  void PlanNew(Seeder& seeder, History& history);

 private:
  Seq cursor_{0};
};

}  // namespace keyledger::server::demo
