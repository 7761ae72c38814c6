// Snapshot container I/O with POSIX calls: std::ofstream cannot fsync, and a snapshot that is
// renamed into place before its bytes are durable could be empty after a power cut.
#include "projections/snapshot_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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

// Reads exactly n bytes; false on an error or an early end of file.
bool ReadAll(int fd, char* p, size_t n) {
  while (n > 0) {
    ssize_t r = ::read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<size_t>(r);
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
  // One read(2) loop straight into the payload string: the file is hundreds of MB on a big log.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Fail(SnapshotError{SnapshotError::Code::kMissing, path.string() + " not found"});
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  auto corrupt = [&](const std::string& why) {
    return Fail(SnapshotError{SnapshotError::Code::kCorrupt, path.string() + ": " + why});
  };
  struct stat st {};
  if (::fstat(fd, &st) != 0) return corrupt(std::string("cannot stat: ") + std::strerror(errno));
  const uint64_t file_size = static_cast<uint64_t>(st.st_size);
  char header[kHeaderSize];
  if (file_size < kHeaderSize || !ReadAll(fd, header, kHeaderSize)) return corrupt("shorter than the header");
  if (std::memcmp(header, kMagic, sizeof(kMagic)) != 0) return corrupt("bad magic");
  const uint32_t version = GetU32(header + 8);
  if (version != expected_version) {
    return Fail(SnapshotError{SnapshotError::Code::kWrongVersion,
                              path.string() + ": format version " + std::to_string(version) +
                                  ", expected " + std::to_string(expected_version)});
  }
  const uint32_t stored_crc = GetU32(header + 12);
  const uint64_t last_seq = GetU64(header + 16);
  const uint64_t length = GetU64(header + 24);
  if (length != file_size - kHeaderSize) return corrupt("payload length mismatch");
  SnapshotData data{Seq(last_seq), std::string()};
  data.payload.resize(length);
  if (!ReadAll(fd, data.payload.data(), length)) return corrupt("payload length mismatch");
  if (Checksum(header + 16, data.payload) != stored_crc) return corrupt("checksum mismatch");
  return data;
}

}  // namespace keyledger::projections
