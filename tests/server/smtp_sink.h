// The SMTP sink of the mail tests: smtp_sink.py (Debian's python3-aiosmtpd) on a loopback port,
// and the mails it accepted, parsed back (headers unfolded, RFC 2047 subjects and the base64 body
// decoded by this file's own small decoder, not the server's encoder).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/server/child_process.h"

namespace keyledger::testing {

struct SinkMail {
  std::string rcpt;                                          // the envelope recipient(s)
  std::vector<std::pair<std::string, std::string>> headers;  // unfolded, raw values, in order
  std::string subject;                                       // decoded
  std::string body;                                          // decoded
  std::string Header(const std::string& name) const;         // first one, "" if none
  size_t HeaderCount(const std::string& name) const;
};

class SmtpSink {
 public:
  SmtpSink();   // picks a port and a folder; does not start
  ~SmtpSink();  // kills the sink, removes the folder
  void Start();  // (again after Stop: same port, same folder)
  // Offers STARTTLS with this certificate and refuses mail without it; call before Start.
  void RequireStartTls(std::filesystem::path cert, std::filesystem::path key) {
    cert_ = std::move(cert);
    key_ = std::move(key);
  }
  void Stop();   // SIGKILL: the mail server is gone
  std::string Url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  void SetRefusing(bool on);
  void SetHolding(bool on);
  std::vector<SinkMail> Mails() const;
  // Waits until at least `n` mails arrived (or the timeout passed); returns all of them.
  std::vector<SinkMail> WaitForMails(size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;

 private:
  void Flag(const char* name, bool on);
  uint16_t port_;
  std::filesystem::path dir_;
  std::filesystem::path cert_, key_;
  std::unique_ptr<ChildProcess> process_;
};

// RFC 2047 "=?UTF-8?B?...?=" words in `value` decoded (whitespace between words dropped).
std::string DecodeHeaderWords(const std::string& value);
std::string DecodeBase64(const std::string& text);

}  // namespace keyledger::testing
