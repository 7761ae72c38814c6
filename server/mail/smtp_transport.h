// Handing one composed mail to a mail server. MailTransport is the seam the outbox sends
// through; CurlSmtpTransport is the real one (libcurl's SMTP: STARTTLS, implicit TLS, AUTH).
#pragma once

#include <chrono>
#include <string>

namespace keyledger::server::mail {

struct SendOutcome {
  bool delivered = false;  // the server accepted the message (250 after DATA)
  bool permanent = false;  // a 5xx refusal: retrying the same mail cannot succeed
  std::string answer;      // the server's last reply line, or curl's error text
};

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Blocking; called from the outbox's worker thread only.
  virtual SendOutcome Send(const std::string& from, const std::string& to, const std::string& mime) = 0;
};

struct SmtpSettings {
  std::string url;  // smtp://host:port (plain or STARTTLS) or smtps://host:port (implicit TLS)
  bool require_starttls = false;
  std::string ca_file;  // "" = the system's CA store; the certificate is always verified
  std::string user;  // "" = no AUTH
  std::string password;
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds timeout{60};  // the whole exchange
};

class CurlSmtpTransport final : public MailTransport {
 public:
  explicit CurlSmtpTransport(SmtpSettings settings);
  SendOutcome Send(const std::string& from, const std::string& to, const std::string& mime) override;

 private:
  SmtpSettings settings_;
};

}  // namespace keyledger::server::mail
