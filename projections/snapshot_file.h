// The snapshot container: a read model's state written to one file with the seq it reflects,
// so start-up is "load snapshot, then apply the log's tail" instead of a full replay.
//
// Layout (all integers little-endian), 40-byte header then payload:
//   0  char[8]  magic "KLPSNAP\0"
//   8  u32      format version (kSnapshotFormatVersion; bump when the payload layout changes)
//   12 u32      masked crc32c (store/crc32c.h Mask) of bytes [16, 40) followed by the payload
//   16 u64      last seq applied
//   24 u64      payload length in bytes
//   32 u64      reserved, 0
// A snapshot that is missing, truncated, fails its checksum or has another format version is
// never trusted: the caller rebuilds from seq 0, which is always correct, only slower.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "domain/core/result.h"
#include "domain/core/seq.h"

namespace keyledger::projections {

// 2: the payload carries the reminder schedule after the models (read_side_snapshot.h).
// 3: every section is length-prefixed and the ReadSideExtension's state closes the payload.
inline constexpr uint32_t kSnapshotFormatVersion = 3;

struct SnapshotError {
  enum class Code {
    kMissing,        // no snapshot file
    kCorrupt,        // truncated, bad magic, bad checksum
    kWrongVersion,   // written by another format version; ignored, rebuilt
    kIOError,        // could not write (disk full, permissions)
  };
  Code code;
  std::string message;
};

struct SnapshotData {
  Seq last_seq;
  std::string payload;  // opaque to the container; see read_side_snapshot.h
};

// Writes atomically: a temp file in the same folder, fsync, rename over `path`, fsync the
// folder. A crash leaves either the old snapshot or the new one, never a mix. May block on disk.
Result<Ok, SnapshotError> WriteSnapshotFile(const std::filesystem::path& path,
                                            const SnapshotData& data,
                                            uint32_t format_version = kSnapshotFormatVersion);

// Reads and verifies. Fails with kMissing, kCorrupt or kWrongVersion (when the file's version
// differs from `expected_version`). May block on disk.
Result<SnapshotData, SnapshotError> ReadSnapshotFile(
    const std::filesystem::path& path, uint32_t expected_version = kSnapshotFormatVersion);

}  // namespace keyledger::projections
