// A fresh directory for one run, removed with everything in it when it goes out of scope.
#pragma once

#include <filesystem>
#include <string>

namespace sysport {

class TempDir {
 public:
  // Created under $TMPDIR (or /tmp) as <prefix>-XXXXXX; throws std::runtime_error on failure.
  explicit TempDir(const std::string& prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace sysport
