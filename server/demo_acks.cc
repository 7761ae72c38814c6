// Acknowledging the reminders the engine raised during the demo history. Which reminders there
// are is only known as the history is played, so the acknowledgements are planned after each
// window from the reminders raised in it: a salesperson within a day or a week (a sloppy one
// sometimes never), a department manager at the Monday review of the week before, a VP or the GM now and then.
// What falls after today stays open: the alert centres of the demo show the last weeks.
#include <functional>

#include "server/demo_plan.h"

namespace keyledger::server::demo {
namespace {

constexpr uint64_t kReminderLanes = uint64_t(1) << 63;  // apart from the accounts' lanes

// Days until `role` acknowledges; negative = never.
int AckDelay(domain::Role role, std::string_view username, int weekday, DemoRandom& rnd) {
  switch (role) {
    case domain::Role::kSales:
      switch (DiligenceOf(username)) {
        case Diligence::kDiligent: return int(rnd.Between(0, 2));
        case Diligence::kRegular: return int(rnd.Between(1, 6));
        case Diligence::kSloppy: return rnd.Below(100) < 12 ? -1 : int(rnd.Between(2, 10));
      }
      return 2;
    // At the Monday review, what came in before last Monday: a manager has one to two weeks open.
    case domain::Role::kManager: return (8 - weekday) % 7 + 7;
    case domain::Role::kGm: return int(rnd.Between(7, 25));
    default: return int(rnd.Between(3, 15));
  }
}

}  // namespace

void AckPlanner::PlanNew(Seeder& s, History& history) {
  Ledger& ledger = s.Led();
  while (true) {
    auto page = ledger.Store().ReadAll(cursor_, 2000);
    if (!page.ok() || page->empty()) return;
    for (const auto& e : *page) {
      cursor_ = e.seq;
      if (e.type != "ReminderRaised") continue;
      const std::string id = e.stream.substr(std::string_view("reminder-").size());
      const auto view = ledger.Reads().Read([&](const projections::ReadModels& m) { return m.reminders.Get(id); });
      if (!view) continue;
      const uint64_t lane = kReminderLanes | (std::hash<std::string>{}(id) >> 1);
      const int raised_day = history.DayOf(view->raised_at);
      const int weekday = int(std::chrono::weekday(std::chrono::floor<std::chrono::days>(
                                                       view->raised_at + ledger.Config().utc_offset))
                                  .c_encoding());
      for (const auto& user : view->recipients) {
        const domain::Actor actor = s.AsUser(domain::UserId{user});
        DemoRandom rnd(std::hash<std::string>{}(id + user));
        const std::string_view username = std::string_view(user).substr(user.rfind('-') + 1);
        const int delay = AckDelay(actor.role, username, weekday, rnd);
        if (delay < 0) continue;
        // A step in a window already played is refused: then the next working day.
        for (int day = history.WorkingDayFrom(raised_day + delay); day < history.Days(); day = history.WorkingDayFrom(day + 1)) {
          Instant at = history.At(day, int(rnd.Between(9 * 60, 17 * 60 + 30)));
          if (at <= view->raised_at) continue;
          if (history.Add(at, lane, [&s, id, actor](Instant now) {
                s.Run<ReminderAggregate>(id, domain::AcknowledgeReminder{}, actor, now);
              })) {
            break;
          }
          if (at >= history.End()) break;
        }
      }
    }
  }
}

}  // namespace keyledger::server::demo
