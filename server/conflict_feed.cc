// ConflictFeed: which account and project events move the conflict index.
#include "server/conflict_feed.h"

#include <string>
#include <string_view>
#include <vector>

#include "domain/codec/event_codec.h"
#include "domain/conflict/conflict_index_io.h"
#include "domain/core/overloaded.h"

namespace keyledger::server {
namespace {

std::string_view IdAfter(std::string_view stream, std::string_view prefix) {
  return stream.substr(0, prefix.size()) == prefix ? stream.substr(prefix.size()) : std::string_view();
}

// The type names of the events the visitors below act on. Every other event of an account or
// project stream is skipped before it is decoded: on a log of weekly updates that is most of
// them, and decoding them all again beside the read side made a start replay half as slow again.
// The names come from the codec itself, so they cannot drift from the types.
bool MovesTheIndex(std::string_view type) {
  using namespace domain;
  static const std::vector<std::string> kTypes = {
      EncodeEvent(AccountEvent{AccountOpened{}}).type,      EncodeEvent(AccountEvent{AccountProfileUpdated{}}).type,
      EncodeEvent(AccountEvent{AffiliateAdded{}}).type,     EncodeEvent(ProjectEvent{ProjectRegistered{}}).type,
      EncodeEvent(ProjectEvent{ProjectApproved{}}).type,    EncodeEvent(ProjectEvent{ProjectRejected{}}).type,
      EncodeEvent(ProjectEvent{ProjectPutOnHold{}}).type,   EncodeEvent(ProjectEvent{ProjectClosed{}}).type,
      EncodeEvent(ProjectEvent{ContractSigned{}}).type,
  };
  for (const std::string& t : kTypes) {
    if (t == type) return true;
  }
  return false;
}

}  // namespace

void ConflictFeed::Apply(const EventEnvelope& e) {
  using namespace domain;
  if (!MovesTheIndex(e.type)) return;
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

void ConflictFeed::Reset() {
  std::lock_guard lock(mu_);
  index_ = domain::ConflictIndex();
}

void ConflictFeed::Save(projections::BinaryWriter& w) const {
  std::lock_guard lock(mu_);
  index_.Save(w);
}

bool ConflictFeed::Load(projections::BinaryReader& r) {
  std::lock_guard lock(mu_);
  return index_.Load(r);
}

std::vector<domain::ConflictHit> ConflictFeed::Find(const domain::ConflictQuery& query) const {
  std::lock_guard lock(mu_);
  return index_.FindConflicts(query);
}

}  // namespace keyledger::server
