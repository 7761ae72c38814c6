// Redaction of secrets from event payloads.
#include "server/event_redaction.h"

#include "domain/codec/event_codec.h"

namespace keyledger::server {

std::string PublicEventData(const EventEnvelope& e) {
  if (e.stream != "org") return e.data;
  auto decoded = domain::DecodeOrgEvent(e.type, e.schema_version, e.data);
  if (!decoded.ok()) return "{}";  // never pass on what we cannot inspect
  if (auto* created = std::get_if<domain::UserCreated>(&*decoded)) {
    created->password_hash.clear();
    return domain::EncodeEvent(*decoded).data;
  }
  if (auto* changed = std::get_if<domain::UserPasswordChanged>(&*decoded)) {
    changed->password_hash.clear();
    return domain::EncodeEvent(*decoded).data;
  }
  return e.data;
}

}  // namespace keyledger::server
