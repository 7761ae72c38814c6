// OrgView and OrgUserDirectory.
#include "server/org_view.h"

#include "domain/codec/event_codec.h"
#include "domain/core/enum_names.h"

namespace keyledger::server {

bool OrgView::Apply(const EventEnvelope& event) {
  if (event.stream != "org") return true;
  auto decoded = domain::DecodeOrgEvent(event.type, event.schema_version, event.data);
  if (!decoded.ok()) return false;
  std::lock_guard lock(mu_);
  if (event.stream_version <= version_) return true;
  version_ = event.stream_version;
  auto next = std::make_shared<domain::OrgState>(*state_);
  domain::EvolveInPlace(*next, *decoded);
  state_ = std::move(next);
  return true;
}

UserRecord ToUserRecord(const domain::User& user) {
  UserRecord r;
  r.id = user.id.value;
  r.username = user.username;
  r.display_name = user.display_name;
  r.role = std::string(domain::NameOf(user.role));
  r.org_unit = user.unit.value;
  r.password_hash = user.password_hash;
  r.enabled = user.enabled;
  return r;
}

std::optional<domain::Actor> ActorOf(const UserRecord& user) {
  auto role = domain::ParseEnum<domain::Role>(user.role);
  if (!role || *role == domain::Role::kSystem) return std::nullopt;
  return domain::Actor{domain::UserId{user.id}, *role, domain::OrgUnitId{user.org_unit}};
}

std::string DisplayName(const domain::OrgState& org, const domain::UserId& user) {
  auto it = org.users.find(user);
  return it == org.users.end() ? user.value : it->second.display_name;
}

std::optional<UserRecord> OrgUserDirectory::FindByUsername(std::string_view username) const {
  auto org = org_.Current();
  auto it = org->user_by_name.find(std::string(username));
  if (it == org->user_by_name.end()) return std::nullopt;
  auto user = org->users.find(it->second);
  if (user == org->users.end()) return std::nullopt;
  return ToUserRecord(user->second);
}

std::optional<UserRecord> OrgUserDirectory::FindById(std::string_view id) const {
  auto org = org_.Current();
  auto user = org->users.find(domain::UserId{std::string(id)});
  if (user == org->users.end()) return std::nullopt;
  return ToUserRecord(user->second);
}

}  // namespace keyledger::server
