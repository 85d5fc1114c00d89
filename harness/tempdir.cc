#include "harness/tempdir.h"

#include <stdlib.h>
#include <string.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace sysport {

TempDir::TempDir(const std::string& prefix) {
  const char* base = getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/" + prefix + "-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data())) {
    throw std::runtime_error("cannot create a temporary directory " + pattern + ": " + strerror(errno));
  }
  path_ = buf.data();
}

TempDir::~TempDir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  // A case may leave a directory without write or search permission; restore them first
  // so that removal cannot fail half-way for a non-root user.
  for (auto it = fs::recursive_directory_iterator(path_, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) {
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
  }
  fs::remove_all(path_, ec);
}

}  // namespace sysport
