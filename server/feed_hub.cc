// FeedHub: never touches a socket while holding its mutex.
#include "server/feed_hub.h"

#include <string_view>
#include <unordered_map>

#include "server/feed_protocol.h"

namespace keyledger::server {

FeedHub::FeedHub(FeedFilter filter) : filter_(std::move(filter)) {}

void FeedHub::Join(const std::shared_ptr<FeedSink>& sink) {
  std::lock_guard lock(mu_);
  sinks_[sink.get()] = sink;
}

void FeedHub::Leave(const FeedSink* sink) {
  std::lock_guard lock(mu_);
  sinks_.erase(sink);
}

std::vector<std::shared_ptr<FeedSink>> FeedHub::Snapshot() const {
  std::vector<std::weak_ptr<FeedSink>> weak;
  {
    std::lock_guard lock(mu_);
    weak.reserve(sinks_.size());
    for (const auto& [_, w] : sinks_) weak.push_back(w);
  }
  // Locking the weak pointers happens outside the mutex: the last shared_ptr released here may
  // run a session's destructor, which calls Leave and takes the mutex.
  std::vector<std::shared_ptr<FeedSink>> out;
  out.reserve(weak.size());
  for (auto& w : weak)
    if (auto s = w.lock()) out.push_back(std::move(s));
  return out;
}

bool FeedHub::Visible(const UserRecord& user, const EventEnvelope& event) const {
  return !filter_ || filter_(event)(user);
}

void FeedHub::Publish(const EventEnvelope& event) {
  auto sinks = Snapshot();
  if (sinks.empty()) return;
  const FeedAudience audience = filter_ ? filter_(event) : FeedAudience();
  // Sessions of one user get one answer: people keep several tabs open. The ids are views into
  // the sessions' users, which `sinks` keeps alive.
  std::unordered_map<std::string_view, bool> answers;
  Frame frame;
  for (auto& s : sinks) {
    if (audience) {
      const UserRecord& user = s->User();
      auto [it, first] = answers.try_emplace(user.id, false);
      if (first) it->second = audience(user);
      if (!it->second) continue;
    }
    if (!frame) frame = std::make_shared<const std::string>(EncodeEventFrame(event));
    s->OfferEvent(event.seq, frame);
  }
}

void FeedHub::PublishToUser(std::string_view user_id, Frame frame) {
  for (auto& s : Snapshot())
    if (s->User().id == user_id) s->OfferMessage(frame);
}

void FeedHub::CloseUser(std::string_view user_id, uint16_t code, std::string reason) {
  for (auto& s : Snapshot())
    if (s->User().id == user_id) s->Close(code, reason);
}

void FeedHub::CloseAll(uint16_t code, std::string reason) {
  for (auto& s : Snapshot()) s->Close(code, reason);
}

size_t FeedHub::Size() const {
  std::lock_guard lock(mu_);
  return sinks_.size();
}

}  // namespace keyledger::server
