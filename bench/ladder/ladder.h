// The ladder as a list of rungs, and the two loops that time it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#ifdef SP_BENCH_HAVE_GBENCH
#include <benchmark/benchmark.h>
#endif

namespace sp_bench {

struct Rung {
  const char* name;
#ifdef SP_BENCH_HAVE_GBENCH
  void (*gb)(benchmark::State&);
#endif
  void (*own)(std::uint64_t iterations);  // runs the operation `iterations` times
  std::uint64_t granularity;              // own: iteration counts are multiples of this
};

extern const Rung kRungs[];
extern const std::size_t kRungCount;

// Key/value facts for the JSON context of either loop.
std::vector<std::pair<std::string, std::string>> context();

// The project's own timing loop (own_loop.cc): Google Benchmark's flags that sysport-bench
// passes, Google Benchmark's JSON format.
// Whether this process can run the rung at all (the vDSO's entry exists only with a vDSO).
bool rung_available(const Rung& rung);
int run_own_loop(int argc, char** argv);

}  // namespace sp_bench
