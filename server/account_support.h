// What the account, named-application, visit and survey handlers share: loading an account
// (404 when it does not exist), the access subject of an account (its owner; the policy
// resolves the unit), running a command on the account in the path after the access check, and
// the answers for commands that create an entity inside or beside the account.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/access/access_policy.h"
#include "server/api_support.h"
#include "server/ledger.h"
#include "server/router.h"

namespace keyledger::server {

struct LoadedAccount {
  domain::AccountState state;
  uint64_t version = 0;
};

// The account's state from its stream. 404 not_found if it was never opened; a store failure is
// mapped by FromFailure (503 for an unreadable store).
ApiResult<LoadedAccount> LoadAccount(Ledger& ledger, std::string_view id);

// Who the access policy sees in an account: its owner (none for a non-named account).
domain::AccessSubject AccountSubject(const domain::AccountState& account);

// The list and summary scope: an account without owner is visible to every signed-in user, an
// owned one to those whose read scope (kReadEvents) covers its owner.
bool MaySeeAccountSummary(const domain::OrgState& org, const domain::Actor& actor, const std::string& owner);

// Runs `command` on the account named by the path parameter "id": 404 if it does not exist,
// 403 unless CheckAccess allows ActionOf(command) on it, else Execute and CommandAnswer.
// `prepared` replaces the metadata taken from the request (for commands that mint ids). With
// `created_id` (an entity minted inside the account, e.g. a key person) the answer is
// CreatedAnswer's 201 {"id": created_id, "account_id", "version", "seq"}.
Response RunOnAccount(Ledger& ledger, const Request& req, RequestContext& ctx, const domain::AccountCommand& command,
                      const CommandMeta* prepared = nullptr, std::string_view created_id = {});

// {"id","account_id","version","seq"} for an entity created beside or inside an account (a key
// person, a visit, a survey), after the read side applied it; a failure is mapped to its error.
Response CreatedAnswer(Ledger& ledger, const CommandResult& result, std::string_view id, std::string_view account_id,
                       int status = 201);

// The id after `prefix` in a stream name ("visit-<id>"), or "" when the prefix differs.
std::string IdAfter(std::string_view stream, std::string_view prefix);

// An id for an entity minted inside an account stream (a key person). With an Idempotency-Key
// it is derived from the (caller-scoped) key, so a retried request answers the same id; without
// one it is `prefix` and a fresh UUID.
std::string EntityIdFor(const CommandMeta& meta, std::string_view prefix);

// How many named accounts `owner` holds now (R-A4), from the read side.
int NamedAccountsOwnedBy(Ledger& ledger, const domain::UserId& owner);

// An optional time field: "YYYY-MM-DD" (local midnight) or RFC 3339; absent, null or "" = nullopt.
ApiResult<std::optional<Instant>> OptionalTimeField(const JsonObjectView& obj, std::string_view field,
                                                    const Ledger& ledger);

// The first event of a stream that holds one entity's opening (a visit, a survey, a complaint)
// with its envelope, decoded by `decode(const EventEnvelope&)`; nullopt if absent or unreadable.
template <class Decode>
auto FirstEvent(Ledger& ledger, const std::string& stream, Decode decode)
    -> std::optional<std::pair<EventEnvelope, std::decay_t<decltype(*decode(EventEnvelope{}))>>> {
  auto events = ledger.Store().ReadStream(stream, 1, 1);
  if (!events.ok() || events->empty()) return std::nullopt;
  auto decoded = decode(events->front());
  if (!decoded.ok()) return std::nullopt;
  return std::pair(std::move(events->front()), std::move(*decoded));
}

}  // namespace keyledger::server
