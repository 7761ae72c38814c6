// TlsContext: OpenSSL setup behind boost::asio::ssl::context.
#include "server/tls_context.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace keyledger::server {

namespace ssl = boost::asio::ssl;

namespace {

// TLS 1.2 suites (Mozilla "intermediate"): ECDHE for forward secrecy, AEAD only. TLS 1.3 suites
// are OpenSSL's defaults, which are all acceptable.
constexpr char kTls12Ciphers[] =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// OpenSSL's own message for a missing file is "system lib"; say what the operator needs to know.
std::string Unreadable(const char* flag, const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (in) return {};
  return std::string(flag) + ": cannot read " + file.string() + ": " + std::strerror(errno);
}

// The reason of the OpenSSL call that just failed, as asio reports its own.
boost::system::error_code LastSslError() {
  return {static_cast<int>(::ERR_get_error()), boost::asio::error::get_ssl_category()};
}

bool IsKeyMismatch(const boost::system::error_code& ec) {
  auto code = static_cast<unsigned long>(ec.value());
  return ec.category() == boost::asio::error::get_ssl_category() && ERR_GET_LIB(code) == ERR_LIB_X509 &&
         ERR_GET_REASON(code) == X509_R_KEY_VALUES_MISMATCH;
}

}  // namespace

Result<std::shared_ptr<ssl::context>, std::string> LoadTlsContext(const std::filesystem::path& cert_chain,
                                                                  const std::filesystem::path& private_key) {
  if (auto e = Unreadable("--tls-cert", cert_chain); !e.empty()) return Fail(e);
  if (auto e = Unreadable("--tls-key", private_key); !e.empty()) return Fail(e);
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  boost::system::error_code ec;
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                           ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use,
                       ec);
  // The no_* bits list old versions one by one; the minimum says it as a rule, for any version.
  if (!ec && SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION) != 1) ec = LastSslError();
  if (!ec && SSL_CTX_set_cipher_list(context->native_handle(), kTls12Ciphers) != 1) ec = LastSslError();
  if (ec) return Fail("cannot set up TLS: " + ec.message());
  context->use_certificate_chain_file(cert_chain.string(), ec);
  if (ec) return Fail("--tls-cert: " + cert_chain.string() + " is not a PEM certificate chain: " + ec.message());
  context->use_private_key_file(private_key.string(), ssl::context::pem, ec);
  // OpenSSL compares the key with the certificate as it loads it; a mismatch is the operator's
  // likeliest mistake (a renewed certificate with the old key), so it gets its own message.
  if (ec && !IsKeyMismatch(ec))
    return Fail("--tls-key: " + private_key.string() + " is not a PEM private key: " + ec.message());
  if (ec || SSL_CTX_check_private_key(context->native_handle()) != 1)
    return Fail("--tls-key: " + private_key.string() + " does not match the certificate in " + cert_chain.string());
  return context;
}

}  // namespace keyledger::server
