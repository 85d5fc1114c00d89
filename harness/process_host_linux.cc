// The process layer's Linux host: a pidfd says when the child ends, /proc lists a group.
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "harness/process_host.h"

namespace sysport::process_host {

const char* name() { return "linux"; }

int pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int exit_watch_fd(pid_t pid) {
  // pidfd_open is Linux 5.3; glibc 2.36 wraps it, bookworm's headers may not: the raw call.
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

std::optional<bool> others_alive_before_kill(pid_t pgid, pid_t leader) {
  DIR* proc = opendir("/proc");
  if (!proc) return std::nullopt;
  bool found = false;
  while (dirent* entry = readdir(proc)) {
    char* end = nullptr;
    const long pid = strtol(entry->d_name, &end, 10);
    if (*end != '\0' || pid <= 0 || pid == leader) continue;
    std::ifstream stat("/proc/" + std::string(entry->d_name) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    // After the parenthesised command name (which may hold spaces and ')'): state ppid pgrp.
    const auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 1));
    char state = 0;
    long ppid = 0, pgrp = 0;
    rest >> state >> ppid >> pgrp;
    if (pgrp == pgid && state != 'Z') {
      found = true;
      break;
    }
  }
  closedir(proc);
  return found;
}

bool group_outlived_leader(pid_t pgid) { return kill(-pgid, 0) == 0; }

const char* signal_abbreviation(int signal) { return sigabbrev_np(signal); }

}  // namespace sysport::process_host
