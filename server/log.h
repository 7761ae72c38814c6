// Structured logging: one JSON object per line on stderr (spdlog). Every user-supplied string goes
// through JsonEscape, so a value holding "\n{\"level\":\"error\"..." cannot start a forged line.
// Never pass passwords, tokens, cookies or Authorization headers as fields.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace spdlog::sinks {
class sink;
}  // namespace spdlog::sinks

namespace keyledger::server {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

struct LogField {
  std::string_view key;
  std::variant<std::string_view, int64_t, double> value;
};

// Installs the "keyledger" logger writing JSON lines to stderr, in batches (or to `sink`, for tests).
// Call once at startup before any logging thread starts.
void SetupLogging(LogLevel min_level);
void SetupLogging(LogLevel min_level, std::shared_ptr<spdlog::sinks::sink> sink);

// `s` as the inside of a JSON string literal: quotes, backslashes and every control byte escaped.
std::string JsonEscape(std::string_view s);
// The members after "ts" and "level": "msg":"…","key":value,… (exposed for tests).
std::string FormatLogPayload(std::string_view msg, std::initializer_list<LogField> fields);

// Writes out what the stderr logger has buffered (it batches lines; see log.cc). Call before
// the process ends normally; warnings and errors are never held back.
void FlushLogs();

// Thread-safe; never throws.
void Log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields = {});

}  // namespace keyledger::server

namespace keyledger::server {
// "debug" | "info" | "warn" | "error"; anything else is kInfo.
LogLevel ParseLogLevel(std::string_view name);
}  // namespace keyledger::server
