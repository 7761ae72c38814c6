// The two transports a connection can run on: plain TCP, or TLS over TCP. HttpSession and
// FeedSession are templates over them, instantiated for exactly these two in their .cc files, so
// the plain path compiles to the same code as before TLS existed and pays nothing for it.
// Beast-heavy (OpenSSL): include only from the Beast translation units.
#pragma once

#include <type_traits>
#include <utility>

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace keyledger::server {

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

template <class Stream>
inline constexpr bool kIsTls = std::is_same_v<Stream, TlsStream>;

// The stream of an accepted socket: `tls` is used (and must be non-null) for TlsStream only.
// One function rather than two constrained constructors in each session: clang 14 instantiates
// both of those in an explicit instantiation of the class, constraints or not.
template <class Stream>
Stream MakeSessionStream(boost::asio::ip::tcp::socket&& socket, boost::asio::ssl::context* tls) {
  if constexpr (kIsTls<Stream>) {
    return Stream(std::move(socket), *tls);
  } else {
    return Stream(std::move(socket));
  }
}

}  // namespace keyledger::server
