// The demo company (`keyledger serve --demo`): its org tree and people, fixed so that the sign-in
// page, the e2e scenarios and the seeding agree on who is who, and the company names the seed
// draws its customers from (deterministic: same seed, same names).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/role.h"
#include "domain/org/org_types.h"

namespace keyledger::server::demo {

inline constexpr std::string_view kDemoPassword = "demo1234";

struct DemoUnit {
  std::string_view id;
  std::string_view name;
  std::string_view parent;  // "company" for the areas
  domain::OrgUnitKind kind;
};

struct DemoUser {
  std::string_view username;
  std::string_view display_name;
  domain::Role role;
  std::string_view unit;
  bool manages_unit = false;  // the manager of `unit` (department manager, area VP, the GM)
};

// Two VP areas of three departments each, under the bootstrap's "company" unit.
const std::vector<DemoUnit>& DemoUnits();
// Everyone, in creation order. Salespeople: four per department.
const std::vector<DemoUser>& DemoUsers();
// The people the sign-in page lists, in the order API_ASSUMPTIONS.md asks for: two salespeople
// of one department (the first owns named accounts and approved projects), that department's
// manager, its VP, the business office, the GM, the auditor and the information administrator.
const std::vector<const DemoUser*>& ListedUsers();
const DemoUser* FindDemoUser(std::string_view username);
// "u-<username>", the id the admin endpoint gives a user.
std::string UserIdOf(std::string_view username);
std::string_view UnitNameOf(std::string_view unit_id);

// How a salesperson keeps their pipeline, which the demo history follows: a diligent one updates
// weekly and visits ahead of the cadence, a sloppy one lets projects and visits slip (and so
// collects reminders, and some projects on hold). Fixed per person, one of each kind or two per
// department; the first listed salesperson is diligent.
enum class Diligence { kDiligent, kRegular, kSloppy };
Diligence DiligenceOf(std::string_view username);

// A believable Chinese company name, e.g. "上海华信智能科技有限公司", and its region and
// industry. `index` picks it deterministically; distinct indexes give distinct names.
struct DemoCompany {
  std::string name;
  std::string short_name;  // "华信智能": used in project names
  std::string region;
  std::string industry;
  std::string nature;
};
DemoCompany CompanyName(uint32_t index);

// A fixed-seed generator (splitmix64): the demo data is the same on every run.
class DemoRandom {
 public:
  explicit DemoRandom(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform in [0, n).
  uint32_t Below(uint32_t n) { return uint32_t(Next() % n); }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) { return lo + int64_t(Next() % uint64_t(hi - lo + 1)); }

 private:
  uint64_t state_;
};

}  // namespace keyledger::server::demo
