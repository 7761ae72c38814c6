// InMemoryUserDirectory: a map under a mutex.
#include "server/user_directory.h"

namespace keyledger::server {

void InMemoryUserDirectory::Put(UserRecord user) {
  std::lock_guard lock(mu_);
  std::string id = user.id;
  by_id_[id] = std::move(user);
}

std::optional<UserRecord> InMemoryUserDirectory::FindByUsername(std::string_view username) const {
  std::lock_guard lock(mu_);
  for (const auto& [id, user] : by_id_)
    if (user.username == username) return user;
  return std::nullopt;
}

std::optional<UserRecord> InMemoryUserDirectory::FindById(std::string_view id) const {
  std::lock_guard lock(mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

void InMemoryUserDirectory::UpdatePasswordHash(std::string_view id, const std::string& new_hash) {
  std::lock_guard lock(mu_);
  auto it = by_id_.find(id);
  if (it != by_id_.end()) it->second.password_hash = new_hash;
}

}  // namespace keyledger::server
