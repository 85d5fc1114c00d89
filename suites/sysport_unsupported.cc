// The default of every operation a backend does not implement: report it unsupported
// (sp::unsupported, sysport_common.cc), so that the harness makes the run SKIP and names the
// operation and the backend.
//
// How a default reaches only the binaries that need it: suites/CMakeLists.txt compiles this
// file once per operation of SP_OPERATIONS (sysport.h), each time defining only that one
// operation, and puts the objects in a static library that every backend links after its own
// objects. A linker takes an archive member only to resolve a symbol nothing else defines,
// so a backend's own definition wins and the default fills only the gaps. That rule has the
// same meaning for every linker the project uses: GNU ld for ELF (the cross GCCs, freestanding
// and static glibc) and for PE (mingw-w64), lld-link (the clang-mingw targets) and ld64.lld (Darwin).
//
// Why not weak definitions, which would need no archive: on Mach-O a weak definition that is
// used marks the executable WEAK_DEFINES|BINDS_TO_WEAK and sends every call to it through a
// stub and a lazy pointer that dyld binds at load time (ld64.lld-14, checked), which the
// freestanding raw binaries and sysport-darwin-run do not do; on PE/COFF a weak definition is
// a weak external aliased to a ".weak.<name>." symbol, whose handling GNU ld and lld-link
// each implement their own way. An archive member is an ordinary strong definition.
//
// A backend that defines an operation with the wrong signature defines another overload,
// not the operation: backend sources are compiled with -Werror=missing-declarations
// (clang: -Werror=missing-prototypes), so that mistake fails the build instead of turning
// into a quiet SKIP.
#include "sysport.h"

// Which operation this object is for: the wrapper CMake generates for it defines
// SP_UNSUPPORTED_ONLY_<name> as "~, 1" and includes this file. SP_UNSUPPORTED_SELECTED(name)
// is then 1 for that name (the second of "~, 1, 0") and 0 for every other (the second of
// "SP_UNSUPPORTED_ONLY_<other>, 0").
#define SP_UNSUPPORTED_SECOND(a, b, ...) b
#define SP_UNSUPPORTED_SECOND_OF(...) SP_UNSUPPORTED_SECOND(__VA_ARGS__, 0, )
#define SP_UNSUPPORTED_SELECTED(name) SP_UNSUPPORTED_SECOND_OF(SP_UNSUPPORTED_ONLY_##name)
#define SP_UNSUPPORTED_CAT(a, b) SP_UNSUPPORTED_CAT_(a, b)
#define SP_UNSUPPORTED_CAT_(a, b) a##b
#define SP_UNSUPPORTED_WHEN_1(...) __VA_ARGS__
#define SP_UNSUPPORTED_WHEN_0(...)

// The default's parameters are never read.
#pragma GCC diagnostic ignored "-Wunused-parameter"

namespace sp {

#define SP_UNSUPPORTED_DEFAULT(type, name, parameters)              \
  SP_UNSUPPORTED_CAT(SP_UNSUPPORTED_WHEN_, SP_UNSUPPORTED_SELECTED(name)) \
  (type name parameters { unsupported(#name); })
SP_OPERATIONS(SP_UNSUPPORTED_DEFAULT)
#undef SP_UNSUPPORTED_DEFAULT

// Exactly one operation per object: a wrapper whose name is not in SP_OPERATIONS (CMake read
// the list wrongly) would otherwise make an empty object, and two defaults in one object
// would collide with a backend that defines one of them.
#define SP_UNSUPPORTED_COUNT(type, name, parameters) +SP_UNSUPPORTED_SELECTED(name)
static_assert(0 SP_OPERATIONS(SP_UNSUPPORTED_COUNT) == 1,
              "this object must define the default of exactly one operation of SP_OPERATIONS");
#ifdef SP_UNSUPPORTED_OPERATION_COUNT
// ...and CMake found every operation (it passes how many names it read to each object).
#define SP_UNSUPPORTED_ONE(type, name, parameters) +1
static_assert(0 SP_OPERATIONS(SP_UNSUPPORTED_ONE) == SP_UNSUPPORTED_OPERATION_COUNT,
              "suites/CMakeLists.txt read a different number of operations from sysport.h than "
              "SP_OPERATIONS has: keep one X(...) row per line");
#endif

}  // namespace sp
