// The read side's options as the server runs it: the company calendar, the reminder thresholds of
// the domain's configuration, the domain adapter and the snapshot path. Shared by the Ledger and
// by `keyledger verify`'s replay check, so both fold the log the same way.
#pragma once

#include "projections/read_side.h"
#include "server/ledger.h"

namespace keyledger::server {

// Throws std::runtime_error on an unknown time zone (a configuration error at start-up).
projections::ReadSideOptions ReadSideOptionsFor(const LedgerOptions& o);

}  // namespace keyledger::server
