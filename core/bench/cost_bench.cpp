// lfv_cost_bench: where the time of one uncontended operation goes.
//
// One thread, push/pop 50/50 at random around 8192 elements (the vector
// benchmark's mixed workload), `versioned + hazard`. In one process:
//
//   1. Counts what an operation does: read-modify-writes (CAS, exchange),
//      fences, loads, stores, plain field reads and allocations, through
//      CountingEnv, the real environment with every atomic action counted.
//   2. Times each costly primitive alone, in a tight loop on a cache-hot
//      line: an uncontended CAS, a seq_cst fence (what the hazard
//      protocol's fences are unless LFV_ASYMMETRIC_FENCES=1), and an
//      allocation + free of a descriptor, from the pool and from the heap.
//   3. Times the whole operation on the plain real environment, and the
//      std::mutex + std::vector baseline beside it.
//
// It prints count x unit cost per primitive and the rest (the measured
// total less those: loads, stores, branches, the counters). An estimate:
// on an out-of-order CPU costs overlap, but a locked instruction or a
// fence drains the store buffer, so they come close to adding up. The
// figures are in docs/performance.md ("Where one operation's time goes").
//
// Written against the environment's interface only (atomics, fences,
// allocation), so the same file builds against older trees of the core to
// measure a "before" (docs/performance.md says how).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <new>
#include <optional>
#include <source_location>
#include <vector>

#if __has_include("lfv/asymmetric_fence.hpp")
#include "lfv/asymmetric_fence.hpp"
#define LFV_HAS_FENCE_SIDES 1  // Fence::protect / Fence::scan, and the asymmetric mode
#endif
#include "lfv/counters.hpp"
#include "lfv/real_env.hpp"
#include "lfv/variant.hpp"
#include "lfv/vector.hpp"

namespace {

using Value = std::uint32_t;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kPrefill = 8192;
constexpr int kReps = 7;

struct OpCounts {
  // scan_fences: of the fences, the hazard scans' (H4); the rest are protects (H2).
  std::uint64_t loads = 0, stores = 0, rmws = 0, failed_rmws = 0, fences = 0, scan_fences = 0, reads = 0;
};
thread_local OpCounts g_counts;

// The real environment with every atomic action counted (one thread: a
// thread_local tally). Only the atomics, fences and reads differ.
struct CountingEnv : lfv::RealEnv {
  using Base = lfv::RealEnv;
  using Base::Base;
  using Loc = std::source_location;

  template <class T>
  class Atomic {
   public:
    Atomic() = default;
    explicit Atomic(T v) : a_(v) {}
    T load(std::memory_order mo, lfv::Site = {}, Loc = Loc::current()) const {
      ++g_counts.loads;
      return a_.load(mo);
    }
    void store(T v, std::memory_order mo, lfv::Site = {}, Loc = Loc::current()) {
      ++g_counts.stores;
      a_.store(v, mo);
    }
    T exchange(T v, std::memory_order mo, lfv::Site = {}, Loc = Loc::current()) {
      ++g_counts.rmws;
      return a_.exchange(v, mo);
    }
    bool compare_exchange_strong(T& e, T d, std::memory_order ok, std::memory_order fail, lfv::Site = {},
                                 Loc = Loc::current()) {
      return counted(a_.compare_exchange_strong(e, d, ok, fail));
    }
    bool compare_exchange_weak(T& e, T d, std::memory_order ok, std::memory_order fail, lfv::Site = {},
                               Loc = Loc::current()) {
      return counted(a_.compare_exchange_weak(e, d, ok, fail));
    }
    T unsynchronized() const { return a_.load(std::memory_order_relaxed); }

   private:
    static bool counted(bool ok) {
      ++g_counts.rmws;
      if (!ok) ++g_counts.failed_rmws;
      return ok;
    }
    std::atomic<T> a_{};
  };

  template <class T>
  const T& read(const T& field, lfv::Site = {}, Loc = Loc::current()) const {
    ++g_counts.reads;
    return field;
  }
  template <class F>
  void fence(F f) {
    ++g_counts.fences;
#ifdef LFV_HAS_FENCE_SIDES
    if (f == lfv::Fence::scan) ++g_counts.scan_fences;
#endif
    Base::fence(f);
  }
};

struct XorShift {
  std::uint64_t s;
  std::uint64_t next() { return s ^= s << 13, s ^= s >> 7, s ^= s << 17; }
};

// The mixed workload: `ops` operations, each a push or a pop at random.
template <class V>
std::uint64_t mixed(V& v, std::uint64_t ops, std::uint64_t seed) {
  XorShift rng{seed * 0x9E3779B97F4A7C15ull + 1};
  std::uint64_t sink = 0;
  for (std::uint64_t i = 0; i < ops; ++i) {
    if (rng.next() & 1)
      v.push(Value(i));
    else if (auto x = v.pop())
      sink += *x;
  }
  return sink;
}

class MutexVector {
 public:
  void push(Value x) {
    std::lock_guard<std::mutex> g(m_);
    v_.push_back(x);
  }
  std::optional<Value> pop() {
    std::lock_guard<std::mutex> g(m_);
    if (v_.empty()) return std::nullopt;
    Value x = v_.back();
    v_.pop_back();
    return x;
  }

 private:
  std::mutex m_;
  std::vector<Value> v_;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// ns per iteration of f(i), the fastest of kReps runs (a primitive alone:
// the fastest run is the one least disturbed).
template <class F>
double fastest_ns(std::uint64_t iterations, F&& f) {
  double best = 1e30;
  for (int r = 0; r < kReps; ++r) {
    const auto t0 = Clock::now();
    for (std::uint64_t i = 0; i < iterations; ++i) f(i);
    const double ns = std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
    best = std::min(best, ns / double(iterations));
  }
  return best;
}

// ns per operation of the mixed workload on a fresh container, the median
// of kReps runs (a whole operation: the typical run).
template <class Make>
double operation_ns(std::uint64_t ops, Make&& make, std::uint64_t* sink) {
  std::vector<double> runs;
  for (int r = 0; r < kReps; ++r) {
    auto v = make();
    for (std::size_t i = 0; i < kPrefill; ++i) v->push(Value(i));
    const auto t0 = Clock::now();
    *sink += mixed(*v, ops, std::uint64_t(r));
    runs.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / double(ops));
  }
  return median(runs);
}

template <class K>
auto descriptor_totals(const K& report) {
  const auto& d = report[lfv::ObjectKind::descriptor];
  const auto& w = report[lfv::ObjectKind::write_descriptor];
  struct {
    std::uint64_t allocations, reused;
  } t{d.allocations + w.allocations, 0};
  if constexpr (requires { d.reused; }) t.reused = d.reused + w.reused;
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t ops = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 4'000'000;
  if (ops == 0) {
    std::fprintf(stderr, "lfv_cost_bench: the operation count must be a positive number (got '%s')\n", argv[1]);
    return 2;
  }
  using lfv::Completion, lfv::Reclaim;
  std::uint64_t sink = 0;

  // 1. What one operation does.
  lfv::CountingAllocator counted_alloc;
  lfv::EventCounters counted_events;
  OpCounts per_op;
  std::uint64_t allocs = 0, reused = 0;
  {
    lfv::LockFreeVector<Value, CountingEnv, Completion::versioned, Reclaim::hazard> v(
        CountingEnv(counted_alloc, counted_events));
    for (std::size_t i = 0; i < kPrefill; ++i) v.push(Value(i));
    sink += mixed(v, ops / 4, 99);  // warm: the pool fills, the scans settle
    const OpCounts before = g_counts;
    const auto a0 = descriptor_totals(counted_alloc.report());
    sink += mixed(v, ops, 7);
    const auto a1 = descriptor_totals(counted_alloc.report());
    const OpCounts& c = g_counts;
    per_op = {c.loads - before.loads,
              c.stores - before.stores,
              c.rmws - before.rmws,
              c.failed_rmws - before.failed_rmws,
              c.fences - before.fences,
              c.scan_fences - before.scan_fences,
              c.reads - before.reads};
    allocs = a1.allocations - a0.allocations;
    reused = a1.reused - a0.reused;
  }
  const double n = double(ops);

  // 2. Each primitive alone.
  const std::uint64_t prim = 20'000'000;
  alignas(64) static std::atomic<std::uintptr_t> line{0};
  std::uintptr_t expected = 0;
  const double cas_ns = fastest_ns(prim, [&](std::uint64_t) {
    line.compare_exchange_strong(expected, expected + 1, std::memory_order_acq_rel, std::memory_order_relaxed);
    ++expected;
  });
  const double fence_ns = fastest_ns(prim, [](std::uint64_t) { std::atomic_thread_fence(std::memory_order_seq_cst); });
  // What each side's fence is in the mode this process runs (asymmetric:
  // LFV_ASYMMETRIC_FENCES=1, where the kernel has membarrier).
  bool asymmetric = false;
  double protect_ns = fence_ns, scan_ns = fence_ns;
#ifdef LFV_HAS_FENCE_SIDES
  if (lfv::fence_mode() == lfv::FenceMode::asymmetric) {
    asymmetric = true;
    protect_ns = fastest_ns(prim, [](std::uint64_t) { lfv::protect_fence(); });
    scan_ns = fastest_ns(prim / 1000, [](std::uint64_t) { lfv::scan_fence(); });
  }
#endif
  lfv::CountingAllocator alloc;
  const double pool_ns = fastest_ns(prim / 4, [&](std::uint64_t) {
    void* p = alloc.allocate(lfv::ObjectKind::descriptor, 64, 64);
    std::atomic_signal_fence(std::memory_order_seq_cst);  // keep the pair
    alloc.deallocate(lfv::ObjectKind::descriptor, p, 64, 64);
  });
  const double heap_ns = fastest_ns(prim / 4, [&](std::uint64_t) {
    // As the allocator did before it pooled: the descriptor's own size and alignment.
    void* p = ::operator new(64, std::align_val_t{alignof(std::uint64_t)});
    std::atomic_signal_fence(std::memory_order_seq_cst);
    ::operator delete(p, std::align_val_t{alignof(std::uint64_t)});
  });

  // 3. The whole operation, and the baseline beside it.
  lfv::CountingAllocator real_alloc;
  lfv::EventCounters real_events;
  using Vec = lfv::LockFreeVector<Value, lfv::RealEnv, Completion::versioned, Reclaim::hazard>;
  const double op_ns = operation_ns(ops, [&] { return std::make_unique<Vec>(lfv::RealEnv(real_alloc, real_events)); },
                                    &sink);
  const double mutex_ns = operation_ns(ops, [] { return std::make_unique<MutexVector>(); }, &sink);

  // The report.
  const double rmw = double(per_op.rmws) / n;
  const double scans = double(per_op.scan_fences) / n, protects = double(per_op.fences - per_op.scan_fences) / n;
  const double pooled = double(reused) / n, heap = double(allocs - reused) / n;
  const double parts = rmw * cas_ns + protects * protect_ns + scans * scan_ns + pooled * pool_ns + heap * heap_ns;
  std::printf("lfv_cost_bench: 1 thread, push/pop 50/50 around %zu elements, versioned + hazard, %llu ops\n",
              kPrefill, static_cast<unsigned long long>(ops));
  std::printf("%-34s %8s %10s %8s\n", "", "per op", "unit (ns)", "ns/op");
  std::printf("%-34s %8.3f %10.2f %8.2f\n", "CAS and exchange (uncontended)", rmw, cas_ns, rmw * cas_ns);
  std::printf("fences: %s\n", asymmetric ? "asymmetric (compiler fence to protect, membarrier to scan)"
                                          : "seq_cst on both sides");
#ifdef LFV_HAS_FENCE_SIDES
  std::printf("%-34s %8.3f %10.2f %8.2f\n", "fences, hazard protect (H2)", protects, protect_ns, protects * protect_ns);
  std::printf("%-34s %8.3f %10.2f %8.2f\n", "fences, hazard scan (H4)", scans, scan_ns, scans * scan_ns);
#else
  std::printf("%-34s %8.3f %10.2f %8.2f\n", "fences (hazard protect + scan)", protects, fence_ns, protects * fence_ns);
#endif
  if (reused > 0)
    std::printf("%-34s %8.3f %10.2f %8.2f\n", "allocation + free, from the pool", pooled, pool_ns, pooled * pool_ns);
  else
    std::printf("%-34s %8.3f %10s %8.2f\n", "allocation + free, from the pool", 0.0, "-", 0.0);
  std::printf("%-34s %8.3f %10.2f %8.2f\n", "allocation + free, from the heap", heap, heap_ns, heap * heap_ns);
  std::printf("%-34s %8s %10s %8.2f   (loads %.2f, stores %.2f, field reads %.2f per op)\n", "the rest", "", "",
              op_ns - parts, double(per_op.loads) / n, double(per_op.stores) / n, double(per_op.reads) / n);
  std::printf("%-34s %8s %10s %8.2f   (%.1f M ops/s; failed CAS %.4f per op)\n", "total, measured", "", "", op_ns,
              1e3 / op_ns, double(per_op.failed_rmws) / n);
  std::printf("%-34s %8s %10s %8.2f   (%.1f M ops/s)\n", "std::mutex + std::vector, measured", "", "", mutex_ns,
              1e3 / mutex_ns);
  std::printf("ratio to the mutex: %.2fx\n", mutex_ns / op_ns);
  std::printf("(unit costs: fastest of %d runs of a tight loop; totals: median of %d runs; sink %llu)\n", kReps, kReps,
              static_cast<unsigned long long>(sink & 0xF));
  return 0;
}
