// The replay check of `keyledger verify`: the read side as the server would start it (its
// snapshot plus the log's tail) against a full replay of the log from seq 0. Equal fingerprints
// of the read models and of the reminder schedule mean the state the server served, and would
// serve after a restart, is exactly what the log implies: nothing was lost or double-applied in
// a crash, a snapshot or a recovery.
#pragma once

#include <cstdint>
#include <string>

#include "server/ledger.h"
#include "store/event_store.h"

namespace keyledger::server {

struct ReadSideCheck {
  bool ok = false;
  std::string message;  // one line for the operator, either way
};

// `options.snapshot_path` is the server's snapshot; without one, two full replays are compared.
ReadSideCheck CheckReadSide(const store::EventStore& store, const LedgerOptions& options);

}  // namespace keyledger::server
