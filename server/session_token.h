// Session tokens: 256 random bits, base64url (no padding) to the client, and only a BLAKE2b-256
// hash of the token kept by the server, so a leaked session table cannot be replayed.
#pragma once

#include <string>
#include <string_view>

namespace keyledger::server {

// Initialises libsodium once (thread-safe); throws std::runtime_error if it cannot.
void EnsureSodium();
// A fresh token: 32 bytes from randombytes_buf, base64url without padding (43 characters).
std::string NewSessionToken();
// Hex of BLAKE2b-256(token): the key a session is stored under.
std::string HashSessionToken(std::string_view token);

}  // namespace keyledger::server
