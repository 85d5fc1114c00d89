// The runner's translation tables: Darwin numbers from tables/darwin/, host numbers from
// the host C library, matched by name. Each expectation is a fact of one system or the other.
#include "harness/darwin/xnu_abi.h"

#include <errno.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>

namespace sysport::darwin {
namespace {

TEST(XnuAbi, SyscallNamesAndReservedSlots) {
  EXPECT_STREQ(syscall_name(1), "exit");
  EXPECT_STREQ(syscall_name(20), "getpid");
  EXPECT_STREQ(syscall_name(37), "kill");
  EXPECT_STREQ(syscall_name(136), "mkdir");
  EXPECT_STREQ(syscall_name(475), "mkdirat");
  EXPECT_EQ(syscall_name(21), nullptr);  // old mount: no entry point, so no name
  EXPECT_STREQ(reserved_syscall_comment(21), "old mount");
  EXPECT_EQ(reserved_syscall_comment(20), nullptr);
  EXPECT_GT(syscall_count(), 475);
}

TEST(XnuAbi, DarwinErrnoValuesDifferFromLinux) {
  EXPECT_EQ(darwin_errno_from_host(EEXIST), 17);        // the same on both
  EXPECT_EQ(darwin_errno_from_host(ENOTEMPTY), 66);     // Linux 39
  EXPECT_EQ(darwin_errno_from_host(ENAMETOOLONG), 63);  // Linux 36
  EXPECT_EQ(darwin_errno_from_host(ENOSYS), 78);        // Linux 38
  EXPECT_EQ(darwin_errno_from_host(EAGAIN), 35);        // Linux 11
  EXPECT_STREQ(errno_name(63), "ENAMETOOLONG");
  EXPECT_STREQ(errno_name(78), "ENOSYS");
}

TEST(XnuAbi, HostErrnoWithoutADarwinTwinHasNoTranslation) {
  EXPECT_EQ(darwin_errno_from_host(EUCLEAN), std::nullopt);  // Linux-only
  EXPECT_EQ(darwin_errno_from_host(EKEYREVOKED), std::nullopt);
}

TEST(XnuAbi, SignalsTranslateByName) {
  EXPECT_EQ(host_signal_from_darwin(30), SIGUSR1);  // Darwin SIGUSR1 is 30, Linux 10
  EXPECT_EQ(host_signal_from_darwin(31), SIGUSR2);
  EXPECT_EQ(host_signal_from_darwin(15), SIGTERM);
  EXPECT_EQ(host_signal_from_darwin(9), SIGKILL);
  EXPECT_EQ(host_signal_from_darwin(20), SIGCHLD);  // Linux 17
  EXPECT_EQ(darwin_signal_from_host(SIGUSR1), 30);
  EXPECT_EQ(darwin_signal_from_host(SIGBUS), 10);  // Linux 7
  EXPECT_STREQ(signal_name(30), "SIGUSR1");
  EXPECT_EQ(signal_count(), 32);
}

TEST(XnuAbi, EverySignalWithATwinRoundTrips) {
  int twins = 0;
  for (int s = 1; s < signal_count(); ++s) {
    const auto host = host_signal_from_darwin(s);
    if (!host) continue;
    ++twins;
    EXPECT_EQ(darwin_signal_from_host(*host), s) << signal_name(s);
  }
  EXPECT_EQ(twins, 29);  // all but SIGEMT and SIGINFO
}

TEST(XnuAbi, SignalsGlibcSpellsDifferently) {
  EXPECT_EQ(host_signal_from_darwin(23), SIGIO);  // Darwin SIGIO; glibc abbreviates it "POLL"
  EXPECT_EQ(darwin_signal_from_host(SIGIO), 23);
}

TEST(XnuAbi, DarwinOnlySignalsHaveNoHostTwin) {
  EXPECT_EQ(host_signal_from_darwin(7), std::nullopt);   // SIGEMT
  EXPECT_EQ(host_signal_from_darwin(29), std::nullopt);  // SIGINFO
  EXPECT_EQ(darwin_signal_from_host(SIGPWR), std::nullopt);
}

TEST(XnuAbi, OpenFlagsTranslate) {
  uint64_t unknown = 0;
  // Darwin O_WRONLY|O_CREAT|O_TRUNC is 0x601; Linux's bits differ (0x241 on x86-64).
  EXPECT_EQ(host_open_flags(0x601, &unknown), O_WRONLY | O_CREAT | O_TRUNC);
  EXPECT_EQ(unknown, 0u);
  EXPECT_EQ(host_open_flags(0x100000, &unknown), O_RDONLY | O_DIRECTORY);
  EXPECT_EQ(host_open_flags(0xa02, &unknown), O_RDWR | O_CREAT | O_EXCL);
  EXPECT_EQ(describe_open_flags(0x601), "O_WRONLY|O_CREAT|O_TRUNC");
}

TEST(XnuAbi, OpenFlagsWithoutATranslationAreReported) {
  uint64_t unknown = 0;
  EXPECT_EQ(host_open_flags(0x10 | 0x1, &unknown), std::nullopt);  // O_SHLOCK: BSD only
  EXPECT_EQ(unknown, 0x10u);
  EXPECT_EQ(describe_open_flags(0x11), "O_WRONLY|0x10");
}

TEST(XnuAbi, AtValues) {
  EXPECT_EQ(darwin_at_fdcwd(), -2);  // Linux -100
  EXPECT_EQ(darwin_at_removedir(), 0x80);
}

}  // namespace
}  // namespace sysport::darwin
