// libFuzzer target: every request body goes through JsonBody::Parse and the field readers before
// any handler sees it. Whatever the bytes, they must be refused or read — never crash, hang,
// overflow or leak (ASan + UBSan). run.sh builds and runs it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "server/json_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using keyledger::server::JsonBody;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto body = JsonBody::Parse(text);
  if (!body.ok()) return 0;
  auto root = body->Root();
  // The shapes handlers ask for, on the keys a small corpus makes likely.
  for (std::string_view field : {"name", "id", "kinds", "after_seq", "note", "a", ""}) {
    (void)root.Has(field);
    (void)root.OptionalString(field, 16);
    (void)root.OptionalInt(field, -1000, 1000);
    (void)root.OptionalBool(field);
    (void)root.Element(field);
    auto nested = root.RequiredObject(field);
    if (nested.ok()) {
      (void)nested->OptionalString("a", 8);
      (void)nested->RequiredInt("n", 0, INT64_MAX);
      (void)nested->PathOf("x");
    }
  }
  return 0;
}
