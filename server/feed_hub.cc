// FeedHub: never touches a socket while holding its mutex.
#include "server/feed_hub.h"

#include <algorithm>
#include <cstdint>
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
  std::shared_lock lanes_lock(lanes_mu_);
  std::vector<std::vector<std::shared_ptr<FeedSink>>> per_lane(lanes_.size());
  for (auto& s : sinks) {
    if (audience) {
      const UserRecord& user = s->User();
      auto [it, first] = answers.try_emplace(user.id, false);
      if (first) it->second = audience(user);
      if (!it->second) continue;
    }
    if (!frame) frame = std::make_shared<const std::string>(EncodeEventFrame(event));
    if (lanes_.empty()) {
      s->OfferEvent(event.seq, frame);
    } else {
      per_lane[LaneOf(*s)].push_back(std::move(s));
    }
  }
  for (size_t k = 0; k < per_lane.size(); ++k) {
    if (per_lane[k].empty()) continue;
    lanes_[k].post([batch = std::move(per_lane[k]), seq = event.seq, frame] {
      for (const auto& s : batch) s->OfferEvent(seq, frame);
    });
  }
}

size_t FeedHub::LaneOf(const FeedSink& sink) const {
  // Fibonacci hashing of the address: stable for the session's life, spread across the lanes.
  const uint64_t h = static_cast<uint64_t>(reinterpret_cast<std::uintptr_t>(&sink)) * 0x9E3779B97F4A7C15ull >> 32;
  for (const auto& [context, lanes] : lanes_by_context_) {
    if (context == sink.Context()) return lanes[h % lanes.size()];
  }
  return h % lanes_.size();  // no lane on its context: any lane, a post away
}

void FeedHub::UseLanes(std::vector<FeedLane> lanes) {
  std::unique_lock lock(lanes_mu_);
  lanes_ = std::move(lanes);
  lanes_by_context_.clear();
  for (size_t k = 0; k < lanes_.size(); ++k) {
    auto it = std::find_if(lanes_by_context_.begin(), lanes_by_context_.end(),
                           [&](const auto& entry) { return entry.first == lanes_[k].context; });
    if (it == lanes_by_context_.end()) it = lanes_by_context_.insert(lanes_by_context_.end(), {lanes_[k].context, {}});
    it->second.push_back(k);
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
