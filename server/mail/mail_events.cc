#include "server/mail/mail_events.h"

#include <simdjson.h>

#include "domain/core/overloaded.h"
#include "server/json_writer.h"

namespace keyledger::server::mail {
namespace {

using simdjson::dom::element;

std::string Str(element obj, std::string_view key) {
  std::string_view v;
  return obj[key].get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
}
uint64_t Uint(element obj, std::string_view key) {
  uint64_t v = 0;
  return obj[key].get(v) == simdjson::SUCCESS ? v : 0;
}
bool Bool(element obj, std::string_view key, bool fallback) {
  bool v = fallback;
  return obj[key].get(v) == simdjson::SUCCESS ? v : fallback;
}

}  // namespace

EncodedMailEvent EncodeMailEvent(const MailEvent& event) {
  JsonOut out;
  out.BeginObject();
  std::string type = std::visit(
      domain::Overloaded{
          [&](const MailPreferencesSet& e) {
            out.Field("user", e.user);
            out.Key("kinds");
            out.BeginArray();
            for (const auto& k : e.kinds) out.String(k);
            out.EndArray();
            out.Field("weekly_digest", e.weekly_digest);
            return "MailPreferencesSet";
          },
          [&](const MailQueued& e) {
            out.Field("delivery_id", e.delivery_id);
            out.Field("message_id", e.message_id);
            out.Field("recipient", e.recipient);
            out.Field("to", e.to);
            out.Field("to_name", e.to_name);
            out.Field("language", e.language);
            out.Field("kind", e.kind);
            out.Field("subject_id", e.subject_id);
            out.Field("subject", e.subject);
            out.Field("body", e.body);
            return "MailQueued";
          },
          [&](const MailAttemptStarted& e) {
            out.Field("attempt", uint64_t{e.attempt});
            return "MailAttemptStarted";
          },
          [&](const MailSent& e) {
            out.Field("attempt", uint64_t{e.attempt});
            out.Field("response", e.response);
            return "MailSent";
          },
          [&](const MailFailed& e) {
            out.Field("attempt", uint64_t{e.attempt});
            out.Field("reason", e.reason);
            out.Field("permanent", e.permanent);
            out.Field("retry_in_ms", e.retry_in_ms);
            return "MailFailed";
          },
      },
      event);
  out.EndObject();
  return {std::move(type), out.Take()};
}

std::optional<MailEvent> DecodeMailEvent(std::string_view type, std::string_view data) {
  if (type.substr(0, 4) != "Mail") return std::nullopt;
  thread_local simdjson::dom::parser parser;
  element obj;
  if (parser.parse(data.data(), data.size()).get(obj) != simdjson::SUCCESS || !obj.is_object()) return std::nullopt;
  auto attempt = [&] { return static_cast<uint32_t>(Uint(obj, "attempt")); };
  if (type == "MailPreferencesSet") {
    MailPreferencesSet e{Str(obj, "user"), {}, Bool(obj, "weekly_digest", true)};
    simdjson::dom::array kinds;
    if (obj["kinds"].get(kinds) == simdjson::SUCCESS) {
      for (element k : kinds) {
        std::string_view s;
        if (k.get(s) == simdjson::SUCCESS) e.kinds.emplace_back(s);
      }
    }
    return e;
  }
  if (type == "MailQueued") {
    return MailQueued{Str(obj, "delivery_id"), Str(obj, "message_id"), Str(obj, "recipient"), Str(obj, "to"),
                      Str(obj, "to_name"),     Str(obj, "language"),   Str(obj, "kind"),      Str(obj, "subject_id"),
                      Str(obj, "subject"),     Str(obj, "body")};
  }
  if (type == "MailAttemptStarted") return MailAttemptStarted{attempt()};
  if (type == "MailSent") return MailSent{attempt(), Str(obj, "response")};
  if (type == "MailFailed") {
    return MailFailed{attempt(), Str(obj, "reason"), Bool(obj, "permanent", false), Uint(obj, "retry_in_ms")};
  }
  return std::nullopt;
}

}  // namespace keyledger::server::mail
