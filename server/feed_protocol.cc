// Feed frames.
#include "server/feed_protocol.h"

#include "server/event_redaction.h"
#include "server/json_reader.h"
#include "server/json_writer.h"
#include "server/session_handlers.h"

namespace keyledger::server {

void WriteEvent(JsonOut& out, const EventEnvelope& e) {
  out.BeginObject();
  out.Field("seq", e.seq.value);
  out.Field("id", e.id);
  out.Field("stream", e.stream);
  out.Field("stream_version", e.stream_version);
  out.Field("type", e.type);
  out.Field("occurred_at", FormatInstant(e.occurred_at));
  out.Field("recorded_at", FormatInstant(e.recorded_at));
  out.Field("actor", e.actor);
  out.Field("causation_id", e.causation_id);
  out.Field("correlation_id", e.correlation_id);
  out.Key("data");
  if (e.data.empty()) {
    out.Null();
  } else {
    std::string data = PublicEventData(e);
    out.Raw(data);
  }
  out.EndObject();
}

std::string EncodeHelloFrame(const UserRecord& user, Seq head) {
  JsonOut out;
  out.BeginObject();
  out.Field("type", "hello");
  out.Key("user");
  WriteUser(out, user);
  out.Field("head_seq", head.value);
  out.EndObject();
  return out.Take();
}

std::string EncodeEventFrame(const EventEnvelope& event) {
  JsonOut out;
  out.BeginObject();
  out.Field("type", "event");
  out.Field("seq", event.seq.value);
  out.Key("event");
  WriteEvent(out, event);
  out.EndObject();
  return out.Take();
}

std::string EncodeReminderFrame(std::string_view reminder_json) {
  JsonOut out;
  out.BeginObject();
  out.Field("type", "reminder");
  out.Key("reminder");
  out.Raw(reminder_json);
  out.EndObject();
  return out.Take();
}

std::string EncodeCaughtUpFrame(Seq seq) {
  JsonOut out;
  out.BeginObject();
  out.Field("type", "caught_up");
  out.Field("seq", seq.value);
  out.EndObject();
  return out.Take();
}

}  // namespace keyledger::server
