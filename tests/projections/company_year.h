// A generated company year (seeded) and an independent oracle of the reminders it must produce.
// The oracle is written from DOMAIN.md §3-§7 with its own plain arithmetic (fixed UTC+8 dates,
// its own working-day loop, its own org history): it shares no code with the engine.
#pragma once

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "projections/facts.h"
#include "projections/reminder_types.h"

namespace keyledger::projections::testing {

struct Action {
  Instant at;
  Fact fact;
};

struct YearPlan {
  Instant start;
  Instant end;
  std::vector<Action> actions;          // sorted by time (stable)
  std::vector<std::chrono::sys_days> holidays;  // local dates
};

inline constexpr int64_t kHourUs = 3'600'000'000LL;
inline Instant At(Instant day0, double days) {
  return day0 + Micros(static_cast<int64_t>(days * 24 * kHourUs));
}

// 2026-01-05 00:00 Asia/Shanghai (a Monday) = 2026-01-04 16:00 UTC.
inline Instant YearStart() {
  return Instant(std::chrono::sys_days(std::chrono::year{2026} / 1 / 4).time_since_epoch()) +
         Micros(16 * kHourUs);
}

struct YearScale {
  int accounts = 200;
  int projects = 600;
  int complaints = 60;
  int applications = 20;
  int days = 364;
};

inline YearPlan GenerateYear(uint32_t seed, YearScale scale = {}) {
  std::mt19937_64 rng(seed);
  auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  YearPlan plan;
  plan.start = YearStart();
  plan.end = At(plan.start, scale.days);
  plan.holidays = {std::chrono::sys_days(std::chrono::year{2026} / 5 / 1),
                   std::chrono::sys_days(std::chrono::year{2026} / 10 / 1),
                   std::chrono::sys_days(std::chrono::year{2026} / 10 / 2)};
  auto& acts = plan.actions;
  auto add = [&](Instant at, Fact f) { acts.push_back({at, std::move(f)}); };
  // Business hours, local: 09:00-18:00 of day d (local midnight = start + d days).
  auto work_time = [&](double day) {
    return At(plan.start, std::floor(day) + (9.0 + uni(0, 9)) / 24.0);
  };
  const Instant t_setup = plan.start - Days(1);

  // Org: company -> 2 VP areas -> 4 departments -> 16 salespeople.
  add(t_setup, UnitDefined{"co", "", UnitLevel::kCompany, "Company"});
  for (int a = 1; a <= 2; ++a) {
    const std::string area = "a" + std::to_string(a);
    add(t_setup, UnitDefined{area, "co", UnitLevel::kArea, "Area " + area});
    add(t_setup, UserPlaced{"vp" + std::to_string(a), area, "VP"});
    add(t_setup, UnitHeadAssigned{area, "vp" + std::to_string(a)});
  }
  std::vector<std::string> sales;
  for (int d = 1; d <= 4; ++d) {
    const std::string dept = "d" + std::to_string(d);
    add(t_setup, UnitDefined{dept, d <= 2 ? "a1" : "a2", UnitLevel::kDepartment, "Dept " + dept});
    add(t_setup, UserPlaced{"m" + std::to_string(d), dept, "Manager"});
    add(t_setup, UnitHeadAssigned{dept, "m" + std::to_string(d)});
    for (int s = 0; s < 4; ++s) {
      const std::string user = "s" + std::to_string((d - 1) * 4 + s + 1);
      add(t_setup, UserPlaced{user, dept, "Sales " + user});
      sales.push_back(user);
    }
  }
  // Mid-year: a new manager for d2 (R-R4: reminders after this go to m5), and s5 moves to d3.
  add(work_time(150), UserPlaced{"m5", "d2", "Manager"});
  add(work_time(150) + Micros(1), UnitHeadAssigned{"d2", "m5"});
  add(work_time(200), UserPlaced{"s5", "d3", ""});

  auto ymd_local = [&](double day) { return work_time(day); };
  (void)ymd_local;

  // Accounts, visits, key persons.
  std::vector<std::string> accounts;
  for (int i = 0; i < scale.accounts; ++i) {
    char code[16];
    const Tier tier = static_cast<Tier>(pick(3));
    std::snprintf(code, sizeof code, "%c-%05d", "ABC"[static_cast<int>(tier)], i);
    const std::string id = "acc" + std::to_string(i);
    accounts.push_back(id);
    const bool owned = uni(0, 1) < 0.7;
    const std::string owner = owned ? sales[pick(16)] : "";
    const double opened = uni(0, 30);
    add(work_time(opened), AccountOpened{id, code, "Customer " + std::to_string(i), tier, owned, owner});
    if (!owned) continue;
    const double cadence = tier == Tier::kA ? 30 : tier == Tier::kB ? 90 : 182;
    double day = opened;
    while (true) {
      day += cadence * uni(0.3, 2.4);
      if (day >= scale.days) break;
      const Instant t = work_time(day);
      add(t, VisitLogged{id, "v" + std::to_string(acts.size()), owner, t - Micros(static_cast<int64_t>(uni(0, 2) * 24 * kHourUs))});
    }
    if (uni(0, 1) < 0.15) add(work_time(uni(40, 300)), AccountTierChanged{id, static_cast<Tier>(pick(3)), "annual review"});
    if (uni(0, 1) < 0.1) add(work_time(uni(40, 300)), AccountOwnerChanged{id, sales[pick(16)], "management decision"});
    if (uni(0, 1) < 0.5) {
      double kday = opened;
      const std::string kp = "kp" + std::to_string(i);
      add(work_time(kday) + Micros(1), KeyPersonRecorded{id, kp, "Mr. " + std::to_string(i),
                                                           work_time(kday + uni(5, 60))});
      for (int k = 0; k < 3; ++k) {
        kday += uni(10, 90);
        if (kday >= scale.days) break;
        std::optional<Instant> next;
        if (uni(0, 1) < 0.8) next = work_time(kday + uni(3, 60));
        add(work_time(kday), KeyPersonRecorded{id, kp, "", next});
      }
      if (uni(0, 1) < 0.1) add(work_time(uni(200, 360)), KeyPersonRemoved{id, kp});
    }
  }
  // A few file reads for the access log.
  for (int i = 0; i < 100; ++i) add(work_time(uni(31, scale.days)), AccountFileRead{accounts[pick(scale.accounts)], sales[pick(16)]});

  // Projects.
  for (int i = 0; i < scale.projects; ++i) {
    const std::string id = "p" + std::to_string(i);
    const std::string owner = sales[pick(16)];
    double day = uni(31, scale.days - 5);
    add(work_time(day), ProjectRegistered{id, "Project " + std::to_string(i % 97), accounts[pick(scale.accounts)],
                                          "End user " + std::to_string(pick(50)), owner,
                                          static_cast<int64_t>(uni(1e6, 5e9)), pick(101), pick(40),
                                          work_time(day + uni(30, 200))});
    const double r = uni(0, 1);
    day += uni(0.1, 8);
    if (day >= scale.days) continue;
    if (r < 0.1) {
      add(work_time(day), ProjectStatusChanged{id, ProjectStatus::kRejected, "no", ""});
      continue;
    }
    if (r < 0.2) {
      add(work_time(day), ProjectStatusChanged{id, ProjectStatus::kDeferred, "more info", ""});
      day += uni(0.5, 9);
      if (day >= scale.days) continue;
    }
    add(work_time(day), ProjectStatusChanged{id, ProjectStatus::kApproved, "", "N" + std::to_string(i)});
    const double ends = uni(0, 1);
    const double end_day = day + uni(20, 300);
    while (true) {
      const double g = uni(0, 1);
      double gap = g < 0.7 ? uni(1, 13) : g < 0.9 ? uni(13.9, 35) : g < 0.97 ? uni(35, 89) : 1000;
      if (gap > 900) break;  // silence: the system will put it on hold at 90 days
      day += gap;
      if (day >= scale.days) break;
      if (ends < 0.45 && day >= end_day) {
        add(work_time(day), ProjectStatusChanged{id, ends < 0.3 ? ProjectStatus::kContractSigned
                                                               : ProjectStatus::kClosed, "done", ""});
        break;
      }
      ProjectUpdated u{id, {}, {}, {}, {}, "weekly"};
      if (uni(0, 1) < 0.3) u.probability_pct = pick(101);
      if (uni(0, 1) < 0.2) u.amount_fen = static_cast<int64_t>(uni(1e6, 5e9));
      add(work_time(day), u);
    }
  }

  // Complaints: several opened on Friday afternoons.
  for (int i = 0; i < scale.complaints; ++i) {
    const std::string id = "c" + std::to_string(i);
    double day = uni(31, scale.days - 3);
    Instant opened = work_time(day);
    if (i % 4 == 0) {
      // Friday 16:00 local of that week (day 0 is a Monday).
      const double friday = std::floor(day / 7) * 7 + 4;
      day = friday;
      opened = At(plan.start, friday + 16.0 / 24);
    }
    add(opened, ComplaintOpened{id, accounts[pick(scale.accounts)], sales[pick(16)], "high"});
    if (uni(0, 1) < 0.1) continue;  // never contacted
    day += uni(0.2, 5);
    if (day >= scale.days) continue;
    add(work_time(day), ComplaintStep{id, ComplaintStepKind::kFirstContact, std::nullopt});
    day += uni(0.5, 3);
    if (day >= scale.days) continue;
    add(work_time(day), ComplaintStep{id, ComplaintStepKind::kPlan, work_time(day + uni(3, 10))});
    day += uni(1, 14);
    if (day >= scale.days) continue;
    add(work_time(day), ComplaintStep{id, ComplaintStepKind::kFeedback, std::nullopt});
    day += uni(1, 3);
    if (day >= scale.days) continue;
    add(work_time(day), ComplaintStep{id, ComplaintStepKind::kClosed, std::nullopt});
  }

  // Named-account applications.
  for (int i = 0; i < scale.applications; ++i) {
    const std::string id = "app" + std::to_string(i);
    double day = uni(31, scale.days - 10);
    add(work_time(day), ApplicationSubmitted{id, accounts[pick(scale.accounts)], sales[pick(16)]});
    const int steps = 1 + pick(3);
    for (int k = 0; k < steps; ++k) {
      day += uni(0.5, 8);
      if (day >= scale.days) break;
      add(work_time(day), ApplicationStep{id, k == steps - 1});
    }
  }
  std::stable_sort(acts.begin(), acts.end(), [](const Action& a, const Action& b) { return a.at < b.at; });
  return plan;
}

// ---------------------------------------------------------------- oracle

struct Expected {
  std::string id;
  std::vector<std::string> recipients;
  bool operator==(const Expected&) const = default;
};

class Oracle {
 public:
  explicit Oracle(const YearPlan& plan) : plan_(plan) {
    for (auto d : plan.holidays) holidays_.insert(d.time_since_epoch().count());
  }

  // All reminders that must exist once the clock has reached `until`, id -> recipients.
  std::map<std::string, std::vector<std::string>> Run(Instant until) {
    for (const Action& a : plan_.actions) {
      if (a.at > until) break;
      FireUpTo(a.at);
      Handle(a);
    }
    FireUpTo(until);
    return expected_;
  }

 private:
  struct Deadline {
    ReminderKind kind;
    std::string subject;
    int stage;
    Instant due;
    std::string person;
    int audience;  // 0 person, 1 +manager, 2 +manager+vp, 3 vp only
  };

  // --- plain calendar: Shanghai is UTC+8 all year, no DST.
  static int64_t LocalDayNumber(Instant t) {
    return static_cast<int64_t>(std::floor((ToUnixMicros(t) + 8 * kHourUs) / (24.0 * kHourUs)));
  }
  bool Working(int64_t day) const {
    const int64_t wd = ((day % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday; 0 = Monday
    return wd < 5 && holidays_.count(day) == 0;
  }
  Instant PlusWorkingDays(Instant t, int n) const {
    int64_t day = LocalDayNumber(t);
    const int64_t into_day = ToUnixMicros(t) + 8 * kHourUs - day * 24 * kHourUs;
    while (n > 0) {
      ++day;
      if (Working(day)) --n;
    }
    return FromUnixMicros(day * 24 * kHourUs + into_day - 8 * kHourUs);
  }

  // --- org history
  template <class V>
  static const V* AtTime(const std::vector<std::pair<Instant, V>>& h, Instant t) {
    const V* out = nullptr;
    for (const auto& [at, v] : h) if (at <= t) out = &v;
    return out;
  }
  std::string UnitOfUser(const std::string& u, Instant t) const {
    auto it = user_unit_.find(u);
    if (it == user_unit_.end()) return "";
    const std::string* unit = AtTime(it->second, t);
    return unit ? *unit : "";
  }
  std::string Head(const std::string& unit, Instant t) const {
    auto it = heads_.find(unit);
    if (it == heads_.end()) return "";
    const std::string* h = AtTime(it->second, t);
    return h ? *h : "";
  }
  std::string Up(std::string unit, UnitLevel level) const {
    while (!unit.empty()) {
      auto it = units_.find(unit);
      if (it == units_.end()) return "";
      if (it->second.second == level) return unit;
      unit = it->second.first;
    }
    return "";
  }
  std::vector<std::string> Recipients(const Deadline& d) const {
    std::vector<std::string> out;
    auto add = [&](const std::string& u) {
      if (!u.empty() && std::find(out.begin(), out.end(), u) == out.end()) out.push_back(u);
    };
    const std::string unit = UnitOfUser(d.person, d.due);
    std::string mgr = Head(Up(unit, UnitLevel::kDepartment), d.due);
    std::string vp = Head(Up(unit, UnitLevel::kArea), d.due);
    if (mgr == d.person) mgr.clear();
    if (vp == d.person) vp.clear();
    if (d.audience == 3) {
      add(vp);
      return out;
    }
    add(d.person);
    if (d.audience >= 1) add(mgr);
    if (d.audience >= 2) add(vp);
    return out;
  }

  // --- firing
  void FireUpTo(Instant t) {
    while (true) {
      auto best = armed_.end();
      for (auto it = armed_.begin(); it != armed_.end(); ++it) {
        if (it->second.due <= t && (best == armed_.end() || it->second.due < best->second.due)) best = it;
      }
      if (best == armed_.end()) return;
      Deadline d = best->second;
      armed_.erase(best);
      expected_[ReminderId(d.kind, d.subject, static_cast<uint8_t>(d.stage), d.due)] = Recipients(d);
      if (d.kind == ReminderKind::kProjectOnHold) {
        projects_[d.subject].status = ProjectStatus::kOnHold;
        ArmProject(d.subject);
      }
    }
  }
  using SlotKey = std::tuple<int, std::string, int>;
  void Arm(ReminderKind kind, const std::string& subject, int stage, Instant due, const std::string& person, int audience) {
    const std::string id = ReminderId(kind, subject, static_cast<uint8_t>(stage), due);
    if (expected_.count(id)) {
      armed_.erase({static_cast<int>(kind), subject, stage});
      return;
    }
    armed_[{static_cast<int>(kind), subject, stage}] = Deadline{kind, subject, stage, due, person, audience};
  }
  void Disarm(ReminderKind kind, const std::string& subject, int stage) {
    armed_.erase({static_cast<int>(kind), subject, stage});
  }

  struct Proj { std::string owner; ProjectStatus status; Instant last_update, last_touch; };
  struct Acc { std::string owner; Tier tier; Instant owner_since; std::optional<Instant> last_visit; std::map<std::string, std::optional<Instant>> kps; };
  struct Comp { std::string assignee; Instant due1; bool contacted = false; std::optional<Instant> plan; bool feedback = false, closed = false; };
  struct App { std::string applicant; Instant touch; bool closed = false; };

  void ArmProject(const std::string& id) {
    const Proj& p = projects_[id];
    if (p.status == ProjectStatus::kApproved) {
      Arm(ReminderKind::kProjectStale2w, id, 0, p.last_update + Days(14), p.owner, 1);
      Arm(ReminderKind::kProjectStale1m, id, 0, p.last_update + Days(30), p.owner, 2);
      Arm(ReminderKind::kProjectOnHold, id, 0, p.last_update + Days(90), p.owner, 2);
    } else {
      Disarm(ReminderKind::kProjectStale2w, id, 0);
      Disarm(ReminderKind::kProjectStale1m, id, 0);
      Disarm(ReminderKind::kProjectOnHold, id, 0);
    }
    if (p.status == ProjectStatus::kRegistered || p.status == ProjectStatus::kDeferred) {
      Arm(ReminderKind::kApprovalPending, id, 0, PlusWorkingDays(p.last_touch, 3), p.owner, 3);
    } else {
      Disarm(ReminderKind::kApprovalPending, id, 0);
    }
  }
  void ArmAccount(const std::string& id) {
    const Acc& a = accounts_[id];
    if (!a.owner.empty()) {
      const Micros cadence = a.tier == Tier::kA ? Days(30) : a.tier == Tier::kB ? Days(90) : Days(182);
      const Instant base = a.last_visit && *a.last_visit > a.owner_since ? *a.last_visit : a.owner_since;
      Arm(ReminderKind::kVisitOverdue, id, 0, base + cadence, a.owner, 0);
      Arm(ReminderKind::kVisitOverdue, id, 1, base + cadence + cadence, a.owner, 1);
    }
    for (const auto& [kp, next] : a.kps) {
      const std::string subject = id + ":" + kp;
      if (next && !a.owner.empty()) Arm(ReminderKind::kKeyPersonContactDue, subject, 0, *next, a.owner, 0);
      else Disarm(ReminderKind::kKeyPersonContactDue, subject, 0);
    }
  }
  void ArmComplaint(const std::string& id) {
    const Comp& c = complaints_[id];
    if (!c.closed && !c.contacted) Arm(ReminderKind::kComplaintOverdue, id, 0, c.due1, c.assignee, 1);
    else Disarm(ReminderKind::kComplaintOverdue, id, 0);
    if (!c.closed && !c.feedback && c.plan) Arm(ReminderKind::kComplaintOverdue, id, 1, *c.plan, c.assignee, 1);
    else Disarm(ReminderKind::kComplaintOverdue, id, 1);
  }
  void ArmApp(const std::string& id) {
    const App& a = apps_[id];
    if (!a.closed) Arm(ReminderKind::kApprovalPending, id, 0, PlusWorkingDays(a.touch, 3), a.applicant, 3);
    else Disarm(ReminderKind::kApprovalPending, id, 0);
  }

  void Handle(const Action& a) {
    const Instant t = a.at;
    std::visit([&](const auto& f) {
      using T = std::decay_t<decltype(f)>;
      if constexpr (std::is_same_v<T, UnitDefined>) units_[f.unit_id] = {f.parent_id, f.level};
      else if constexpr (std::is_same_v<T, UnitHeadAssigned>) heads_[f.unit_id].push_back({t, f.user_id});
      else if constexpr (std::is_same_v<T, UserPlaced>) user_unit_[f.user_id].push_back({t, f.unit_id});
      else if constexpr (std::is_same_v<T, AccountOpened>) { accounts_[f.account_id] = Acc{f.owner, f.tier, t, std::nullopt, {}}; ArmAccount(f.account_id); }
      else if constexpr (std::is_same_v<T, AccountTierChanged>) { accounts_[f.account_id].tier = f.tier; ArmAccount(f.account_id); }
      else if constexpr (std::is_same_v<T, AccountOwnerChanged>) {
        Acc& acc = accounts_[f.account_id];
        if (acc.owner != f.owner) acc.owner_since = t;
        acc.owner = f.owner;
        ArmAccount(f.account_id);
      } else if constexpr (std::is_same_v<T, VisitLogged>) {
        Acc& acc = accounts_[f.account_id];
        if (!acc.last_visit || f.visited_at > *acc.last_visit) acc.last_visit = f.visited_at;
        ArmAccount(f.account_id);
      } else if constexpr (std::is_same_v<T, KeyPersonRecorded>) { accounts_[f.account_id].kps[f.key_person_id] = f.next_contact_at; ArmAccount(f.account_id); }
      else if constexpr (std::is_same_v<T, KeyPersonRemoved>) { accounts_[f.account_id].kps.erase(f.key_person_id); Disarm(ReminderKind::kKeyPersonContactDue, f.account_id + ":" + f.key_person_id, 0); }
      else if constexpr (std::is_same_v<T, ProjectRegistered>) { projects_[f.project_id] = Proj{f.owner, ProjectStatus::kRegistered, t, t}; ArmProject(f.project_id); }
      else if constexpr (std::is_same_v<T, ProjectStatusChanged>) {
        Proj& p = projects_[f.project_id];
        if (f.status == ProjectStatus::kApproved && p.status != ProjectStatus::kApproved) p.last_update = t;
        p.status = f.status;
        p.last_touch = t;
        ArmProject(f.project_id);
      } else if constexpr (std::is_same_v<T, ProjectUpdated>) {
        Proj& p = projects_[f.project_id];
        p.last_update = p.last_touch = t;
        ArmProject(f.project_id);
      } else if constexpr (std::is_same_v<T, ComplaintOpened>) { complaints_[f.complaint_id] = Comp{.assignee = f.assignee, .due1 = PlusWorkingDays(t, 2)}; ArmComplaint(f.complaint_id); }
      else if constexpr (std::is_same_v<T, ComplaintStep>) {
        Comp& c = complaints_[f.complaint_id];
        if (f.step == ComplaintStepKind::kFirstContact) c.contacted = true;
        if (f.step == ComplaintStepKind::kPlan) c.plan = f.plan_deadline;
        if (f.step == ComplaintStepKind::kFeedback) c.feedback = true;
        if (f.step == ComplaintStepKind::kClosed) c.closed = true;
        ArmComplaint(f.complaint_id);
      } else if constexpr (std::is_same_v<T, ApplicationSubmitted>) { apps_[f.application_id] = App{f.applicant, t}; ArmApp(f.application_id); }
      else if constexpr (std::is_same_v<T, ApplicationStep>) { App& ap = apps_[f.application_id]; ap.touch = t; if (f.closed) ap.closed = true; ArmApp(f.application_id); }
    }, a.fact);
  }

  const YearPlan& plan_;
  std::set<int64_t> holidays_;
  std::map<std::string, std::pair<std::string, UnitLevel>> units_;
  std::map<std::string, std::vector<std::pair<Instant, std::string>>> heads_, user_unit_;
  std::map<std::string, Proj> projects_;
  std::map<std::string, Acc> accounts_;
  std::map<std::string, Comp> complaints_;
  std::map<std::string, App> apps_;
  std::map<SlotKey, Deadline> armed_;
  std::map<std::string, std::vector<std::string>> expected_;
};

}  // namespace keyledger::projections::testing
