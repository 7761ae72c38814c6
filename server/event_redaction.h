// What of a stored event's payload may leave the server. Password hashes live in the org stream
// (UserCreated, UserPasswordChanged) because the log is the only storage; they are blanked in
// every event the API or the feed shows, even to those who may read the org stream.
#pragma once

#include <string>

#include "domain/core/event_envelope.h"

namespace keyledger::server {

// The payload of `e` as clients may see it (usually e.data unchanged).
std::string PublicEventData(const EventEnvelope& e);

}  // namespace keyledger::server
