// Password hashing with libsodium's Argon2id (crypto_pwhash_str). Hash strings carry their own
// parameters, so raising the parameters makes NeedsRehash true for older hashes.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace keyledger::server {

struct PasswordParams {
  unsigned long long ops_limit;
  size_t mem_limit;
  // libsodium's "interactive" Argon2id limits: the production setting.
  static PasswordParams Interactive();
  // The smallest limits libsodium accepts: for tests only (fast under sanitizers).
  static PasswordParams Minimum();
};

// Thread-safe; every call blocks for the hash's cost (tens of milliseconds in production).
class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordParams params) : params_(params) {}

  // The encoded Argon2id hash, or nullopt when libsodium cannot allocate the memory.
  std::optional<std::string> Hash(std::string_view password) const;
  // True iff `password` matches `encoded_hash`; false for a malformed hash.
  bool Verify(std::string_view encoded_hash, std::string_view password) const;
  // True when `encoded_hash` was made with other parameters than this hasher's.
  bool NeedsRehash(std::string_view encoded_hash) const;
  // A valid hash of a random password, made once: verifying against it for unknown usernames
  // costs the same as for known ones, so timing does not reveal which usernames exist.
  const std::string& DummyHash() const;

 private:
  PasswordParams params_;
  mutable std::once_flag dummy_once_;
  mutable std::string dummy_hash_;
};

}  // namespace keyledger::server
