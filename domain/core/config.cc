// Default configuration instance.
#include "domain/core/config.h"

namespace keyledger::domain {
const DomainConfig& DefaultConfig() {
  static const DomainConfig kDefault;
  return kDefault;
}
}  // namespace keyledger::domain
