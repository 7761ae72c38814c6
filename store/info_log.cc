#include "store/info_log.h"

#include <rocksdb/env.h>
#include <sys/time.h>

#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <string>
#include <system_error>

namespace keyledger::store {
namespace {

constexpr std::uintmax_t kRotateAtBytes = 16u << 20;

class StdioInfoLog : public rocksdb::Logger {
 public:
  explicit StdioInfoLog(std::FILE* file) : Logger(rocksdb::InfoLogLevel::INFO_LEVEL), file_(file) {}
  ~StdioInfoLog() override { CloseFile(); }

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    if (file_ == nullptr) return;
    va_list copy;
    va_copy(copy, ap);
    const int length = std::vsnprintf(nullptr, 0, format, copy);
    va_end(copy);
    if (length < 0) return;
    std::string line(Timestamp());
    const size_t start = line.size();
    line.resize(start + static_cast<size_t>(length) + 1);
    std::vsnprintf(line.data() + start, static_cast<size_t>(length) + 1, format, ap);
    line.back() = '\n';
    std::fwrite(line.data(), 1, line.size(), file_);  // a failed write is simply lost
    std::fflush(file_);
  }

 protected:
  rocksdb::Status CloseImpl() override {
    CloseFile();
    return rocksdb::Status::OK();
  }

 private:
  static std::string Timestamp() {
    timeval now{};
    ::gettimeofday(&now, nullptr);
    std::tm local{};
    ::localtime_r(&now.tv_sec, &local);
    char text[40];
    std::snprintf(text, sizeof text, "%04d/%02d/%02d-%02d:%02d:%02d.%06ld ", local.tm_year + 1900,
                  local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec,
                  static_cast<long>(now.tv_usec));
    return text;
  }
  void CloseFile() {
    if (file_ != nullptr) std::fclose(file_);
    file_ = nullptr;
  }

  std::FILE* file_;
};

}  // namespace

std::shared_ptr<rocksdb::Logger> OpenInfoLog(const std::filesystem::path& dir) {
  const std::filesystem::path path = dir / "LOG";
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) > kRotateAtBytes && !ec) {
    std::filesystem::rename(path, dir / "LOG.old", ec);
  }
  return std::make_shared<StdioInfoLog>(std::fopen(path.c_str(), "a"));
}

}  // namespace keyledger::store
