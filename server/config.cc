// CLI11 wiring. CLI11 itself ranks a config file above the environment, so the environment is
// spliced into the arguments instead (before the user's own flags, which then win): flags > env
// > file holds.
#include "server/config.h"

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

namespace keyledger::server {

std::optional<std::pair<std::string, uint16_t>> SplitHostPort(const std::string& listen) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) return std::nullopt;
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  try {
    size_t used = 0;
    int port = std::stoi(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1 || port < 0 || port > 65535) return std::nullopt;
    return std::make_pair(host, static_cast<uint16_t>(port));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

namespace {

struct EnvFlag {
  const char* env;
  const char* flag;
  bool boolean;
  bool list;
};

constexpr EnvFlag kServeEnv[] = {
    {"KEYLEDGER_DATA_DIR", "--data-dir", false, false},
    {"KEYLEDGER_LISTEN", "--listen", false, false},
    {"KEYLEDGER_MANUAL_CLOCK", "--manual-clock", true, false},
    {"KEYLEDGER_CLOCK_START", "--clock-start", false, false},
    {"KEYLEDGER_ALLOWED_ORIGIN", "--allowed-origin", false, true},
    {"KEYLEDGER_TLS_CERT", "--tls-cert", false, false},
    {"KEYLEDGER_TLS_KEY", "--tls-key", false, false},
    {"KEYLEDGER_WEB_ROOT", "--web-root", false, false},
    {"KEYLEDGER_THREADS", "--threads", false, false},
    {"KEYLEDGER_COMMAND_THREADS", "--command-threads", false, false},
    {"KEYLEDGER_CLOCK_RECHECK_MS", "--clock-recheck-ms", false, false},
    {"KEYLEDGER_LOG_LEVEL", "--log-level", false, false},
    {"KEYLEDGER_DEMO", "--demo", true, false},
    {"KEYLEDGER_SMTP_URL", "--smtp-url", false, false},
    {"KEYLEDGER_SMTP_STARTTLS", "--smtp-starttls", true, false},
    {"KEYLEDGER_SMTP_USER", "--smtp-user", false, false},
    {"KEYLEDGER_SMTP_CA_FILE", "--smtp-ca-file", false, false},
    {"KEYLEDGER_MAIL_FROM", "--mail-from", false, false},
    {"KEYLEDGER_PUBLIC_URL", "--public-url", false, false},
    {"KEYLEDGER_MAIL_RETRY_BASE_MS", "--mail-retry-base-ms", false, false},
};

std::vector<std::string> EnvArgs(std::string_view subcommand) {
  std::vector<std::string> out;
  for (const EnvFlag& e : kServeEnv) {
    if (subcommand == "verify" && std::string_view(e.flag) != "--data-dir") continue;
    const char* v = std::getenv(e.env);
    if (!v || !*v) continue;
    if (e.boolean) {
      std::string_view s(v);
      if (s == "1" || s == "true" || s == "yes" || s == "on") out.emplace_back(e.flag);
    } else if (e.list) {
      std::string_view rest(v);
      while (!rest.empty()) {
        size_t comma = rest.find(',');
        std::string item(rest.substr(0, comma));
        if (!item.empty()) out.push_back(std::string(e.flag) + "=" + item);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
    } else {
      out.push_back(std::string(e.flag) + "=" + v);
    }
  }
  return out;
}

}  // namespace

CommandLine ParseCommandLine(int argc, const char* const* argv) {
  CLI::App app{"keyledger: event-sourced key-account and project management server"};
  app.require_subcommand(1);
  app.set_config("--config", "", "TOML/INI configuration file (lowest precedence)");

  ServeConfig serve;
  auto* serve_cmd = app.add_subcommand("serve", "run the HTTP server");
  serve_cmd->add_option("--data-dir", serve.data_dir, "event log directory")->required()->take_last();
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT (port 0 picks a free one)")->take_last();
  serve_cmd->add_flag("--manual-clock", serve.manual_clock, "test clock: POST /api/test/clock moves it");
  serve_cmd->add_option("--clock-start", serve.clock_start, "manual clock start (RFC 3339)")
      ->needs(serve_cmd->get_option("--manual-clock"))->take_last();
  serve_cmd->add_option("--allowed-origin", serve.allowed_origins, "origin allowed to open the feed");
  auto* cert = serve_cmd->add_option("--tls-cert", serve.tls_cert, "PEM certificate chain")->take_last();
  auto* key = serve_cmd->add_option("--tls-key", serve.tls_key, "PEM private key")->take_last();
  cert->needs(key);
  key->needs(cert);
  serve_cmd->add_flag("--demo", serve.demo, "fill an empty data folder with a demo company");
  serve_cmd->add_option("--web-root", serve.web_root, "dashboard files (default client_web/dist)")->take_last();
  serve_cmd->add_option("--threads", serve.threads, "I/O threads")->check(CLI::Range(1, 64))->take_last();
  serve_cmd
      ->add_option("--command-threads", serve.command_threads,
                   "threads for the requests that block (writes, sign-in); as many commands share one sync")
      ->check(CLI::Range(1, 1024))
      ->take_last();
  serve_cmd->add_option("--clock-recheck-ms", serve.clock_recheck_ms,
                        "the reminder timer re-reads the wall clock at least this often, to notice clock steps")
      ->check(CLI::Range(10, 3600000))->take_last();
  serve_cmd->add_option("--log-level", serve.log_level, "debug|info|warn|error")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))->take_last();
  serve_cmd->add_option("--smtp-url", serve.smtp_url, "mail server for reminder e-mail: smtp://HOST:PORT or smtps://HOST:PORT")
      ->take_last();
  serve_cmd->add_flag("--smtp-starttls", serve.smtp_starttls, "require STARTTLS on an smtp:// server");
  serve_cmd->add_option("--smtp-ca-file", serve.smtp_ca_file, "PEM file of CAs the mail server's certificate is checked against")
      ->check(CLI::ExistingFile)->take_last();
  serve_cmd->add_option("--smtp-user", serve.smtp_user, "SMTP login (password: KEYLEDGER_SMTP_PASSWORD)")->take_last();
  serve_cmd->add_option("--mail-from", serve.mail_from, "From: address of reminder e-mail")->take_last();
  serve_cmd->add_option("--public-url", serve.public_url, "the dashboard's address, for links in e-mail")->take_last();
  serve_cmd->add_option("--mail-retry-base-ms", serve.mail_retry_base_ms, "first retry delay after a failed send (doubles, up to 1 h)")
      ->check(CLI::Range(10, 3600000))->take_last();

  VerifyConfig verify;
  auto* verify_cmd = app.add_subcommand("verify", "check the whole event log");
  verify_cmd->add_option("--data-dir", verify.data_dir, "event log directory")->required()->take_last();

  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  if (!args.empty() && (args[0] == "serve" || args[0] == "verify")) {
    auto env = EnvArgs(args[0]);
    args.insert(args.begin() + 1, env.begin(), env.end());
  }
  std::reverse(args.begin(), args.end());  // CLI11 takes a reversed vector
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (verify_cmd->parsed()) return verify;
  auto split = SplitHostPort(serve.listen);
  if (!split) {
    std::cerr << "--listen: expected HOST:PORT, got '" << serve.listen << "'\n";
    return 2;
  }
  serve.host = split->first;
  serve.port = split->second;
  // A secret stays out of flags (visible in ps) and out of config files: environment only.
  if (const char* pw = std::getenv("KEYLEDGER_ADMIN_PASSWORD")) serve.admin_password = pw;
  if (const char* pw = std::getenv("KEYLEDGER_SMTP_PASSWORD")) serve.smtp_password = pw;
  return serve;
}

}  // namespace keyledger::server
