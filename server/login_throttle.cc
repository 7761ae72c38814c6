// LoginThrottle token buckets.
#include "server/login_throttle.h"

#include <algorithm>
#include <cmath>

namespace keyledger::server {

LoginThrottle::LoginThrottle(ThrottleLimits limits, Clock clock)
    : limits_(limits),
      clock_(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); })) {}

double LoginThrottle::Refill(Bucket& b, double burst, double rate,
                             std::chrono::steady_clock::time_point now) {
  double elapsed = std::chrono::duration<double>(now - b.updated).count();
  b.tokens = std::min(burst, b.tokens + std::max(0.0, elapsed) * rate);
  b.updated = now;
  return b.tokens;
}

std::optional<int> LoginThrottle::Attempt(std::string_view username, std::string_view address) {
  auto now = clock_();
  std::lock_guard lock(mu_);
  if (users_.size() + addresses_.size() > limits_.max_tracked) PruneLocked(now);
  auto user_it = users_.try_emplace(std::string(username), Bucket{limits_.per_user_burst, now}).first;
  auto addr_it =
      addresses_.try_emplace(std::string(address), Bucket{limits_.per_address_burst, now}).first;
  double u = Refill(user_it->second, limits_.per_user_burst, limits_.per_user_per_second, now);
  double a = Refill(addr_it->second, limits_.per_address_burst, limits_.per_address_per_second, now);
  if (u >= 1 && a >= 1) {
    user_it->second.tokens -= 1;
    addr_it->second.tokens -= 1;
    return std::nullopt;
  }
  double wait = 0;
  if (u < 1) wait = std::max(wait, (1 - u) / limits_.per_user_per_second);
  if (a < 1) wait = std::max(wait, (1 - a) / limits_.per_address_per_second);
  return std::max(1, static_cast<int>(std::ceil(wait)));
}

void LoginThrottle::Succeeded(std::string_view username, std::string_view address) {
  std::lock_guard lock(mu_);
  if (auto it = users_.find(username); it != users_.end()) {
    it->second.tokens = std::min(limits_.per_user_burst, it->second.tokens + 1);
  }
  if (auto it = addresses_.find(address); it != addresses_.end()) {
    it->second.tokens = std::min(limits_.per_address_burst, it->second.tokens + 1);
  }
}

void LoginThrottle::PruneLocked(std::chrono::steady_clock::time_point now) {
  auto prune = [&](auto& map, double burst, double rate) {
    for (auto it = map.begin(); it != map.end();) {
      if (Refill(it->second, burst, rate, now) >= burst)
        it = map.erase(it);
      else
        ++it;
    }
  };
  prune(users_, limits_.per_user_burst, limits_.per_user_per_second);
  prune(addresses_, limits_.per_address_burst, limits_.per_address_per_second);
}

}  // namespace keyledger::server
