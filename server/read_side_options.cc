// ReadSideOptionsFor: DomainConfig's thresholds mapped onto the read side's ReminderPolicy.
#include "server/read_side_options.h"

#include <stdexcept>

#include "projections/domain_adapter.h"

namespace keyledger::server {

projections::ReadSideOptions ReadSideOptionsFor(const LedgerOptions& o, projections::ReadSideExtension* conflicts) {
  auto calendar = projections::CompanyCalendar::Create(o.domain.time_zone);
  if (!calendar.ok()) throw std::runtime_error(calendar.error().message);
  projections::ReadSideOptions r{std::move(*calendar)};
  r.policy.project_stale_2w = o.domain.stale_reminder;
  r.policy.project_stale_1m = o.domain.stale_escalation;
  r.policy.project_on_hold = o.domain.stale_on_hold;
  r.policy.visit_cadence_a = o.domain.visit_cadence_a;
  r.policy.visit_cadence_b = o.domain.visit_cadence_b;
  r.policy.visit_cadence_c = o.domain.visit_cadence_c;
  r.policy.complaint_first_contact_working_days = o.domain.complaint_first_contact_working_days;
  r.policy.approval_working_days = o.domain.approval_pending_working_days;
  r.decoder = projections::DecodeDomainEvent;
  r.snapshot_path = o.snapshot_path;
  r.extension = conflicts;
  return r;
}

}  // namespace keyledger::server
