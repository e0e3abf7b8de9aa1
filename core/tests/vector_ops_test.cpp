// Every operation in every variant, on one thread: results, bucket
// boundaries, reserve, out of range.
#include <gtest/gtest.h>

#include "variants_under_test.hpp"

namespace lfv::test {
namespace {

template <class V>
class VectorOps : public ::testing::Test {
 protected:
  CountingAllocator alloc;
  EventCounters events;
  typename V::Vector vec{RealEnv(alloc, events)};
};
TYPED_TEST_SUITE(VectorOps, RealVariants, VariantName);

TYPED_TEST(VectorOps, StartsEmpty) {
  auto& v = this->vec;
  EXPECT_EQ(v.size(), 0u);
  EXPECT_EQ(v.pop(), std::nullopt);
  EXPECT_EQ(v.buckets_allocated(), 0u);
}

TYPED_TEST(VectorOps, PushThenPopIsLastInFirstOut) {
  auto& v = this->vec;
  EXPECT_EQ(v.push(10), Status::ok);
  EXPECT_EQ(v.push(20), Status::ok);
  EXPECT_EQ(v.push(30), Status::ok);
  EXPECT_EQ(v.size(), 3u);
  EXPECT_EQ(v.pop(), 30u);
  EXPECT_EQ(v.pop(), 20u);
  EXPECT_EQ(v.size(), 1u);
  EXPECT_EQ(v.pop(), 10u);
  EXPECT_EQ(v.pop(), std::nullopt);
  EXPECT_EQ(v.size(), 0u);
}

TYPED_TEST(VectorOps, ReadAndWriteInRange) {
  auto& v = this->vec;
  for (std::uint32_t i = 0; i < 5; ++i) v.push(100 + i);
  EXPECT_EQ(v.read(0), (Result<std::uint32_t>{Status::ok, 100}));
  EXPECT_EQ(v.read(4), (Result<std::uint32_t>{Status::ok, 104}));
  EXPECT_EQ(v.write(2, 7), Status::ok);
  EXPECT_EQ(v.read(2), (Result<std::uint32_t>{Status::ok, 7}));
  EXPECT_EQ(v.size(), 5u);
}

TYPED_TEST(VectorOps, OutOfRangeIsAResult) {
  auto& v = this->vec;
  EXPECT_EQ(v.read(0).status, Status::out_of_range);
  EXPECT_EQ(v.write(0, 1), Status::out_of_range);
  v.push(1);
  EXPECT_EQ(v.read(1).status, Status::out_of_range);
  EXPECT_EQ(v.write(1, 5), Status::out_of_range);
  EXPECT_EQ(v.read(std::size_t(-1)).status, Status::out_of_range);
  EXPECT_EQ(v.reserve(layout::kMaxSize + 1), Status::out_of_range);
  v.pop();
  EXPECT_EQ(v.read(0).status, Status::out_of_range);
  EXPECT_EQ(v.size(), 0u);
}

TYPED_TEST(VectorOps, BucketBoundaries) {
  auto& v = this->vec;
  // Indices 7/8, 23/24, 55/56 and 119/120 straddle buckets 0|1|2|3|4.
  for (std::uint32_t i = 0; i < 130; ++i) {
    ASSERT_EQ(v.push(i * 3), Status::ok);
    ASSERT_EQ(v.size(), i + 1);
  }
  EXPECT_EQ(v.buckets_allocated(), 5u);
  for (std::size_t i : {7u, 8u, 23u, 24u, 55u, 56u, 119u, 120u, 129u})
    EXPECT_EQ(v.read(i), (Result<std::uint32_t>{Status::ok, std::uint32_t(i * 3)})) << "index " << i;
  EXPECT_EQ(v.write(8, 1), Status::ok);
  EXPECT_EQ(v.write(7, 2), Status::ok);
  EXPECT_EQ(v.read(7).value, 2u);
  EXPECT_EQ(v.read(8).value, 1u);
  for (std::uint32_t i = 130; i-- > 0;) {
    const std::uint32_t expect = i == 8 ? 1 : i == 7 ? 2 : i * 3;
    ASSERT_EQ(v.pop(), expect) << "index " << i;
  }
  // Popping keeps the buckets: a later push reuses them.
  EXPECT_EQ(v.buckets_allocated(), 5u);
}

TYPED_TEST(VectorOps, ReserveAllocatesBucketsUpFront) {
  auto& v = this->vec;
  EXPECT_EQ(v.reserve(0), Status::ok);
  EXPECT_EQ(v.buckets_allocated(), 1u);  // the book allocates bucket 0 while empty
  EXPECT_EQ(v.reserve(8), Status::ok);
  EXPECT_EQ(v.buckets_allocated(), 1u);
  EXPECT_EQ(v.reserve(9), Status::ok);
  EXPECT_EQ(v.buckets_allocated(), 2u);
  EXPECT_EQ(v.reserve(57), Status::ok);  // index 56 is in bucket 3
  EXPECT_EQ(v.buckets_allocated(), 4u);
  const auto before = this->alloc.report()[ObjectKind::bucket].allocations;
  for (std::uint32_t i = 0; i < 57; ++i) v.push(i);
  EXPECT_EQ(this->alloc.report()[ObjectKind::bucket].allocations, before) << "pushes allocated a bucket";
  EXPECT_EQ(v.size(), 57u);
  EXPECT_EQ(v.reserve(3), Status::ok);  // smaller than the size: nothing to do
  EXPECT_EQ(v.buckets_allocated(), 4u);
}

TYPED_TEST(VectorOps, ElementsKeepTheirBytes) {
  // The full 32-bit range survives the slot word (and its tag, when versioned).
  auto& v = this->vec;
  for (std::uint32_t x : {0u, 1u, 0x7fffffffu, 0x80000000u, 0xffffffffu}) {
    v.push(x);
    EXPECT_EQ(v.read(v.size() - 1).value, x);
  }
  for (std::uint32_t x : {0xffffffffu, 0x80000000u, 0x7fffffffu, 1u, 0u}) EXPECT_EQ(v.pop(), x);
}

TEST(VectorElements, EightByteElementsInPlainSlots) {
  LockFreeVector<double, RealEnv, Completion::paper, Reclaim::hazard> v;
  v.push(2.5);
  v.push(-1e300);
  EXPECT_EQ(v.pop(), -1e300);
  EXPECT_EQ(v.read(0).value, 2.5);
}

TEST(VectorElements, VersionedTagsCountSlotChanges) {
  using W = SlotWord<std::uint32_t, true>;
  const Word w = W::successor(W::successor(W::encode(0, 0), 7), 9);
  EXPECT_EQ(W::value(w), 9u);
  EXPECT_EQ(W::tag(w), 2u);
  EXPECT_EQ(W::tag(W::successor(W::encode(1, 0xffffffffu), 2)), 0u) << "the tag wraps after 2^32 changes";
}

TEST(Layout, IndexToBucketAndOffset) {
  EXPECT_EQ(layout::locate(0), (layout::Position{0, 0}));
  EXPECT_EQ(layout::locate(7), (layout::Position{0, 7}));
  EXPECT_EQ(layout::locate(8), (layout::Position{1, 0}));
  EXPECT_EQ(layout::locate(23), (layout::Position{1, 15}));
  EXPECT_EQ(layout::locate(24), (layout::Position{2, 0}));
  EXPECT_EQ(layout::locate(55), (layout::Position{2, 31}));
  EXPECT_EQ(layout::locate(56), (layout::Position{3, 0}));
  std::size_t start = 0;
  for (unsigned b = 0; b < 20; ++b) {
    EXPECT_EQ(layout::locate(start).bucket, b);
    start += layout::bucket_capacity(b);
    EXPECT_EQ(layout::locate(start - 1), (layout::Position{b, layout::bucket_capacity(b) - 1}));
  }
}

TEST(Variants, NamesRoundTrip) {
  for (Completion c : kAllCompletions) EXPECT_EQ(parse_completion(name(c)), c);
  for (Reclaim r : kAllReclaims) EXPECT_EQ(parse_reclaim(name(r)), r);
  EXPECT_EQ(parse_completion("Book"), std::nullopt);
  EXPECT_EQ(parse_reclaim("hazards"), std::nullopt);
  EXPECT_TRUE(known_defect(Completion::versioned, Reclaim::hazard).empty());
  EXPECT_TRUE(known_defect(Completion::versioned, Reclaim::leak).empty());
  EXPECT_FALSE(known_defect(Completion::book, Reclaim::leak).empty());
  EXPECT_FALSE(known_defect(Completion::paper, Reclaim::hazard).empty());
  EXPECT_FALSE(known_defect(Completion::versioned, Reclaim::free_now).empty());
}

TEST(Variants, DispatchPicksTheCompileTimeVariant) {
  for (Completion c : kAllCompletions)
    for (Reclaim r : kAllReclaims)
      with_variant(c, r, [&]<Completion C, Reclaim R>() {
        EXPECT_EQ(C, c);
        EXPECT_EQ(R, r);
      });
}

}  // namespace
}  // namespace lfv::test
