// A fixed amount of work for an instruction count, which, unlike a time,
// does not move with the machine's load: 8,192 pushes, then 200,000
// push/pop 50/50 at random on one thread, `versioned + hazard` on the real
// environment. Under valgrind:
//   valgrind --tool=callgrind ./build/core/bench/lfv_fixed_workload
// "Collected" is the count; docs/performance.md compares it across commits
// ("What the refactor of issue 14 cost").
#include <cstdint>
#include <cstdio>

#include "lfv/real_env.hpp"
#include "lfv/vector.hpp"

int main() {
  lfv::CountingAllocator allocator;
  lfv::EventCounters events;
  lfv::LockFreeVector<std::uint32_t, lfv::RealEnv, lfv::Completion::versioned, lfv::Reclaim::hazard> v(
      lfv::RealEnv(allocator, events));
  for (std::uint32_t i = 0; i < 8192; ++i) v.push(i);
  std::uint64_t rng = 88172645463325252ull, sink = 0;
  for (std::uint32_t i = 0; i < 200000; ++i) {
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    if (rng & 1) v.push(i);
    else if (auto x = v.pop()) sink += *x;
  }
  std::printf("lfv_fixed_workload: 208192 operations, checksum %llu\n", static_cast<unsigned long long>(sink));
}
