// Memory is exact: under `leak` what is leaked is what the algorithm
// allocates, per operation and per failed CAS; under `hazard` everything is
// freed by the time the vector is gone.
#include <gtest/gtest.h>

#include "pause_hook.hpp"
#include "variants_under_test.hpp"

namespace lfv::test {
namespace {

struct Objects {
  std::int64_t descriptors = 0, writes = 0;
  friend bool operator==(const Objects&, const Objects&) = default;
};

Objects allocated(const CountingAllocator& a) {
  const auto r = a.report();
  return {std::int64_t(r[ObjectKind::descriptor].allocations), std::int64_t(r[ObjectKind::write_descriptor].allocations)};
}
Objects live(const CountingAllocator& a) {
  const auto r = a.report();
  return {r[ObjectKind::descriptor].live_objects(), r[ObjectKind::write_descriptor].live_objects()};
}
Objects operator-(Objects a, Objects b) { return {a.descriptors - b.descriptors, a.writes - b.writes}; }
std::ostream& operator<<(std::ostream& o, const Objects& x) {
  return o << "{descriptors " << x.descriptors << ", write descriptors " << x.writes << "}";
}

// What one uncontended operation allocates, by completion variant. The book
// allocates its "none" pending object on pop, and a fresh one each time a
// write is completed; paper allocates a write descriptor only for a write;
// versioned holds the write inside its descriptor: one object per operation,
// and none for a lost attempt, whose descriptor it refills and retries with.
template <Completion C>
struct Cost {
  static constexpr bool book = C == Completion::book;
  static constexpr bool versioned = C == Completion::versioned;
  static constexpr Objects push{1, book ? 2 : versioned ? 0 : 1};
  static constexpr Objects pop{1, book ? 1 : 0};
  static constexpr Objects failed_push_attempt = versioned ? Objects{0, 0} : Objects{1, 1};
  // The versioned write goes through the descriptor; the others store.
  static constexpr Objects write = versioned ? Objects{1, 0} : Objects{0, 0};
  static constexpr Objects at_rest{1, book ? 1 : 0};  // the current descriptor and its pending
  // What the destructor frees: the current descriptor and the write it
  // holds as an object of its own (the last push's, or the book's pending).
  static constexpr Objects freed_at_destruction{1, versioned ? 0 : 1};
};

template <class V>
class LeakLedger : public ::testing::Test {};
using LeakVariants = ::testing::Types<Variant<Completion::book, Reclaim::leak>,
                                      Variant<Completion::paper, Reclaim::leak>,
                                      Variant<Completion::versioned, Reclaim::leak>>;
TYPED_TEST_SUITE(LeakLedger, LeakVariants, VariantName);

TYPED_TEST(LeakLedger, EachOperationLeaksWhatItAllocates) {
  using Vec = LockFreeVector<std::uint32_t, PausableEnv, TypeParam::completion, Reclaim::leak>;
  using Costs = Cost<TypeParam::completion>;
  CountingAllocator alloc;
  EventCounters events;
  Objects expected_allocated;
  {
    Vec v{PausableEnv(alloc, events)};
    expected_allocated = Costs::at_rest;
    EXPECT_EQ(allocated(alloc), expected_allocated);

    auto step = [&](const char* what, Objects cost, auto&& op) {
      const Objects before = allocated(alloc);
      op();
      EXPECT_EQ(allocated(alloc) - before, cost) << what;
      EXPECT_EQ(live(alloc), allocated(alloc)) << what << ": nothing is freed under leak";
      expected_allocated = {expected_allocated.descriptors + cost.descriptors, expected_allocated.writes + cost.writes};
    };
    step("push", Costs::push, [&] { v.push(1); });
    step("push", Costs::push, [&] { v.push(2); });
    step("size", {}, [&] { EXPECT_EQ(v.size(), 2u); });
    step("read", {}, [&] { EXPECT_EQ(v.read(0).value, 1u); });
    step("write", Costs::write, [&] { EXPECT_EQ(v.write(0, 5), Status::ok); });
    step("pop", Costs::pop, [&] { EXPECT_EQ(v.pop(), 2u); });
    step("pop", Costs::pop, [&] { EXPECT_EQ(v.pop(), 5u); });
    step("pop of empty", {}, [&] { EXPECT_EQ(v.pop(), std::nullopt); });
    // A push that loses one descriptor CAS to another push.
    Objects contended{Costs::push.descriptors * 2 + Costs::failed_push_attempt.descriptors,
                      Costs::push.writes * 2 + Costs::failed_push_attempt.writes};
    step("push losing one CAS, beside another push", contended, [&] {
      pause_before(Action::swap_descriptor, 1, [&] { v.push(3); });
      v.push(4);
    });
    EXPECT_EQ(events[Event::descriptor_cas_failed], 1u);
    EXPECT_EQ(allocated(alloc), expected_allocated);
  }
  // Destroyed: only what was still reachable was freed, the current
  // descriptor and its pending object (book) or the last push's write
  // (paper; versioned's is inside the descriptor); the rest leaked.
  const Objects leaked = expected_allocated - Costs::freed_at_destruction;
  EXPECT_EQ(live(alloc), leaked);
  const auto r = alloc.report();
  EXPECT_EQ(r[ObjectKind::descriptor].live_bytes(), leaked.descriptors * std::int64_t(Vec::kDescriptorBytes));
  EXPECT_EQ(r[ObjectKind::write_descriptor].live_bytes(), leaked.writes * std::int64_t(Vec::kWriteDescriptorBytes));
  EXPECT_EQ(r[ObjectKind::bucket].live_objects(), 0);
}

template <class V>
class HazardMemory : public ::testing::Test {};
using HazardVariants = ::testing::Types<Variant<Completion::book, Reclaim::hazard>,
                                        Variant<Completion::paper, Reclaim::hazard>,
                                        Variant<Completion::versioned, Reclaim::hazard>>;
TYPED_TEST_SUITE(HazardMemory, HazardVariants, VariantName);

TYPED_TEST(HazardMemory, ReplacedObjectsAreReclaimedAndNothingOutlivesTheVector) {
  using Vec = LockFreeVector<std::uint32_t, PausableEnv, TypeParam::completion, Reclaim::hazard>;
  CountingAllocator alloc;
  EventCounters events;
  {
    Vec v{PausableEnv(alloc, events), {.scan_threshold = 4}};
    for (std::uint32_t i = 0; i < 100; ++i) v.push(i);
    for (std::uint32_t i = 0; i < 50; ++i) v.pop();
    pause_before(Action::swap_descriptor, 1, [&] { v.push(1000); });
    v.push(1001);
    // With no hazard held between operations, a scan frees all but the
    // fewer-than-threshold objects each of the two threads retired since
    // its last scan: the current descriptor plus at most 3 per thread.
    const auto r = alloc.report();
    EXPECT_LE(r[ObjectKind::descriptor].live_objects(), 1 + 2 * 3);
    EXPECT_GT(events[Event::reclaimed], 100u);
    EXPECT_LE(v.reclaimer().retired_peak_per_thread(), 4u);
  }
  const auto r = alloc.report();
  for (std::size_t k = 0; k < kObjectKinds; ++k)
    EXPECT_EQ(r.by_kind[k].live_objects(), 0) << name(ObjectKind(k));
  EXPECT_EQ(r.total().live_bytes(), 0);
}

// The real allocator's pool: a freed descriptor is handed out again on the
// same thread (not under ASan, which must see a use after reclaim); a
// bucket always goes to the heap; a reuse is still counted as an allocation.
TEST(DescriptorPool, AFreedDescriptorIsReusedOnItsThread) {
  CountingAllocator alloc;
  void* a = alloc.allocate(ObjectKind::descriptor, 64, 8);
  alloc.deallocate(ObjectKind::descriptor, a, 64, 8);
  void* b = alloc.allocate(ObjectKind::descriptor, 48, 8);
  EXPECT_EQ(a == b, kPoolDescriptors);
  void* bucket = alloc.allocate(ObjectKind::bucket, 64, 8);
  alloc.deallocate(ObjectKind::bucket, bucket, 64, 8);
  alloc.deallocate(ObjectKind::descriptor, b, 48, 8);
  const auto r = alloc.report();
  EXPECT_EQ(r[ObjectKind::descriptor].allocations, 2u);
  EXPECT_EQ(r[ObjectKind::descriptor].reused, kPoolDescriptors ? 1u : 0u);
  EXPECT_EQ(r[ObjectKind::bucket].reused, 0u);
  EXPECT_EQ(r.total().live_bytes(), 0);
}

// In the steady state under `hazard` the scans feed the pool: after the
// first scans almost no push or pop calls the heap for its descriptor.
TEST(DescriptorPool, SteadyStateOperationsTakeTheirDescriptorsFromThePool) {
  if (!kPoolDescriptors) GTEST_SKIP() << "no pool under AddressSanitizer";
  using Vec = LockFreeVector<std::uint32_t, RealEnv, Completion::versioned, Reclaim::hazard>;
  CountingAllocator alloc;
  EventCounters events;
  {
    Vec v{RealEnv(alloc, events), {.scan_threshold = 16}};
    for (std::uint32_t i = 0; i < 2000; ++i) {
      v.push(i);
      if (i % 2) v.pop();
    }
  }
  const KindTotals d = alloc.report()[ObjectKind::descriptor];
  EXPECT_EQ(d.allocations, 3001u);  // the first descriptor, then one per operation
  EXPECT_LE(d.heap_allocations(), 16u + 2u);  // until the first scan returned its 16
  EXPECT_EQ(d.live_objects(), 0);
}

}  // namespace
}  // namespace lfv::test
