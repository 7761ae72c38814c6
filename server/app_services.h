// AppServices: the process's server-side object graph — metrics, readiness, feed hub, sessions,
// login throttle, password hasher, user directory, router with the built-in routes, HttpApp —
// wired once and borrowed by every connection. main and the socket tests build one of these.
//
// Wiring later modules: add routes with Router().Add(...) before Server::Start; pass the domain's
// UserDirectory and access filter in AppTuning; call Readiness().SetProjectionsCaughtUp(false)
// during projection catch-up. The first-start admin bootstrap belongs in main, right after the
// store opens and before AppServices is built (it needs the domain's user events).
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "domain/core/time.h"
#include "server/auth.h"
#include "server/config.h"
#include "server/feed_hub.h"
#include "server/http_app.h"
#include "server/login_throttle.h"
#include "server/metrics.h"
#include "server/password.h"
#include "server/readiness.h"
#include "server/router.h"
#include "server/session_handlers.h"
#include "server/session_services.h"
#include "server/session_store.h"
#include "store/event_store.h"

namespace keyledger::server {

struct AppTuning {
  UserDirectory* users = nullptr;     // borrowed; nullptr = an internal InMemoryUserDirectory
  FeedFilter feed_filter;             // empty = every user sees every event
  PasswordParams password = PasswordParams::Interactive();
  ThrottleLimits throttle;
  SessionLimits session;
  HttpLimits http;
  FeedLimits feed;
  std::function<Instant()> now;       // empty = the system clock
  // Feed the hub from a store subscription of its own. The Ledger turns this off: it publishes
  // each event itself, after the read side has applied it, so a client reloading on an event
  // reads the state that event produced.
  bool follow_store = true;
};

// Not thread-safe to configure; once the server runs, everything it hands out is thread-safe.
// Borrows `store`, which must outlive it.
class AppServices {
 public:
  AppServices(store::EventStore& store, const ServeConfig& config, AppTuning tuning = {});
  ~AppServices();

  Router& Routes() { return router_; }
  FeedHub& Hub() { return hub_; }
  ServerMetrics& Metrics() { return metrics_; }
  Readiness& ReadinessFlags() { return readiness_; }
  SessionStore& SessionTable() { return sessions_; }
  UserDirectory& Users() { return *users_; }
  // The internal directory when AppTuning::users was null (tests add users here), else nullptr.
  InMemoryUserDirectory* OwnUsers() { return own_users_.get(); }
  const PasswordHasher& Hasher() const { return hasher_; }
  const Authenticator& Auth() const { return auth_; }
  SessionServices& Sessions() { return session_services_; }

  // Ends the store subscription that feeds the hub. Call after Server::Stop, before the store
  // closes. Idempotent.
  void Shutdown();

 private:
  store::EventStore& store_;
  ServerMetrics metrics_;
  Readiness readiness_;
  FeedHub hub_;
  SessionStore sessions_;
  LoginThrottle throttle_;
  PasswordHasher hasher_;
  std::unique_ptr<InMemoryUserDirectory> own_users_;
  UserDirectory* users_;
  Authenticator auth_;
  SessionDeps session_deps_;
  Router router_;
  HttpApp app_;
  SessionServices session_services_;
  std::unique_ptr<store::Subscription> subscription_;
};

}  // namespace keyledger::server
