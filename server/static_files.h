// StaticFiles: serves the dashboard's built files from one directory, with index.html for
// client-side routes. Paths that could leave the directory are refused.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "server/http_types.h"

namespace keyledger::server {

// Thread-safe (immutable after construction). Serve blocks on file reads (small files).
class StaticFiles {
 public:
  // `root` must exist; it is canonicalised once.
  explicit StaticFiles(const std::filesystem::path& root);

  // The file for GET `path` (undecoded request path): 200 with its content type, index.html for
  // extension-less paths that name no file (client routes), 404 not_found otherwise. Any ".."
  // segment, backslash, NUL or symlink leading outside the root is answered 404.
  Response Serve(std::string_view path) const;

  static std::string_view ContentTypeFor(const std::filesystem::path& file);

 private:
  std::optional<std::filesystem::path> Resolve(std::string_view path) const;
  std::filesystem::path root_;
};

}  // namespace keyledger::server
