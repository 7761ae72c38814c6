// The fact-codec decoder.
#include "projections/event_decoder.h"

#include "projections/fact_codec.h"

namespace keyledger::projections {

FactMeta MetaOf(const EventEnvelope& e) {
  return FactMeta{e.seq, e.occurred_at, e.recorded_at, e.id, e.actor};
}

void DecodeFactEvent(const EventEnvelope& e, std::vector<MetaFact>& out) {
  if (auto fact = DecodeFact(e)) out.push_back(MetaFact{MetaOf(e), std::move(*fact)});
}

}  // namespace keyledger::projections
