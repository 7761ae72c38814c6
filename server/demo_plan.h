// Internal to the demo seed: what the planners of the demo history share. A planner decides, with
// a fixed-seed generator, what each person does and when, and adds one step per command to the
// History; the steps run later, in time order, against the live ledger. What a step needs from an
// earlier one (an id, "it was approved") lives in a small state object the steps share.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "server/demo_cast.h"
#include "server/demo_history.h"
#include "server/demo_seeder.h"

namespace keyledger::server::demo {

// One customer and its owner; shared by every step of the account's lane.
struct DemoAccount {
  uint32_t index = 0;
  std::string_view owner;  // the salesperson's username
  std::string_view unit;   // their department
  Diligence diligence = Diligence::kRegular;
  DemoCompany company;
  std::string id;  // minted when planned, so later steps can name it
  domain::Tier tier = domain::Tier::kC;
  Instant opened_at;  // as planned
  bool named_planned = false;  // goes through the whole R-A5 flow (the plan knows; `named` is when it happened)
  // Set by one lane's step, read by others (of the same account) in later windows or concurrently.
  std::atomic<bool> opened{false};
  std::atomic<bool> named{false};
  std::vector<domain::KeyPerson> key_people;  // planned; as last written once added (UpdateKeyPerson sends them whole)
  std::atomic<bool> key_people_added{false};
};
using AccountRef = std::shared_ptr<DemoAccount>;

// A customer's lanes: one per stream family, so that a visit, a project's update and a complaint
// step of one customer in the same window run concurrently (one group commit), while the steps
// of one stream (and what must follow them, like a reactivated project's successor) stay in order.
namespace lane {
inline constexpr uint32_t kAccount = 0;  // the account stream: opening, key persons, named flow, tier
inline constexpr uint32_t kVisits = 1;
inline constexpr uint32_t kSurveys = 2;
inline constexpr uint32_t kConflict = 3;
inline constexpr uint32_t kComplaint = 8;  // + the complaint's number
inline constexpr uint32_t kProject = 32;   // + the project's number (and its successors)
}  // namespace lane

// The planners' view of the history: when people work.
class Planner {
 public:
  Planner(Seeder& seeder, History& history) : s(seeder), h(history) {}

  // Some time between 09:00 and 17:45 on the first working day at or after `day`.
  Instant WorkTime(int day, DemoRandom& rnd) const;
  // `days` days after `prev` at working hours; 0 = later the same day (a few minutes to an hour).
  Instant Later(Instant prev, int days, DemoRandom& rnd) const;
  // The `n`-th working day after `prev`'s day, at working hours.
  Instant WorkingDaysLater(Instant prev, int n, DemoRandom& rnd) const;
  bool Before(Instant t) const { return t < h.End(); }
  // Adds a step in one of `account`'s lanes (Lane below).
  void Add(const DemoAccount& account, uint32_t lane, Instant at, std::function<void(Instant)> run) const {
    h.Add(at, uint64_t(account.index) << 8 | lane, std::move(run));
  }

  Seeder& s;
  History& h;
};

template <class T>
const T& Pick(const T* items, size_t n, DemoRandom& rnd) {
  return items[rnd.Below(uint32_t(n))];
}
template <class C>
const auto& Pick(const C& items, DemoRandom& rnd) {
  return items[rnd.Below(uint32_t(std::size(items)))];
}

// The account's projects from registration to signing, loss or hold (demo_projects.cc).
// `keep_one_live`: its newest project is approved and kept up to date until today.
void PlanProjects(const Planner& p, const AccountRef& account, bool keep_one_live, DemoRandom& rnd);
// R-P2: one registration on another salesperson's customer, a few days before today, so the
// approvals inbox shows a conflict review.
void PlanDeliberateConflict(const Planner& p, const AccountRef& target);
// Complaints through the R-C2 steps, most in time, a few late, the newest still open.
void PlanComplaints(const Planner& p, const AccountRef& account, DemoRandom& rnd);
// Visits at the tier's cadence as the owner keeps it, key-person contacts planned at each visit,
// half-yearly satisfaction surveys (demo_visits.cc).
void PlanVisits(const Planner& p, const AccountRef& account, DemoRandom& rnd);

}  // namespace keyledger::server::demo
