// EventDecoder: turns one stored event into the facts the read side folds. The server passes the
// domain adapter (domain events via the domain codec); tests and benches use DecodeFactEvent.
#pragma once

#include <functional>
#include <vector>

#include "domain/core/event_envelope.h"
#include "projections/facts.h"

namespace keyledger::projections {

// Appends the facts of `e` to `out` (none for an event the read side does not use). Must be
// thread-safe (as-of audits decode on the caller's thread) and must not throw.
using EventDecoder = std::function<void(const EventEnvelope& e, std::vector<MetaFact>& out)>;

// The decoder for events written with the fact codec (fact_codec.h).
void DecodeFactEvent(const EventEnvelope& e, std::vector<MetaFact>& out);

// The envelope metadata every fact of `e` carries.
FactMeta MetaOf(const EventEnvelope& e);

}  // namespace keyledger::projections
