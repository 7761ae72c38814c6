// The text of reminder and digest mails, in the recipient's language (zh-CN, the default, or
// en). Plain text on purpose: it reads the same in every client and has nothing to inject.
#pragma once

#include <string>
#include <vector>

namespace keyledger::server::mail {

struct RenderedMail {
  std::string subject;
  std::string body;
};

// What a reminder mail says; every field is display text already (times in company time).
struct ReminderMailFacts {
  std::string kind;          // reminder kind name (API.md)
  std::string subject_name;  // the project's / account's name ("" if unknown)
  std::string subject_id;
  std::string owner_name;    // "" if none
  std::string due_at;        // e.g. "2026-11-16 09:00"
  std::string recipient_name;
  std::string link;          // the dashboard page of the subject
};

struct DigestMailLine {
  std::string owner_name;
  std::string project_name;
  unsigned updates = 0;
};

struct DigestMailFacts {
  std::string department_name;
  std::string week;  // e.g. "2026-11-02 – 2026-11-08"
  std::string recipient_name;
  std::vector<DigestMailLine> lines;
  std::vector<std::string> stale_projects;  // approved projects without an update that week
  std::string link;
};

// "en" selects English; anything else (and "zh-CN") Simplified Chinese.
RenderedMail RenderReminderMail(const ReminderMailFacts& facts, const std::string& language);
RenderedMail RenderDigestMail(const DigestMailFacts& facts, const std::string& language);

}  // namespace keyledger::server::mail
