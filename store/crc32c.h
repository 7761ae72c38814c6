// CRC-32C (Castagnoli), the checksum stored in every event and idempotency record.
// RocksDB has one but does not install its header, so keyledger carries its own: a hardware
// (SSE4.2) path chosen at run time and a portable table fallback that gives the same values.
#pragma once

#include <cstddef>
#include <cstdint>

namespace keyledger::store::crc32c {

// Returns the crc32c of concat(A, data[0, n)) where init_crc is the crc32c of some string A.
uint32_t Extend(uint32_t init_crc, const char* data, size_t n);

// Returns the crc32c of data[0, n).
inline uint32_t Value(const char* data, size_t n) { return Extend(0, data, n); }

// A crc stored next to the data it covers is masked, as in leveldb: computing the crc of a string
// that contains embedded crcs is otherwise prone to problems.
constexpr uint32_t kMaskDelta = 0xa282ead8u;
inline uint32_t Mask(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + kMaskDelta; }
inline uint32_t Unmask(uint32_t masked) {
  uint32_t rot = masked - kMaskDelta;
  return (rot >> 17) | (rot << 15);
}

}  // namespace keyledger::store::crc32c
