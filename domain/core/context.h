// What Decide needs from the outside world: the time, who acts, freshly minted ids and the
// configuration. Decide never reads a clock or mints an id itself.
#pragma once

#include <string>

#include "domain/core/config.h"
#include "domain/core/role.h"
#include "domain/core/time.h"

namespace keyledger::domain {

struct Context {
  Instant now;
  Actor actor;
  // A fresh id for an entity the command creates (project on registration, successor project on
  // reactivation acceptance, key person...). The server mints one per command; unused otherwise.
  std::string new_id;
  // R-P3: the project number the business office's numbering assigns on approval. The server
  // reserves the next number in the sequence before calling Decide on an approval.
  std::string project_number;
  // Borrowed; must outlive the Decide call. nullptr means DefaultConfig().
  const DomainConfig* config = nullptr;

  const DomainConfig& Config() const { return config != nullptr ? *config : DefaultConfig(); }
};

}  // namespace keyledger::domain
