// SessionStore.
#include "server/session_store.h"

#include "server/session_token.h"

namespace keyledger::server {

SessionStore::SessionStore(SessionLimits limits, Clock clock)
    : limits_(limits),
      clock_(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); })) {}

std::string SessionStore::Create(const std::string& user_id) {
  std::string token = NewSessionToken();
  std::string key = HashSessionToken(token);
  auto now = clock_();
  std::lock_guard lock(mu_);
  // Expired sessions are otherwise only dropped on lookup; sweep now and then so abandoned
  // sessions cannot pile up.
  if (++creates_since_prune_ >= 256) PruneLocked(now);
  sessions_[key] = Entry{user_id, now, now};
  return token;
}

std::optional<SessionInfo> SessionStore::Lookup(std::string_view token) {
  std::string key = HashSessionToken(token);
  auto now = clock_();
  std::lock_guard lock(mu_);
  auto it = sessions_.find(key);
  if (it == sessions_.end()) return std::nullopt;
  Entry& e = it->second;
  if (now - e.last_seen >= limits_.idle || now - e.created >= limits_.absolute) {
    sessions_.erase(it);
    return std::nullopt;
  }
  e.last_seen = now;
  return SessionInfo{key, e.user_id};
}

void SessionStore::End(const std::string& key) {
  std::lock_guard lock(mu_);
  sessions_.erase(key);
}

size_t SessionStore::EndAllForUser(const std::string& user_id) {
  size_t ended = 0;
  {
    std::lock_guard lock(mu_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      if (it->second.user_id == user_id) {
        it = sessions_.erase(it);
        ++ended;
      } else {
        ++it;
      }
    }
  }
  if (on_user_sessions_ended_) on_user_sessions_ended_(user_id);
  return ended;
}

void SessionStore::SetOnUserSessionsEnded(std::function<void(const std::string&)> hook) {
  on_user_sessions_ended_ = std::move(hook);
}

size_t SessionStore::Count() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

void SessionStore::PruneLocked(std::chrono::steady_clock::time_point now) {
  creates_since_prune_ = 0;
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    const Entry& e = it->second;
    if (now - e.last_seen >= limits_.idle || now - e.created >= limits_.absolute)
      it = sessions_.erase(it);
    else
      ++it;
  }
}

}  // namespace keyledger::server
