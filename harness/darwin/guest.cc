#include "harness/darwin/guest.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicorn/unicorn.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>

#include "harness/darwin/macho.h"
#include "harness/darwin/xnu_abi.h"
#include "tables/darwin/fcntl.h"
#include "tables/darwin/syscalls.h"

namespace sysport::darwin {
namespace {

constexpr uint64_t kPage = 0x1000;  // Unicorn maps in 4 KiB pages; XNU's arm64 16 KiB pages are multiples
constexpr uint64_t kDefaultStack = 8 << 20;  // the main thread's default stack on macOS (8 MiB)
constexpr uint64_t kMaxPath = 1024;          // MAXPATHLEN: copyinstr answers ENAMETOOLONG past it
constexpr uint64_t kMaxTransfer = 1 << 20;   // bytes per read/write: a shorter count is a legal answer
constexpr uint64_t kNzcvCarry = 1ull << 29;  // PSTATE.C in NZCV
constexpr uint64_t kRflagsCarry = 1;         // RFLAGS.CF

// Where the runner puts what the kernel and dyld provide, in the regions macOS uses.
struct Layout {
  uint64_t stack_top;
  uint64_t dyld_stub;  // one page of code standing in for dyld's "exit(main(...))"
};
constexpr Layout kArm64Layout{0x16fe00000ull, 0x180000000ull};
constexpr Layout kX86_64Layout{0x7ff7c0000000ull, 0x7ff800000000ull};

// What dyld does when the entry returns: exit(result). libSystem's exit() would run atexit
// handlers first; a raw binary has none, so the stub goes straight to BSD exit.
//   arm64:  mov x16, #1 ; svc #0x80 ; brk #1
//   x86-64: mov %eax, %edi ; mov $0x2000001, %eax ; syscall ; hlt
constexpr uint8_t kArm64ExitStub[] = {0x30, 0x00, 0x80, 0xd2, 0x01, 0x10, 0x00, 0xd4, 0x20, 0x00, 0x20, 0xd4};
constexpr uint8_t kX86_64ExitStub[] = {0x89, 0xc7, 0xb8, 0x01, 0x00, 0x00, 0x02, 0x0f, 0x05, 0xf4};

// Unicorn's QEMU exception numbers for arm64 (target/arm/cpu.h).
constexpr uint32_t kArmExcpUdef = 1, kArmExcpSwi = 2, kArmExcpBkpt = 7;

uint64_t page_down(uint64_t v) { return v & ~(kPage - 1); }
uint64_t page_up(uint64_t v) { return (v + kPage - 1) & ~(kPage - 1); }

std::string hex(uint64_t v) {
  char buf[32];
  snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string octal(uint64_t v) {
  char buf[32];
  snprintf(buf, sizeof buf, "0%llo", static_cast<unsigned long long>(v));
  return buf;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size() && i < 48; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      char esc[8];
      snprintf(esc, sizeof esc, "\\x%02x", c);
      out += esc;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += s.size() > 48 ? "\"..." : "\"";
  return out;
}

std::string signal_text(int darwin_signal) {
  const char* name = signal_name(darwin_signal);
  return name ? name : std::to_string(darwin_signal);
}

// One trapped call, decoded: the BSD number, its six argument registers, and the answer.
struct Call {
  long number = 0;
  bool indirect = false;  // syscall(2): number 0, the real number in the first argument
  uint64_t a[6] = {};
  std::string text;       // "mkdir(\"d\", 0755)" for the trace
  bool failed = false;
  int darwin_errno = 0;
  uint64_t value = 0;     // x0/rax
  uint64_t value2 = 0;    // x1/rdx: fork's and pipe's second result; 0 otherwise
};

// What a handler wants done after it ran.
enum class Next { Return, Exit, Stop };

}  // namespace

struct Guest::Impl {
  Impl(std::string p, std::vector<std::string> av, std::vector<std::string> ev, Options o)
      : path(std::move(p)), argv(std::move(av)), envp(std::move(ev)), options(o) {}
  ~Impl() {
    if (uc) uc_close(uc);
  }

  std::string path;
  std::vector<std::string> argv, envp;
  Options options;
  uc_engine* uc = nullptr;
  bool arm64 = false;
  Layout layout{};
  uint64_t slide = 0;
  uint64_t text_start = 0, text_end = 0;  // the slid __TEXT segment, for messages
  std::optional<Outcome> outcome;          // set when the guest is done
  uint64_t fault_address = 0;
  int fault_type = 0;
  bool faulted = false;
  std::map<long, Next (Impl::*)(Call&)> handlers;

  // ---- loading -------------------------------------------------------------------------
  Outcome stopped(const std::string& why) {
    Outcome o;
    o.kind = Outcome::Kind::Stopped;
    o.message = why;
    return o;
  }

  std::optional<Outcome> load() {
    std::ifstream in(path, std::ios::binary);
    if (!in) return stopped(path + ": cannot open: " + std::strerror(errno));
    const std::vector<uint8_t> file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    MachOImage image;
    std::vector<uint64_t> rebases;
    try {
      image = parse_macho(file);
      rebases = rebase_locations(image, file);
    } catch (const MachOError& e) {
      return stopped(path + ": " + e.what());
    }
    const auto refusals = launch_refusals(image);
    if (!refusals.empty()) {
      std::string why = path + ": macOS would not start this executable:";
      for (const auto& r : refusals) why += "\n  " + r;
      return stopped(why);
    }
    arm64 = image.cputype == kCpuTypeArm64;
    layout = arm64 ? kArm64Layout : kX86_64Layout;
    // The kernel's code-signing enforcement kills unsigned arm64 code at exec ("Killed: 9").
    if (arm64 && !image.has_code_signature) {
      Outcome o;
      o.kind = Outcome::Kind::Signaled;
      o.host_signal = SIGKILL;
      o.message = path + ": no LC_CODE_SIGNATURE: the macOS kernel kills unsigned arm64 code (SIGKILL); "
                  "link with an ad-hoc signature (ld64.lld does by default for arm64)";
      return o;
    }
    if (image.bind_size || image.lazy_bind_size || image.weak_bind_size || image.has_chained_fixups) {
      return stopped(path + ": imports symbols from a library (bind opcodes or chained fixups): "
                     "sysport-darwin-run has no dyld or libSystem and runs raw-syscall executables only; "
                     "the libc build runs on a real Mac");
    }
    const Segment* text = image.segment("__TEXT");
    if (!text) return stopped(path + ": no __TEXT segment");
    slide = image.pie() ? options.slide : 0;

    if (uc_open(arm64 ? UC_ARCH_ARM64 : UC_ARCH_X86, arm64 ? UC_MODE_ARM : UC_MODE_64, &uc) != UC_ERR_OK) {
      return stopped("Unicorn cannot open a CPU for this architecture");
    }
    // Apple's arm64 code may use any ARMv8.x instruction the M1 has (clang targets apple-m1
    // for arm64-apple-macos): ask for Unicorn's most capable model.
    if (arm64) uc_ctl_set_cpu_model(uc, UC_CPU_ARM64_MAX);

    // Each segment is mapped once, with the protections macOS maps it with (VM_PROT_* and
    // UC_PROT_* share their bits): uc_mem_write, like the kernel's own copy, ignores them,
    // so the contents and the rebases below go into read-only pages too.
    for (const auto& seg : image.segments) {
      if (seg.initprot == 0 || seg.vmsize == 0) continue;  // __PAGEZERO: never mapped
      const uint64_t start = page_down(seg.vmaddr + slide);
      const uint64_t size = page_up(seg.vmaddr + slide + seg.vmsize) - start;
      if (uc_mem_map(uc, start, size, seg.initprot & 7) != UC_ERR_OK) {
        return stopped(path + ": segment " + seg.name + " overlaps another or cannot be mapped at " + hex(start));
      }
      if (seg.filesize) uc_mem_write(uc, seg.vmaddr + slide, file.data() + seg.fileoff, seg.filesize);
      if (seg.name == "__TEXT") {
        text_start = start;
        text_end = start + size;
      }
    }
    // dyld's rebasing: every pointer the linker recorded moves with the image.
    for (uint64_t at : rebases) {
      uint64_t pointer = 0;
      if (uc_mem_read(uc, at + slide, &pointer, sizeof pointer) != UC_ERR_OK) {
        return stopped(path + ": a rebase location " + hex(at) + " is outside every segment");
      }
      pointer += slide;
      uc_mem_write(uc, at + slide, &pointer, sizeof pointer);
    }

    const uint64_t stack_size = page_up(image.stacksize ? image.stacksize : kDefaultStack);
    uc_mem_map(uc, layout.stack_top - stack_size, stack_size, UC_PROT_READ | UC_PROT_WRITE);
    uc_mem_map(uc, layout.dyld_stub, kPage, UC_PROT_READ | UC_PROT_EXEC);
    if (arm64) {
      uc_mem_write(uc, layout.dyld_stub, kArm64ExitStub, sizeof kArm64ExitStub);
    } else {
      uc_mem_write(uc, layout.dyld_stub, kX86_64ExitStub, sizeof kX86_64ExitStub);
    }

    const uint64_t entry = text->vmaddr + slide + image.entryoff;
    const uint64_t mach_header = text->vmaddr + slide;  // __TEXT starts with the header
    start_registers(entry, mach_header);
    return std::nullopt;
  }

  // bsd/kern/kern_exec.c exec_copyout_strings, then the mach_header slot the kernel pushes
  // for dyld: from the top, the strings ("executable_path=<path>", argv, envp, apple), then
  // apple[] NULL, envp[] NULL, argv[] NULL, argc, mach_header. dyld then calls the entry
  // with argc, argv, envp, apple in the first four argument registers.
  void start_registers(uint64_t entry, uint64_t mach_header) {
    std::vector<std::string> apple = {"executable_path=" + path};
    std::string strings;
    std::vector<uint64_t> offsets;
    auto add = [&](const std::string& s) {
      offsets.push_back(strings.size());
      strings += s;
      strings += '\0';
    };
    for (const auto& s : apple) add(s);
    for (const auto& s : argv) add(s);
    for (const auto& s : envp) add(s);
    while (strings.size() % 8) strings += '\0';

    uint64_t sp = layout.stack_top - strings.size();
    const uint64_t string_area = sp;
    uc_mem_write(uc, string_area, strings.data(), strings.size());

    std::vector<uint64_t> words;
    words.push_back(mach_header);
    words.push_back(argv.size());
    const size_t argv_index = words.size();
    for (size_t i = 0; i < argv.size(); ++i) words.push_back(string_area + offsets[apple.size() + i]);
    words.push_back(0);
    const size_t envp_index = words.size();
    for (size_t i = 0; i < envp.size(); ++i) words.push_back(string_area + offsets[apple.size() + argv.size() + i]);
    words.push_back(0);
    const size_t apple_index = words.size();
    for (size_t i = 0; i < apple.size(); ++i) words.push_back(string_area + offsets[i]);
    words.push_back(0);

    sp = (sp - words.size() * 8) & ~uint64_t{15};
    uc_mem_write(uc, sp, words.data(), words.size() * 8);
    const uint64_t argc = argv.size();
    const uint64_t argv_at = sp + argv_index * 8, envp_at = sp + envp_index * 8, apple_at = sp + apple_index * 8;

    // dyld's own frames live below; the entry gets a 16-byte aligned stack.
    uint64_t call_sp = (sp - 256) & ~uint64_t{15};
    if (arm64) {
      const uint64_t zero = 0, cpacr_fp_enabled = 3ull << 20;  // FP/SIMD on, as for any EL0 process
      uc_reg_write(uc, UC_ARM64_REG_CPACR_EL1, &cpacr_fp_enabled);
      uc_reg_write(uc, UC_ARM64_REG_X0, &argc);
      uc_reg_write(uc, UC_ARM64_REG_X1, &argv_at);
      uc_reg_write(uc, UC_ARM64_REG_X2, &envp_at);
      uc_reg_write(uc, UC_ARM64_REG_X3, &apple_at);
      uc_reg_write(uc, UC_ARM64_REG_LR, &layout.dyld_stub);
      uc_reg_write(uc, UC_ARM64_REG_FP, &zero);
      uc_reg_write(uc, UC_ARM64_REG_SP, &call_sp);
      uc_reg_write(uc, UC_ARM64_REG_PC, &entry);
    } else {
      // A call pushes the return address: at the entry (rsp + 8) is 16-byte aligned.
      call_sp -= 8;
      uc_mem_write(uc, call_sp, &layout.dyld_stub, 8);
      const uint64_t zero = 0;
      uc_reg_write(uc, UC_X86_REG_RDI, &argc);
      uc_reg_write(uc, UC_X86_REG_RSI, &argv_at);
      uc_reg_write(uc, UC_X86_REG_RDX, &envp_at);
      uc_reg_write(uc, UC_X86_REG_RCX, &apple_at);
      uc_reg_write(uc, UC_X86_REG_RBP, &zero);
      uc_reg_write(uc, UC_X86_REG_RSP, &call_sp);
      uc_reg_write(uc, UC_X86_REG_RIP, &entry);
    }
    entry_pc = entry;
  }
  uint64_t entry_pc = 0;

  // ---- guest memory, as the kernel's copyin/copyout see it ----------------------------
  bool range_has(uint64_t addr, uint64_t len, uint32_t prot) {
    if (len == 0) return true;
    if (addr + len < addr) return false;
    uc_mem_region* regions = nullptr;
    uint32_t count = 0;
    if (uc_mem_regions(uc, &regions, &count) != UC_ERR_OK) return false;
    uint64_t at = addr;
    const uint64_t end = addr + len;
    bool progress = true;
    while (at < end && progress) {
      progress = false;
      for (uint32_t i = 0; i < count; ++i) {
        if (regions[i].begin <= at && at <= regions[i].end && (regions[i].perms & prot) == prot) {
          at = regions[i].end + 1;  // Unicorn's `end` is inclusive
          progress = true;
        }
      }
    }
    uc_free(regions);
    return at >= end;
  }

  // copyin: false (EFAULT) unless every byte is mapped readable.
  bool copyin(uint64_t addr, void* out, uint64_t len) {
    return range_has(addr, len, UC_PROT_READ) && uc_mem_read(uc, addr, out, len) == UC_ERR_OK;
  }
  bool copyout(uint64_t addr, const void* in, uint64_t len) {
    return range_has(addr, len, UC_PROT_WRITE) && uc_mem_write(uc, addr, in, len) == UC_ERR_OK;
  }
  // copyinstr with MAXPATHLEN: 0, EFAULT or ENAMETOOLONG (host errno values, mapped later).
  // Read a page at a time (the mapping granularity: a page is readable as a whole or not at
  // all), so a byte past the NUL on a later page is never needed, as with the kernel's copy.
  int copyinstr(uint64_t addr, std::string* out) {
    out->clear();
    char chunk[kPage];
    uint64_t at = addr;
    while (out->size() < kMaxPath) {
      const uint64_t n = std::min<uint64_t>(page_up(at + 1) - at, kMaxPath - out->size());
      if (!copyin(at, chunk, n)) return EFAULT;
      if (const void* nul = memchr(chunk, '\0', n)) {
        out->append(chunk, static_cast<const char*>(nul) - chunk);
        return 0;
      }
      out->append(chunk, n);
      at += n;
    }
    return ENAMETOOLONG;
  }

  // ---- registers --------------------------------------------------------------------------
  uint64_t reg(int id) {
    uint64_t v = 0;
    uc_reg_read(uc, id, &v);
    return v;
  }
  void set_reg(int id, uint64_t v) { uc_reg_write(uc, id, &v); }
  uint64_t pc() { return arm64 ? reg(UC_ARM64_REG_PC) : reg(UC_X86_REG_RIP); }

  std::string where(uint64_t at) {
    std::string s = "pc " + hex(at);
    if (at >= text_start && at < text_end) {
      s += " (__TEXT+" + hex(at - text_start) + ")";
    } else if (at >= layout.dyld_stub && at < layout.dyld_stub + kPage) {
      s += " (the runner's dyld exit stub)";
    }
    return s;
  }

  void trace(const std::string& line) {
    if (!options.trace) return;
    fprintf(options.trace, "[%s %d] %s\n", arm64 ? "darwin arm64" : "darwin x86_64", static_cast<int>(getpid()),
            line.c_str());
    fflush(options.trace);
  }

  // ---- the trap ------------------------------------------------------------------------
  // arm64: XNU reads the number from x16 as an int (get_saved_state_svc_number): negative is
  // a Mach trap, 0 the indirect syscall(2), positive a BSD call. The svc immediate is not
  // read by XNU (#0x80 is the convention the static check enforces).
  void on_svc() {
    const uint64_t at = pc() - 4;  // the exception return address is the next instruction
    const int32_t code = static_cast<int32_t>(reg(UC_ARM64_REG_X16));
    uint64_t regs[8];
    for (int i = 0; i < 8; ++i) regs[i] = reg(UC_ARM64_REG_X0 + i);
    if (code < 0) {
      stop("Mach trap " + std::to_string(code) + " (x16 negative) at " + where(at) +
           ": sysport-darwin-run carries out BSD syscalls only (x16 = a positive BSD number)");
      return;
    }
    dispatch(code, regs, at);
  }

  // x86-64: rax's bits 24-31 are the class (osfmk/x86_64/idt64.s hndl_syscall); BSD is 2.
  // The number is rax & SYSCALL_NUMBER_MASK (which keeps rax's upper half: a number with
  // bits set there is past nsysent and so SYS_invalid).
  void on_syscall() {
    const uint64_t at = pc();  // Unicorn calls the hook with rip still on the syscall
    const uint64_t rax = reg(UC_X86_REG_RAX);
    const uint32_t klass = (static_cast<uint32_t>(rax) >> 24) & 0xff;
    const uint64_t regs[8] = {reg(UC_X86_REG_RDI), reg(UC_X86_REG_RSI), reg(UC_X86_REG_RDX), reg(UC_X86_REG_R10),
                              reg(UC_X86_REG_R8),  reg(UC_X86_REG_R9),  0, 0};
    // The CPU itself: rcx = return address, r11 = rflags, whatever the kernel does.
    set_reg(UC_X86_REG_RCX, at + 2);
    set_reg(UC_X86_REG_R11, reg(UC_X86_REG_RFLAGS));
    if (klass == 1) {
      stop("Mach trap " + std::to_string(rax & 0xffffff) + " (rax " + hex(rax) + ", class 1) at " + where(at) +
           ": sysport-darwin-run carries out BSD syscalls only (class 2, rax = 0x2000000 + number)");
      return;
    }
    if (klass != 2) {
      stop("syscall with rax = " + hex(rax) + " at " + where(at) + ": class " + std::to_string(klass) +
           " is not a BSD call (rax = 0x2000000 + number; a Linux number has no class); macOS raises SIGSYS for an "
           "unknown class (EXC_SYSCALL)");
      return;
    }
    dispatch(static_cast<long>(std::min<uint64_t>(rax & 0xffffffff00ffffffull, 0x7fffffff)), regs, at);
  }

  void dispatch(long code, const uint64_t* regs, uint64_t at) {
    Call c;
    c.number = code;
    size_t first = 0;
    if (code == 0) {  // syscall(2): the number is the first argument
      c.indirect = true;
      c.number = static_cast<long>(static_cast<int32_t>(regs[0]));
      first = 1;
    }
    for (int i = 0; i < 6; ++i) c.a[i] = regs[first + i];
    if (c.number < 0 || c.number >= syscall_count()) {
      stop("BSD syscall " + std::to_string(c.number) + " at " + where(at) + " is past XNU's last (" +
           std::to_string(syscall_count() - 1) + " in " + xnu_tag() +
           "): a wrong number; macOS would answer ENOSYS and raise SIGSYS (SYS_invalid)");
      return;
    }
    if (const char* comment = reserved_syscall_comment(c.number)) {
      stop("BSD syscall " + std::to_string(c.number) + " (" + comment + ") is not a system call in XNU (" +
           xnu_tag() + "), asked for at " + where(at) + ": a wrong number; macOS would answer ENOSYS");
      return;
    }
    const auto handler = handlers.find(c.number);
    if (handler == handlers.end()) {
      const char* name = syscall_name(c.number);
      std::string args;
      for (int i = 0; i < 6; ++i) args += (i ? ", " : "") + hex(c.a[i]);
      std::string supported;
      for (const auto& [number, _] : handlers) supported += (supported.empty() ? "" : ", ") + std::string(syscall_name(number));
      stop("unsupported BSD syscall " + std::to_string(c.number) + " (" + (name ? name : "?") + ") at " + where(at) +
           ", arguments " + args + ": sysport-darwin-run carries out only the calls sysport's cases make (" +
           supported + ")");
      return;
    }
    const Next next = (this->*(handler->second))(c);
    if (next == Next::Stop) return;  // the handler said why
    std::string prefix = c.indirect ? "syscall(" + std::to_string(c.number) + ") " : "";
    if (at >= layout.dyld_stub && at < layout.dyld_stub + kPage) prefix = "[the entry returned; dyld exits] ";
    if (next == Next::Exit) {
      trace(prefix + c.text);
      return;
    }
    if (c.failed) {
      const char* ename = errno_name(c.darwin_errno);
      trace(prefix + c.text + " = -1 " + (ename ? ename : "E?") + " (carry set, " + (arm64 ? "x0" : "rax") +
            " = " + std::to_string(c.darwin_errno) + ")");
    } else {
      trace(prefix + c.text + " = " + std::to_string(static_cast<int64_t>(c.value)));
    }
    answer(c);
  }

  // The Darwin answer (bsd/dev/arm/systemcalls.c arm_prepare_u64_syscall_return,
  // bsd/dev/i386/systemcalls.c unix_syscall64): carry clear with the result, or carry set
  // with the positive errno (and x1 = 0 on arm64; rdx untouched on x86-64).
  void answer(const Call& c) {
    if (arm64) {
      uint64_t nzcv = reg(UC_ARM64_REG_NZCV);
      if (c.failed) {
        set_reg(UC_ARM64_REG_X0, static_cast<uint64_t>(c.darwin_errno));
        set_reg(UC_ARM64_REG_X1, 0);
        nzcv |= kNzcvCarry;
      } else {
        set_reg(UC_ARM64_REG_X0, c.value);
        set_reg(UC_ARM64_REG_X1, c.value2);
        nzcv &= ~kNzcvCarry;
      }
      set_reg(UC_ARM64_REG_NZCV, nzcv);
    } else {
      uint64_t rflags = reg(UC_X86_REG_RFLAGS);
      if (c.failed) {
        set_reg(UC_X86_REG_RAX, static_cast<uint64_t>(c.darwin_errno));
        rflags |= kRflagsCarry;
      } else {
        set_reg(UC_X86_REG_RAX, c.value);
        set_reg(UC_X86_REG_RDX, c.value2);
        rflags &= ~kRflagsCarry;
      }
      set_reg(UC_X86_REG_RFLAGS, rflags);
    }
  }

  void stop(const std::string& why) {
    outcome = stopped(why);
    uc_emu_stop(uc);
  }

  void end_with_signal(int host_signal, const std::string& why) {
    Outcome o;
    o.kind = Outcome::Kind::Signaled;
    o.host_signal = host_signal;
    o.message = why;
    outcome = o;
    uc_emu_stop(uc);
  }

  // ---- results ---------------------------------------------------------------------------
  Next ok(Call& c, uint64_t value) {
    c.value = value;
    return Next::Return;
  }
  // A host failure, answered with the Darwin errno of the same name.
  Next host_error(Call& c, int host_errno) {
    const auto mapped = darwin_errno_from_host(host_errno);
    if (!mapped) {
      stop(c.text + " failed on this host with " + host_errno_name(host_errno) +
           ", which Darwin has no errno for: sysport-darwin-run cannot answer it the Darwin way");
      return Next::Stop;
    }
    c.failed = true;
    c.darwin_errno = *mapped;
    return Next::Return;
  }
  Next result(Call& c, long r) { return r < 0 ? host_error(c, errno) : ok(c, static_cast<uint64_t>(r)); }

  // A path argument: its text for the trace, or the errno copyinstr would give.
  bool path_arg(Call& c, uint64_t addr, std::string* path, Next* next) {
    const int e = copyinstr(addr, path);
    if (e) {
      *next = host_error(c, e);
      return false;
    }
    return true;
  }
  int dirfd(uint64_t reg_value) {
    const int fd = static_cast<int>(reg_value);
    return fd == darwin_at_fdcwd() ? AT_FDCWD : fd;
  }
  std::string dirfd_text(uint64_t reg_value) {
    const int fd = static_cast<int>(reg_value);
    return fd == darwin_at_fdcwd() ? "AT_FDCWD" : std::to_string(fd);
  }

  // ---- the BSD calls ---------------------------------------------------------------------
  Next sys_exit(Call& c) {
    const int rval = static_cast<int>(c.a[0]);
    c.text = "exit(" + std::to_string(rval) + ")";
    // W_EXITCODE(rval, 0): the parent sees the low 8 bits (bsd/kern/kern_exit.c).
    Outcome o;
    o.kind = Outcome::Kind::Exited;
    o.status = rval & 0xff;
    outcome = o;
    uc_emu_stop(uc);
    return Next::Exit;
  }

  Next sys_read(Call& c) {
    const int fd = static_cast<int>(c.a[0]);
    const uint64_t buf = c.a[1], n = c.a[2];
    c.text = "read(" + std::to_string(fd) + ", " + hex(buf) + ", " + std::to_string(n) + ")";
    if (n > 0x7fffffff) return host_error(c, EINVAL);  // user_ssize_t, INT_MAX in dofileread
    const uint64_t want = std::min(n, kMaxTransfer);
    // Checked before reading, so that an EFAULT consumes nothing from fd; the buffer is then
    // known to be writable and is written directly.
    if (!range_has(buf, want, UC_PROT_WRITE)) return host_error(c, EFAULT);
    std::vector<char> data(want);
    const ssize_t got = ::read(fd, data.data(), want);
    if (got < 0) return host_error(c, errno);
    uc_mem_write(uc, buf, data.data(), static_cast<uint64_t>(got));
    return ok(c, static_cast<uint64_t>(got));
  }

  Next sys_write(Call& c) {
    const int fd = static_cast<int>(c.a[0]);
    const uint64_t buf = c.a[1], n = c.a[2];
    const uint64_t want = std::min(n, kMaxTransfer);
    std::string data(want, '\0');
    const bool readable = copyin(buf, data.data(), want);
    c.text = "write(" + std::to_string(fd) + ", " + (readable ? quoted(data) : hex(buf)) + ", " + std::to_string(n) + ")";
    if (n > 0x7fffffff) return host_error(c, EINVAL);
    if (!readable) return host_error(c, EFAULT);
    return result(c, ::write(fd, data.data(), want));
  }

  Next open_common(Call& c, int dir, const std::string& dir_text, uint64_t path_addr, uint64_t flags, uint64_t mode,
                   const char* name) {
    std::string p;
    Next next = Next::Return;
    const bool have_path = path_arg(c, path_addr, &p, &next);
    c.text = std::string(name) + "(" + (dir_text.empty() ? "" : dir_text + ", ") +
             (have_path ? quoted(p) : hex(path_addr)) + ", " + describe_open_flags(flags) + ", " + octal(mode & 07777) + ")";
    if (!have_path) return next;
    uint64_t unknown = 0;
    const auto host_flags = host_open_flags(flags, &unknown);
    if (!host_flags) {
      stop(c.text + ": open flags " + hex(unknown) + " have no translation in sysport-darwin-run");
      return Next::Stop;
    }
    if ((flags & SP_O_ACCMODE) == SP_O_ACCMODE) return host_error(c, EINVAL);  // no access mode: XNU's open1 rejects it
    return result(c, ::openat(dir, p.c_str(), *host_flags, static_cast<mode_t>(mode & 07777)));
  }
  Next sys_open(Call& c) { return open_common(c, AT_FDCWD, "", c.a[0], c.a[1], c.a[2], "open"); }
  Next sys_openat(Call& c) { return open_common(c, dirfd(c.a[0]), dirfd_text(c.a[0]), c.a[1], c.a[2], c.a[3], "openat"); }

  Next sys_close(Call& c) {
    const int fd = static_cast<int>(c.a[0]);
    c.text = "close(" + std::to_string(fd) + ")";
    return result(c, ::close(fd));
  }

  Next unlink_common(Call& c, int dir, const std::string& dir_text, uint64_t path_addr, int darwin_flags, const char* name) {
    std::string p;
    Next next = Next::Return;
    const bool have_path = path_arg(c, path_addr, &p, &next);
    const bool removedir = darwin_flags & darwin_at_removedir();
    c.text = std::string(name) + "(" + (dir_text.empty() ? "" : dir_text + ", ") + (have_path ? quoted(p) : hex(path_addr)) +
             (dir_text.empty() ? "" : removedir ? ", AT_REMOVEDIR" : ", " + std::to_string(darwin_flags)) + ")";
    if (!have_path) return next;
    if (darwin_flags & ~darwin_at_removedir()) {
      stop(c.text + ": unlinkat flags other than AT_REMOVEDIR have no translation in sysport-darwin-run");
      return Next::Stop;
    }
    if (::unlinkat(dir, p.c_str(), removedir ? AT_REMOVEDIR : 0) == 0) return ok(c, 0);
    // XNU refuses to unlink a directory with EPERM (vn_authorize_unlink, bsd/vfs/vfs_subr.c)
    // where Linux answers EISDIR: answer as macOS does.
    if (errno == EISDIR && !removedir) return host_error(c, EPERM);
    return host_error(c, errno);
  }
  Next sys_unlink(Call& c) { return unlink_common(c, AT_FDCWD, "", c.a[0], 0, "unlink"); }
  Next sys_unlinkat(Call& c) {
    return unlink_common(c, dirfd(c.a[0]), dirfd_text(c.a[0]), c.a[1], static_cast<int>(c.a[2]), "unlinkat");
  }

  Next mkdir_common(Call& c, int dir, const std::string& dir_text, uint64_t path_addr, uint64_t mode, const char* name) {
    std::string p;
    Next next = Next::Return;
    const bool have_path = path_arg(c, path_addr, &p, &next);
    c.text = std::string(name) + "(" + (dir_text.empty() ? "" : dir_text + ", ") + (have_path ? quoted(p) : hex(path_addr)) +
             ", " + octal(mode & 07777) + ")";
    if (!have_path) return next;
    return result(c, ::mkdirat(dir, p.c_str(), static_cast<mode_t>(mode & 07777)));
  }
  Next sys_mkdir(Call& c) { return mkdir_common(c, AT_FDCWD, "", c.a[0], c.a[1], "mkdir"); }
  Next sys_mkdirat(Call& c) { return mkdir_common(c, dirfd(c.a[0]), dirfd_text(c.a[0]), c.a[1], c.a[2], "mkdirat"); }

  Next sys_rmdir(Call& c) {
    std::string p;
    Next next = Next::Return;
    const bool have_path = path_arg(c, c.a[0], &p, &next);
    c.text = "rmdir(" + (have_path ? quoted(p) : hex(c.a[0])) + ")";
    if (!have_path) return next;
    return result(c, ::rmdir(p.c_str()));
  }

  // The guest is this process: its pid is ours, its parent the process that started us.
  Next sys_getpid(Call& c) {
    c.text = "getpid()";
    return ok(c, static_cast<uint64_t>(::getpid()));
  }
  Next sys_getppid(Call& c) {
    c.text = "getppid()";
    return ok(c, static_cast<uint64_t>(::getppid()));
  }

  // kill(pid, signum, posix), bsd/kern/kern_sig.c: a signal number at or past NSIG is
  // EINVAL before anything else; posix only changes who a broadcast reaches.
  Next sys_kill(Call& c) {
    const int pid = static_cast<int>(c.a[0]);
    const int sig = static_cast<int>(c.a[1]);
    const int posix = static_cast<int>(c.a[2]);
    c.text = "kill(" + std::to_string(pid) + ", " + (sig == 0 ? "0" : signal_text(sig)) + ", posix " +
             std::to_string(posix) + ")";
    if (static_cast<unsigned>(sig) >= static_cast<unsigned>(signal_count())) return host_error(c, EINVAL);
    if (pid == -1) {
      stop(c.text + ": kill(-1) signals every process of this user; sysport-darwin-run does not do that on the host");
      return Next::Stop;
    }
    int host_sig = 0;
    if (sig != 0) {
      const auto mapped = host_signal_from_darwin(sig);
      if (!mapped) {
        stop(c.text + ": " + signal_text(sig) + " has no equivalent signal on this host");
        return Next::Stop;
      }
      host_sig = *mapped;
    }
    trace(c.text + " ...");  // a signal to ourselves may end this process before kill returns
    return result(c, ::kill(pid, host_sig));
  }

  // sigsuspend(mask): the mask by value, one bit per Darwin signal (bit n-1 for signal n);
  // returns only when a signal was delivered and handled, with EINTR. The guest has no
  // handlers, so a signal that ends a process ends this one, as it would the guest.
  Next sys_sigsuspend(Call& c) {
    const uint32_t mask = static_cast<uint32_t>(c.a[0]);
    c.text = "sigsuspend(" + hex(mask) + ")";
    sigset_t set;
    sigemptyset(&set);
    for (int s = 1; s < signal_count(); ++s) {
      if (!(mask & (1u << (s - 1)))) continue;
      if (const auto host = host_signal_from_darwin(s)) sigaddset(&set, *host);
    }
    trace(c.text + " ...");
    ::sigsuspend(&set);
    return host_error(c, errno);
  }

  void install_handlers() {
    handlers = {
        {SP_NR_exit, &Impl::sys_exit},       {SP_NR_read, &Impl::sys_read},
        {SP_NR_write, &Impl::sys_write},     {SP_NR_open, &Impl::sys_open},
        {SP_NR_close, &Impl::sys_close},     {SP_NR_unlink, &Impl::sys_unlink},
        {SP_NR_getpid, &Impl::sys_getpid},   {SP_NR_kill, &Impl::sys_kill},
        {SP_NR_getppid, &Impl::sys_getppid}, {SP_NR_sigsuspend, &Impl::sys_sigsuspend},
        {SP_NR_mkdir, &Impl::sys_mkdir},     {SP_NR_rmdir, &Impl::sys_rmdir},
        {SP_NR_openat, &Impl::sys_openat},   {SP_NR_unlinkat, &Impl::sys_unlinkat},
        {SP_NR_mkdirat, &Impl::sys_mkdirat},
    };
  }

  // ---- CPU exceptions other than the trap ---------------------------------------------
  static void intr_hook(uc_engine*, uint32_t intno, void* user) {
    auto* self = static_cast<Impl*>(user);
    if (self->arm64) {
      if (intno == kArmExcpSwi) return self->on_svc();
      const uint64_t at = self->pc();
      if (intno == kArmExcpBkpt) {
        return self->end_with_signal(SIGTRAP, "brk at " + self->where(at) + ": macOS delivers SIGTRAP (EXC_BREAKPOINT)");
      }
      if (intno == kArmExcpUdef) {
        return self->end_with_signal(SIGILL, "undefined instruction at " + self->where(at) +
                                                 ": macOS delivers SIGILL (EXC_BAD_INSTRUCTION)");
      }
      return self->stop("CPU exception " + std::to_string(intno) + " at " + self->where(at) +
                        " that sysport-darwin-run does not model");
    }
    const uint64_t at = self->pc();
    if (intno == 3) {  // a trap: rip is already past the one-byte int3
      return self->end_with_signal(SIGTRAP, "int3 at " + self->where(at - 1) + ": macOS delivers SIGTRAP (EXC_BREAKPOINT)");
    }
    if (intno == 6) {
      return self->end_with_signal(SIGILL, "invalid instruction at " + self->where(at) +
                                               ": macOS delivers SIGILL (EXC_BAD_INSTRUCTION)");
    }
    if (intno == 0x80) {
      return self->stop("int $0x80 at " + self->where(at) +
                        ": the 32-bit BSD trap; a 64-bit Darwin process uses syscall (rax = 0x2000000 + number)");
    }
    return self->end_with_signal(SIGSEGV, "interrupt " + std::to_string(intno) + " at " + self->where(at) +
                                              ": a general protection fault in user mode; macOS delivers SIGSEGV");
  }

  static void syscall_hook(uc_engine*, void* user) { static_cast<Impl*>(user)->on_syscall(); }

  static bool memory_hook(uc_engine*, uc_mem_type type, uint64_t address, int, int64_t, void* user) {
    auto* self = static_cast<Impl*>(user);
    self->faulted = true;
    self->fault_type = type;
    self->fault_address = address;
    return false;  // not handled: emulation stops with the fault
  }

  // EXC_BAD_ACCESS becomes SIGSEGV for an address with nothing mapped (KERN_INVALID_ADDRESS)
  // and SIGBUS for a protection violation (bsd/uxkern/ux_exception.c).
  Outcome fault_outcome(uc_err err) {
    const uint64_t at = pc();
    Outcome o;
    o.kind = Outcome::Kind::Signaled;
    std::string what;
    int sig = SIGSEGV;
    switch (faulted ? fault_type : -1) {
      case UC_MEM_READ_UNMAPPED:
        what = "read unmapped memory at " + hex(fault_address);
        break;
      case UC_MEM_WRITE_UNMAPPED:
        what = "wrote to unmapped memory at " + hex(fault_address);
        break;
      case UC_MEM_FETCH_UNMAPPED:
        what = "jumped to unmapped memory at " + hex(fault_address);
        break;
      case UC_MEM_WRITE_PROT:
        what = "wrote to read-only memory at " + hex(fault_address);
        sig = SIGBUS;
        break;
      case UC_MEM_READ_PROT:
        what = "read unreadable memory at " + hex(fault_address);
        sig = SIGBUS;
        break;
      case UC_MEM_FETCH_PROT:
        what = "executed non-executable memory at " + hex(fault_address);
        sig = SIGBUS;
        break;
      default:
        if (err == UC_ERR_INSN_INVALID) {
          o.host_signal = SIGILL;
          o.message = "invalid instruction at " + where(at) + ": macOS delivers SIGILL (EXC_BAD_INSTRUCTION)";
          return o;
        }
        o.host_signal = SIGSEGV;
        o.message = std::string("the CPU emulator stopped (") + uc_strerror(err) + ") at " + where(at) +
                    "; reported as SIGSEGV";
        return o;
    }
    o.host_signal = sig;
    o.message = "the guest " + what + " (" + where(at) + "): macOS delivers " + (sig == SIGSEGV ? "SIGSEGV" : "SIGBUS") +
                " (EXC_BAD_ACCESS" + (sig == SIGSEGV ? ", KERN_INVALID_ADDRESS)" : ", KERN_PROTECTION_FAILURE)");
    return o;
  }

  Outcome run() {
    if (auto refused = load()) return *refused;
    install_handlers();
    uc_hook h;
    uc_hook_add(uc, &h, UC_HOOK_INTR, reinterpret_cast<void*>(&Impl::intr_hook), this, 1, 0);
    uc_hook_add(uc, &h, UC_HOOK_MEM_INVALID, reinterpret_cast<void*>(&Impl::memory_hook), this, 1, 0);
    if (!arm64) {
      uc_hook_add(uc, &h, UC_HOOK_INSN, reinterpret_cast<void*>(&Impl::syscall_hook), this, 1, 0, UC_X86_INS_SYSCALL);
    }
    const uc_err err = uc_emu_start(uc, entry_pc, 0, 0, 0);
    if (outcome) return *outcome;
    if (err != UC_ERR_OK) return fault_outcome(err);
    // Unicorn ends the run without an error on x86 hlt, which user mode may not execute:
    // a general protection fault, EXC_BAD_ACCESS, SIGSEGV on macOS.
    Outcome o;
    o.kind = Outcome::Kind::Signaled;
    o.host_signal = SIGSEGV;
    o.message = "the guest halted (" + where(pc()) + ") without exiting: a privileged instruction in user mode; "
                "macOS delivers SIGSEGV";
    return o;
  }
};

Guest::Guest(std::string path, std::vector<std::string> argv, std::vector<std::string> envp, Options options)
    : impl_(std::make_unique<Impl>(std::move(path), std::move(argv), std::move(envp), options)) {}
Guest::~Guest() = default;
Outcome Guest::run() { return impl_->run(); }

}  // namespace sysport::darwin
