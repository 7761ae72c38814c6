// Snapshot container I/O with POSIX calls: std::ofstream cannot fsync, and a snapshot that is
// renamed into place before its bytes are durable could be empty after a power cut.
#include "projections/snapshot_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "store/crc32c.h"

namespace keyledger::projections {
namespace {

constexpr char kMagic[8] = {'K', 'L', 'P', 'S', 'N', 'A', 'P', '\0'};
constexpr size_t kHeaderSize = 40;

void PutU32(std::string& s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void PutU64(std::string& s, uint64_t v) {
  for (int i = 0; i < 8; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
uint32_t GetU32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}
uint64_t GetU64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

uint32_t Checksum(const char* header_tail, const std::string& payload) {
  uint32_t crc = store::crc32c::Value(header_tail, kHeaderSize - 16);
  crc = store::crc32c::Extend(crc, payload.data(), payload.size());
  return store::crc32c::Mask(crc);
}

SnapshotError IoError(const std::string& what) {
  return SnapshotError{SnapshotError::Code::kIOError, what + ": " + std::strerror(errno)};
}

bool WriteAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

}  // namespace

Result<Ok, SnapshotError> WriteSnapshotFile(const std::filesystem::path& path,
                                            const SnapshotData& data, uint32_t format_version) {
  std::string header(kMagic, sizeof(kMagic));
  PutU32(header, format_version);
  PutU32(header, 0);  // checksum placeholder, filled below
  PutU64(header, data.last_seq.value);
  PutU64(header, data.payload.size());
  PutU64(header, 0);
  const uint32_t crc = Checksum(header.data() + 16, data.payload);
  for (int i = 0; i < 4; ++i) header[12 + i] = static_cast<char>((crc >> (8 * i)) & 0xff);

  const std::filesystem::path tmp = path.string() + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Fail(IoError("open " + tmp.string()));
  bool ok = WriteAll(fd, header.data(), header.size()) &&
            WriteAll(fd, data.payload.data(), data.payload.size()) && ::fsync(fd) == 0;
  if (!ok) {
    SnapshotError err = IoError("write " + tmp.string());
    ::close(fd);
    ::unlink(tmp.c_str());
    return Fail(std::move(err));
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    SnapshotError err = IoError("rename " + tmp.string());
    ::unlink(tmp.c_str());
    return Fail(std::move(err));
  }
  // The rename itself is only durable once the directory entry is synced.
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Ok{};
}

Result<SnapshotData, SnapshotError> ReadSnapshotFile(const std::filesystem::path& path,
                                                     uint32_t expected_version) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(SnapshotError{SnapshotError::Code::kMissing, path.string() + " not found"});
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto corrupt = [&](const std::string& why) {
    return Fail(SnapshotError{SnapshotError::Code::kCorrupt, path.string() + ": " + why});
  };
  if (bytes.size() < kHeaderSize) return corrupt("shorter than the header");
  if (std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) return corrupt("bad magic");
  const uint32_t version = GetU32(bytes.data() + 8);
  if (version != expected_version) {
    return Fail(SnapshotError{SnapshotError::Code::kWrongVersion,
                              path.string() + ": format version " + std::to_string(version) +
                                  ", expected " + std::to_string(expected_version)});
  }
  const uint32_t stored_crc = GetU32(bytes.data() + 12);
  const uint64_t last_seq = GetU64(bytes.data() + 16);
  const uint64_t length = GetU64(bytes.data() + 24);
  if (length != bytes.size() - kHeaderSize) return corrupt("payload length mismatch");
  SnapshotData data{Seq(last_seq), bytes.substr(kHeaderSize)};
  if (Checksum(bytes.data() + 16, data.payload) != stored_crc) return corrupt("checksum mismatch");
  return data;
}

}  // namespace keyledger::projections
