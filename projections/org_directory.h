// OrgDirectory: who supervises whom at a given instant, for reminder recipients (R-R4).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/core/time.h"

namespace keyledger::projections {

// Implemented by the org-tree read model, which keeps the history of assignments.
class OrgDirectory {
 public:
  virtual ~OrgDirectory() = default;
  // The department manager of `user`'s unit as of `at`; nullopt if none (or `user` is the
  // manager). Never blocks.
  virtual std::optional<std::string> ManagerOf(std::string_view user, Instant at) const = 0;
  // The VP of the area above `user`'s unit as of `at`; nullopt if none.
  virtual std::optional<std::string> VpOf(std::string_view user, Instant at) const = 0;
};

}  // namespace keyledger::projections
