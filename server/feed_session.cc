// FeedSession: the Beast chat-server session shape with catch-up from the store.
#include "server/feed_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>

#include "server/feed_protocol.h"
#include "server/log.h"
#include "server/metrics.h"
#include "store/event_store.h"

namespace keyledger::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace websocket = beast::websocket;

namespace {
constexpr uint16_t kTryAgainLater = 1013;
}  // namespace

template <class Stream>
FeedSession<Stream>::FeedSession(Stream&& stream, SessionServices& services, Caller caller)
    : ws_(std::move(stream)),
      close_timer_(ws_.get_executor()),
      services_(services),
      caller_(std::move(caller)) {
  context_ = static_cast<net::execution_context*>(&net::query(ws_.get_executor(), net::execution::context));
  services_.open_connections.fetch_add(1);
}

template <class Stream>
FeedSession<Stream>::~FeedSession() {
  if (joined_) {
    services_.hub.Leave(this);
    services_.metrics.feed_connections().Decrement();
  }
  services_.open_connections.fetch_sub(1);
}

template <class Stream>
void FeedSession<Stream>::Run(http::request<http::string_body> request) {
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "keyledger"); }));
  ws_.read_message_max(services_.feed.read_message_max);
  ws_.text(true);
  ws_.async_accept(request, beast::bind_front_handler(&FeedSession::OnAccept, shared_from_this()));
}

template <class Stream>
void FeedSession<Stream>::Fail(beast::error_code ec, const char* what) {
  // stream_truncated: a wss client that dropped TCP without close_notify; as harmless as a reset.
  if (ec == net::error::operation_aborted || ec == websocket::error::closed ||
      ec == beast::error::timeout || ec == net::error::eof || ec == net::error::connection_reset ||
      ec == net::ssl::error::stream_truncated)
    return;
  Log(LogLevel::kWarn, "feed session error", {{"where", what}, {"error", ec.message()}});
}

template <class Stream>
void FeedSession<Stream>::OnAccept(beast::error_code ec) {
  if (ec) return Fail(ec, "accept");
  // Join before anything is read from the store: every event published from now on reaches
  // this session, and everything published before is already durable, so catch-up sees it.
  services_.hub.Join(shared_from_this());
  joined_ = true;
  services_.metrics.feed_connections().Increment();
  Enqueue(std::make_shared<const std::string>(EncodeHelloFrame(caller_.user, services_.store.HeadSeq())));
  DoRead();
}

template <class Stream>
void FeedSession<Stream>::DoRead() {
  ws_.async_read(buffer_, beast::bind_front_handler(&FeedSession::OnRead, shared_from_this()));
}

template <class Stream>
void FeedSession<Stream>::OnRead(beast::error_code ec, size_t) {
  if (ec) {
    // The peer is gone or misbehaved (e.g. a frame over read_message_max): stop everything.
    Fail(ec, "read");
    state_ = State::kClosing;
    close_timer_.cancel();
    return;
  }
  std::string text = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  // Only the first subscribe counts; other messages are ignored (the protocol has no others).
  if (state_ == State::kAwaitingSubscribe) {
    if (auto sub = ParseSubscribe(text)) {
      state_ = State::kCatchingUp;
      after_ = sub->after;
      ContinueCatchUp();
    }
  }
  DoRead();
}

template <class Stream>
void FeedSession<Stream>::OfferEvent(Seq seq, Frame frame) {
  // dispatch, not post: called from a feed lane on an I/O thread (FeedHub::UseLanes), it runs
  // here and now whenever the session's strand is idle; from any other thread it is a post.
  net::dispatch(ws_.get_executor(), [self = shared_from_this(), seq, frame = std::move(frame)]() mutable {
    self->OnLiveEvent(seq, std::move(frame));
  });
}

template <class Stream>
void FeedSession<Stream>::OfferMessage(Frame frame) {
  net::post(ws_.get_executor(), [self = shared_from_this(), frame = std::move(frame)]() mutable {
    if (self->state_ == State::kCatchingUp || self->state_ == State::kLive) self->Enqueue(std::move(frame));
  });
}

template <class Stream>
void FeedSession<Stream>::Close(uint16_t code, std::string reason) {
  net::post(ws_.get_executor(), [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
    self->StartClose(code, std::move(reason));
  });
}

template <class Stream>
void FeedSession<Stream>::OnLiveEvent(Seq seq, Frame frame) {
  switch (state_) {
    case State::kAwaitingSubscribe:
    case State::kClosing:
      // Before subscribe the client's position is unknown; it will read this event in catch-up.
      return;
    case State::kCatchingUp:
      if (live_buffer_.size() >= services_.feed.live_buffer_limit) {
        services_.metrics.feed_drops().Increment();
        return StartClose(kTryAgainLater, "slow consumer: reconnect with after_seq");
      }
      live_buffer_.emplace_back(seq, std::move(frame));
      return;
    case State::kLive:
      if (seq <= after_) return;  // already read from the store during catch-up
      after_ = seq;
      Enqueue(std::move(frame));
      return;
  }
}

template <class Stream>
void FeedSession<Stream>::ContinueCatchUp() {
  // Stop reading while half the queue is taken; OnWrite resumes. Memory stays bounded by the
  // queue limit no matter how far behind the client starts.
  while (state_ == State::kCatchingUp && queue_.size() < services_.feed.queue_limit / 2) {
    auto page = services_.store.ReadAll(after_, services_.feed.catch_up_page);
    if (!page.ok()) {
      Log(LogLevel::kError, "feed catch-up read failed", {{"error", page.error().message}});
      return StartClose(static_cast<uint16_t>(websocket::close_code::internal_error), "store read failed");
    }
    if (page->empty()) return FinishCatchUp();
    for (const EventEnvelope& e : *page) {
      after_ = e.seq;
      if (services_.hub.Visible(caller_.user, e))
        Enqueue(std::make_shared<const std::string>(EncodeEventFrame(e)));
    }
  }
}

template <class Stream>
void FeedSession<Stream>::FinishCatchUp() {
  state_ = State::kLive;
  for (auto& [seq, frame] : live_buffer_) {
    if (seq <= after_) continue;
    after_ = seq;
    if (!Enqueue(std::move(frame))) return;
  }
  live_buffer_.clear();
  live_buffer_.shrink_to_fit();
  Enqueue(std::make_shared<const std::string>(EncodeCaughtUpFrame(after_)));
}

template <class Stream>
bool FeedSession<Stream>::Enqueue(Frame frame) {
  if (state_ == State::kClosing) return false;
  if (queue_.size() >= services_.feed.queue_limit) {
    services_.metrics.feed_drops().Increment();
    StartClose(kTryAgainLater, "slow consumer: reconnect with after_seq");
    return false;
  }
  queue_.push_back(std::move(frame));
  if (!writing_) DoWrite();
  return true;
}

template <class Stream>
void FeedSession<Stream>::DoWrite() {
  writing_ = true;
  ws_.async_write(net::buffer(*queue_.front()),
                  beast::bind_front_handler(&FeedSession::OnWrite, shared_from_this()));
}

template <class Stream>
void FeedSession<Stream>::OnWrite(beast::error_code ec, size_t) {
  writing_ = false;
  if (ec) {
    Fail(ec, "write");
    state_ = State::kClosing;
    queue_.clear();
    close_timer_.cancel();
    return;
  }
  queue_.pop_front();
  if (state_ == State::kClosing) return DoClose();
  if (!queue_.empty()) DoWrite();
  if (state_ == State::kCatchingUp) ContinueCatchUp();
}

template <class Stream>
void FeedSession<Stream>::StartClose(uint16_t code, std::string reason) {
  if (state_ == State::kClosing) return;
  state_ = State::kClosing;
  live_buffer_.clear();
  // The frame being written must stay alive until its write completes.
  while (queue_.size() > (writing_ ? 1u : 0u)) queue_.pop_back();
  close_reason_.code = code;
  close_reason_.reason = reason;
  // A client that does not read will never let the close frame out: cut the TCP connection.
  close_timer_.expires_after(services_.feed.close_grace);
  close_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec) return;
    beast::error_code ignored;
    beast::get_lowest_layer(self->ws_).socket().close(ignored);
  });
  if (!writing_) DoClose();
}

template <class Stream>
void FeedSession<Stream>::DoClose() {
  if (close_sent_) return;
  close_sent_ = true;
  ws_.async_close(close_reason_, [self = shared_from_this()](beast::error_code ec) {
    self->close_timer_.cancel();
    if (ec) self->Fail(ec, "close");
  });
}

template class FeedSession<PlainStream>;
template class FeedSession<TlsStream>;

}  // namespace keyledger::server
