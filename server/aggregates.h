// Aggregates as the command service sees them: each one's state, command and event types, its
// stream naming and its codec entry points. One small traits struct per aggregate, no framework.
#pragma once

#include <string>
#include <string_view>

#include "domain/account/account_decider.h"
#include "domain/codec/event_codec.h"
#include "domain/complaint/complaint_decider.h"
#include "domain/org/org_decider.h"
#include "domain/project/project_decider.h"
#include "domain/reminder/reminder_decider.h"
#include "domain/survey/survey_decider.h"
#include "domain/visit/visit_decider.h"

namespace keyledger::server {

// The org tree and users live in one stream: every access check needs the whole tree, and org
// changes are rare (an admin's work), so one stream costs nothing and keeps them consistent.
struct OrgAggregate {
  using State = domain::OrgState;
  using Command = domain::OrgCommand;
  using Event = domain::OrgEvent;
  static std::string Stream(std::string_view) { return "org"; }
  static auto Decode(std::string_view type, uint32_t v, std::string_view data) {
    return domain::DecodeOrgEvent(type, v, data);
  }
};

struct AccountAggregate {
  using State = domain::AccountState;
  using Command = domain::AccountCommand;
  using Event = domain::AccountEvent;
  static std::string Stream(std::string_view id) { return "account-" + std::string(id); }
  static auto Decode(std::string_view type, uint32_t v, std::string_view data) {
    return domain::DecodeAccountEvent(type, v, data);
  }
};

struct ProjectAggregate {
  using State = domain::ProjectState;
  using Command = domain::ProjectCommand;
  using Event = domain::ProjectEvent;
  static std::string Stream(std::string_view id) { return "project-" + std::string(id); }
  static auto Decode(std::string_view type, uint32_t v, std::string_view data) {
    return domain::DecodeProjectEvent(type, v, data);
  }
};

struct ComplaintAggregate {
  using State = domain::ComplaintState;
  using Command = domain::ComplaintCommand;
  using Event = domain::ComplaintEvent;
  static std::string Stream(std::string_view id) { return "complaint-" + std::string(id); }
  static auto Decode(std::string_view type, uint32_t v, std::string_view data) {
    return domain::DecodeComplaintEvent(type, v, data);
  }
};

// Visits and surveys have streams of their own: an account's file would otherwise grow with every
// phone call, and a visit never needs the account's state to be decided.
struct VisitAggregate {
  using State = domain::VisitState;
  using Command = domain::VisitCommand;
  using Event = domain::VisitEvent;
  static std::string Stream(std::string_view id) { return "visit-" + std::string(id); }
  static auto Decode(std::string_view type, uint32_t v, std::string_view data) {
    return domain::DecodeVisitEvent(type, v, data);
  }
};

struct SurveyAggregate {
  using State = domain::SurveyState;
  using Command = domain::SurveyCommand;
  using Event = domain::SurveyEvent;
  static std::string Stream(std::string_view id) { return "survey-" + std::string(id); }
  static auto Decode(std::string_view type, uint32_t v, std::string_view data) {
    return domain::DecodeSurveyEvent(type, v, data);
  }
};

struct ReminderAggregate {
  using State = domain::ReminderState;
  using Command = domain::ReminderCommand;
  using Event = domain::ReminderEvent;
  static std::string Stream(std::string_view id) { return "reminder-" + std::string(id); }
  static auto Decode(std::string_view type, uint32_t v, std::string_view data) {
    return domain::DecodeReminderEvent(type, v, data);
  }
};

}  // namespace keyledger::server
