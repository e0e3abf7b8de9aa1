// Real-thread stress of the variants that claim to be correct. The book's
// and the paper's variants are rightly racy: the explorer shows how.
// CI also runs this binary under ThreadSanitizer and AddressSanitizer.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#if defined(__linux__)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "lfv/asymmetric_fence.hpp"

#include "concurrency_cases.hpp"
#include "real_threads.hpp"
#include "variants_under_test.hpp"

namespace lfv::test {
namespace {

constexpr unsigned kTotalOps = 120'000;  // per configuration, split over its threads

template <class V>
class Stress : public ::testing::Test {};
TYPED_TEST_SUITE(Stress, CorrectVariants, VariantName);

TYPED_TEST(Stress, MixedOperationsKeepEveryValue) {
  for (unsigned threads : {2u, 4u, 8u}) {
    SCOPED_TRACE(testing::Message() << threads << " threads");
    CountingAllocator alloc;
    EventCounters events;
    RealThreads harness;
    {
      typename TypeParam::Vector v{RealEnv(alloc, events), {.scan_threshold = 8}};
      check_mixed_ops(v, harness, {.threads = threads, .ops_per_thread = kTotalOps / threads, .seed = threads});
      if constexpr (TypeParam::reclaim == Reclaim::hazard) {
        // A thread scans when it holds 8 retired objects; a scan can keep
        // at most threads * 3 that are still protected.
        const unsigned peak = v.reclaimer().retired_peak_per_thread();
        const unsigned bound = std::max(8u, threads * 3 + 1);
        std::printf("[ hazard   ] %u threads: peak retired per thread %u (bound %u), %llu scans, "
                    "%llu failed descriptor CAS\n",
                    threads, peak, bound, (unsigned long long)events[Event::scan],
                    (unsigned long long)events[Event::descriptor_cas_failed]);
        EXPECT_LE(peak, bound);
        EXPECT_LE(alloc.report()[ObjectKind::descriptor].live_objects(), std::int64_t(1 + threads * bound));
      }
    }
    const auto r = alloc.report();
    if constexpr (TypeParam::reclaim == Reclaim::hazard) {
      EXPECT_EQ(r.total().live_objects(), 0);
    } else {
      // Under leak every replaced descriptor stays. The vector frees the
      // current one when it is destroyed, and during the run only a
      // descriptor kept from a lost CAS whose operation then had nothing
      // to publish (a pop that found the vector empty on its retry).
      const KindTotals d = r[ObjectKind::descriptor];
      EXPECT_GE(d.frees, 1u);
      EXPECT_LE(d.frees, 1 + events[Event::descriptor_cas_failed]);
      EXPECT_EQ(d.live_objects() + std::int64_t(d.frees), std::int64_t(d.allocations));
      EXPECT_EQ(d.live_bytes(), d.live_objects() * std::int64_t(TypeParam::Vector::kDescriptorBytes));
    }
  }
}

TEST(StressHazard, ScanAtEveryRetireUnderContention) {
  CountingAllocator alloc;
  EventCounters events;
  RealThreads harness;
  {
    LockFreeVector<std::uint32_t, RealEnv, Completion::versioned, Reclaim::hazard> v{RealEnv(alloc, events),
                                                                                    {.scan_threshold = 1}};
    check_mixed_ops(v, harness, {.threads = 4, .ops_per_thread = 25'000, .seed = 99});
    EXPECT_LE(v.reclaimer().retired_peak_per_thread(), 4u * 3 + 1);
  }
  EXPECT_EQ(alloc.report().total().live_objects(), 0);
}

TYPED_TEST(Stress, ConcurrentReadsSeeOnlyWrittenValues) {
  for (unsigned threads : {2u, 4u}) {
    RealThreads harness;
    typename TypeParam::Vector v;
    check_reads_and_writes(v, harness, {.threads = threads, .ops_per_thread = 20'000, .seed = threads});
  }
}

// These tests run twice (CMakeLists.txt): as they are, with seq_cst fences,
// and with LFV_ASYMMETRIC_FENCES=1, with a compiler fence to protect and
// membarrier to scan where the kernel has it. This says which one ran.
TEST(Fences, TheModeIsTheOneAskedForWhereTheKernelAllowsIt) {
  const char* e = std::getenv("LFV_ASYMMETRIC_FENCES");
  bool expect_asymmetric = e && std::strcmp(e, "1") == 0;
#if defined(__linux__)
  const long cmds = syscall(__NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
  expect_asymmetric = expect_asymmetric && cmds >= 0 && (cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED);
#else
  expect_asymmetric = false;
#endif
  EXPECT_EQ(fence_mode(), expect_asymmetric ? FenceMode::asymmetric : FenceMode::symmetric);
  scan_fence();  // registered: the barrier itself must not fail (it aborts)
  protect_fence();
}

}  // namespace
}  // namespace lfv::test
