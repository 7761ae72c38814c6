// The read side's options as the server runs it: the company calendar, the reminder thresholds of
// the domain's configuration, the domain adapter and the snapshot path. Shared by the Ledger and
// by `keyledger verify`'s replay check, so both fold the log the same way.
#pragma once

#include <filesystem>

#include "projections/read_side.h"
#include "server/ledger.h"

namespace keyledger::server {

// Where the server keeps its read-side snapshot in a data folder (serve writes it, verify checks it).
inline std::filesystem::path SnapshotPathIn(const std::filesystem::path& data_dir) {
  return data_dir / "read-side.snapshot";
}

// `conflicts` is the read side's extension (the server's conflict index; null: none).
// Throws std::runtime_error on an unknown time zone (a configuration error at start-up).
projections::ReadSideOptions ReadSideOptionsFor(const LedgerOptions& o, projections::ReadSideExtension* conflicts);

}  // namespace keyledger::server
