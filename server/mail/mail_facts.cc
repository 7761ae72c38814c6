#include "server/mail/mail_facts.h"

#include <set>

#include "server/org_view.h"
#include "server/time_text.h"

namespace keyledger::server::mail {

std::string MailTime(Instant t, std::chrono::minutes utc_offset) {
  std::string text = FormatTime(t, utc_offset);  // 2026-11-16T09:00:00+08:00
  if (text.size() >= 16) text = text.substr(0, 10) + " " + text.substr(11, 5);
  return text;
}

ReminderMailFacts ReminderFacts(const projections::ReadModels& m, const domain::OrgState& org,
                                const std::string& kind, const std::string& subject_type,
                                const std::string& subject_id, const std::string& due_text,
                                const std::string& recipient, const std::string& public_url) {
  ReminderMailFacts f;
  f.kind = kind;
  f.subject_id = subject_id;
  f.due_at = due_text;
  f.recipient_name = DisplayName(org, domain::UserId{recipient});
  std::string owner;
  std::string account_id;
  if (subject_type == "project") {
    if (const auto* p = m.projects.Find(subject_id)) {
      f.subject_name = p->name;
      owner = m.projects.Str(p->owner);
    }
    f.link = public_url + "/#/projects/" + subject_id;
  } else if (subject_type == "complaint") {
    if (const auto* c = m.complaints.Find(subject_id)) account_id = c->account_id;
    f.link = public_url + "/#/complaints";
  } else {
    account_id = subject_id;
  }
  if (!account_id.empty()) {
    if (const auto* a = m.accounts.Find(account_id)) {
      if (f.subject_name.empty()) f.subject_name = a->name;
      if (owner.empty()) owner = a->owner;
    }
    if (f.link.empty()) f.link = public_url + "/#/accounts/" + account_id;
  }
  if (f.link.empty()) f.link = public_url + "/#/alerts";
  if (!owner.empty()) f.owner_name = DisplayName(org, domain::UserId{owner});
  return f;
}

DigestMailFacts DigestFacts(const projections::ReadModels& m, const domain::OrgState& org,
                            const std::string& department, Instant week_start, const std::string& week_text,
                            const std::string& recipient, const std::string& public_url) {
  DigestMailFacts f;
  auto unit = org.units.find(domain::OrgUnitId{department});
  f.department_name = unit == org.units.end() ? department : unit->second.name;
  f.week = week_text;
  f.recipient_name = DisplayName(org, domain::UserId{recipient});
  f.link = public_url + "/#/mywork";
  std::set<std::string> updated;
  for (const auto& line : m.digest.Week(m.Calendar(), department, week_start)) {
    const auto* p = m.projects.Find(line.project_id);
    f.lines.push_back({DisplayName(org, domain::UserId{line.owner}), p ? p->name : line.project_id, line.updates});
    updated.insert(line.project_id);
  }
  for (const auto& p : m.projects.Rows()) {
    if (p.status != projections::ProjectStatus::kApproved || updated.count(p.project_id)) continue;
    const std::string& owner = m.projects.Str(p.owner);
    if (m.org.DepartmentOf(owner, week_start) != department) continue;
    f.stale_projects.push_back(p.name + " (" + DisplayName(org, domain::UserId{owner}) + ")");
  }
  return f;
}

}  // namespace keyledger::server::mail
