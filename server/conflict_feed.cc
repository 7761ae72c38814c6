// ConflictFeed: which account and project events move the conflict index.
#include "server/conflict_feed.h"

#include <string_view>

#include "domain/codec/event_codec.h"
#include "domain/core/overloaded.h"

namespace keyledger::server {
namespace {

std::string_view IdAfter(std::string_view stream, std::string_view prefix) {
  return stream.substr(0, prefix.size()) == prefix ? stream.substr(prefix.size()) : std::string_view();
}

}  // namespace

void ConflictFeed::Apply(const EventEnvelope& e) {
  using namespace domain;
  if (auto id = IdAfter(e.stream, "account-"); !id.empty()) {
    auto decoded = DecodeAccountEvent(e.type, e.schema_version, e.data);
    if (!decoded.ok()) return;
    AccountId account{std::string(id)};
    std::lock_guard lock(mu_);
    std::visit(Overloaded{
                   [&](const AccountOpened& ev) { index_.UpsertAccount(account, ev.profile.name); },
                   [&](const AccountProfileUpdated& ev) { index_.UpsertAccount(account, ev.profile.name); },
                   [&](const AffiliateAdded& ev) { index_.LinkAffiliates(account, ev.affiliate.account); },
                   [](const auto&) {},
               },
               *decoded);
    return;
  }
  if (auto id = IdAfter(e.stream, "project-"); !id.empty()) {
    auto decoded = DecodeProjectEvent(e.type, e.schema_version, e.data);
    if (!decoded.ok()) return;
    ProjectId project{std::string(id)};
    std::lock_guard lock(mu_);
    std::visit(Overloaded{
                   [&](const ProjectRegistered& ev) {
                     index_.UpsertProject(ProjectConflictFacts{project, ev.owner, ev.approver_vp, ev.details.account,
                                                               ev.details.customer_name, ev.details.end_user,
                                                               ev.details.name, ProjectStatus::kRegistered});
                   },
                   [&](const ProjectApproved&) { index_.SetProjectStatus(project, ProjectStatus::kApproved); },
                   [&](const ProjectRejected&) { index_.SetProjectStatus(project, ProjectStatus::kRejected); },
                   [&](const ProjectPutOnHold&) { index_.SetProjectStatus(project, ProjectStatus::kOnHold); },
                   [&](const ProjectClosed&) { index_.SetProjectStatus(project, ProjectStatus::kClosed); },
                   [&](const ContractSigned&) { index_.SetProjectStatus(project, ProjectStatus::kContractSigned); },
                   [](const auto&) {},
               },
               *decoded);
  }
}

std::vector<domain::ConflictHit> ConflictFeed::Find(const domain::ConflictQuery& query) const {
  std::lock_guard lock(mu_);
  return index_.FindConflicts(query);
}

}  // namespace keyledger::server
