// Event visibility: the stream names the aggregate; the read side names its people.
#include "server/event_visibility.h"

#include <string_view>

#include "domain/codec/event_codec.h"

namespace keyledger::server {
namespace {

std::string_view After(std::string_view stream, std::string_view prefix) {
  return stream.substr(0, prefix.size()) == prefix ? stream.substr(prefix.size()) : std::string_view();
}

void AccountOwner(const projections::ReadModels& m, std::string_view account, domain::AccessSubject& s) {
  if (const auto* row = m.accounts.Find(account); row && !row->owner.empty()) s.owner = domain::UserId{row->owner};
}

}  // namespace

domain::EventVisibility VisibilityOf(const projections::ReadSide& reads, const EventEnvelope& e) {
  using domain::StreamKind;
  domain::EventVisibility v;
  if (e.stream == "org") {
    v.stream = StreamKind::kOrg;
    return v;
  }
  reads.Read([&](const projections::ReadModels& m) {
    if (auto id = After(e.stream, "project-"); !id.empty()) {
      v.stream = StreamKind::kProject;
      if (const auto* row = m.projects.Find(id)) v.subject.owner = domain::UserId{m.projects.Str(row->owner)};
    } else if (auto id = After(e.stream, "account-"); !id.empty()) {
      v.stream = StreamKind::kAccount;
      AccountOwner(m, id, v.subject);
      // A file read is an access-log entry (R-U4), seen only by those who read the access log.
      auto decoded = domain::DecodeAccountEvent(e.type, e.schema_version, e.data);
      v.is_file_read = decoded.ok() && std::holds_alternative<domain::AccountFileRead>(*decoded);
    } else if (auto id = After(e.stream, "complaint-"); !id.empty()) {
      v.stream = StreamKind::kComplaint;
      if (const auto* row = m.complaints.Find(id)) {
        AccountOwner(m, row->account_id, v.subject);
        if (!row->assignee.empty()) v.subject.participants.push_back(domain::UserId{row->assignee});
      }
    } else if (auto id = After(e.stream, "visit-"); !id.empty()) {
      v.stream = StreamKind::kVisit;
      auto decoded = domain::DecodeVisitEvent(e.type, e.schema_version, e.data);
      if (decoded.ok()) {
        const auto& visit = std::get<domain::VisitLogged>(*decoded);
        AccountOwner(m, visit.account.value, v.subject);
        v.subject.participants.push_back(visit.visitor);
      }
    } else if (auto id = After(e.stream, "survey-"); !id.empty()) {
      v.stream = StreamKind::kSurvey;
      auto decoded = domain::DecodeSurveyEvent(e.type, e.schema_version, e.data);
      if (decoded.ok()) AccountOwner(m, std::get<domain::SurveyRecorded>(*decoded).account.value, v.subject);
    } else if (auto id = After(e.stream, "reminder-"); !id.empty()) {
      v.stream = StreamKind::kReminder;
      if (auto r = m.reminders.Get(id)) {
        for (const auto& u : r->recipients) v.subject.participants.push_back(domain::UserId{u});
      }
    } else {
      v.stream = StreamKind::kOrg;  // an unknown stream: only those who see everything
    }
  });
  return v;
}

bool MaySee(const domain::OrgState& org, const domain::Actor& actor, const projections::ReadSide& reads,
            const EventEnvelope& e) {
  return domain::MaySeeEvent(org, actor, VisibilityOf(reads, e));
}

}  // namespace keyledger::server
