// FeedHub: the shared state of the live feed. Sessions join and leave; Publish encodes an event
// once and offers the shared frame to every session whose user may see it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/event_envelope.h"
#include "server/user_directory.h"

namespace keyledger::server {

using Frame = std::shared_ptr<const std::string>;

// Who may see one event, asked for each session's user.
using FeedAudience = std::function<bool(const UserRecord&)>;
// The domain's access policy plugs in here: an event's audience, built once per event because
// working out what the event is about may read the read side and decode the event, which for
// 10^4 sessions would be 10^4 decodes. Called concurrently from the publishing thread and from
// sessions catching up; must be thread-safe and must not block.
using FeedFilter = std::function<FeedAudience(const EventEnvelope&)>;

// A fan-out lane: `post` runs a task later, on the thread of I/O context `context`, tasks in the
// order they were given (a strand of that context).
struct FeedLane {
  const void* context = nullptr;  // as FeedSink::Context() names it
  std::function<void(std::function<void()> task)> post;
};

// One feed client as the hub sees it. Offer*/Close are called from any thread without hub locks
// held and must not block (a session posts to its strand and returns).
class FeedSink {
 public:
  virtual ~FeedSink() = default;
  virtual const UserRecord& User() const = 0;
  // The I/O context the session runs on (null: none in particular); see FeedHub::UseLanes.
  virtual const void* Context() const { return nullptr; }
  // A visible event, in seq order across calls. The frame is shared and immutable.
  virtual void OfferEvent(Seq seq, Frame frame) = 0;
  // A non-event frame addressed to this user (e.g. a reminder).
  virtual void OfferMessage(Frame frame) = 0;
  // Ends the session: close code and reason for the client (1001 shutdown, 1008 logged out).
  virtual void Close(uint16_t code, std::string reason) = 0;
};

// Thread-safe: Join/Leave/Publish/... may be called from any thread.
class FeedHub {
 public:
  // `filter` defaults to "every user sees everything" until the domain's policy is wired.
  explicit FeedHub(FeedFilter filter = {});

  // `sink` is keyed by its address; a session joins after its handshake and leaves in its
  // destructor (the hub only holds weak pointers).
  void Join(const std::shared_ptr<FeedSink>& sink);
  void Leave(const FeedSink* sink);

  // Contract: called once per appended event, in seq order (main feeds it from the store's
  // subscription, which guarantees that). Encodes once; offers outside the lock.
  void Publish(const EventEnvelope& event);
  // Offers `frame` to every session of `user_id`.
  void PublishToUser(std::string_view user_id, Frame frame);
  // Closes every session of `user_id` (its sessions were ended: disabled, logged out everywhere).
  void CloseUser(std::string_view user_id, uint16_t code, std::string reason);
  // Closes every session (shutdown).
  void CloseAll(uint16_t code, std::string reason);

  // The server's fan-out lanes while it runs (empty: none). With lanes, Publish gives each lane
  // ONE task holding its share of the sessions instead of making one cross-thread post per
  // session (10^4 posts and wake-ups per event at 10^4 sockets); on an I/O thread a session's own
  // strand then mostly runs the offer inline (a session goes to a lane of its own context, if
  // there is one). A session always falls in the same lane and a lane runs its tasks in order, so
  // each session still gets events in seq order. Waits for a Publish in progress.
  void UseLanes(std::vector<FeedLane> lanes);

  bool Visible(const UserRecord& user, const EventEnvelope& event) const;
  size_t Size() const;

 private:
  std::vector<std::shared_ptr<FeedSink>> Snapshot() const;
  size_t LaneOf(const FeedSink& sink) const;  // lanes_mu_ held, lanes_ not empty

  const FeedFilter filter_;
  mutable std::mutex mu_;
  std::map<const FeedSink*, std::weak_ptr<FeedSink>> sinks_;  // GUARDED_BY(mu_)
  std::shared_mutex lanes_mu_;  // held (shared) by Publish while it hands tasks to lanes
  std::vector<FeedLane> lanes_;  // GUARDED_BY(lanes_mu_)
  // Each context's lanes (indices into lanes_); a few contexts, so a vector.
  std::vector<std::pair<const void*, std::vector<size_t>>> lanes_by_context_;  // GUARDED_BY(lanes_mu_)
};

}  // namespace keyledger::server
