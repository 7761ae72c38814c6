#include "store/keys.h"

#include "store/coding.h"

namespace keyledger::store {
namespace {
constexpr uint64_t kSignBit = uint64_t{1} << 63;
}  // namespace

std::string EventKey(Seq seq) {
  std::string key;
  PutBigEndian64(&key, seq.value);
  return key;
}

std::optional<Seq> ParseEventKey(std::string_view key) {
  if (key.size() != 8) return std::nullopt;
  return Seq(GetBigEndian64(key));
}

std::string StreamIndexKey(std::string_view stream, uint64_t version) {
  std::string key;
  key.reserve(stream.size() + 9);
  key.append(stream);
  key.push_back('\0');
  PutBigEndian64(&key, version);
  return key;
}

std::optional<StreamIndexEntry> ParseStreamIndexKey(std::string_view key) {
  if (key.size() < 10 || key[key.size() - 9] != '\0') return std::nullopt;
  return StreamIndexEntry{key.substr(0, key.size() - 9), GetBigEndian64(key.substr(key.size() - 8))};
}

std::string TimeIndexKey(Instant recorded_at, Seq seq) {
  std::string key;
  PutBigEndian64(&key, static_cast<uint64_t>(ToUnixMicros(recorded_at)) ^ kSignBit);
  PutBigEndian64(&key, seq.value);
  return key;
}

std::optional<TimeIndexEntry> ParseTimeIndexKey(std::string_view key) {
  if (key.size() != 16) return std::nullopt;
  auto micros = static_cast<int64_t>(GetBigEndian64(key) ^ kSignBit);
  return TimeIndexEntry{FromUnixMicros(micros), Seq(GetBigEndian64(key.substr(8)))};
}

}  // namespace keyledger::store
