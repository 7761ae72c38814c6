// JSON-lines logger on top of spdlog.
#include "server/log.h"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

namespace keyledger::server {

namespace {

spdlog::level::level_enum ToSpd(LogLevel l) {
  switch (l) {
    case LogLevel::kDebug: return spdlog::level::debug;
    case LogLevel::kInfo: return spdlog::level::info;
    case LogLevel::kWarn: return spdlog::level::warn;
    case LogLevel::kError: return spdlog::level::err;
  }
  return spdlog::level::info;
}

std::shared_ptr<spdlog::logger>& Logger() {
  static std::shared_ptr<spdlog::logger> logger;
  return logger;
}

// Appends s, escaped as the inside of a JSON string, to out: one buffer for a whole log line
// instead of a temporary string per field (the access log writes one line per request).
void AppendJsonEscaped(std::string& out, std::string_view s) {
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
}


// stderr, written in batches: lines gather in memory and leave in one write(2) when 64 KiB are
// buffered, at every flush (warnings and errors flush at once, spdlog's flusher every second)
// and at exit. The access log writes a line per request, and a write per line cost more than a
// quarter of the server's throughput on GETs (the same benchmark with --log-level warn served
// 38 % more). What a crash can lose is the last second of info lines, never a warning or error.
class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BufferedStderrSink() override { flush(); }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    buffer_.append(line.data(), line.size());
    if (buffer_.size() >= kBatchBytes) flush_();
  }
  void flush_() override {
    const char* p = buffer_.data();
    size_t left = buffer_.size();
    while (left > 0) {
      ssize_t n = ::write(STDERR_FILENO, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // stderr is gone: nothing better to do with a log line
      p += n;
      left -= static_cast<size_t>(n);
    }
    buffer_.clear();
  }

 private:
  static constexpr size_t kBatchBytes = 64 << 10;
  std::string buffer_;
};

}  // namespace

void SetupLogging(LogLevel min_level, std::shared_ptr<spdlog::sinks::sink> sink) {
  auto logger = std::make_shared<spdlog::logger>("keyledger", std::move(sink));
  // %v is always FormatLogPayload output, already valid JSON members.
  logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l",%v})",
                      spdlog::pattern_time_type::utc);
  logger->set_level(ToSpd(min_level));
  logger->flush_on(spdlog::level::warn);
  Logger() = std::move(logger);
}

void SetupLogging(LogLevel min_level) {
  SetupLogging(min_level, std::make_shared<BufferedStderrSink>());
  // The periodic flush reaches registered loggers only.
  spdlog::drop("keyledger");
  spdlog::register_logger(Logger());
  spdlog::flush_every(std::chrono::seconds(1));  // spdlog 1.10 counts in whole seconds
}

void FlushLogs() {
  if (auto& logger = Logger()) logger->flush();
}

std::string JsonEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  AppendJsonEscaped(out, s);
  return out;
}

std::string FormatLogPayload(std::string_view msg, std::initializer_list<LogField> fields) {
  std::string out;
  out.reserve(64 + msg.size() + 24 * fields.size());
  out += "\"msg\":\"";
  AppendJsonEscaped(out, msg);
  out += '"';
  for (const auto& f : fields) {
    out += ",\"";
    AppendJsonEscaped(out, f.key);
    out += "\":";
    if (auto* s = std::get_if<std::string_view>(&f.value)) {
      out += '"';
      AppendJsonEscaped(out, *s);
      out += '"';
    } else if (auto* i = std::get_if<int64_t>(&f.value)) {
      char buf[24];
      out.append(buf, std::to_chars(buf, buf + sizeof buf, *i).ptr);
    } else {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.6f", std::get<double>(f.value));
      out += buf;
    }
  }
  return out;
}

void Log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields) {
  auto& logger = Logger();
  if (!logger) SetupLogging(LogLevel::kInfo);
  if (!logger->should_log(ToSpd(level))) return;
  logger->log(ToSpd(level), "{}", FormatLogPayload(msg, fields));
}

}  // namespace keyledger::server

namespace keyledger::server {
LogLevel ParseLogLevel(std::string_view name) {
  if (name == "debug") return LogLevel::kDebug;
  if (name == "warn") return LogLevel::kWarn;
  if (name == "error") return LogLevel::kError;
  return LogLevel::kInfo;
}
}  // namespace keyledger::server
