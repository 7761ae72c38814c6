// What keyledger accepts as an e-mail address: a plain addr-spec (local@domain, RFC 5321 sizes),
// never a display name, a comment or a list. Checked where an address enters (user create and
// update) and again where it leaves (composing a mail), so no stored text can add a recipient
// or a header.
#pragma once

#include <string_view>

namespace keyledger::server::mail {

// True for "local@domain" with an atext/dot local part (1..64) and a hostname domain (1..253),
// 254 bytes at most, no whitespace or control characters.
bool IsMailAddress(std::string_view address);

// The domain part of a valid address ("" if invalid).
std::string_view DomainOf(std::string_view address);

}  // namespace keyledger::server::mail
