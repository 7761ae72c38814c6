// OrgView: the current org tree and users (the domain's OrgState), shared by every request for
// access checks, and the UserDirectory the session endpoints authenticate against. It follows
// the "org" stream: the write path's subscription applies each org event once, in order.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "domain/core/event_envelope.h"
#include "domain/org/org_decider.h"
#include "server/user_directory.h"

namespace keyledger::server {

// Thread-safe: readers get an immutable snapshot; Apply swaps in the next one.
class OrgView {
 public:
  OrgView() : state_(std::make_shared<const domain::OrgState>()) {}

  std::shared_ptr<const domain::OrgState> Current() const {
    std::lock_guard lock(mu_);
    return state_;
  }
  // Folds one event of the "org" stream (others, and org events at or below the version already
  // applied, are ignored: start-up reads the stream and the subscription may deliver it again).
  // Returns false if it could not be decoded (the state is then unchanged; the caller logs it).
  bool Apply(const EventEnvelope& event);

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const domain::OrgState> state_;  // GUARDED_BY(mu_)
  uint64_t version_ = 0;                           // GUARDED_BY(mu_)
};

// The API's view of a user (role and unit as text), from the org state.
UserRecord ToUserRecord(const domain::User& user);
// The domain actor for an authenticated user record; nullopt if its role text is unknown.
std::optional<domain::Actor> ActorOf(const UserRecord& user);

// The display name of a user, or their id when unknown.
std::string DisplayName(const domain::OrgState& org, const domain::UserId& user);

// UserDirectory over OrgView. Thread-safe.
class OrgUserDirectory final : public UserDirectory {
 public:
  explicit OrgUserDirectory(const OrgView& org) : org_(org) {}
  std::optional<UserRecord> FindByUsername(std::string_view username) const override;
  std::optional<UserRecord> FindById(std::string_view id) const override;

 private:
  const OrgView& org_;
};

}  // namespace keyledger::server
