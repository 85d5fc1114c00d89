// Just enough of the Mach-O format to load a macOS executable the way XNU and dyld do:
// the header, the load commands sysport-darwin-run acts on, and the rebase opcodes of a PIE
// image. Constants are those of <mach-o/loader.h> (Apple's public ABI; the values are facts
// of the file format, which the static check, harness/darwin/check_macho.py, reads
// independently through llvm-objdump).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace sysport::darwin {

struct MachOError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr uint32_t kCpuTypeX86_64 = 0x01000007;
constexpr uint32_t kCpuTypeArm64 = 0x0100000c;

constexpr uint32_t kVmProtRead = 1, kVmProtWrite = 2, kVmProtExecute = 4;

struct Segment {
  std::string name;
  uint64_t vmaddr = 0, vmsize = 0, fileoff = 0, filesize = 0;
  uint32_t maxprot = 0, initprot = 0;
};

struct MachOImage {
  uint32_t cputype = 0;
  uint32_t filetype = 0;
  uint32_t flags = 0;
  std::vector<Segment> segments;  // in load-command order: rebase opcodes index them
  bool has_main = false;          // LC_MAIN
  uint64_t entryoff = 0;          // LC_MAIN: offset of the entry from the start of __TEXT
  uint64_t stacksize = 0;         // LC_MAIN: 0 means the default
  bool has_unixthread = false;    // LC_UNIXTHREAD (static executables)
  std::string dylinker;           // LC_LOAD_DYLINKER
  std::vector<std::string> dylibs;  // LC_LOAD_DYLIB and its weak/reexport/upward kin
  bool has_code_signature = false;
  uint32_t code_signature_offset = 0, code_signature_size = 0;
  bool has_build_version = false;
  uint32_t platform = 0, minos = 0;  // LC_BUILD_VERSION; minos as xxxx.yy.zz nibbles
  bool has_uuid = false;
  bool has_chained_fixups = false;  // LC_DYLD_CHAINED_FIXUPS (newer linkers)
  uint32_t rebase_off = 0, rebase_size = 0;
  uint32_t bind_size = 0, lazy_bind_size = 0, weak_bind_size = 0;

  bool pie() const;
  bool dyld_linked() const;
  const Segment* segment(const std::string& name) const;
};

// Parses `file` (a thin 64-bit Mach-O); throws MachOError saying what is wrong and where.
MachOImage parse_macho(const std::vector<uint8_t>& file);

// The unslid addresses of the pointers dyld would slide: the image's rebase opcodes run
// (LC_DYLD_INFO). Throws MachOError on an opcode it does not know or a malformed stream.
std::vector<uint64_t> rebase_locations(const MachOImage& image, const std::vector<uint8_t>& file);

// What the macOS kernel (bsd/kern/mach_loader.c) and dyld would refuse to start, as
// sentences; empty when the image can be launched. arm64 images get the stricter rules
// (dynamic, PIE, a hard page zero). The code-signature requirement is the caller's: the
// kernel does not refuse an unsigned arm64 image, it kills it (SIGKILL).
std::vector<std::string> launch_refusals(const MachOImage& image);

}  // namespace sysport::darwin
