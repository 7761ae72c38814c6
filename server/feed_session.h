// FeedSession: one live-feed WebSocket client (API.md "Live feed").
// Protocol: hello{head_seq} → client subscribe{after_seq:N} → every visible event with seq > N
// read from the store page by page → live events → caught_up{seq}. Live events that arrive
// while catching up are buffered and those with seq <= the last seq read are dropped, so there is
// no gap and no duplicate across the switch (the hub publishes in seq order, after durability).
// Outgoing frames wait in a bounded queue with one write in flight; a client that lets the queue
// fill is closed with 1013 and resumes with after_seq. Runs over whatever stream the HTTP session
// upgraded: plain TCP (ws) or TLS (wss). Beast-heavy: include only from Beast TUs.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "server/feed_hub.h"
#include "server/http_types.h"
#include "server/session_services.h"
#include "server/session_stream.h"

namespace keyledger::server {

// Every member is touched only on the socket's strand; the FeedSink calls only post to it.
// Catch-up reads the store on the strand (a page at a time, bounded by the queue).
template <class Stream>
class FeedSession : public FeedSink, public std::enable_shared_from_this<FeedSession<Stream>> {
 public:
  // Takes over `stream` (connected, on a strand executor, TLS handshake done) with nothing pending.
  FeedSession(Stream&& stream, SessionServices& services, Caller caller);
  ~FeedSession() override;

  // Completes the upgrade with `request`, then joins the hub.
  void Run(boost::beast::http::request<boost::beast::http::string_body> request);

  const UserRecord& User() const override { return caller_.user; }
  const void* Context() const override { return context_; }
  void OfferEvent(Seq seq, Frame frame) override;
  void OfferMessage(Frame frame) override;
  void Close(uint16_t code, std::string reason) override;

 private:
  enum class State { kAwaitingSubscribe, kCatchingUp, kLive, kClosing };
  // The base is dependent: name it once so the members can call shared_from_this() plainly.
  using std::enable_shared_from_this<FeedSession<Stream>>::shared_from_this;

  void OnAccept(boost::beast::error_code ec);
  void DoRead();
  void OnRead(boost::beast::error_code ec, size_t bytes);
  void OnLiveEvent(Seq seq, Frame frame);
  void ContinueCatchUp();
  void FinishCatchUp();
  bool Enqueue(Frame frame);
  void DoWrite();
  void OnWrite(boost::beast::error_code ec, size_t bytes);
  void StartClose(uint16_t code, std::string reason);
  void DoClose();
  void Fail(boost::beast::error_code ec, const char* what);

  boost::beast::websocket::stream<Stream> ws_;
  const void* context_ = nullptr;  // the execution_context of ws_'s executor, as server.cc names a lane's
  boost::beast::flat_buffer buffer_;
  boost::asio::steady_timer close_timer_;
  SessionServices& services_;
  const Caller caller_;
  State state_ = State::kAwaitingSubscribe;
  Seq after_;                                 // every event <= after_ was delivered or filtered
  std::deque<Frame> queue_;                   // front() is being written while writing_
  std::vector<std::pair<Seq, Frame>> live_buffer_;  // live events that arrived during catch-up
  bool writing_ = false;
  bool joined_ = false;
  bool close_sent_ = false;
  boost::beast::websocket::close_reason close_reason_;
};

extern template class FeedSession<PlainStream>;
extern template class FeedSession<TlsStream>;

}  // namespace keyledger::server
