#include "harness/darwin/xnu_abi.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>

#include <cstring>

#include "tables/darwin/errno.h"
#include "tables/darwin/fcntl.h"
#include "tables/darwin/signals.h"
#include "tables/darwin/syscalls.h"

namespace sysport::darwin {
namespace {

struct Named {
  const char* name;
  long number;
};

#define SP_ROW(name, number) {#name, number},
const Named kSyscalls[] = {SP_SYSCALL_TABLE(SP_ROW)};
const Named kErrnos[] = {SP_ERRNO_TABLE(SP_ROW)};
const Named kSignals[] = {SP_SIGNAL_TABLE(SP_ROW)};
#undef SP_ROW
#define SP_RESERVED_ROW(number, comment) {comment, number},
const Named kReserved[] = {SP_SYSCALL_RESERVED_TABLE(SP_RESERVED_ROW)};
#undef SP_RESERVED_ROW

template <std::size_t N>
const char* name_of(const Named (&table)[N], long number) {
  for (const auto& row : table) {
    if (row.number == number) return row.name;
  }
  return nullptr;
}

template <std::size_t N>
std::optional<long> number_of(const Named (&table)[N], const char* name) {
  for (const auto& row : table) {
    if (std::strcmp(row.name, name) == 0) return row.number;
  }
  return std::nullopt;
}

// Darwin flag -> host flag, each pair by the same POSIX name.
struct FlagPair {
  const char* name;
  uint64_t darwin;
  int host;
};
const FlagPair kOpenFlags[] = {
    {"O_NONBLOCK", SP_O_NONBLOCK, O_NONBLOCK}, {"O_APPEND", SP_O_APPEND, O_APPEND},
    {"O_NOFOLLOW", SP_O_NOFOLLOW, O_NOFOLLOW}, {"O_CREAT", SP_O_CREAT, O_CREAT},
    {"O_TRUNC", SP_O_TRUNC, O_TRUNC},          {"O_EXCL", SP_O_EXCL, O_EXCL},
    {"O_NOCTTY", SP_O_NOCTTY, O_NOCTTY},       {"O_DIRECTORY", SP_O_DIRECTORY, O_DIRECTORY},
    {"O_CLOEXEC", SP_O_CLOEXEC, O_CLOEXEC},
};

// glibc's sigabbrev_np spells a signal that has two names one way only ("POLL" for SIGIO,
// which Darwin calls SIGIO): the other spellings, with this host's own values.
struct HostAlias {
  const char* name;
  int host;
};
const HostAlias kHostSignalAliases[] = {{"SIGIO", SIGIO}, {"SIGPOLL", SIGPOLL}, {"SIGIOT", SIGIOT}, {"SIGCLD", SIGCHLD}};

}  // namespace

const char* xnu_tag() { return SP_XNU_TAG; }

const char* syscall_name(long number) { return name_of(kSyscalls, number); }
const char* reserved_syscall_comment(long number) { return name_of(kReserved, number); }
long syscall_count() { return SP_SYSCALL_NSYSENT; }

const char* errno_name(int darwin_errno) { return name_of(kErrnos, darwin_errno); }

std::string host_errno_name(int host_errno) {
  const char* name = strerrorname_np(host_errno);
  return name ? name : "errno " + std::to_string(host_errno);
}

std::optional<int> darwin_errno_from_host(int host_errno) {
  const char* name = strerrorname_np(host_errno);
  if (!name) return std::nullopt;
  if (auto n = number_of(kErrnos, name)) return static_cast<int>(*n);
  // glibc names EWOULDBLOCK and EDEADLOCK by their aliases' canonical spellings already;
  // Darwin's alias table covers the other direction.
#define SP_ALIAS(alias, canonical) \
  if (std::strcmp(name, #alias) == 0) return SP_ERRNO_##canonical;
  SP_ERRNO_ALIAS_TABLE(SP_ALIAS)
#undef SP_ALIAS
  return std::nullopt;
}

const char* signal_name(int darwin_signal) { return name_of(kSignals, darwin_signal); }
int signal_count() { return SP_SIGNAL_NSIG; }

std::optional<int> host_signal_from_darwin(int darwin_signal) {
  const char* name = signal_name(darwin_signal);
  if (!name) return std::nullopt;
  for (int s = 1; s < NSIG; ++s) {
    const char* abbrev = sigabbrev_np(s);  // "USR1" for SIGUSR1
    if (abbrev && std::strcmp(abbrev, name + 3) == 0) return s;
  }
  for (const auto& alias : kHostSignalAliases) {
    if (std::strcmp(alias.name, name) == 0) return alias.host;
  }
  return std::nullopt;
}

std::optional<int> darwin_signal_from_host(int host_signal) {
  const char* abbrev = sigabbrev_np(host_signal);
  if (!abbrev) return std::nullopt;
  const std::string name = std::string("SIG") + abbrev;
  if (auto n = number_of(kSignals, name.c_str())) return static_cast<int>(*n);
  for (const auto& alias : kHostSignalAliases) {
    if (alias.host != host_signal) continue;
    if (auto n = number_of(kSignals, alias.name)) return static_cast<int>(*n);
  }
  return std::nullopt;
}

std::optional<int> host_open_flags(uint64_t darwin_flags, uint64_t* unknown) {
  int host = 0;
  switch (darwin_flags & SP_O_ACCMODE) {
    case SP_O_RDONLY:
      host = O_RDONLY;
      break;
    case SP_O_WRONLY:
      host = O_WRONLY;
      break;
    case SP_O_RDWR:
      host = O_RDWR;
      break;
    default:  // 3: no access mode; XNU answers EINVAL, which the caller can't see here
      host = O_ACCMODE;
      break;
  }
  uint64_t rest = darwin_flags & ~static_cast<uint64_t>(SP_O_ACCMODE);
  for (const auto& f : kOpenFlags) {
    if (rest & f.darwin) {
      host |= f.host;
      rest &= ~f.darwin;
    }
  }
  if (unknown) *unknown = rest;
  if (rest) return std::nullopt;
  return host;
}

std::string describe_open_flags(uint64_t darwin_flags) {
  std::string s;
  switch (darwin_flags & SP_O_ACCMODE) {
    case SP_O_RDONLY:
      s = "O_RDONLY";
      break;
    case SP_O_WRONLY:
      s = "O_WRONLY";
      break;
    case SP_O_RDWR:
      s = "O_RDWR";
      break;
    default:
      s = "O_ACCMODE";
  }
  uint64_t rest = darwin_flags & ~static_cast<uint64_t>(SP_O_ACCMODE);
  for (const auto& f : kOpenFlags) {
    if (rest & f.darwin) {
      s += std::string("|") + f.name;
      rest &= ~f.darwin;
    }
  }
  if (rest) {
    char hex[32];
    snprintf(hex, sizeof hex, "|0x%llx", static_cast<unsigned long long>(rest));
    s += hex;
  }
  return s;
}

int darwin_at_fdcwd() { return SP_AT_FDCWD; }
int darwin_at_removedir() { return SP_AT_REMOVEDIR; }

}  // namespace sysport::darwin
