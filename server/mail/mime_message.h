// One reminder mail as RFC 5322/MIME text: UTF-8 headers as RFC 2047 encoded words, a UTF-8
// text/plain body in base64. Every header value that comes from user data (names, titles) is
// encoded or refused, so a CR/LF in a project name can never start a header of its own.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/core/time.h"

namespace keyledger::server::mail {

struct MailMessage {
  std::string from;        // addr-spec
  std::string from_name;   // display name, any UTF-8
  std::string to;          // addr-spec
  std::string to_name;     // display name, any UTF-8
  std::string subject;     // any UTF-8
  std::string body;        // UTF-8 text, "\n" line ends
  std::string message_id;  // "<...@...>", see MessageIdFor
  std::string kind;        // reminder kind or "weekly_digest": X-Keyledger-Kind, for mail filters
  Instant date;
  std::chrono::minutes utc_offset{8 * 60};  // the Date header's zone (the company's)
};

// A header value safe to place after "Name: ": printable ASCII text as it is, anything else
// (non-ASCII, control characters, "=?") as RFC 2047 "=?UTF-8?B?...?=" words of at most 75
// characters, folded with CRLF SP, split only between whole UTF-8 characters.
std::string EncodeHeaderText(std::string_view utf8);

// The mail's full text with CRLF line ends, or nullopt if `from`, `to` or `message_id` is not a
// valid addr-spec / msg-id (the caller then records a permanent failure).
std::optional<std::string> ComposeMime(const MailMessage& m);

// A Message-ID derived only from `delivery_id`, so every retry of one delivery carries the same
// one: "<kl.<32 hex>@<domain>>".
std::string MessageIdFor(std::string_view delivery_id, std::string_view domain);

}  // namespace keyledger::server::mail
