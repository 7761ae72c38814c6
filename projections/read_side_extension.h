// ReadSideExtension: state that an owner outside projections/ folds from the same events as
// the read models (the server's conflict index), kept in step with them by the ReadSide: applied
// under its writer lock after each event the models take, written into the same snapshot and
// loaded from it, so that a start from a snapshot replays only the tail for it too.
#pragma once

#include "domain/core/event_envelope.h"
#include "projections/binary_codec.h"

namespace keyledger::projections {

class ReadSideExtension {
 public:
  virtual ~ReadSideExtension() = default;
  // Back to the empty state (before a replay from seq 0). Called with no reader of it running.
  virtual void Reset() = 0;
  // One event, in seq order, each once (the ReadSide skips what it applied already).
  virtual void Apply(const EventEnvelope& e) = 0;
  // Readers may run concurrently with Save, never with Reset, Apply or Load.
  virtual void Save(BinaryWriter& w) const = 0;
  // Replaces the state; false on malformed input (the ReadSide then rebuilds from seq 0).
  virtual bool Load(BinaryReader& r) = 0;
};

}  // namespace keyledger::projections
