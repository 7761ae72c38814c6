// UTF-8 decode → fold → erase (中国) markers → drop separators (remembering where each token
// starts) → strip legal-form suffixes from the end. The tokens sit back to back in the output, so
// removing the last token or a suffix of it is just a truncation: no per-token strings.
#include "domain/conflict/name_normaliser.h"

#include <array>
#include <vector>

namespace keyledger::domain {
namespace {

// Decodes one code point; on invalid input advances one byte and returns 0xFFFFFFFF.
char32_t Next(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) -> int { return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80 ? static_cast<unsigned char>(s[i + k]) & 0x3F : -1; };
  if (b0 < 0x80) { ++i; return b0; }
  if ((b0 & 0xE0) == 0xC0) {
    int c1 = cont(1);
    if (c1 >= 0 && b0 >= 0xC2) { i += 2; return static_cast<char32_t>(((b0 & 0x1F) << 6) | c1); }
  } else if ((b0 & 0xF0) == 0xE0) {
    int c1 = cont(1), c2 = c1 >= 0 ? cont(2) : -1;
    if (c2 >= 0) {
      char32_t cp = static_cast<char32_t>(((b0 & 0x0F) << 12) | (c1 << 6) | c2);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) { i += 3; return cp; }
    }
  } else if ((b0 & 0xF8) == 0xF0) {
    int c1 = cont(1), c2 = c1 >= 0 ? cont(2) : -1, c3 = c2 >= 0 ? cont(3) : -1;
    if (c3 >= 0) {
      char32_t cp = static_cast<char32_t>(((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3);
      if (cp >= 0x10000 && cp <= 0x10FFFF) { i += 4; return cp; }
    }
  }
  ++i;
  return 0xFFFFFFFF;
}

void Append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char32_t Fold(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
  if (cp == 0x3000 || cp == 0x00A0) cp = U' ';
  if (cp >= U'A' && cp <= U'Z') cp += 32;
  return cp;
}

bool IsSeparator(char32_t cp) {
  if (cp < 0x80) return !((cp >= U'a' && cp <= U'z') || (cp >= U'0' && cp <= U'9') || (cp >= U'A' && cp <= U'Z'));
  return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0x00B7 || cp == 0xFFFFFFFF;
}

void FoldInto(std::string_view name, std::string& out) {
  out.clear();
  for (size_t i = 0; i < name.size();) {
    const size_t begin = i;
    const char32_t cp = Next(name, i);
    if (cp == 0xFFFFFFFF) continue;
    const char32_t folded = Fold(cp);
    // Most code points (all CJK ideographs) fold to themselves: copy their valid bytes whole.
    if (folded == cp) {
      out.append(name.data() + begin, i - begin);
    } else {
      Append(out, folded);
    }
  }
}

void EraseAll(std::string& s, std::string_view what) {
  for (size_t pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos)) s.replace(pos, what.size(), " ");
}

// Copies `folded` without its separators into `out`; `starts` gets the offset in `out` where each
// token (maximal run of non-separators) begins. `folded` is valid UTF-8 (FoldInto re-encodes), so
// a code point's bytes can be copied as they are.
void Compact(std::string_view folded, std::string& out, std::vector<size_t>& starts) {
  out.clear();
  starts.clear();
  bool in_token = false;
  for (size_t i = 0; i < folded.size();) {
    const size_t begin = i;
    const char32_t cp = Next(folded, i);
    if (IsSeparator(cp)) {
      in_token = false;
      continue;
    }
    if (!in_token) starts.push_back(out.size());
    in_token = true;
    out.append(folded.data() + begin, i - begin);
  }
}

constexpr std::array<std::string_view, 10> kEnglishSuffixes = {"co", "ltd", "limited", "inc", "incorporated", "corp",
                                                               "corporation", "group", "company", "llc"};
// Longest first, so 股份有限公司 is removed whole rather than leaving 股份.
constexpr std::array<std::string_view, 8> kChineseSuffixes = {"集团股份有限公司", "集团有限公司", "股份有限公司", "有限责任公司",
                                                              "股份公司", "有限公司", "集团", "公司"};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The length of `key` (tokens back to back, token k starting at starts[k]) once trailing legal
// forms are stripped: a whole English or Chinese suffix token goes unless it is the only token;
// a Chinese suffix glued to the end of the last token is cut off unless it is all there is.
size_t StrippedLength(std::string_view key, const std::vector<size_t>& starts) {
  size_t end = key.size();
  size_t tokens = starts.size();
  bool changed = true;
  while (changed && tokens > 0) {
    changed = false;
    const std::string_view last = key.substr(starts[tokens - 1], end - starts[tokens - 1]);
    for (auto suffix : kEnglishSuffixes) {
      if (last == suffix && tokens > 1) {
        end = starts[--tokens];
        changed = true;
        break;
      }
    }
    if (changed) continue;
    for (auto suffix : kChineseSuffixes) {
      if (last == suffix && tokens > 1) {
        end = starts[--tokens];
        changed = true;
        break;
      }
      if (last.size() > suffix.size() && EndsWith(last, suffix)) {
        end -= suffix.size();
        changed = true;
        break;
      }
    }
  }
  return end;
}

// Per-thread scratch, so that a warm normalisation allocates nothing.
struct Scratch {
  std::string folded;
  std::vector<size_t> starts;
};
Scratch& LocalScratch() {
  thread_local Scratch scratch;
  return scratch;
}

}  // namespace

// `name` is read completely into the scratch before `out` is written, so it may alias `out`.
void NormaliseProjectNameInto(std::string_view name, std::string& out) {
  Scratch& s = LocalScratch();
  FoldInto(name, s.folded);
  Compact(s.folded, out, s.starts);
}

void NormaliseCompanyNameInto(std::string_view name, std::string& out) {
  Scratch& s = LocalScratch();
  FoldInto(name, s.folded);
  EraseAll(s.folded, "(中国)");
  EraseAll(s.folded, "(china)");
  Compact(s.folded, out, s.starts);
  // Stripping never empties a non-empty key (StrippedLength keeps the last token), but keep the
  // unstripped key if it ever would, as documented.
  if (const size_t end = StrippedLength(out, s.starts); end > 0) out.resize(end);
}

std::string NormaliseProjectName(std::string_view name) {
  std::string out;
  NormaliseProjectNameInto(name, out);
  return out;
}

std::string NormaliseCompanyName(std::string_view name) {
  std::string out;
  NormaliseCompanyNameInto(name, out);
  return out;
}

}  // namespace keyledger::domain
