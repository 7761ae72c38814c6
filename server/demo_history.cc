// The demo timeline and its player: half-day windows, lanes run by a small persistent pool (a
// thread per lane and window would cost more than the appends under the sanitizers).
#include "server/demo_history.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "server/log.h"

namespace keyledger::server::demo {
namespace {

constexpr int kWindowSplitMinute = 12 * 60 + 30;

// Runs lane groups on `threads` workers; Run returns when every group is done.
class LanePool {
 public:
  explicit LanePool(int threads) {
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { Loop(); });
  }
  ~LanePool() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
  }

  void Run(const std::vector<std::vector<const Step*>>& lanes) {
    if (lanes.size() == 1) {  // nothing to overlap: no hand-off
      for (const Step* s : lanes[0]) s->run(s->at);
      return;
    }
    std::unique_lock lock(mu_);
    lanes_ = &lanes;
    next_ = 0;
    left_ = lanes.size();
    ++generation_;
    wake_.notify_all();
    done_.wait(lock, [&] { return left_ == 0; });
    lanes_ = nullptr;
  }

 private:
  void Loop() {
    uint64_t seen = 0;
    std::unique_lock lock(mu_);
    while (true) {
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      while (lanes_ != nullptr && next_ < lanes_->size()) {
        const auto& lane = (*lanes_)[next_++];
        lock.unlock();
        for (const Step* s : lane) s->run(s->at);
        lock.lock();
        if (--left_ == 0) done_.notify_one();
      }
    }
  }

  std::mutex mu_;
  std::condition_variable wake_, done_;
  const std::vector<std::vector<const Step*>>* lanes_ = nullptr;  // GUARDED_BY(mu_)
  size_t next_ = 0, left_ = 0;                                     // GUARDED_BY(mu_)
  uint64_t generation_ = 0;                                        // GUARDED_BY(mu_)
  bool stop_ = false;                                              // GUARDED_BY(mu_)
  std::vector<std::thread> workers_;
};

}  // namespace

History::History(Instant start, Instant end, std::chrono::minutes utc_offset)
    : start_(start), end_(end), offset_(utc_offset) {
  const auto local0 = std::chrono::floor<std::chrono::days>(start + utc_offset);
  midnight0_ = Instant(local0) - utc_offset;
  days_ = DayOf(end) + 1;
}

int History::DayOf(Instant t) const {
  return int(std::chrono::floor<std::chrono::days>(t - midnight0_).count());
}

bool History::IsWorkingDay(int day) const {
  const auto local = std::chrono::floor<std::chrono::days>(At(day, 0) + offset_);
  const unsigned wd = std::chrono::weekday(std::chrono::sys_days(local.time_since_epoch())).c_encoding();
  return wd >= 1 && wd <= 5;
}

int History::WorkingDayFrom(int day) const {
  while (!IsWorkingDay(day)) ++day;
  return day;
}

int64_t History::WindowOf(Instant t) const {
  const auto since = std::chrono::duration_cast<std::chrono::minutes>(t - midnight0_).count();
  const int64_t day = since >= 0 ? since / (24 * 60) : (since - 24 * 60 + 1) / (24 * 60);
  return day * 2 + (since - day * 24 * 60 >= kWindowSplitMinute ? 1 : 0);
}

bool History::Add(Instant at, uint64_t lane, std::function<void(Instant)> run) {
  if (at < start_ || at >= end_) return false;
  const int64_t window = WindowOf(at);
  if (window <= played_window_) return false;
  windows_[window].push_back(Step{at, lane, std::move(run)});
  ++size_;
  return true;
}

void RaiseDueUpTo(Ledger& ledger, DemoClock& clock, Instant until) {
  while (true) {
    const auto next = ledger.Reads().NextDue();
    if (!next || *next > until) break;
    if (*next > clock.Now()) clock.Set(*next);
    const size_t raised = ledger.RunDueReminders();
    // Nothing appended and the same deadline still first: the sink failed (it logs why). Go on
    // with the history; the next window tries again, as the server's runner would.
    if (raised == 0 && ledger.Reads().NextDue() == next) break;
  }
  if (until > clock.Now()) clock.Set(until);
}

PlayStats Play(History& history, Ledger& ledger, DemoClock& clock, int threads,
               const std::function<void(Instant)>& after_window) {
  using Steady = std::chrono::steady_clock;
  auto since = [](Steady::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - t);
  };
  PlayStats stats;
  LanePool pool(threads);
  auto by_lane = [](const Step& a, const Step& b) { return a.lane != b.lane ? a.lane < b.lane : a.at < b.at; };
  for (auto it = history.windows_.begin(); it != history.windows_.end();) {
    history.played_window_ = it->first;
    std::vector<Step>& steps = it->second;
    std::stable_sort(steps.begin(), steps.end(), by_lane);
    Instant first = steps.front().at, last = steps.front().at;
    std::vector<std::vector<const Step*>> lanes;
    for (const Step& s : steps) {
      if (lanes.empty() || lanes.back().front()->lane != s.lane) lanes.emplace_back();
      lanes.back().push_back(&s);
      first = std::min(first, s.at);
      last = std::max(last, s.at);
    }
    auto t0 = Steady::now();
    RaiseDueUpTo(ledger, clock, first);
    stats.raising += since(t0);
    t0 = Steady::now();
    pool.Run(lanes);
    // The next window's rules (conflict checks, R-A4 counts, reminders) read the read side.
    if (!ledger.WaitApplied(ledger.Store().HeadSeq(), std::chrono::seconds(30))) {
      Log(LogLevel::kWarn, "demo seed: the read side lags behind the history");
    }
    stats.stepping += since(t0);
    ++stats.windows;
    after_window(last);
    it = history.windows_.erase(it);  // after after_window: it may have added the next window
  }
  const auto t0 = Steady::now();
  RaiseDueUpTo(ledger, clock, history.End());
  stats.raising += since(t0);
  return stats;
}

}  // namespace keyledger::server::demo
