// CommandPool over Boost.Asio's thread_pool.
#include "server/command_pool.h"

#include <algorithm>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

namespace keyledger::server {

struct CommandPool::Impl {
  explicit Impl(int threads) : pool(static_cast<size_t>(std::max(1, threads))) {}
  boost::asio::thread_pool pool;
};

CommandPool::CommandPool(int threads) : impl_(std::make_unique<Impl>(threads)) {}

CommandPool::~CommandPool() { Join(); }

void CommandPool::Post(std::function<void()> task) { boost::asio::post(impl_->pool, std::move(task)); }

void CommandPool::Join() { impl_->pool.join(); }

}  // namespace keyledger::server
