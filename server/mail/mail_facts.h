// What a mail says, gathered from the read side and the org at queue time: the subject's name
// and owner for a reminder, the week's updates for a digest, and the dashboard link.
#pragma once

#include <string>

#include "domain/org/org_decider.h"
#include "projections/read_models.h"
#include "server/mail/mail_templates.h"

namespace keyledger::server::mail {

// `subject_type` and `kind` are API names; `due_text` display text; `public_url` without the
// trailing slash.
ReminderMailFacts ReminderFacts(const projections::ReadModels& m, const domain::OrgState& org,
                                const std::string& kind, const std::string& subject_type,
                                const std::string& subject_id, const std::string& due_text,
                                const std::string& recipient, const std::string& public_url);

// The digest of `department` for the local week starting `week_start` (Monday 00:00).
DigestMailFacts DigestFacts(const projections::ReadModels& m, const domain::OrgState& org,
                            const std::string& department, Instant week_start, const std::string& week_text,
                            const std::string& recipient, const std::string& public_url);

// "2026-11-16 09:00" in company time (the mail's reader is not a machine).
std::string MailTime(Instant t, std::chrono::minutes utc_offset);

}  // namespace keyledger::server::mail
