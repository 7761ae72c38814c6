#include "server/mail/mime_message.h"

#include <sodium.h>

#include <array>
#include <cstdio>

#include "server/mail/mail_address.h"

namespace keyledger::server::mail {
namespace {

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool IsPlainAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return s.find("=?") == std::string_view::npos;
}

// Bytes of the UTF-8 sequence starting with `lead` (1 for stray continuation bytes, so a broken
// string still advances).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

bool IsMessageId(std::string_view id) {
  if (id.size() < 5 || id.front() != '<' || id.back() != '>') return false;
  std::string_view inner = id.substr(1, id.size() - 2);
  size_t at = inner.find('@');
  if (at == std::string_view::npos) return false;
  return IsMailAddress(inner);  // same dot-atom@domain shape
}

// Always RFC 2047 words: "=?UTF-8?B?" + base64 + "?=" within 75 characters leaves 63 base64
// characters, so at most 45 bytes per word, cut only between whole UTF-8 characters.
std::string EncodedWords(std::string_view utf8) {
  constexpr size_t kMaxBytes = 45;
  std::string out;
  size_t i = 0;
  while (i < utf8.size()) {
    size_t end = i;
    while (end < utf8.size()) {
      size_t next = end + SequenceLength(static_cast<unsigned char>(utf8[end]));
      if (next > utf8.size()) next = utf8.size();
      if (next - i > kMaxBytes) break;
      end = next;
    }
    if (end == i) end = i + 1;  // cannot happen for valid UTF-8; keeps a broken string moving
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(utf8.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string Mailbox(std::string_view name, std::string_view address) {
  if (name.empty()) return "<" + std::string(address) + ">";
  // A plain name still goes encoded when it holds a specials character, so it cannot be read as
  // a second address.
  bool plain = IsPlainAscii(name);
  for (char c : name) {
    if (std::string_view("()<>[]:;@\\,.\"").find(c) != std::string_view::npos) plain = false;
  }
  std::string shown = plain ? std::string(name) : EncodedWords(name);
  return shown + " <" + std::string(address) + ">";
}

std::string DateHeader(Instant t, std::chrono::minutes offset) {
  using namespace std::chrono;
  auto local = time_point_cast<seconds>(t) + offset;
  auto day = floor<days>(local);
  year_month_day ymd{day};
  hh_mm_ss<seconds> hms{local - day};
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int off = static_cast<int>(offset.count());
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %d %02d:%02d:%02d %c%02d%02d", kDays[weekday{day}.c_encoding()],
                unsigned(ymd.day()), kMonths[unsigned(ymd.month()) - 1], int(ymd.year()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()), off < 0 ? '-' : '+', std::abs(off) / 60,
                std::abs(off) % 60);
  return buf;
}

std::string WrappedBase64(std::string_view bytes) {
  std::string b64 = Base64(bytes), out;
  for (size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  return out;
}

}  // namespace

std::string EncodeHeaderText(std::string_view utf8) {
  return IsPlainAscii(utf8) ? std::string(utf8) : EncodedWords(utf8);
}

std::optional<std::string> ComposeMime(const MailMessage& m) {
  if (!IsMailAddress(m.from) || !IsMailAddress(m.to) || !IsMessageId(m.message_id)) return std::nullopt;
  std::string text;
  text += "Date: " + DateHeader(m.date, m.utc_offset) + "\r\n";
  text += "From: " + Mailbox(m.from_name, m.from) + "\r\n";
  text += "To: " + Mailbox(m.to_name, m.to) + "\r\n";
  text += "Subject: " + EncodeHeaderText(m.subject) + "\r\n";
  text += "Message-ID: " + m.message_id + "\r\n";
  text += "MIME-Version: 1.0\r\n";
  text += "Content-Type: text/plain; charset=UTF-8\r\n";
  text += "Content-Transfer-Encoding: base64\r\n";
  text += "Auto-Submitted: auto-generated\r\n";
  if (!m.kind.empty() && IsPlainAscii(m.kind)) text += "X-Keyledger-Kind: " + m.kind + "\r\n";
  text += "\r\n";
  text += WrappedBase64(m.body);
  return text;
}

std::string MessageIdFor(std::string_view delivery_id, std::string_view domain) {
  std::array<unsigned char, 16> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(delivery_id.data()),
                     delivery_id.size(), nullptr, 0);
  char hex[2 * hash.size() + 1];
  sodium_bin2hex(hex, sizeof hex, hash.data(), hash.size());
  return "<kl." + std::string(hex) + "@" + std::string(domain.empty() ? "keyledger.invalid" : domain) + ">";
}

}  // namespace keyledger::server::mail
