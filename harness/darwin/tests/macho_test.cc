// The Mach-O reader and the loader's refusals, on images built byte by byte here, so that
// each test states exactly what the file holds.
#include "harness/darwin/macho.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace sysport::darwin {
namespace {

// A little Mach-O writer: a header and the load commands the loader acts on.
class Image {
 public:
  explicit Image(uint32_t cpu = kCpuTypeArm64, uint32_t flags = 0x200085 /* NOUNDEFS DYLDLINK TWOLEVEL PIE */)
      : cpu_(cpu), flags_(flags) {}
  Image& segment(const char* name, uint64_t vmaddr, uint64_t vmsize, uint64_t fileoff, uint64_t filesize,
                 uint32_t prot) {
    std::vector<uint8_t> c(72, 0);
    put32(c, 0, 0x19);
    put32(c, 4, 72);
    std::memcpy(c.data() + 8, name, std::strlen(name));
    put64(c, 24, vmaddr);
    put64(c, 32, vmsize);
    put64(c, 40, fileoff);
    put64(c, 48, filesize);
    put32(c, 56, prot);
    put32(c, 60, prot);
    return add(c);
  }
  Image& main(uint64_t entryoff) {
    std::vector<uint8_t> c(24, 0);
    put32(c, 0, 0x80000028);
    put32(c, 4, 24);
    put64(c, 8, entryoff);
    return add(c);
  }
  Image& string_command(uint32_t cmd, uint32_t name_offset, const std::string& name) {
    std::vector<uint8_t> c(name_offset, 0);
    c.insert(c.end(), name.begin(), name.end());
    c.resize((c.size() + 8) & ~size_t{7}, 0);
    put32(c, 0, cmd);
    put32(c, 4, static_cast<uint32_t>(c.size()));
    put32(c, 8, name_offset);
    return add(c);
  }
  Image& dylinker() { return string_command(0xe, 12, "/usr/lib/dyld"); }
  Image& libsystem() { return string_command(0xc, 24, "/usr/lib/libSystem.B.dylib"); }
  Image& dyld_info(uint32_t rebase_off, uint32_t rebase_size) {
    std::vector<uint8_t> c(48, 0);
    put32(c, 0, 0x80000022);
    put32(c, 4, 48);
    put32(c, 8, rebase_off);
    put32(c, 12, rebase_size);
    return add(c);
  }
  // The usual good arm64 executable: hard page zero, __TEXT, dyld, LC_MAIN, libSystem.
  Image& standard() {
    return segment("__PAGEZERO", 0, 0x100000000ull, 0, 0, 0)
        .segment("__TEXT", 0x100000000ull, 0x4000, 0, 0, 5)
        .segment("__DATA", 0x100004000ull, 0x4000, 0, 0, 3)
        .dylinker()
        .main(0x300)
        .libsystem();
  }
  std::vector<uint8_t> bytes(const std::vector<uint8_t>& tail = {}) const {
    std::vector<uint8_t> out(32, 0);
    put32(out, 0, 0xfeedfacf);
    put32(out, 4, cpu_);
    put32(out, 12, 2);  // MH_EXECUTE
    put32(out, 16, ncmds_);
    put32(out, 20, static_cast<uint32_t>(commands_.size()));
    put32(out, 24, flags_);
    out.insert(out.end(), commands_.begin(), commands_.end());
    out.insert(out.end(), tail.begin(), tail.end());
    return out;
  }
  size_t size() const { return 32 + commands_.size(); }

 private:
  static void put32(std::vector<uint8_t>& v, size_t at, uint32_t x) { std::memcpy(v.data() + at, &x, 4); }
  static void put64(std::vector<uint8_t>& v, size_t at, uint64_t x) { std::memcpy(v.data() + at, &x, 8); }
  Image& add(const std::vector<uint8_t>& c) {
    commands_.insert(commands_.end(), c.begin(), c.end());
    ++ncmds_;
    return *this;
  }
  uint32_t cpu_, flags_;
  uint32_t ncmds_ = 0;
  std::vector<uint8_t> commands_;
};

std::string refusals_text(const MachOImage& image) {
  std::string all;
  for (const auto& r : launch_refusals(image)) all += r + "\n";
  return all;
}

TEST(MachO, ReadsTheCommandsTheLoaderNeeds) {
  const MachOImage image = parse_macho(Image().standard().bytes());
  EXPECT_EQ(image.cputype, kCpuTypeArm64);
  EXPECT_TRUE(image.pie());
  EXPECT_TRUE(image.dyld_linked());
  ASSERT_EQ(image.segments.size(), 3u);
  EXPECT_EQ(image.segments[1].name, "__TEXT");
  EXPECT_EQ(image.segments[1].initprot, kVmProtRead | kVmProtExecute);
  EXPECT_TRUE(image.has_main);
  EXPECT_EQ(image.entryoff, 0x300u);
  EXPECT_EQ(image.dylinker, "/usr/lib/dyld");
  ASSERT_EQ(image.dylibs.size(), 1u);
  EXPECT_EQ(image.dylibs[0], "/usr/lib/libSystem.B.dylib");
  EXPECT_EQ(refusals_text(image), "");
}

TEST(MachO, RejectsWhatIsNotAThin64BitMachO) {
  std::vector<uint8_t> elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
  EXPECT_THROW(
      {
        try {
          parse_macho(elf);
        } catch (const MachOError& e) {
          EXPECT_NE(std::string(e.what()).find("not a 64-bit Mach-O file"), std::string::npos) << e.what();
          throw;
        }
      },
      MachOError);
  std::vector<uint8_t> fat = {0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2};
  try {
    parse_macho(fat);
    FAIL() << "a universal binary was accepted";
  } catch (const MachOError& e) {
    EXPECT_NE(std::string(e.what()).find("universal"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_macho({0xcf, 0xfa}), MachOError);  // truncated header
}

TEST(MachO, RejectsASegmentTheFileCannotFill) {
  const auto bytes = Image().segment("__TEXT", 0x100000000ull, 0x4000, 0, 0x10000, 5).bytes();
  try {
    parse_macho(bytes);
    FAIL() << "a segment reaching past the end of the file was accepted";
  } catch (const MachOError& e) {
    EXPECT_NE(std::string(e.what()).find("segment __TEXT maps bytes the file does not have"), std::string::npos)
        << e.what();
  }
}

TEST(MachO, RefusesWhatMacOSRefusesOnArm64) {
  // Not PIE.
  EXPECT_NE(refusals_text(parse_macho(Image(kCpuTypeArm64, 0x85).standard().bytes())).find("without MH_PIE"),
            std::string::npos);
  // Static (no MH_DYLDLINK).
  EXPECT_NE(refusals_text(parse_macho(Image(kCpuTypeArm64, 0x200001).standard().bytes())).find("static arm64"),
            std::string::npos);
  // No hard page zero.
  const auto no_zero = Image().segment("__TEXT", 0x100000000ull, 0x4000, 0, 0, 5).dylinker().main(0).libsystem();
  EXPECT_NE(refusals_text(parse_macho(no_zero.bytes())).find("__PAGEZERO"), std::string::npos);
  // No libSystem.
  const auto no_libsystem =
      Image().segment("__PAGEZERO", 0, 0x100000000ull, 0, 0, 0).segment("__TEXT", 0x100000000ull, 0x4000, 0, 0, 5)
          .dylinker().main(0);
  EXPECT_NE(refusals_text(parse_macho(no_libsystem.bytes())).find("libSystem"), std::string::npos);
  // No LC_MAIN.
  const auto no_main = Image().segment("__PAGEZERO", 0, 0x100000000ull, 0, 0, 0).dylinker().libsystem();
  EXPECT_NE(refusals_text(parse_macho(no_main.bytes())).find("no LC_MAIN"), std::string::npos);
}

TEST(MachO, X86_64MayBeNonPie) {
  const MachOImage image = parse_macho(Image(kCpuTypeX86_64, 0x85).standard().bytes());
  EXPECT_FALSE(image.pie());
  EXPECT_EQ(refusals_text(image), "");
}

TEST(MachO, RebaseOpcodesGiveThePointerLocations) {
  // Segment 2 (__DATA, 0x100004000) + 0x10: three pointers; then 0x20 further on, two more
  // with an 8-byte gap after each; then one with 0x18 added after it; then one more.
  const std::vector<uint8_t> opcodes = {
      0x11,              // SET_TYPE_IMM pointer
      0x22, 0x10,        // SET_SEGMENT_AND_OFFSET_ULEB segment 2, offset 0x10
      0x53,              // DO_REBASE_IMM_TIMES 3
      0x30, 0x20,        // ADD_ADDR_ULEB 0x20
      0x80, 0x02, 0x08,  // DO_REBASE_ULEB_TIMES_SKIPPING_ULEB 2, skip 8
      0x70, 0x18,        // DO_REBASE_ADD_ADDR_ULEB 0x18
      0x51,              // DO_REBASE_IMM_TIMES 1
      0x00,              // DONE
  };
  Image image;
  image.standard();
  const uint32_t off = static_cast<uint32_t>(image.size() + 48);  // after the LC_DYLD_INFO_ONLY below
  image.dyld_info(off, static_cast<uint32_t>(opcodes.size()));
  const auto bytes = image.bytes(opcodes);
  const auto locations = rebase_locations(parse_macho(bytes), bytes);
  const uint64_t d = 0x100004000ull;
  const std::vector<uint64_t> expected = {d + 0x10, d + 0x18, d + 0x20,  // three
                                          d + 0x48, d + 0x58,            // 0x28 + 0x20, then +8+8
                                          d + 0x68,                      // +8+8
                                          d + 0x88};                     // +8+0x18
  EXPECT_EQ(locations, expected);
}

TEST(MachO, UnknownRebaseOpcodeIsAnError) {
  const std::vector<uint8_t> opcodes = {0x22, 0x00, 0x90, 0x00};
  Image image;
  image.standard();
  image.dyld_info(static_cast<uint32_t>(image.size() + 48), static_cast<uint32_t>(opcodes.size()));
  const auto bytes = image.bytes(opcodes);
  const MachOImage parsed = parse_macho(bytes);  // the image itself is fine: only its opcodes are not
  try {
    rebase_locations(parsed, bytes);
    FAIL() << "rebase opcode 0x90 was accepted";
  } catch (const MachOError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown rebase opcode 0x90"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace sysport::darwin
