// The outbox's events. Mail is delivery, not business: these live in their own streams beside
// the domain's and are encoded here, not by the domain codec.
//   "mailprefs-<user id>"   MailPreferencesSet
//   "mail-<delivery id>"    MailQueued, then per attempt MailAttemptStarted and MailSent or
//                           MailFailed (permanent = gave up)
// An attempt started but never answered in the log is an attempt whose outcome is unknown: after
// a restart it is sent again, with the same Message-ID. Wire format: docs/event_catalogue.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/core/event_envelope.h"

namespace keyledger::server::mail {

inline constexpr std::string_view kDeliveryStreamPrefix = "mail-";
inline constexpr std::string_view kPreferencesStreamPrefix = "mailprefs-";

// A user's choice of what reaches them by mail.
struct MailPreferencesSet {
  std::string user;
  std::vector<std::string> kinds;  // reminder kind names (API.md)
  bool weekly_digest = true;
};

// One mail to one recipient, as it will be sent: the text is fixed when queued, so every retry
// and the auditor see the same mail.
struct MailQueued {
  std::string delivery_id;  // "<reminder id>/<user>" or "digest/<department>/<week>/<user>"
  std::string message_id;
  std::string recipient;    // user id
  std::string to;           // the address it goes to
  std::string to_name;
  std::string language;     // "zh-CN" or "en"
  std::string kind;         // reminder kind, or "weekly_digest"
  std::string subject_id;   // the reminder id or the digest's department
  std::string subject;      // the mail's Subject
  std::string body;         // the mail's text
};

struct MailAttemptStarted {
  uint32_t attempt = 1;
};

struct MailSent {
  uint32_t attempt = 1;
  std::string response;  // the mail server's last answer, e.g. "250 OK"
};

struct MailFailed {
  uint32_t attempt = 1;
  std::string reason;
  bool permanent = false;  // no further attempt
  uint64_t retry_in_ms = 0;
};

using MailEvent = std::variant<MailPreferencesSet, MailQueued, MailAttemptStarted, MailSent, MailFailed>;

struct EncodedMailEvent {
  std::string type;
  std::string data;
};

EncodedMailEvent EncodeMailEvent(const MailEvent& event);
// nullopt for a type that is not a mail event or a payload that does not parse.
std::optional<MailEvent> DecodeMailEvent(std::string_view type, std::string_view data);

}  // namespace keyledger::server::mail
