// The workloads of the vector benchmark: what each worker does in one
// batch, and how a fresh container is set up before the batch is timed.
// Any subject of bench_subjects.hpp can be driven; the caller checks that it
// supports the workload (tbb::concurrent_vector has no pop).
#pragma once

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "bench_subjects.hpp"

namespace lfvbench {

enum class Workload { push, push_reserved, pop, mixed, read_heavy, size_readers };

struct WorkloadInfo {
  Workload id;
  const char* key;
  const char* title;
};

inline constexpr WorkloadInfo kWorkloads[] = {
    {Workload::push, "push", "push-only, no reserve: a batch of pushes into an empty vector"},
    {Workload::push_reserved, "push-reserved",
     "push-only, reserved: the same, after reserve() for the whole batch (no bucket or buffer growth)"},
    {Workload::pop, "pop", "pop-only: a batch of pops from a vector prefilled with exactly as many elements"},
    {Workload::mixed, "mixed-50-50",
     "push/pop 50/50: each operation a push or a pop at random, around a prefill of 8192 elements"},
    {Workload::read_heavy, "read-heavy",
     "read-heavy: random index in a prefilled vector of 65536 elements, 90% read(i), 10% write(i, v)"},
    {Workload::size_readers, "size-readers",
     "size() beside pushers: half the threads push half a batch, the others call size() until they finish "
     "(1 thread: push and size() alternate); ops = pushes + size() calls"},
};

inline constexpr std::size_t kMixedPrefill = 8192;
inline constexpr std::size_t kReadRange = 65536;

struct XorShift {
  std::uint64_t s;
  std::uint64_t next() { return s ^= s << 13, s ^= s >> 7, s ^= s << 17; }
};

// Thread t's share of `total` among n threads.
inline std::uint64_t share(unsigned t, unsigned n, std::uint64_t total) { return total / n + (t < total % n ? 1 : 0); }

inline Value value_of(unsigned t, std::uint64_t i) { return Value(((t + 1) << 24) | (i & 0xFFFFFF)); }

// What worker t does in one batch; returns its operation count.
template <class S>
std::uint64_t work(S& s, Workload w, unsigned t, unsigned n, std::uint64_t total, std::uint64_t seed,
                   std::atomic<unsigned>& pushers_left) {
  XorShift rng{seed * 0x9E3779B97F4A7C15ull + t + 1};
  const std::uint64_t mine = share(t, n, total);
  std::uint64_t sink = 0;
  std::uint64_t ops = mine;
  switch (w) {
    case Workload::push:
    case Workload::push_reserved:
      for (std::uint64_t i = 0; i < mine; ++i) s.push(t, value_of(t, i));
      break;
    case Workload::pop:
      for (std::uint64_t i = 0; i < mine; ++i) sink += s.pop(t).value_or(0);
      break;
    case Workload::mixed:
      for (std::uint64_t i = 0; i < mine; ++i) {
        if (rng.next() >> 63) s.push(t, value_of(t, i));
        else sink += s.pop(t).value_or(0);
      }
      break;
    case Workload::read_heavy:
      for (std::uint64_t i = 0; i < mine; ++i) {
        const std::uint64_t x = rng.next();
        const std::size_t at = std::size_t((x >> 32) % kReadRange);
        if (x % 10 == 0) s.write(t, at, value_of(t, i));
        else sink += s.read(t, at);
      }
      break;
    case Workload::size_readers:
      if (n == 1) {
        for (std::uint64_t i = 0; i < mine; ++i) {
          if (i % 2 == 0) s.push(t, value_of(t, i));
          else sink += s.size(t);
        }
      } else if (const unsigned pushers = n / 2; t < pushers) {
        const std::uint64_t k = share(t, pushers, total / 2);
        for (std::uint64_t i = 0; i < k; ++i) s.push(t, value_of(t, i));
        pushers_left.fetch_sub(1, std::memory_order_release);
        ops = k;
      } else {
        ops = 0;
        while (pushers_left.load(std::memory_order_acquire) > 0) {
          sink += s.size(t);
          ++ops;
        }
      }
      break;
  }
  benchmark::DoNotOptimize(sink);
  return ops;
}

template <class S>
void set_up(S& s, Workload w, std::uint64_t total) {
  switch (w) {
    case Workload::push_reserved: s.reserve(total); break;
    case Workload::pop:
      for (std::uint64_t i = 0; i < total; ++i) s.push(0, value_of(250, i));
      break;
    case Workload::mixed:
      for (std::size_t i = 0; i < kMixedPrefill; ++i) s.push(0, value_of(250, i));
      break;
    case Workload::read_heavy:
      for (std::size_t i = 0; i < kReadRange; ++i) s.push(0, value_of(250, i));
      break;
    default: break;
  }
}

}  // namespace lfvbench
