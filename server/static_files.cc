// Static file serving for the dashboard.
#include "server/static_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "server/http_errors.h"

namespace keyledger::server {

namespace fs = std::filesystem;

StaticFiles::StaticFiles(const fs::path& root) : root_(fs::canonical(root)) {}

std::string_view StaticFiles::ContentTypeFor(const fs::path& file) {
  std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".wasm") return "application/wasm";
  return "application/octet-stream";
}

std::optional<fs::path> StaticFiles::Resolve(std::string_view raw) const {
  auto decoded = PercentDecode(raw, false);
  if (!decoded || decoded->empty() || (*decoded)[0] != '/') return std::nullopt;
  fs::path rel;
  std::string_view rest = std::string_view(*decoded).substr(1);
  while (true) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    // Checked on the decoded text so "%2e%2e" and "..%2f" are caught too.
    if (seg == ".." || seg == "." || seg.find('\\') != std::string_view::npos ||
        seg.find('\0') != std::string_view::npos)
      return std::nullopt;
    if (!seg.empty()) rel /= std::string(seg);
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  fs::path candidate = rel.empty() ? root_ / "index.html" : root_ / rel;
  std::error_code ec;
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  fs::path real = fs::canonical(candidate, ec);
  if (ec) {
    // No such file: a client-side route (no extension) gets the app shell.
    if (rel.has_extension()) return std::nullopt;
    real = fs::canonical(root_ / "index.html", ec);
    if (ec) return std::nullopt;
  }
  // A symlink inside the root must not lead outside it.
  auto [root_end, _] = std::mismatch(root_.begin(), root_.end(), real.begin(), real.end());
  if (root_end != root_.end()) return std::nullopt;
  if (!fs::is_regular_file(real, ec)) return std::nullopt;
  return real;
}

Response StaticFiles::Serve(std::string_view path) const {
  auto file = Resolve(path);
  if (!file) return ErrorResponse({ApiErrorCode::kNotFound, "no such file", {}});
  std::ifstream in(*file, std::ios::binary);
  if (!in) return ErrorResponse({ApiErrorCode::kNotFound, "no such file", {}});
  std::ostringstream ss;
  ss << in.rdbuf();
  Response r;
  r.content_type = std::string(ContentTypeFor(*file));
  r.body = std::move(ss).str();
  // Vite's hashed assets never change; the shell must be revalidated.
  if (file->filename() == "index.html") r.With("Cache-Control", "no-cache");
  else r.With("Cache-Control", "public, max-age=3600");
  return r;
}

}  // namespace keyledger::server
