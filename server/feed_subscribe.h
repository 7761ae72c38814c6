// The one message a feed client sends: {"type":"subscribe","after_seq":N}. Its own file because
// it is untrusted input parsed on every socket (tests/fuzz/ fuzzes it with this file alone).
#pragma once

#include <optional>
#include <string_view>

#include "domain/core/seq.h"

namespace keyledger::server {

struct SubscribeMessage {
  Seq after;
};
// A valid {"type":"subscribe","after_seq":N} (N a non-negative integer), else nullopt.
std::optional<SubscribeMessage> ParseSubscribe(std::string_view text);

}  // namespace keyledger::server
