#include "server/feed_subscribe.h"

#include <cstdint>

#include "server/json_reader.h"

namespace keyledger::server {

std::optional<SubscribeMessage> ParseSubscribe(std::string_view text) {
  auto body = JsonBody::Parse(text);
  if (!body.ok()) return std::nullopt;
  auto root = body->Root();
  auto type = root.RequiredString("type", 32);
  if (!type.ok() || *type != "subscribe") return std::nullopt;
  auto after = root.RequiredInt("after_seq", 0, INT64_MAX);
  if (!after.ok()) return std::nullopt;
  return SubscribeMessage{Seq(static_cast<uint64_t>(*after))};
}

}  // namespace keyledger::server
