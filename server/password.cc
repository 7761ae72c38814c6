// Argon2id through libsodium.
#include "server/password.h"

#include <sodium.h>

#include <stdexcept>

#include "server/session_token.h"

namespace keyledger::server {

PasswordParams PasswordParams::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordParams PasswordParams::Minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

std::optional<std::string> PasswordHasher::Hash(std::string_view password) const {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params_.ops_limit,
                            params_.mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return std::nullopt;
  return std::string(out);
}

bool PasswordHasher::Verify(std::string_view encoded_hash, std::string_view password) const {
  EnsureSodium();
  // crypto_pwhash_str_verify needs a NUL-terminated string.
  std::string hash(encoded_hash);
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::NeedsRehash(std::string_view encoded_hash) const {
  EnsureSodium();
  std::string hash(encoded_hash);
  // 1 = different parameters, -1 = not an Argon2id hash at all: both mean "hash again".
  return crypto_pwhash_str_needs_rehash(hash.c_str(), params_.ops_limit, params_.mem_limit) != 0;
}

const std::string& PasswordHasher::DummyHash() const {
  std::call_once(dummy_once_, [this] {
    auto hash = Hash(NewSessionToken());
    if (!hash) throw std::runtime_error("libsodium could not hash the dummy password");
    dummy_hash_ = std::move(*hash);
  });
  return dummy_hash_;
}

}  // namespace keyledger::server
