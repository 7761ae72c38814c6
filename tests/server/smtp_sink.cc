#include "tests/server/smtp_sink.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#ifndef KEYLEDGER_TEST_SMTP_SINK
#error "KEYLEDGER_TEST_SMTP_SINK must name tests/server/smtp_sink.py"
#endif

namespace keyledger::testing {

std::string DecodeBase64(const std::string& text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = value(c);
    if (v < 0) continue;  // line breaks, padding
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

std::string DecodeHeaderWords(const std::string& value) {
  std::string out;
  size_t i = 0;
  bool last_was_word = false;
  while (i < value.size()) {
    if (value.compare(i, 10, "=?UTF-8?B?") == 0) {
      size_t end = value.find("?=", i + 10);
      if (end == std::string::npos) break;
      out += DecodeBase64(value.substr(i + 10, end - i - 10));
      i = end + 2;
      last_was_word = true;
      continue;
    }
    if (last_was_word && (value[i] == ' ' || value[i] == '\t')) {
      size_t next = value.find_first_not_of(" \t", i);
      if (next != std::string::npos && value.compare(next, 10, "=?UTF-8?B?") == 0) {
        i = next;
        continue;
      }
    }
    out.push_back(value[i++]);
    last_was_word = false;
  }
  return out;
}

std::string SinkMail::Header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return {};
}

size_t SinkMail::HeaderCount(const std::string& name) const {
  return static_cast<size_t>(std::count_if(headers.begin(), headers.end(), [&](const auto& h) {
    return strcasecmp(h.first.c_str(), name.c_str()) == 0;
  }));
}

SmtpSink::SmtpSink() : port_(FreeLoopbackPort()) {
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() / ("keyledger-smtp-sink-" + std::to_string(rd()));
  std::filesystem::create_directories(dir_);
}

SmtpSink::~SmtpSink() {
  Stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void SmtpSink::Start() {
  std::vector<std::string> argv{"/usr/bin/python3", KEYLEDGER_TEST_SMTP_SINK, "--dir", dir_.string(), "--port",
                                std::to_string(port_)};
  if (!cert_.empty()) {
    argv.insert(argv.end(), {"--starttls-cert", cert_.string(), "--starttls-key", key_.string()});
  }
  process_ = std::make_unique<ChildProcess>(argv);
  ASSERT_TRUE(process_->WaitForLine("READY", std::chrono::seconds(20))) << "the SMTP sink did not start";
}

void SmtpSink::Stop() {
  if (process_) process_->Kill(SIGKILL);
  process_.reset();
}

void SmtpSink::Flag(const char* name, bool on) {
  auto path = dir_ / name;
  if (on) std::ofstream(path) << "1";
  else std::filesystem::remove(path);
}

void SmtpSink::SetRefusing(bool on) { Flag("refuse", on); }
void SmtpSink::SetHolding(bool on) { Flag("hold", on); }

std::vector<SinkMail> SmtpSink::Mails() const {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    if (entry.path().extension() == ".eml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<SinkMail> mails;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    SinkMail mail;
    size_t pos = 0;
    bool in_headers = true;
    std::string body;
    while (pos < text.size()) {
      size_t eol = text.find('\n', pos);
      if (eol == std::string::npos) eol = text.size();
      std::string line = text.substr(pos, eol - pos);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      pos = eol + 1;
      if (!in_headers) {
        body += line;
        continue;
      }
      if (line.empty()) {
        in_headers = false;
      } else if ((line[0] == ' ' || line[0] == '\t') && !mail.headers.empty()) {
        mail.headers.back().second += line;  // unfold, keeping the leading space
      } else if (size_t colon = line.find(':'); colon != std::string::npos) {
        std::string value = line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.erase(0, 1);
        mail.headers.emplace_back(line.substr(0, colon), value);
      }
    }
    mail.rcpt = mail.Header("X-Sink-Rcpt");
    mail.subject = DecodeHeaderWords(mail.Header("Subject"));
    mail.body = DecodeBase64(body);
    mails.push_back(std::move(mail));
  }
  return mails;
}

std::vector<SinkMail> SmtpSink::WaitForMails(size_t n, std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto mails = Mails();
    if (mails.size() >= n || std::chrono::steady_clock::now() >= deadline) return mails;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace keyledger::testing
