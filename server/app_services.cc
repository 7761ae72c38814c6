// AppServices wiring.
#include "server/app_services.h"

#include <filesystem>

#include "server/health_handlers.h"
#include "server/openapi_handler.h"

#ifndef KEYLEDGER_SOURCE_DIR
#define KEYLEDGER_SOURCE_DIR "."
#endif

namespace keyledger::server {

namespace {

std::shared_ptr<const StaticFiles> MakeStaticFiles(const ServeConfig& config) {
  std::filesystem::path root = config.web_root;
  std::error_code ec;
  if (root.empty()) {
    root = std::filesystem::path(KEYLEDGER_SOURCE_DIR) / "client_web" / "dist";
    if (!std::filesystem::is_directory(root, ec)) return nullptr;
  } else if (!std::filesystem::is_directory(root, ec)) {
    throw std::runtime_error("--web-root is not a directory: " + root.string());
  }
  return std::make_shared<const StaticFiles>(root);
}

std::function<Instant()> SystemNow() {
  return [] { return std::chrono::time_point_cast<Micros>(std::chrono::system_clock::now()); };
}

}  // namespace

AppServices::AppServices(store::EventStore& store, const ServeConfig& config, AppTuning tuning)
    : store_(store),
      hub_(std::move(tuning.feed_filter)),
      sessions_(tuning.session),
      throttle_(tuning.throttle),
      hasher_(tuning.password),
      own_users_(tuning.users ? nullptr : std::make_unique<InMemoryUserDirectory>()),
      users_(tuning.users ? tuning.users : own_users_.get()),
      auth_(sessions_, *users_),
      session_deps_{*users_, sessions_, throttle_, hasher_, tuning.now ? tuning.now : SystemNow()},
      app_(router_, auth_, metrics_, HttpAppOptions{config.allowed_origins, MakeStaticFiles(config)}),
      session_services_{app_, hub_, store_, metrics_, tuning.http, tuning.feed} {
  AddHealthRoutes(router_, store_, readiness_, metrics_);
  AddOpenApiRoute(router_);
  AddSessionRoutes(router_, session_deps_);
  // A disabled user's open feeds close as soon as their sessions end.
  sessions_.SetOnUserSessionsEnded([this](const std::string& user_id) {
    hub_.CloseUser(user_id, 1008, "session ended");
  });
  // The hub is fed by the store's own subscription: every durable event, in seq order, whoever
  // appended it — the ordering FeedSession's gap-free resume relies on.
  if (!tuning.follow_store) return;
  subscription_ = store_.Subscribe(store_.HeadSeq(), [this](const EventEnvelope& e) {
    hub_.Publish(e);
    return true;
  });
}

AppServices::~AppServices() { Shutdown(); }

void AppServices::Shutdown() { subscription_.reset(); }

}  // namespace keyledger::server
