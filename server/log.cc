// JSON-lines logger on top of spdlog.
#include "server/log.h"

#include <charconv>
#include <cstdio>

#include <spdlog/sinks/stdout_sinks.h>
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
  SetupLogging(min_level, std::make_shared<spdlog::sinks::stderr_sink_mt>());
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
