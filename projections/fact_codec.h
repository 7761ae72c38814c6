// FactCodec: stores facts directly as events ("Fact.<Name>" types, flat JSON payloads).
// This is the adapter the read side uses while the domain's event codec is not available, and the
// encoding the projection tests and benchmarks write with. The production server appends domain
// events; domain_adapter.h maps those to facts instead.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/event_envelope.h"
#include "projections/facts.h"
#include "store/event_store.h"

namespace keyledger::projections {

// The event type name and JSON payload of `fact`.
std::string FactTypeName(const Fact& fact);
std::string EncodeFactData(const Fact& fact);

// Decodes one envelope written by the fact codec. nullopt if the type is not a fact type or the
// payload is malformed (the caller counts it; an unknown event is skipped, never a crash).
std::optional<Fact> DecodeFact(const EventEnvelope& e);

// Builds a NewEvent for `fact` with the given business time and actor (id derived by caller).
store::NewEvent MakeFactEvent(const Fact& fact, Instant occurred_at, std::string actor,
                              std::string id, std::string causation_id = {});

}  // namespace keyledger::projections
