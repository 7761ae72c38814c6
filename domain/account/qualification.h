// R-A6 qualification of a named account, as a pure check over facts and configured thresholds.
#pragma once

#include <string>
#include <vector>

#include "domain/account/account_types.h"
#include "domain/core/config.h"

namespace keyledger::domain {

// The failed criteria (empty = qualified), each a short English phrase for the rejection message
// and the QualificationAssessed event.
std::vector<std::string> QualificationFailures(const QualificationFacts& facts, const QualificationThresholds& t);

}  // namespace keyledger::domain
