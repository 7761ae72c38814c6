// Decide/Evolve for the org stream and the tree queries.
#include "domain/org/org_decider.h"

#include "domain/core/overloaded.h"

namespace keyledger::domain {
namespace {

using Events = std::vector<OrgEvent>;

Decision<OrgEvent> One(OrgEvent e) { return Events{std::move(e)}; }

bool ValidParent(const OrgState& s, const CreateOrgUnit& c) {
  if (c.kind == OrgUnitKind::kCompany) return !c.parent.has_value();
  if (!c.parent) return false;
  auto it = s.units.find(*c.parent);
  if (it == s.units.end()) return false;
  if (c.kind == OrgUnitKind::kVpArea) return it->second.kind == OrgUnitKind::kCompany;
  return it->second.kind != OrgUnitKind::kCompany;  // departments sit in a VP area or a department
}

}  // namespace

Decision<OrgEvent> Decide(const OrgState& s, const OrgCommand& command, const Context& ctx) {
  if (ctx.actor.role != Role::kAdmin && ctx.actor.role != Role::kSystem) {
    return Fail(Forbidden("admin", "only the administrator manages users and org units"));
  }
  auto user_exists = [&](const UserId& id) { return s.users.contains(id); };
  return std::visit(
      Overloaded{
          [&](const CreateOrgUnit& c) -> Decision<OrgEvent> {
            if (c.id.empty()) return Fail(Invalid("id", "org unit id is required"));
            if (c.name.empty()) return Fail(Invalid("name", "org unit name is required"));
            if (s.units.contains(c.id)) return Fail(Conflict("unique_id", "org unit exists: " + c.id.value));
            if (c.kind == OrgUnitKind::kCompany && s.root) return Fail(Invalid("kind", "there is already a company root"));
            if (!ValidParent(s, c)) return Fail(Invalid("parent_id", "parent must be company → vp_area → department"));
            return One(OrgUnitCreated{c.id, c.name, c.parent, c.kind});
          },
          [&](const AssignUnitManager& c) -> Decision<OrgEvent> {
            auto it = s.units.find(c.unit);
            if (it == s.units.end()) return Fail(NotFound("org unit " + c.unit.value));
            auto u = s.users.find(c.manager);
            if (u == s.users.end()) return Fail(NotFound("user " + c.manager.value));
            if (!u->second.enabled) return Fail(Invalid("manager", "a disabled user cannot manage a unit"));
            if (it->second.manager == c.manager) return Events{};
            return One(UnitManagerAssigned{c.unit, c.manager});
          },
          [&](const CreateUser& c) -> Decision<OrgEvent> {
            if (c.id.empty()) return Fail(Invalid("id", "user id is required"));
            if (c.username.empty()) return Fail(Invalid("username", "username is required"));
            if (c.role == Role::kSystem) return Fail(Invalid("role", "the system role cannot be assigned"));
            if (!s.units.contains(c.unit)) return Fail(Invalid("org_unit_id", "unknown org unit"));
            if (user_exists(c.id)) return Fail(Conflict("unique_id", "user exists: " + c.id.value));
            if (s.user_by_name.contains(c.username)) return Fail(Conflict("unique_username", "username taken"));
            return One(UserCreated{c.id, c.username, c.display_name, c.role, c.unit, c.email, c.language, c.password_hash});
          },
          [&](const ChangeUserRole& c) -> Decision<OrgEvent> {
            if (!user_exists(c.user)) return Fail(NotFound("user " + c.user.value));
            if (c.role == Role::kSystem) return Fail(Invalid("role", "the system role cannot be assigned"));
            if (s.users.at(c.user).role == c.role) return Events{};
            return One(UserRoleChanged{c.user, c.role});
          },
          [&](const MoveUser& c) -> Decision<OrgEvent> {
            if (!user_exists(c.user)) return Fail(NotFound("user " + c.user.value));
            if (!s.units.contains(c.unit)) return Fail(Invalid("org_unit_id", "unknown org unit"));
            if (s.users.at(c.user).unit == c.unit) return Events{};
            return One(UserMoved{c.user, c.unit});
          },
          [&](const DisableUser& c) -> Decision<OrgEvent> {
            if (!user_exists(c.user)) return Fail(NotFound("user " + c.user.value));
            if (!s.users.at(c.user).enabled) return Events{};
            return One(UserDisabled{c.user});
          },
          [&](const EnableUser& c) -> Decision<OrgEvent> {
            if (!user_exists(c.user)) return Fail(NotFound("user " + c.user.value));
            if (s.users.at(c.user).enabled) return Events{};
            return One(UserEnabled{c.user});
          },
          [&](const ChangeUserPassword& c) -> Decision<OrgEvent> {
            if (!user_exists(c.user)) return Fail(NotFound("user " + c.user.value));
            if (c.password_hash.empty()) return Fail(Invalid("password", "password hash is required"));
            return One(UserPasswordChanged{c.user, c.password_hash});
          },
          [&](const UpdateUserProfile& c) -> Decision<OrgEvent> {
            if (!user_exists(c.user)) return Fail(NotFound("user " + c.user.value));
            return One(UserProfileUpdated{c.user, c.display_name, c.email, c.language});
          },
      },
      command);
}

void EvolveInPlace(OrgState& s, const OrgEvent& event) {
  std::visit(Overloaded{
                 [&](const OrgUnitCreated& e) {
                   s.units[e.id] = OrgUnit{e.id, e.name, e.parent, e.kind, std::nullopt};
                   if (e.kind == OrgUnitKind::kCompany) s.root = e.id;
                 },
                 [&](const UnitManagerAssigned& e) { s.units[e.unit].manager = e.manager; },
                 [&](const UserCreated& e) {
                   s.users[e.id] = User{e.id, e.username, e.display_name, e.role, e.unit, true, e.email, e.language, e.password_hash};
                   s.user_by_name[e.username] = e.id;
                 },
                 [&](const UserRoleChanged& e) { s.users[e.user].role = e.role; },
                 [&](const UserMoved& e) { s.users[e.user].unit = e.unit; },
                 [&](const UserDisabled& e) { s.users[e.user].enabled = false; },
                 [&](const UserEnabled& e) { s.users[e.user].enabled = true; },
                 [&](const UserPasswordChanged& e) { s.users[e.user].password_hash = e.password_hash; },
                 [&](const UserProfileUpdated& e) {
                   auto& u = s.users[e.user];
                   u.display_name = e.display_name;
                   u.email = e.email;
                   u.language = e.language;
                 },
             },
             event);
}

OrgState Evolve(OrgState state, const OrgEvent& event) {
  EvolveInPlace(state, event);
  return state;
}

bool IsWithin(const OrgState& org, const OrgUnitId& unit, const OrgUnitId& ancestor) {
  // Depth is bounded by the tree height; the guard stops a corrupt cycle from looping forever.
  std::optional<OrgUnitId> cur = unit;
  for (int guard = 0; cur && guard < 64; ++guard) {
    if (*cur == ancestor) return true;
    auto it = org.units.find(*cur);
    if (it == org.units.end()) return false;
    cur = it->second.parent;
  }
  return false;
}

std::optional<OrgUnitId> VpAreaOf(const OrgState& org, const OrgUnitId& unit) {
  std::optional<OrgUnitId> cur = unit;
  for (int guard = 0; cur && guard < 64; ++guard) {
    auto it = org.units.find(*cur);
    if (it == org.units.end()) return std::nullopt;
    if (it->second.kind == OrgUnitKind::kVpArea) return it->second.id;
    cur = it->second.parent;
  }
  return std::nullopt;
}

std::optional<UserId> DepartmentManagerOf(const OrgState& org, const UserId& user) {
  auto u = org.users.find(user);
  if (u == org.users.end()) return std::nullopt;
  // Walk up from the user's unit to the first department with a manager other than the user.
  std::optional<OrgUnitId> cur = u->second.unit;
  for (int guard = 0; cur && guard < 64; ++guard) {
    auto it = org.units.find(*cur);
    if (it == org.units.end() || it->second.kind != OrgUnitKind::kDepartment) return std::nullopt;
    if (it->second.manager && *it->second.manager != user) return it->second.manager;
    cur = it->second.parent;
  }
  return std::nullopt;
}

std::optional<UserId> VpOf(const OrgState& org, const UserId& user) {
  auto u = org.users.find(user);
  if (u == org.users.end()) return std::nullopt;
  auto area = VpAreaOf(org, u->second.unit);
  if (!area) return std::nullopt;
  return org.units.at(*area).manager;
}

std::optional<UserId> GeneralManager(const OrgState& org) {
  if (!org.root) return std::nullopt;
  return org.units.at(*org.root).manager;
}

std::vector<UserId> SupervisorsOf(const OrgState& org, const UserId& user) {
  std::vector<UserId> out;
  if (auto m = DepartmentManagerOf(org, user)) out.push_back(*m);
  if (auto vp = VpOf(org, user); vp && *vp != user && (out.empty() || out.front() != *vp)) out.push_back(*vp);
  return out;
}

std::vector<UserId> UsersWithRole(const OrgState& org, Role role) {
  std::vector<UserId> out;
  for (const auto& [id, u] : org.users) {
    if (u.enabled && u.role == role) out.push_back(id);
  }
  return out;
}

}  // namespace keyledger::domain
