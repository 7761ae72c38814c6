#include "server/mail/mail_address.h"

#include <cstring>

namespace keyledger::server::mail {
namespace {

bool IsAtext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return c != '\0' && std::strchr("!#$%&'*+/=?^_`{|}~-", c) != nullptr;
}

bool IsDotAtom(std::string_view s, bool (*allowed)(char)) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char previous = 0;
  for (char c : s) {
    if (c == '.' && previous == '.') return false;
    if (c != '.' && !allowed(c)) return false;
    previous = c;
  }
  return true;
}

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace

bool IsMailAddress(std::string_view address) {
  if (address.size() > 254) return false;
  size_t at = address.rfind('@');
  if (at == std::string_view::npos) return false;
  std::string_view local = address.substr(0, at);
  std::string_view domain = address.substr(at + 1);
  return local.size() <= 64 && domain.size() <= 253 && IsDotAtom(local, IsAtext) && IsDotAtom(domain, IsHostChar);
}

std::string_view DomainOf(std::string_view address) {
  if (!IsMailAddress(address)) return {};
  return address.substr(address.rfind('@') + 1);
}

}  // namespace keyledger::server::mail
