// TlsContext: the server's certificate chain and private key, read once at start, shared by every
// TLS connection. Beast-heavy (OpenSSL): include only from the Beast translation units.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

#include "domain/core/result.h"

namespace keyledger::server {

// Reads the PEM certificate chain (the server's certificate first) and the PEM private key, and
// accepts TLS 1.2 and 1.3 only, with forward-secret AEAD ciphers. On failure: a message naming
// the file and the reason (unreadable, not PEM, or the key does not belong to the certificate).
// The context is immutable once returned and may be used by any number of threads.
Result<std::shared_ptr<boost::asio::ssl::context>, std::string> LoadTlsContext(
    const std::filesystem::path& cert_chain, const std::filesystem::path& private_key);

}  // namespace keyledger::server
