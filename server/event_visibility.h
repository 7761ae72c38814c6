// Who may see a stored event (the live feed and GET /api/events): the domain's MaySeeEvent,
// given the event's subject as the read side knows it (the owner of its account or project, a
// complaint's assignee, a reminder's recipients).
#pragma once

#include "domain/access/access_policy.h"
#include "domain/core/event_envelope.h"
#include "projections/read_side.h"

namespace keyledger::server {

// What MaySeeEvent needs to know of `e`. Reads the read side (shared lock); thread-safe.
domain::EventVisibility VisibilityOf(const projections::ReadSide& reads, const EventEnvelope& e);

// True if `actor` may see `e`.
bool MaySee(const domain::OrgState& org, const domain::Actor& actor, const projections::ReadSide& reads,
            const EventEnvelope& e);

}  // namespace keyledger::server
