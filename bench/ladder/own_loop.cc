// The project's own timing loop, for targets without a libbenchmark (Debian has none for
// riscv64 in bookworm; i386, armhf and ppc64el ones need a multiarch setup this build does
// not assume), and natively beside Google Benchmark as a cross-check of both.
//
// It does what Google Benchmark does, minimally: per rung, grow the iteration count until
// one run lasts --benchmark_min_time seconds of CPU time; then run every rung that many
// iterations --benchmark_repetitions times, in a fresh random order each repetition (random
// interleaving, so a burst of load from elsewhere spreads over all rungs instead of
// landing on one); time each run with CLOCK_MONOTONIC (real) and CLOCK_PROCESS_CPUTIME_ID
// (CPU, which excludes time the process was not running); write Google Benchmark's JSON
// with the same aggregates (mean, median, sample stddev, cv).
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "ladder.h"

namespace sp_bench {
namespace {

struct Options {
  int repetitions = 1;
  double min_time = 0.5;  // Google Benchmark 1.7's default
  bool interleave = false;
  std::string out;
  std::vector<std::string> only;  // empty: every rung
};

bool parse_bool(const std::string& v) { return v == "true" || v == "1" || v == "yes"; }

// The filter form sysport-bench uses: ^(a|b|c)$ or a single name. Exact names only; the
// own loop has no regular expressions (keeps the static cross builds small and quick).
std::vector<std::string> parse_filter(std::string f) {
  std::vector<std::string> names;
  if (!f.empty() && f.front() == '^') f.erase(0, 1);
  if (!f.empty() && f.back() == '$') f.pop_back();
  if (!f.empty() && f.front() == '(' && f.back() == ')') f = f.substr(1, f.size() - 2);
  std::size_t start = 0;
  while (start <= f.size()) {
    std::size_t bar = f.find('|', start);
    if (bar == std::string::npos) bar = f.size();
    if (bar > start) names.push_back(f.substr(start, bar - start));
    start = bar + 1;
  }
  return names;
}

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::size_t eq = arg.find('=');
    std::string key = arg.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
    if (key == "--benchmark_repetitions") {
      o.repetitions = std::max(1, std::atoi(value.c_str()));
    } else if (key == "--benchmark_min_time") {
      o.min_time = std::atof(value.c_str());
    } else if (key == "--benchmark_enable_random_interleaving") {
      o.interleave = parse_bool(value);
    } else if (key == "--benchmark_out") {
      o.out = value;
    } else if (key == "--benchmark_filter") {
      o.only = parse_filter(value);
    } else if (key == "--benchmark_out_format") {
      if (value != "json") {
        std::fprintf(stderr, "sp-bench: the own loop writes JSON only, not '%s'\n", value.c_str());
        return false;
      }
    } else if (key == "--benchmark_display_aggregates_only" ||
               key == "--benchmark_report_aggregates_only") {
      // Accepted for compatibility: the JSON always has every repetition and the aggregates.
    } else {
      std::fprintf(stderr, "sp-bench: own loop: unknown argument '%s'\n", arg.c_str());
      return false;
    }
  }
  return true;
}

double now(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct Sample {
  double real_ns;  // per iteration
  double cpu_ns;
};

Sample time_run(const Rung& rung, std::uint64_t iterations) {
  double r0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
  rung.own(iterations);
  double c1 = now(CLOCK_PROCESS_CPUTIME_ID), r1 = now(CLOCK_MONOTONIC);
  return {(r1 - r0) * 1e9 / iterations, (c1 - c0) * 1e9 / iterations};
}

std::uint64_t round_up(std::uint64_t n, std::uint64_t granularity) {
  return (n + granularity - 1) / granularity * granularity;
}

// Google Benchmark's rule: grow by the factor the last run fell short by (x1.4, at most
// x10; x10 when the run was too short to say), until one run lasts min_time.
std::uint64_t calibrate(const Rung& rung, double min_time) {
  std::uint64_t n = rung.granularity;
  for (;;) {
    Sample s = time_run(rung, n);
    double seconds = s.cpu_ns * n * 1e-9;
    if (seconds >= min_time || n >= 1000000000ull) return n;
    double factor = seconds / min_time > 0.1 ? min_time * 1.4 / std::max(seconds, 1e-9) : 10.0;
    factor = std::min(factor, 10.0);
    std::uint64_t next = static_cast<std::uint64_t>(n * factor);
    n = round_up(std::max(next, n + 1), rung.granularity);
  }
}

struct Stats {
  double mean, median, stddev, cv;
};

Stats stats(std::vector<double> v) {
  Stats s{};
  const double n = v.size();
  for (double x : v) s.mean += x / n;
  std::sort(v.begin(), v.end());
  std::size_t h = v.size() / 2;
  s.median = v.size() % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
  if (v.size() > 1) {
    double sq = 0;
    for (double x : v) sq += (x - s.mean) * (x - s.mean);
    s.stddev = std::sqrt(sq / (n - 1));  // sample standard deviation, as Google Benchmark
  }
  s.cv = s.mean > 0 ? s.stddev / s.mean : 0;
  return s;
}

std::string quoted(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      q += '\\';
      q += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      q += buf;
    } else {
      q += c;
    }
  }
  return q + "\"";
}

struct Result {
  const Rung* rung;
  int family;
  std::uint64_t iterations;
  std::vector<Sample> samples;
};

void write_json(std::FILE* f, const char* executable, const std::vector<Result>& results,
                int repetitions) {
  char date[64];
  time_t t = time(nullptr);
  strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S%z", localtime(&t));
  char host[256] = "";
  gethostname(host, sizeof host - 1);
  double load[3] = {0, 0, 0};
  getloadavg(load, 3);
  std::fprintf(f, "{\n  \"context\": {\n");
  std::fprintf(f, "    \"date\": %s,\n    \"host_name\": %s,\n    \"executable\": %s,\n",
               quoted(date).c_str(), quoted(host).c_str(), quoted(executable).c_str());
  std::fprintf(f, "    \"num_cpus\": %ld,\n", sysconf(_SC_NPROCESSORS_ONLN));
  std::fprintf(f, "    \"load_avg\": [%g, %g, %g],\n", load[0], load[1], load[2]);
  std::fprintf(f, "    \"library_build_type\": \"none (sysport own loop)\",\n");
  for (const auto& [key, value] : context())
    std::fprintf(f, "    %s: %s,\n", quoted(key).c_str(), quoted(value).c_str());
  std::fprintf(f, "    \"sysport_harness\": \"own-loop\"\n  },\n  \"benchmarks\": [\n");
  bool first = true;
  auto sep = [&] {
    std::fprintf(f, first ? "    " : ",\n    ");
    first = false;
  };
  for (const Result& r : results) {
    const char* name = r.rung->name;
    for (int i = 0; i < repetitions; ++i) {
      sep();
      std::fprintf(f,
                   "{\"name\": \"%s\", \"family_index\": %d, \"per_family_instance_index\": 0, "
                   "\"run_name\": \"%s\", \"run_type\": \"iteration\", \"repetitions\": %d, "
                   "\"repetition_index\": %d, \"threads\": 1, \"iterations\": %llu, "
                   "\"real_time\": %.9g, \"cpu_time\": %.9g, \"time_unit\": \"ns\"}",
                   name, r.family, name, repetitions, i,
                   static_cast<unsigned long long>(r.iterations), r.samples[i].real_ns,
                   r.samples[i].cpu_ns);
    }
    if (repetitions < 2) continue;  // Google Benchmark adds aggregates only for repetitions
    std::vector<double> real, cpu;
    for (const Sample& s : r.samples) {
      real.push_back(s.real_ns);
      cpu.push_back(s.cpu_ns);
    }
    Stats sr = stats(real), sc = stats(cpu);
    const struct {
      const char* aggregate;
      double real, cpu;
      const char* unit;
    } aggregates[] = {{"mean", sr.mean, sc.mean, "time"},
                      {"median", sr.median, sc.median, "time"},
                      {"stddev", sr.stddev, sc.stddev, "time"},
                      {"cv", sr.cv, sc.cv, "percentage"}};
    for (const auto& a : aggregates) {
      sep();
      std::fprintf(f,
                   "{\"name\": \"%s_%s\", \"family_index\": %d, \"per_family_instance_index\": 0, "
                   "\"run_name\": \"%s\", \"run_type\": \"aggregate\", \"repetitions\": %d, "
                   "\"threads\": 1, \"aggregate_name\": \"%s\", \"aggregate_unit\": \"%s\", "
                   "\"iterations\": %d, \"real_time\": %.9g, \"cpu_time\": %.9g, "
                   "\"time_unit\": \"ns\"}",
                   name, a.aggregate, r.family, name, repetitions, a.aggregate, a.unit, repetitions,
                   a.real, a.cpu);
    }
  }
  std::fprintf(f, "\n  ]\n}\n");
}

}  // namespace

int run_own_loop(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) return 2;

  std::vector<Result> results;
  for (std::size_t i = 0; i < kRungCount; ++i) {
    const Rung& rung = kRungs[i];
    if (!o.only.empty() && std::find(o.only.begin(), o.only.end(), rung.name) == o.only.end())
      continue;
    if (!rung_available(rung)) continue;
    results.push_back({&rung, static_cast<int>(i), 0, {}});
  }
  if (results.empty()) {
    std::fprintf(stderr, "sp-bench: the filter matches no rung (sp-bench --sp-list shows them)\n");
    return 2;
  }
  std::printf("sysport own loop: %zu rungs, %d repetitions, min time %g s%s\n", results.size(),
              o.repetitions, o.min_time, o.interleave ? ", random interleaving" : "");
  for (Result& r : results) r.iterations = calibrate(*r.rung, o.min_time);

  std::vector<Result*> order;
  for (Result& r : results) order.push_back(&r);
  std::mt19937 shuffle(std::random_device{}());
  for (int rep = 0; rep < o.repetitions; ++rep) {
    if (o.interleave) std::shuffle(order.begin(), order.end(), shuffle);
    for (Result* r : order) r->samples.push_back(time_run(*r->rung, r->iterations));
  }

  for (const Result& r : results) {
    std::vector<double> cpu;
    for (const Sample& s : r.samples) cpu.push_back(s.cpu_ns);
    Stats s = stats(cpu);
    std::printf("%-22s %12.2f ns CPU (median)  cv %6.2f %%  %12llu iterations\n", r.rung->name,
                s.median, s.cv * 100, static_cast<unsigned long long>(r.iterations));
  }

  if (!o.out.empty()) {
    std::FILE* f = std::fopen(o.out.c_str(), "w");
    if (!f) {
      std::fprintf(stderr, "sp-bench: cannot write %s: %s\n", o.out.c_str(), std::strerror(errno));
      return 1;
    }
    write_json(f, argv[0], results, o.repetitions);
    if (std::fclose(f) != 0) {
      std::fprintf(stderr, "sp-bench: writing %s failed: %s\n", o.out.c_str(), std::strerror(errno));
      return 1;
    }
  }
  return 0;
}

}  // namespace sp_bench
