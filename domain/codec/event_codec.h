// The event codec: the ONLY place event type names are compared. Entry points for the store and
// the server:
//   EncodeEvent(event)                       → {type, schema_version, data}  (never fails)
//   DecodeEvent(type, schema_version, data)  → the typed event, or a DecodeError
// per aggregate (OrgEvent, AccountEvent, ProjectEvent, ComplaintEvent, VisitEvent, SurveyEvent,
// ReminderEvent) and for the combined DomainEvent. `data` is the JSON object of the payload
// (EventEnvelope::data). Old schema versions are upcast on read (TierChanged v1 → v2); versions
// newer than this build knows are refused. Thread-safe: decoding uses a thread-local parser.
// Wire format of each field: docs/event_catalogue.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/account/account_events.h"
#include "domain/complaint/complaint_events.h"
#include "domain/core/result.h"
#include "domain/org/org_events.h"
#include "domain/project/project_events.h"
#include "domain/reminder/reminder_events.h"
#include "domain/survey/survey_events.h"
#include "domain/visit/visit_events.h"

namespace keyledger::domain {

struct EncodedEvent {
  std::string type;             // e.g. "ProjectUpdated"
  uint32_t schema_version = 1;  // current version of that type's payload
  std::string data;             // compact JSON object
  friend bool operator==(const EncodedEvent&, const EncodedEvent&) = default;
};

struct DecodeError {
  std::string message;  // e.g. "ProjectUpdated v1: note: expected string"
};

using DomainEvent = std::variant<OrgEvent, AccountEvent, ProjectEvent, ComplaintEvent, VisitEvent, SurveyEvent, ReminderEvent>;

EncodedEvent EncodeEvent(const OrgEvent& event);
EncodedEvent EncodeEvent(const AccountEvent& event);
EncodedEvent EncodeEvent(const ProjectEvent& event);
EncodedEvent EncodeEvent(const ComplaintEvent& event);
EncodedEvent EncodeEvent(const VisitEvent& event);
EncodedEvent EncodeEvent(const SurveyEvent& event);
EncodedEvent EncodeEvent(const ReminderEvent& event);
EncodedEvent EncodeEvent(const DomainEvent& event);

Result<OrgEvent, DecodeError> DecodeOrgEvent(std::string_view type, uint32_t schema_version, std::string_view data);
Result<AccountEvent, DecodeError> DecodeAccountEvent(std::string_view type, uint32_t schema_version, std::string_view data);
Result<ProjectEvent, DecodeError> DecodeProjectEvent(std::string_view type, uint32_t schema_version, std::string_view data);
Result<ComplaintEvent, DecodeError> DecodeComplaintEvent(std::string_view type, uint32_t schema_version, std::string_view data);
Result<VisitEvent, DecodeError> DecodeVisitEvent(std::string_view type, uint32_t schema_version, std::string_view data);
Result<SurveyEvent, DecodeError> DecodeSurveyEvent(std::string_view type, uint32_t schema_version, std::string_view data);
Result<ReminderEvent, DecodeError> DecodeReminderEvent(std::string_view type, uint32_t schema_version, std::string_view data);
// Any event type of any aggregate.
Result<DomainEvent, DecodeError> DecodeEvent(std::string_view type, uint32_t schema_version, std::string_view data);
// The same for a payload followed by at least kJsonPadding readable bytes (the store's decoded
// envelopes leave that much spare capacity): parsed in place, without a copy.
inline constexpr size_t kJsonPadding = 64;
Result<DomainEvent, DecodeError> DecodePaddedEvent(std::string_view type, uint32_t schema_version,
                                                   std::string_view padded_data);

// Every event type name with its current schema version, for docs and exhaustive tests.
struct EventTypeInfo {
  std::string_view type;
  uint32_t schema_version;
};
std::vector<EventTypeInfo> AllEventTypes();

}  // namespace keyledger::domain
