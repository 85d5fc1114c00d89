#include "harness/darwin/macho.h"

#include <cstring>

namespace sysport::darwin {
namespace {

constexpr uint32_t kMagic64 = 0xfeedfacf;
constexpr uint32_t kFatMagic = 0xcafebabe;  // stored big-endian: a universal binary
constexpr uint32_t kMhExecute = 2;
constexpr uint32_t kMhDyldLink = 0x4;
constexpr uint32_t kMhPie = 0x200000;

constexpr uint32_t kLcReqDyld = 0x80000000;
constexpr uint32_t kLcUnixThread = 0x5;
constexpr uint32_t kLcLoadDylib = 0xc;
constexpr uint32_t kLcLoadDylinker = 0xe;
constexpr uint32_t kLcLoadWeakDylib = 0x18 | kLcReqDyld;
constexpr uint32_t kLcSegment64 = 0x19;
constexpr uint32_t kLcUuid = 0x1b;
constexpr uint32_t kLcCodeSignature = 0x1d;
constexpr uint32_t kLcReexportDylib = 0x1f | kLcReqDyld;
constexpr uint32_t kLcDyldInfo = 0x22;
constexpr uint32_t kLcDyldInfoOnly = 0x22 | kLcReqDyld;
constexpr uint32_t kLcLoadUpwardDylib = 0x23 | kLcReqDyld;
constexpr uint32_t kLcMain = 0x28 | kLcReqDyld;
constexpr uint32_t kLcBuildVersion = 0x32;
constexpr uint32_t kLcDyldChainedFixups = 0x34 | kLcReqDyld;

constexpr uint32_t kPlatformMacOS = 1;

// Rebase opcodes (<mach-o/loader.h>).
constexpr uint8_t kRebaseTypePointer = 1;
constexpr uint8_t kRebaseOpcodeMask = 0xF0, kRebaseImmediateMask = 0x0F;
enum : uint8_t {
  kRebaseDone = 0x00,
  kRebaseSetTypeImm = 0x10,
  kRebaseSetSegmentAndOffsetUleb = 0x20,
  kRebaseAddAddrUleb = 0x30,
  kRebaseAddAddrImmScaled = 0x40,
  kRebaseDoRebaseImmTimes = 0x50,
  kRebaseDoRebaseUlebTimes = 0x60,
  kRebaseDoRebaseAddAddrUleb = 0x70,
  kRebaseDoRebaseUlebTimesSkippingUleb = 0x80,
};

class Reader {
 public:
  Reader(const std::vector<uint8_t>& data, const char* what) : data_(data), what_(what) {}
  template <typename T>
  T at(uint64_t offset) const {
    if (offset > data_.size() || data_.size() - offset < sizeof(T)) {
      throw MachOError(std::string(what_) + ": truncated (needs " + std::to_string(sizeof(T)) +
                       " bytes at offset " + std::to_string(offset) + " of " + std::to_string(data_.size()) + ")");
    }
    T v;
    std::memcpy(&v, data_.data() + offset, sizeof v);  // Mach-O is little-endian on both CPUs, as is this host
    return v;
  }
  std::string cstring(uint64_t offset, uint64_t limit) const {
    std::string s;
    for (uint64_t i = offset; i < limit && i < data_.size() && data_[i]; ++i) s += static_cast<char>(data_[i]);
    return s;
  }

 private:
  const std::vector<uint8_t>& data_;
  const char* what_;
};

uint64_t read_uleb(const std::vector<uint8_t>& data, uint64_t* at, uint64_t end) {
  uint64_t value = 0;
  unsigned shift = 0;
  for (;;) {
    if (*at >= end) throw MachOError("rebase opcodes: a ULEB128 runs past the end of the stream");
    const uint8_t byte = data[(*at)++];
    if (shift < 64) value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    shift += 7;
    if (!(byte & 0x80)) return value;
  }
}

std::string hex(uint64_t v) {
  char buf[32];
  snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

bool MachOImage::pie() const { return flags & kMhPie; }
bool MachOImage::dyld_linked() const { return flags & kMhDyldLink; }

const Segment* MachOImage::segment(const std::string& name) const {
  for (const auto& s : segments) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

MachOImage parse_macho(const std::vector<uint8_t>& file) {
  const Reader r(file, "Mach-O header");
  const uint32_t magic = r.at<uint32_t>(0);
  if (magic == __builtin_bswap32(kFatMagic) || magic == kFatMagic) {
    throw MachOError("a universal (fat) binary: give sysport-darwin-run the thin slice for one CPU (lipo -thin)");
  }
  if (magic != kMagic64) {
    throw MachOError("not a 64-bit Mach-O file (magic " + hex(magic) + ", expected 0xfeedfacf)");
  }
  MachOImage image;
  image.cputype = r.at<uint32_t>(4);
  image.filetype = r.at<uint32_t>(12);
  const uint32_t ncmds = r.at<uint32_t>(16);
  const uint32_t sizeofcmds = r.at<uint32_t>(20);
  image.flags = r.at<uint32_t>(24);
  constexpr uint64_t kHeaderSize = 32;
  if (kHeaderSize + sizeofcmds > file.size()) throw MachOError("load commands run past the end of the file");

  const Reader lc(file, "load command");
  uint64_t at = kHeaderSize;
  const uint64_t end = kHeaderSize + sizeofcmds;
  for (uint32_t i = 0; i < ncmds; ++i) {
    if (at + 8 > end) throw MachOError("load command " + std::to_string(i) + " starts past sizeofcmds");
    const uint32_t cmd = lc.at<uint32_t>(at);
    const uint32_t cmdsize = lc.at<uint32_t>(at + 4);
    if (cmdsize < 8 || at + cmdsize > end) {
      throw MachOError("load command " + std::to_string(i) + " (" + hex(cmd) + ") has a bad size " +
                       std::to_string(cmdsize));
    }
    switch (cmd) {
      case kLcSegment64: {
        Segment s;
        s.name = lc.cstring(at + 8, at + 24);
        s.vmaddr = lc.at<uint64_t>(at + 24);
        s.vmsize = lc.at<uint64_t>(at + 32);
        s.fileoff = lc.at<uint64_t>(at + 40);
        s.filesize = lc.at<uint64_t>(at + 48);
        s.maxprot = lc.at<uint32_t>(at + 56);
        s.initprot = lc.at<uint32_t>(at + 60);
        if (s.filesize > s.vmsize || s.fileoff > file.size() || file.size() - s.fileoff < s.filesize) {
          throw MachOError("segment " + s.name + " maps bytes the file does not have");
        }
        image.segments.push_back(s);
        break;
      }
      case kLcMain:
        image.has_main = true;
        image.entryoff = lc.at<uint64_t>(at + 8);
        image.stacksize = lc.at<uint64_t>(at + 16);
        break;
      case kLcUnixThread:
        image.has_unixthread = true;
        break;
      case kLcLoadDylinker:
        image.dylinker = lc.cstring(at + lc.at<uint32_t>(at + 8), at + cmdsize);
        break;
      case kLcLoadDylib:
      case kLcLoadWeakDylib:
      case kLcReexportDylib:
      case kLcLoadUpwardDylib:
        image.dylibs.push_back(lc.cstring(at + lc.at<uint32_t>(at + 8), at + cmdsize));
        break;
      case kLcUuid:
        image.has_uuid = true;
        break;
      case kLcCodeSignature:
        image.has_code_signature = true;
        image.code_signature_offset = lc.at<uint32_t>(at + 8);
        image.code_signature_size = lc.at<uint32_t>(at + 12);
        break;
      case kLcBuildVersion:
        image.has_build_version = true;
        image.platform = lc.at<uint32_t>(at + 8);
        image.minos = lc.at<uint32_t>(at + 12);
        break;
      case kLcDyldInfo:
      case kLcDyldInfoOnly:
        image.rebase_off = lc.at<uint32_t>(at + 8);
        image.rebase_size = lc.at<uint32_t>(at + 12);
        image.bind_size = lc.at<uint32_t>(at + 20);
        image.weak_bind_size = lc.at<uint32_t>(at + 28);
        image.lazy_bind_size = lc.at<uint32_t>(at + 36);
        break;
      case kLcDyldChainedFixups:
        image.has_chained_fixups = true;
        break;
      default:
        break;  // symbol tables, function starts...: nothing to do at load time
    }
    at += cmdsize;
  }
  return image;
}

std::vector<uint64_t> rebase_locations(const MachOImage& image, const std::vector<uint8_t>& file) {
  std::vector<uint64_t> out;
  if (image.rebase_size == 0) return out;
  if (image.rebase_off > file.size() || file.size() - image.rebase_off < image.rebase_size) {
    throw MachOError("rebase opcodes lie outside the file");
  }
  constexpr uint64_t kPointer = 8;
  uint64_t at = image.rebase_off;
  const uint64_t end = image.rebase_off + image.rebase_size;
  uint64_t address = 0;
  bool have_segment = false;
  auto rebase = [&](uint8_t type) {
    if (!have_segment) throw MachOError("rebase opcodes rebase before choosing a segment");
    if (type != kRebaseTypePointer) {
      throw MachOError("rebase type " + std::to_string(type) + " (32-bit text relocations) is not for a 64-bit image");
    }
    out.push_back(address);
    address += kPointer;
  };
  uint8_t type = kRebaseTypePointer;
  while (at < end) {
    const uint8_t byte = file[at++];
    const uint8_t imm = byte & kRebaseImmediateMask;
    switch (byte & kRebaseOpcodeMask) {
      case kRebaseDone:
        return out;
      case kRebaseSetTypeImm:
        type = imm;
        break;
      case kRebaseSetSegmentAndOffsetUleb: {
        if (imm >= image.segments.size()) throw MachOError("rebase opcodes name segment " + std::to_string(imm));
        address = image.segments[imm].vmaddr + read_uleb(file, &at, end);
        have_segment = true;
        break;
      }
      case kRebaseAddAddrUleb:
        address += read_uleb(file, &at, end);
        break;
      case kRebaseAddAddrImmScaled:
        address += imm * kPointer;
        break;
      case kRebaseDoRebaseImmTimes:
        for (uint8_t i = 0; i < imm; ++i) rebase(type);
        break;
      case kRebaseDoRebaseUlebTimes: {
        const uint64_t n = read_uleb(file, &at, end);
        for (uint64_t i = 0; i < n; ++i) rebase(type);
        break;
      }
      case kRebaseDoRebaseAddAddrUleb:
        rebase(type);
        address += read_uleb(file, &at, end);
        break;
      case kRebaseDoRebaseUlebTimesSkippingUleb: {
        const uint64_t n = read_uleb(file, &at, end);
        const uint64_t skip = read_uleb(file, &at, end);
        for (uint64_t i = 0; i < n; ++i) {
          rebase(type);
          address += skip;
        }
        break;
      }
      default:
        throw MachOError("unknown rebase opcode " + hex(byte & kRebaseOpcodeMask));
    }
  }
  return out;
}

std::vector<std::string> launch_refusals(const MachOImage& image) {
  std::vector<std::string> why;
  const bool arm64 = image.cputype == kCpuTypeArm64;
  if (image.cputype != kCpuTypeArm64 && image.cputype != kCpuTypeX86_64) {
    why.push_back("CPU type " + hex(image.cputype) + " is neither arm64 nor x86-64");
  }
  if (image.filetype != kMhExecute) {
    why.push_back("file type " + std::to_string(image.filetype) + " is not MH_EXECUTE");
  }
  // bsd/kern/mach_loader.c: a dynamic executable must be PIE where pie_required() (arm64);
  // a static one is accepted on x86-64 only.
  if (image.dyld_linked()) {
    if (arm64 && !image.pie()) why.push_back("an arm64 executable without MH_PIE: macOS refuses it (pie_required)");
    if (image.dylinker != "/usr/lib/dyld") {
      why.push_back("MH_DYLDLINK without LC_LOAD_DYLINKER /usr/lib/dyld (has \"" + image.dylinker + "\")");
    }
    if (!image.has_main) why.push_back("no LC_MAIN: dyld has no entry point to call");
  } else if (arm64) {
    why.push_back("a static arm64 executable (no MH_DYLDLINK): macOS refuses it");
  } else {
    why.push_back("a static executable (LC_UNIXTHREAD): sysport-darwin-run starts LC_MAIN executables only");
  }
  // mach_loader.c: 64-bit arm64 images must have a "hard page zero" over the low 4 GiB.
  if (arm64) {
    const Segment* zero = image.segment("__PAGEZERO");
    if (!zero || zero->vmaddr != 0 || zero->vmsize < 0x100000000ull || zero->initprot != 0) {
      why.push_back("no __PAGEZERO covering the low 4 GiB: XNU requires this hard page zero on arm64");
    }
  }
  // dyld: "missing LC_LOAD_DYLIB (must link with at least libSystem.dylib)".
  bool libsystem = false;
  for (const auto& d : image.dylibs) libsystem = libsystem || d == "/usr/lib/libSystem.B.dylib";
  if (image.dyld_linked() && !libsystem) {
    why.push_back("no LC_LOAD_DYLIB /usr/lib/libSystem.B.dylib: dyld refuses a main executable without libSystem");
  }
  if (image.has_build_version && image.platform != kPlatformMacOS) {
    why.push_back("LC_BUILD_VERSION names platform " + std::to_string(image.platform) + ", not macOS (1)");
  }
  return why;
}

}  // namespace sysport::darwin
