// A minimal binary writer/reader for snapshot payloads: varints, fixed-width integers, strings.
// The reader never reads past the end; a short or malformed payload makes ok() false, which the
// loader treats like a damaged snapshot (rebuild from scratch).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace keyledger::projections {

class BinaryWriter {
 public:
  void PutVarint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void PutSigned(int64_t v) { PutVarint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void PutString(std::string_view s) {
    PutVarint(s.size());
    out_.append(s.data(), s.size());
  }
  void PutDouble(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
  }
  std::string& Buffer() { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// FNV-1a, 64 bits: the fingerprints of snapshot parts. Stable across builds, unlike std::hash.
inline uint64_t Fnv1a(std::string_view bytes, uint64_t h = 1469598103934665603ull) {
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// Borrows the bytes: they must outlive the reader.
class BinaryReader {
 public:
  explicit BinaryReader(std::string_view in) : in_(in) {}

  uint64_t GetVarint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return Bad();
      const auto b = static_cast<unsigned char>(in_[pos_++]);
      v |= uint64_t(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    return Bad();
  }
  int64_t GetSigned() {
    const uint64_t u = GetVarint();
    return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
  }
  std::string GetString() {
    const uint64_t n = GetVarint();
    if (!ok_ || n > in_.size() - pos_) {
      Bad();
      return {};
    }
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  double GetDouble() {
    if (in_.size() - pos_ < 8) {
      Bad();
      return 0;
    }
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits |= uint64_t(static_cast<unsigned char>(in_[pos_ + i])) << (8 * i);
    pos_ += 8;
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }
  bool ok() const { return ok_; }
  bool AtEnd() const { return pos_ == in_.size(); }
  size_t Remaining() const { return in_.size() - pos_; }

 private:
  uint64_t Bad() {
    ok_ = false;
    pos_ = in_.size();
    return 0;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace keyledger::projections
