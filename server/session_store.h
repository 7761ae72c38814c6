// SessionStore: live login sessions, in memory, keyed by the hash of their token. Sessions expire
// after an idle period and after an absolute lifetime; a restart ends them all.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace keyledger::server {

struct SessionLimits {
  std::chrono::seconds idle{std::chrono::hours(8)};
  std::chrono::seconds absolute{std::chrono::hours(24)};
};

struct SessionInfo {
  std::string key;      // HashSessionToken(token); identifies the session without the token
  std::string user_id;
};

// Thread-safe (one mutex). The hook runs without the lock held, on the calling thread.
class SessionStore {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  // `clock` defaults to steady_clock::now; tests pass a fake.
  explicit SessionStore(SessionLimits limits, Clock clock = {});

  // Starts a session for `user_id`; returns the token to give the client (not stored).
  std::string Create(const std::string& user_id);
  // The session for `token` if it exists and has not expired; refreshes its idle timer.
  std::optional<SessionInfo> Lookup(std::string_view token);
  // Ends one session (logout). No-op if absent.
  void End(const std::string& key);
  // Ends every session of `user_id` (user disabled, password changed) and then calls the hook so
  // that open feed sockets of that user are closed. Returns how many sessions ended.
  size_t EndAllForUser(const std::string& user_id);
  // Called with the user id by EndAllForUser. Set once at startup, before serving.
  void SetOnUserSessionsEnded(std::function<void(const std::string& user_id)> hook);
  size_t Count() const;

 private:
  struct Entry {
    std::string user_id;
    std::chrono::steady_clock::time_point created;
    std::chrono::steady_clock::time_point last_seen;
  };
  void PruneLocked(std::chrono::steady_clock::time_point now);

  const SessionLimits limits_;
  const Clock clock_;
  std::function<void(const std::string&)> on_user_sessions_ended_;
  mutable std::mutex mu_;
  std::map<std::string, Entry, std::less<>> sessions_;  // GUARDED_BY(mu_)
  size_t creates_since_prune_ = 0;                      // GUARDED_BY(mu_)
};

}  // namespace keyledger::server
