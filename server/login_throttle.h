// LoginThrottle: token buckets per username and per client address for POST /api/session.
// Every attempt spends a token from both buckets; an empty bucket means 429 with Retry-After.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace keyledger::server {

struct ThrottleLimits {
  double per_user_burst = 5;           // attempts allowed at once for one username
  double per_user_per_second = 1.0 / 12;  // then one every 12 s
  double per_address_burst = 20;       // for one client address, any usernames
  double per_address_per_second = 1.0 / 3;
  size_t max_tracked = 100000;          // buckets kept; full buckets are dropped first
};

// Thread-safe (one mutex). Never blocks beyond the lock.
class LoginThrottle {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  explicit LoginThrottle(ThrottleLimits limits, Clock clock = {});

  // Records an attempt. Returns nullopt if allowed, else the whole seconds (>= 1) until a retry
  // could succeed; a refused attempt spends nothing.
  std::optional<int> Attempt(std::string_view username, std::string_view address);
  // Gives back what a successful sign-in's Attempt spent: only failures use up the allowance,
  // so people who sign in often (several browsers, a script) are never locked out.
  void Succeeded(std::string_view username, std::string_view address);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point updated;
  };
  double Refill(Bucket& b, double burst, double rate, std::chrono::steady_clock::time_point now);
  void PruneLocked(std::chrono::steady_clock::time_point now);

  const ThrottleLimits limits_;
  const Clock clock_;
  std::mutex mu_;
  std::map<std::string, Bucket, std::less<>> users_;      // GUARDED_BY(mu_)
  std::map<std::string, Bucket, std::less<>> addresses_;  // GUARDED_BY(mu_)
};

}  // namespace keyledger::server
