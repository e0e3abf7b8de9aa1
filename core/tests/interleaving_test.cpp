// Interleavings made deterministic by pausing one thread before a chosen
// action: a write pending while others look, helped by another thread, and
// a lost descriptor CAS.
#include <gtest/gtest.h>

#include "pause_hook.hpp"
#include "variants_under_test.hpp"

namespace lfv::test {
namespace {

template <class V>
class Interleaving : public ::testing::Test {
 protected:
  using Vector = LockFreeVector<std::uint32_t, PausableEnv, V::completion, V::reclaim>;
  void TearDown() override { clear_pause(); }
  CountingAllocator alloc;
  EventCounters events;
  Vector vec{PausableEnv(alloc, events)};
};
TYPED_TEST_SUITE(Interleaving, RealVariants, VariantName);

TYPED_TEST(Interleaving, SizeExcludesAPendingWriteAndAHelperCompletesIt) {
  auto& v = this->vec;
  v.push(1);
  v.push(2);
  std::optional<std::uint32_t> popped;
  std::size_t size_while_pending = 99;
  // A has swapped in its descriptor for push(3), but not yet written slot 2.
  pause_before(Action::perform_write, 1, [&] {
    size_while_pending = v.size();
    popped = v.pop();  // B completes A's write first, then pops it
  });
  EXPECT_EQ(v.push(3), Status::ok);
  EXPECT_EQ(size_while_pending, 2u);
  EXPECT_EQ(popped, 3u);
  EXPECT_EQ(v.size(), 2u);
  EXPECT_EQ(v.read(1).value, 2u);
  // Writes 1, 2 by their owner; write 3 once by B, then A's CAS fails.
  EXPECT_EQ(this->events[Event::write_completed], 3u);
  EXPECT_EQ(this->events[Event::write_completion_run], 4u);
}

TYPED_TEST(Interleaving, ALostDescriptorCasRetries) {
  auto& v = this->vec;
  pause_before(Action::swap_descriptor, 1, [&] { v.push(2); });
  EXPECT_EQ(v.push(1), Status::ok);
  EXPECT_EQ(this->events[Event::descriptor_cas_failed], 1u);
  EXPECT_EQ(v.size(), 2u);
  EXPECT_EQ(v.pop(), 1u);
  EXPECT_EQ(v.pop(), 2u);
}

TYPED_TEST(Interleaving, ABucketRaceLoserFreesItsBucket) {
  auto& v = this->vec;
  pause_before(Action::install_bucket, 1, [&] { v.push(7); });
  EXPECT_EQ(v.push(8), Status::ok);
  EXPECT_EQ(this->events[Event::bucket_cas_lost], 1u);
  const KindTotals buckets = this->alloc.report()[ObjectKind::bucket];
  EXPECT_EQ(buckets.allocations, 2u);
  EXPECT_EQ(buckets.frees, 1u);
  EXPECT_EQ(v.buckets_allocated(), 1u);
}

}  // namespace
}  // namespace lfv::test
