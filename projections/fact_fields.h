// Field lists of the facts: one `Fields(visitor, fact)` per fact type naming each member once,
// used by the fact codec (JSON), so adding a member is one line here.
#pragma once

#include "projections/facts.h"

namespace keyledger::projections {

template <class V, class T> void Fields(V& v, T& f);

#define KL_FIELD(name) v(#name, f.name)

template <class V> void Fields(V& v, UnitDefined& f) { KL_FIELD(unit_id); KL_FIELD(parent_id); KL_FIELD(level); KL_FIELD(name); }
template <class V> void Fields(V& v, UnitHeadAssigned& f) { KL_FIELD(unit_id); KL_FIELD(user_id); }
template <class V> void Fields(V& v, UserPlaced& f) { KL_FIELD(user_id); KL_FIELD(unit_id); KL_FIELD(name); }
template <class V> void Fields(V& v, AccountOpened& f) { KL_FIELD(account_id); KL_FIELD(code); KL_FIELD(name); KL_FIELD(tier); KL_FIELD(named); KL_FIELD(owner); }
template <class V> void Fields(V& v, AccountTierChanged& f) { KL_FIELD(account_id); KL_FIELD(tier); KL_FIELD(reason); }
template <class V> void Fields(V& v, AccountOwnerChanged& f) { KL_FIELD(account_id); KL_FIELD(owner); KL_FIELD(reason); }
template <class V> void Fields(V& v, AccountNamedChanged& f) { KL_FIELD(account_id); KL_FIELD(named); }
template <class V> void Fields(V& v, VisitLogged& f) { KL_FIELD(account_id); KL_FIELD(visit_id); KL_FIELD(by); KL_FIELD(visited_at); }
template <class V> void Fields(V& v, KeyPersonRecorded& f) { KL_FIELD(account_id); KL_FIELD(key_person_id); KL_FIELD(name); KL_FIELD(next_contact_at); }
template <class V> void Fields(V& v, KeyPersonRemoved& f) { KL_FIELD(account_id); KL_FIELD(key_person_id); }
template <class V> void Fields(V& v, AccountFileRead& f) { KL_FIELD(account_id); KL_FIELD(user_id); }
template <class V> void Fields(V& v, ApplicationSubmitted& f) { KL_FIELD(application_id); KL_FIELD(account_id); KL_FIELD(applicant); }
template <class V> void Fields(V& v, ApplicationStep& f) { KL_FIELD(application_id); KL_FIELD(closed); }
template <class V> void Fields(V& v, ProjectRegistered& f) { KL_FIELD(project_id); KL_FIELD(name); KL_FIELD(account_id); KL_FIELD(end_user); KL_FIELD(owner); KL_FIELD(amount_fen); KL_FIELD(probability_pct); KL_FIELD(margin_pct); KL_FIELD(expected_signing); }
template <class V> void Fields(V& v, ProjectStatusChanged& f) { KL_FIELD(project_id); KL_FIELD(status); KL_FIELD(reason); KL_FIELD(number); }
template <class V> void Fields(V& v, ProjectUpdated& f) { KL_FIELD(project_id); KL_FIELD(amount_fen); KL_FIELD(probability_pct); KL_FIELD(margin_pct); KL_FIELD(expected_signing); KL_FIELD(note); }
template <class V> void Fields(V& v, ComplaintOpened& f) { KL_FIELD(complaint_id); KL_FIELD(account_id); KL_FIELD(assignee); KL_FIELD(severity); }
template <class V> void Fields(V& v, ComplaintStep& f) { KL_FIELD(complaint_id); KL_FIELD(step); KL_FIELD(plan_deadline); }
template <class V> void Fields(V& v, ReminderRaised& f) { KL_FIELD(reminder_id); KL_FIELD(kind); KL_FIELD(subject_type); KL_FIELD(subject_id); KL_FIELD(stage); KL_FIELD(due_at); KL_FIELD(recipients); }
template <class V> void Fields(V& v, ReminderAcknowledged& f) { KL_FIELD(reminder_id); KL_FIELD(user_id); }
template <class V> void Fields(V& v, ComplaintAssigned& f) { KL_FIELD(complaint_id); KL_FIELD(assignee); KL_FIELD(first_contact_due); }

#undef KL_FIELD

// The stored type name of each fact, "Fact." + struct name; the index is the variant index.
inline constexpr const char* kFactTypeNames[] = {
    "Fact.UnitDefined",       "Fact.UnitHeadAssigned",     "Fact.UserPlaced",
    "Fact.AccountOpened",     "Fact.AccountTierChanged",   "Fact.AccountOwnerChanged",
    "Fact.AccountNamedChanged", "Fact.VisitLogged",        "Fact.KeyPersonRecorded",
    "Fact.KeyPersonRemoved",  "Fact.AccountFileRead",      "Fact.ApplicationSubmitted",
    "Fact.ApplicationStep",   "Fact.ProjectRegistered",    "Fact.ProjectStatusChanged",
    "Fact.ProjectUpdated",    "Fact.ComplaintOpened",      "Fact.ComplaintStep",
    "Fact.ReminderRaised",    "Fact.ReminderAcknowledged", "Fact.ComplaintAssigned",
};
static_assert(std::size(kFactTypeNames) == std::variant_size_v<Fact>);

}  // namespace keyledger::projections
