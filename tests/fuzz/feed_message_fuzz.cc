// libFuzzer target: the text frames a feed client sends (ParseSubscribe). A subscription it
// accepts must name a non-negative seq; anything else is refused without a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/feed_subscribe.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto message = keyledger::server::ParseSubscribe(text);
  if (message && text.find("subscribe") == std::string_view::npos) std::abort();  // accepted something else
  return 0;
}
