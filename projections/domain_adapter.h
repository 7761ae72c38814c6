// The domain adapter: the EventDecoder the server passes to the read side. It decodes a stored
// domain event with the domain's event codec and appends the facts it means to the read models,
// the reminder engine, the access log and the audit. The mapping, event by event, and the events
// that deliberately carry no fact are listed in domain_adapter.cc.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/core/event_envelope.h"
#include "projections/facts.h"

namespace keyledger::projections {

// Appends the facts of the domain event `e` to `out`, each with MetaOf(e). Events that carry no
// fact append none. An event that cannot be used (unknown type, damaged payload, newer schema,
// an aggregate id missing from the stream name) appends none and is counted in
// SkippedDomainEvents(); it never throws. Thread-safe (the codec's parser is thread-local, the
// counter atomic). Aggregate ids the event does not carry come from the stream name
// ("account-<id>", "project-<id>", "complaint-<id>", "reminder-<id>").
void DecodeDomainEvent(const EventEnvelope& e, std::vector<MetaFact>& out);

// How many events DecodeDomainEvent could not use since the process started (all threads).
uint64_t SkippedDomainEvents();

}  // namespace keyledger::projections
