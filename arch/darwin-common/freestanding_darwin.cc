// What a freestanding clang build for Darwin may still call on its own, beyond the memcpy,
// memmove, memset and memcmp of arch/common/freestanding.cc: LLVM lowers a zeroing memset
// to bzero on Darwin (arm64 calls `bzero`, x86-64 `__bzero`, the faster entry libSystem has
// had since 10.6), even under -ffreestanding. The raw binaries import nothing from
// libSystem, so both are defined here. -ffreestanding keeps clang from recognising this loop
// as a memset and calling back into itself.
using size_t = decltype(sizeof 0);

extern "C" {

void bzero(void* dst, size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  while (n--) *d++ = 0;
}

void __bzero(void* dst, size_t n) { bzero(dst, n); }

}  // extern "C"
