// Command line and configuration of the `keyledger` executable (CLI11). Precedence: flags, then
// KEYLEDGER_* environment variables, then the optional --config file (TOML/INI), then defaults.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace keyledger::server {

struct ServeConfig {
  std::filesystem::path data_dir;                  // KEYLEDGER_DATA_DIR
  std::string listen = "127.0.0.1:8080";           // KEYLEDGER_LISTEN, HOST:PORT
  bool manual_clock = false;                       // KEYLEDGER_MANUAL_CLOCK
  std::string clock_start;                         // KEYLEDGER_CLOCK_START, RFC 3339
  std::vector<std::string> allowed_origins;        // KEYLEDGER_ALLOWED_ORIGIN (comma-separated)
  std::filesystem::path tls_cert;                  // KEYLEDGER_TLS_CERT
  std::filesystem::path tls_key;                   // KEYLEDGER_TLS_KEY
  std::filesystem::path web_root;                  // KEYLEDGER_WEB_ROOT; "" = default if present
  int threads = 2;                                 // KEYLEDGER_THREADS
  int command_threads = 64;                        // KEYLEDGER_COMMAND_THREADS (server/command_pool.h)
  int clock_recheck_ms = 30000;                    // KEYLEDGER_CLOCK_RECHECK_MS: the reminder timer re-reads
                                                   // the wall clock at least this often (NTP steps)
  std::string log_level = "info";                  // KEYLEDGER_LOG_LEVEL
  bool demo = false;                               // KEYLEDGER_DEMO: seed an empty log with a demo company
  std::string admin_password;                      // KEYLEDGER_ADMIN_PASSWORD (environment only)

  // Reminder e-mail (server/mail/). No --smtp-url: reminders are not mailed.
  std::string smtp_url;                            // KEYLEDGER_SMTP_URL: smtp://host:587 or smtps://host:465
  bool smtp_starttls = false;                      // KEYLEDGER_SMTP_STARTTLS: require STARTTLS on smtp://
  std::string smtp_ca_file;                        // KEYLEDGER_SMTP_CA_FILE: PEM CAs to trust (default: the system's)
  std::string smtp_user;                           // KEYLEDGER_SMTP_USER
  std::string smtp_password;                       // KEYLEDGER_SMTP_PASSWORD (environment only)
  std::string mail_from = "keyledger@localhost";   // KEYLEDGER_MAIL_FROM
  std::string public_url = "http://localhost:8080";  // KEYLEDGER_PUBLIC_URL: links in mails
  int mail_retry_base_ms = 30000;                  // KEYLEDGER_MAIL_RETRY_BASE_MS: first retry delay

  std::string host;   // split from listen
  uint16_t port = 0;  // split from listen
};

struct VerifyConfig {
  std::filesystem::path data_dir;
};

// Either a command to run or an exit code (after --help, or a usage error already printed).
using CommandLine = std::variant<ServeConfig, VerifyConfig, int>;

// Parses argv and the environment. Prints help and usage errors itself.
CommandLine ParseCommandLine(int argc, const char* const* argv);

// Splits "HOST:PORT" ("[::1]:8080" for IPv6); nullopt if malformed.
std::optional<std::pair<std::string, uint16_t>> SplitHostPort(const std::string& listen);

}  // namespace keyledger::server
