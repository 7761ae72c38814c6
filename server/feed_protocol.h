// The live feed's wire format (API.md "Live feed"): server frames hello, event, reminder and
// caught_up; the client's subscribe. The event shape is the one GET /api/events uses.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/core/event_envelope.h"
#include "server/feed_subscribe.h"
#include "server/user_directory.h"

namespace keyledger::server {

class JsonOut;

// Writes an event as the API shows it: seq, id, stream, stream_version, type, occurred_at,
// recorded_at, actor, causation_id, correlation_id, data (the stored JSON object, spliced as is).
void WriteEvent(JsonOut& out, const EventEnvelope& event);

std::string EncodeHelloFrame(const UserRecord& user, Seq head);
std::string EncodeEventFrame(const EventEnvelope& event);
// `reminder_json` is a complete JSON object written by the reminder codec.
std::string EncodeReminderFrame(std::string_view reminder_json);
std::string EncodeCaughtUpFrame(Seq seq);


}  // namespace keyledger::server
