// Reminder rules: from a subject's current read-model state to the deadlines the engine keeps
// (R-P5, R-P6, R-P7, R-V2, R-V3, R-C3, approvals). Deadlines come from event times only, so a
// replay computes the same instants and therefore the same reminder ids.
#pragma once

#include <string_view>

#include "projections/read_models.h"
#include "projections/reminder_engine.h"

namespace keyledger::projections {

// Each Reschedule* replaces every slot of its subject with what the state implies now
// (cancelling the ones whose cause went away, R-R2).
void RescheduleProject(const ReadModels& m, std::string_view project_id, ReminderEngine& engine);
void RescheduleAccount(const ReadModels& m, std::string_view account_id, ReminderEngine& engine);
void RescheduleComplaint(const ReadModels& m, std::string_view complaint_id, ReminderEngine& engine);
void RescheduleApplication(const ReadModels& m, std::string_view application_id, ReminderEngine& engine);

// The key-person subject id used in reminders: "<account>:<key person>".
std::string KeyPersonSubject(std::string_view account_id, std::string_view key_person_id);

}  // namespace keyledger::projections
