// The lock-free vector on real threads against its baselines: std::vector
// behind a std::mutex, behind a test-and-test-and-set spinlock,
// tbb::concurrent_vector, and per-thread std::vectors (the no-sharing
// ceiling for push-only), at 1, 2 and 4 threads, on six workloads
// (bench_workloads.hpp).
//
// Each row runs in a child process of its own (bench_harness.hpp): a pool
// of pinned worker threads is created, one warm-up batch is run and
// dropped, then `iterations` timed batches, then one batch, not timed, in
// which a sampler thread records the peak of live bytes. Each batch gets a
// fresh container, set up (prefill, reserve) before the workers are
// released by a barrier and a start gate, and torn down after they finish.
// The workers read the clock themselves (first start to last finish); each
// batch's time goes to Google Benchmark as manual time, and the row's ops/s
// is the median batch's. docs/performance.md explains the method and reads
// the figures.
//
//   lfv_vector_bench [--iterations=N] [--ops=N] [Google Benchmark flags]
//   --iterations  timed batches per row (default 7; at most 64)
//   --ops         operations per batch, split among the threads (default 262144; at least 64)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "bench_harness.hpp"
#include "bench_report.hpp"
#include "bench_subjects.hpp"
#include "bench_workloads.hpp"

namespace {

using namespace lfvbench;
using lfv::Completion;
using lfv::Reclaim;

// ---- the subjects ----

enum class Subject { mutex, spin, tbb, per_thread, versioned_hazard, versioned_leak, paper_hazard, paper_leak, book_leak };

struct SubjectInfo {
  Subject id;
  const char* key;
  const char* label;
  bool broken;
};

// The mutex comes first: every other row's ratio is taken against it.
// book + hazard (it can use freed memory) and free-now (refused at compile
// time) never run on real threads.
constexpr SubjectInfo kSubjects[] = {
    {Subject::mutex, "mutex", "std::vector + std::mutex", false},
    {Subject::spin, "spinlock", "std::vector + spinlock (TTAS, pause)", false},
    {Subject::tbb, "tbb", "tbb::concurrent_vector", false},
    {Subject::per_thread, "per-thread", "per-thread std::vector (no sharing)", false},
    {Subject::versioned_hazard, "versioned-hazard", "versioned + hazard", false},
    {Subject::versioned_leak, "versioned-leak", "versioned + leak", false},
    {Subject::paper_hazard, "paper-hazard", "paper + hazard (deliberately broken)", true},
    {Subject::paper_leak, "paper-leak", "paper + leak (deliberately broken)", true},
    {Subject::book_leak, "book-leak", "book + leak (deliberately broken)", true},
};

template <class Fn>
decltype(auto) with_subject(Subject s, Fn&& fn) {
  switch (s) {
    case Subject::mutex: return fn.template operator()<MutexSubject>();
    case Subject::spin: return fn.template operator()<SpinSubject>();
    case Subject::tbb: return fn.template operator()<TbbSubject>();
    case Subject::per_thread: return fn.template operator()<PerThreadSubject>();
    case Subject::versioned_hazard: return fn.template operator()<LockFreeSubject<Completion::versioned, Reclaim::hazard>>();
    case Subject::versioned_leak: return fn.template operator()<LockFreeSubject<Completion::versioned, Reclaim::leak>>();
    case Subject::paper_hazard: return fn.template operator()<LockFreeSubject<Completion::paper, Reclaim::hazard>>();
    case Subject::paper_leak: return fn.template operator()<LockFreeSubject<Completion::paper, Reclaim::leak>>();
    case Subject::book_leak: break;
  }
  return fn.template operator()<LockFreeSubject<Completion::book, Reclaim::leak>>();
}

template <class S>
constexpr bool supports(Workload w) {
  if constexpr (std::is_same_v<S, PerThreadSubject>) return w == Workload::push || w == Workload::push_reserved;
  switch (w) {
    case Workload::pop:
    case Workload::mixed: return S::kHasPop;
    case Workload::read_heavy: return S::kHasReadWrite;
    default: return true;
  }
}

// ---- one row, measured in a child process ----

struct Config {
  unsigned iterations = 7;
  unsigned warmup = 1;
  std::uint64_t ops = 1u << 18;
};

struct RowResult {
  static constexpr unsigned kMaxIterations = 64;
  unsigned iterations = 0;
  double seconds[kMaxIterations]{};
  std::uint64_t batch_ops[kMaxIterations]{};
  std::uint64_t ops = 0, pushes = 0, allocations = 0, object_allocations = 0, object_heap_allocations = 0, failed_cas = 0, samples = 0,
                page_faults = 0;
  std::int64_t peak_live_bytes = 0;
};

// Batches of a row: `warmup` dropped, `iterations` timed, then one more,
// not timed, in which the sampler records the peak of live bytes.
template <class S>
RowResult measure(Workload w, unsigned n, const Config& cfg) {
  typename S::Meter meter;
  RowResult r;
  r.iterations = cfg.iterations;
  ThreadPool pool(n);
  PeakSampler sampler([&meter] { return meter.live_bytes(); });
  const unsigned sampled_batch = cfg.warmup + cfg.iterations;
  for (unsigned it = 0; it <= sampled_batch; ++it) {
    const std::int64_t base = meter.live_bytes();  // what earlier batches leaked
    S s(meter, n);
    set_up(s, w, cfg.ops);
    struct alignas(64) {  // a line of its own: size() readers poll it
      std::atomic<unsigned> value;
    } pushers_left{{n / 2}};
    const ThreadPool::Job job = [&](unsigned t) { return work(s, w, t, n, cfg.ops, it + 1, pushers_left.value); };
    if (it == sampled_batch) {
      meter.reset_peak();
      sampler.begin();
      pool.run(job);
      const auto [sampled, samples] = sampler.end();
      const std::int64_t peak = S::kExactPeak ? std::max(sampled, meter.exact_peak()) : sampled;
      r.peak_live_bytes = peak - base;
      r.samples = samples;
      break;
    }
    const Usage before = meter.usage();
    const long faults_before = minor_page_faults();
    const BatchTiming bt = pool.run(job);
    const long faults_after = minor_page_faults();
    const Usage after = meter.usage();
    if (it < cfg.warmup) continue;
    r.seconds[it - cfg.warmup] = bt.seconds;
    r.batch_ops[it - cfg.warmup] = bt.ops;
    r.ops += bt.ops;
    r.pushes += w == Workload::size_readers ? cfg.ops / 2
                : w == Workload::push || w == Workload::push_reserved ? cfg.ops
                                                                      : 0;
    r.allocations += after.allocations - before.allocations;
    r.object_allocations += after.object_allocations - before.object_allocations;
    r.object_heap_allocations += after.object_heap_allocations - before.object_heap_allocations;
    r.failed_cas += after.failed_cas - before.failed_cas;
    r.page_faults += std::uint64_t(std::max(0L, faults_after - faults_before));
  }
  return r;
}

// ---- registration: one Google Benchmark per row ----

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n == 0 ? 0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct RowSpec {
  Workload workload;
  SubjectInfo subject;
  unsigned threads;
};

Config g_config;
std::map<std::pair<Workload, unsigned>, double> g_mutex_ops;  // the ratio's denominators
std::map<std::string, RowInfo> g_rows;

void bench_row(benchmark::State& state, RowSpec spec) {
  const std::optional<RowResult> r = with_subject(spec.subject.id, [&]<class S>() {
    return run_isolated<RowResult>([&] { return measure<S>(spec.workload, spec.threads, g_config); });
  });
  if (!r || r->iterations != g_config.iterations) {
    state.SkipWithError("the row's child process failed");
    for (auto _ : state) {
    }
    return;
  }
  // Throughput: the median over the timed batches (a contended lock's
  // batches vary by 2x on a small virtual machine); the mean, the slowest
  // and the fastest go to the JSON as well.
  std::vector<double> rates, push_rates, size_rates;
  const std::uint64_t pushes_per_batch = r->pushes / r->iterations;
  double seconds = 0;
  unsigned i = 0;
  for (auto _ : state) {
    state.SetIterationTime(r->seconds[i]);
    seconds += r->seconds[i];
    rates.push_back(double(r->batch_ops[i]) / r->seconds[i]);
    push_rates.push_back(double(pushes_per_batch) / r->seconds[i]);
    size_rates.push_back(double(r->batch_ops[i] - pushes_per_batch) / r->seconds[i]);
    ++i;
  }
  const double ops = double(r->ops), ops_s = median(rates);
  if (spec.subject.id == Subject::mutex) g_mutex_ops[{spec.workload, spec.threads}] = ops_s;
  const auto m = g_mutex_ops.find({spec.workload, spec.threads});
  state.counters["threads"] = spec.threads;
  state.counters["ops_per_batch"] = double(g_config.ops);
  state.counters["ops_per_second"] = ops_s;
  state.counters["ops_per_second_mean"] = ops / seconds;
  state.counters["ops_per_second_min"] = *std::min_element(rates.begin(), rates.end());
  state.counters["ops_per_second_max"] = *std::max_element(rates.begin(), rates.end());
  if (m != g_mutex_ops.end() && m->second > 0) state.counters["vs_mutex"] = ops_s / m->second;
  state.counters["allocs_per_op"] = double(r->allocations) / ops;
  if (spec.subject.id >= Subject::versioned_hazard) {
    state.counters["failed_cas_per_op"] = double(r->failed_cas) / ops;
    state.counters["object_allocs_per_op"] = double(r->object_allocations) / ops;
    state.counters["object_heap_allocs_per_op"] = double(r->object_heap_allocations) / ops;
  }
  state.counters["peak_live_bytes"] = double(r->peak_live_bytes);
  state.counters["page_faults_per_op"] = double(r->page_faults) / ops;
  state.counters["peak_samples"] = double(r->samples);
  if (spec.workload == Workload::size_readers) {
    state.counters["pushes_per_second"] = median(push_rates);
    state.counters["sizes_per_second"] = median(size_rates);
  }
  std::string label;
  if (spec.subject.broken) label = "deliberately broken";
  if (spec.threads > std::thread::hardware_concurrency())
    label += std::string(label.empty() ? "" : "; ") + "oversubscribed";
  if (!label.empty()) state.SetLabel(label);
}

void register_rows() {
  for (const WorkloadInfo& w : kWorkloads)
    for (const SubjectInfo& s : kSubjects) {
      const bool ok = with_subject(s.id, [&]<class S>() { return supports<S>(w.id); });
      if (!ok) continue;
      for (unsigned threads : {1u, 2u, 4u}) {
        const std::string name = std::string(w.key) + "/" + s.key + "/threads:" + std::to_string(threads);
        g_rows[name] = RowInfo{w.title, s.label, threads, s.id >= Subject::versioned_hazard,
                               w.id == Workload::size_readers};
        benchmark::RegisterBenchmark(name.c_str(), bench_row, RowSpec{w.id, s, threads})
            ->UseManualTime()
            ->Iterations(g_config.iterations)
            ->Unit(benchmark::kMillisecond);
      }
    }
}

// The goals the project set for the real core (docs/performance.md,
// "Where one operation's time goes"), against this run's rows. The 2-thread
// goal is for the median of 7 runs of `make bench`: one run is one sample.
void print_goals(const std::vector<Line>& lines) {
  auto find = [&](const char* workload_key, const char* label, unsigned threads) -> const Line* {
    const char* title = "";
    for (const auto& w : kWorkloads)
      if (std::strcmp(w.key, workload_key) == 0) title = w.title;
    for (const Line& l : lines)
      if (l.info.workload_title == title && l.info.subject_label == label && l.info.threads == threads &&
          l.error.empty())
        return &l;
    return nullptr;
  };
  std::printf("\ngoals for the real core (the correct design, versioned; 2 threads: the median of 7 runs counts):\n");
  const struct {
    unsigned threads;
    double goal;
  } ratio_goals[] = {{1, 0.6}, {2, 1.0}, {4, 1.0}};
  for (const auto& g : ratio_goals) {
    std::printf("  push/pop 50/50 at %u thread%s, at least %.1fx the mutex:", g.threads, g.threads == 1 ? "" : "s",
                g.goal);
    for (const char* v : {"versioned + hazard", "versioned + leak"})
      if (const Line* l = find("mixed-50-50", v, g.threads))
        std::printf("  %s %.2fx (%s)", v, l->vs_mutex, l->vs_mutex >= g.goal ? "met" : "not met");
    std::printf("\n");
  }
  // Buckets aside: they are the vector's growth, 17 allocations in all for
  // a batch of 262144 pushes, as a baseline's buffer is not counted per push.
  std::printf("  at most 1 allocation per push (push-only, no reserve; descriptors and write descriptors):");
  for (const char* v : {"versioned + hazard", "versioned + leak"})
    for (unsigned t : {1u, 4u})
      if (const Line* l = find("push", v, t))
        std::printf("  %s at %u thread%s %.3f (%s)", v, t, t == 1 ? "" : "s", l->object_allocs_per_op,
                    l->object_allocs_per_op <= 1.0 ? "met" : "not met");
  std::printf("\n");
}

bool parse_flag(const char* arg, const char* name, std::uint64_t& out) {
  const std::size_t n = std::strlen(name);
  if (std::strncmp(arg, name, n) != 0 || arg[n] != '=') return false;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(arg + n + 1, &end, 10);
  if (!end || *end || v == 0) {
    std::fprintf(stderr, "lfv_vector_bench: bad value in %s\n", arg);
    std::exit(2);
  }
  out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // Our own flags first; the rest go to Google Benchmark.
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::uint64_t v = 0;
    if (parse_flag(argv[i], "--iterations", v)) g_config.iterations = unsigned(std::min<std::uint64_t>(v, RowResult::kMaxIterations));
    else if (parse_flag(argv[i], "--ops", v)) g_config.ops = std::max<std::uint64_t>(v, 64);
    else rest.push_back(argv[i]);
  }
  int rest_argc = int(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 2;
  register_rows();

  // Other processes' load: sampled for a moment before, and over the run.
  const ForeignLoad whole_run;
  std::string load_note;
  {
    const ForeignLoad before;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const double f = before.fraction();
    char b[200];
    if (f >= 0)
      std::snprintf(b, sizeof b, "other processes' load just before the run: %.0f%% of the CPUs%s\n", f * 100,
                    f > 0.1 ? " -- WARNING: the machine is busy; the figures will be low and noisy" : "");
    load_note = f >= 0 ? b : "";
  }
  const auto cpu_note = [](const char* when) {
    const double ns = cache_line_round_trip_ns();
    if (ns <= 0) return std::string();
    char b[240];
    std::snprintf(b, sizeof b, "CPUs %s: a cache line crosses between them and comes back in %.0f ns%s\n", when, ns,
                  ns > 200 ? " -- far apart this time: contended rows will differ (docs/performance.md)" : "");
    return std::string(b);
  };
  load_note += cpu_note("before the run");

  char header[1400];
  std::snprintf(header, sizeof header,
                "lfv_vector_bench: the lock-free vector against its baselines, on real threads\n"
                "each row: its own process; worker threads created first, pinned, released by a barrier; 1 warm-up "
                "batch, then %u timed\nbatches of %llu operations split among the threads. ops/s: the median batch's "
                "operations / time from the first\nworker's start to the last one's finish (batches: slowest-fastest). "
                "vs mutex: against std::vector + std::mutex, same\nworkload and threads. allocs/op, failed CAS/op: "
                "per operation, timed batches. peak live bytes: the container's heap at\nits largest, prefill "
                "included, in one more batch, not timed (lock-free: sampled every ~1 ms; baselines: exact).\n%s",
                g_config.iterations, (unsigned long long)g_config.ops, load_note.c_str());
  TableReporter reporter(g_rows, header, [&](const std::vector<Line>& lines) {
    print_goals(lines);
    std::printf("\n%s", cpu_note("after the run").c_str());
    const double f = whole_run.fraction();
    if (f >= 0)
      std::printf("other processes' load during the run: %.0f%% of the CPUs%s\n", f * 100,
                  f > 0.1 ? " -- WARNING: busy machine, rerun on a quiet one" : " (quiet enough)");
  });
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
}
