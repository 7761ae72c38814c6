// UserDirectory: where the session endpoints look users up. The organisation aggregate's
// projection implements it later; InMemoryUserDirectory serves tests and bootstrapping.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace keyledger::server {

// What the server needs to know about a user to authenticate and authorise a request.
struct UserRecord {
  std::string id;
  std::string username;
  std::string display_name;
  std::string role;           // API.md roles: sales, manager, ..., admin
  std::string org_unit;
  std::string password_hash;  // libsodium crypto_pwhash_str output
  bool enabled = true;
};

// Thread-safe: implementations are read from every I/O thread concurrently. Never blocks long.
class UserDirectory {
 public:
  virtual ~UserDirectory() = default;
  virtual std::optional<UserRecord> FindByUsername(std::string_view username) const = 0;
  virtual std::optional<UserRecord> FindById(std::string_view id) const = 0;
  // Called after a successful login whose stored hash used weaker parameters than today's.
  // Implementations persist the new hash (the domain appends an event); the default ignores it.
  virtual void UpdatePasswordHash(std::string_view id, const std::string& new_hash) {}
};

// A map-backed directory. Thread-safe.
class InMemoryUserDirectory final : public UserDirectory {
 public:
  // Adds or replaces the user with this id.
  void Put(UserRecord user);
  std::optional<UserRecord> FindByUsername(std::string_view username) const override;
  std::optional<UserRecord> FindById(std::string_view id) const override;
  void UpdatePasswordHash(std::string_view id, const std::string& new_hash) override;

 private:
  mutable std::mutex mu_;
  std::map<std::string, UserRecord, std::less<>> by_id_;  // GUARDED_BY(mu_)
};

}  // namespace keyledger::server
