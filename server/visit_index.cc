// VisitIndex: an incremental scan of the log for visit and survey streams.
#include "server/visit_index.h"

#include "domain/codec/event_codec.h"

namespace keyledger::server {

Result<VisitIndex::Entries, store::StoreError> VisitIndex::For(std::string_view account_id) {
  std::lock_guard lock(mu_);
  auto scanned = store_.Scan(scanned_, [this](const EventEnvelope& e) {
    scanned_ = e.seq;
    // The stream prefix picks the aggregate; the codec, not a type-name comparison, reads the
    // event. An undecodable event is skipped here: the audit's verify reports damage.
    if (e.stream.rfind("visit-", 0) == 0) {
      auto decoded = domain::DecodeVisitEvent(e.type, e.schema_version, e.data);
      if (decoded.ok()) {
        const auto& v = std::get<domain::VisitLogged>(*decoded);
        accounts_[v.account.value].visits.push_back(v.visit.value);
      }
    } else if (e.stream.rfind("survey-", 0) == 0) {
      auto decoded = domain::DecodeSurveyEvent(e.type, e.schema_version, e.data);
      if (decoded.ok()) {
        const auto& s = std::get<domain::SurveyRecorded>(*decoded);
        accounts_[s.account.value].surveys.push_back(s.survey.value);
      }
    }
    return true;
  });
  if (!scanned.ok()) return Fail(scanned.error());
  if (auto it = accounts_.find(std::string(account_id)); it != accounts_.end()) return it->second;
  return Entries{};
}

}  // namespace keyledger::server
