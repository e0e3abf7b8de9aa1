// The book's bucket layout: bucket b holds 8 * 2^b slots, 60 buckets.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

namespace lfv::layout {

inline constexpr std::size_t kFirstBucketSize = 8;
inline constexpr unsigned kFirstBucketBits = 3;  // log2(kFirstBucketSize)
inline constexpr unsigned kBucketCount = 60;

constexpr std::size_t bucket_capacity(unsigned bucket) { return kFirstBucketSize << bucket; }

// Slots in all 60 buckets together: the largest index + 1 a vector can hold.
inline constexpr std::size_t kMaxSize = kFirstBucketSize * ((std::size_t{1} << kBucketCount) - 1);

// The index of bucket b's first slot (the inverse of locate for offset 0).
constexpr std::size_t first_index(unsigned bucket) { return bucket_capacity(bucket) - kFirstBucketSize; }

struct Position {
  unsigned bucket;
  std::size_t offset;
  friend bool operator==(const Position&, const Position&) = default;
};

// pos = i + FBS; hi = highest set bit of pos; bucket = hi - log2(FBS); offset = pos xor 2^hi.
// Precondition: index < kMaxSize.
constexpr Position locate(std::size_t index) {
  const std::size_t pos = index + kFirstBucketSize;
  const unsigned hi = static_cast<unsigned>(std::bit_width(pos)) - 1;
  return {hi - kFirstBucketBits, pos ^ (std::size_t{1} << hi)};
}

static_assert(locate(0) == Position{0, 0});
static_assert(locate(7) == Position{0, 7});
static_assert(locate(8) == Position{1, 0});
static_assert(locate(23) == Position{1, 15});
static_assert(locate(24) == Position{2, 0});
static_assert(first_index(0) == 0 && first_index(1) == 8 && first_index(2) == 24);
static_assert(locate(first_index(5)) == Position{5, 0});
static_assert(locate(kMaxSize - 1) == Position{kBucketCount - 1, bucket_capacity(kBucketCount - 1) - 1});

}  // namespace lfv::layout
