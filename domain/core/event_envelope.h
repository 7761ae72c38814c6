// The envelope every stored event travels in: where it sits in the log, who caused it and when,
// and its payload. The payload (`data`) is the JSON object the domain's event codec writes; the
// store never looks inside it. On-disk form: docs/event_format.md.
#pragma once

#include <cstdint>
#include <string>

#include "domain/core/seq.h"
#include "domain/core/time.h"

namespace keyledger {

struct EventEnvelope {
  Seq seq;                      // global position, gap-free, assigned by the store
  std::string id;               // unique event id (UUID text), assigned by the writer
  std::string stream;           // aggregate stream, e.g. "project-P00012"
  uint64_t stream_version = 0;  // 1-based position within the stream
  std::string type;             // event type name, e.g. "ProjectUpdated"
  uint32_t schema_version = 1;  // version of this type's payload schema (for upcasting)
  Instant occurred_at;          // business time: when the fact happened (command's clock)
  Instant recorded_at;          // when the store appended it
  std::string actor;            // user id who caused it, or "system"
  std::string causation_id;     // id of the event/command that caused this one ("" if none)
  std::string correlation_id;   // groups the events of one user request / workflow
  std::string data;             // JSON object text: the event payload
};

}  // namespace keyledger
