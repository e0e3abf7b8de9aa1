// The counting allocator and the event counters of the real environment.
// Both are sharded per thread (one cache line each) so that counting does
// not add contention to the benchmarks it measures.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string_view>

#include "lfv/thread_index.hpp"

namespace lfv {

enum class ObjectKind : std::uint8_t {
  descriptor,        // Descriptor {size, pending/write}
  write_descriptor,  // WriteDescriptor (the book's "Option<WriteDescriptor>", none included)
  bucket,            // an array of slots
  hazard_table,      // the hazard domain's per-thread records
};
inline constexpr std::size_t kObjectKinds = 4;
std::string_view name(ObjectKind k);

enum class Event : std::uint8_t {
  descriptor_cas_failed,  // a push, pop or write lost the race for the descriptor
  bucket_cas_lost,        // a bucket allocation lost its race and was freed
  write_completed,        // a slot CAS of a pending write succeeded
  write_completion_run,   // complete_write ran on a write (owner or helper, success or not)
  scan,                   // a hazard-pointer scan
  reclaimed,              // an object reclaimed by a scan
};
inline constexpr std::size_t kEvents = 6;
std::string_view name(Event e);

// Per-thread shards of N counters; each shard has a single writer.
template <std::size_t N>
class ShardedCounters {
 public:
  ShardedCounters() : shards_(std::make_unique<Shard[]>(kMaxThreads)) {}

  void add(std::size_t counter, std::uint64_t amount) {
    auto& c = shards_[this_thread_index()].value[counter];
    // Single writer per shard: a relaxed load and store suffice; readers
    // only need each counter's latest value, not an order between them.
    c.store(c.load(std::memory_order_relaxed) + amount, std::memory_order_relaxed);
  }

  std::array<std::uint64_t, N> sum() const {
    std::array<std::uint64_t, N> out{};
    for (unsigned t = 0; t < kMaxThreads; ++t)
      for (std::size_t i = 0; i < N; ++i)
        out[i] += shards_[t].value[i].load(std::memory_order_relaxed);
    return out;
  }

 private:
  struct alignas(64) Shard {
    std::array<std::atomic<std::uint64_t>, N> value{};
  };
  std::unique_ptr<Shard[]> shards_;
};

struct KindTotals {
  std::uint64_t allocations = 0, frees = 0, bytes_allocated = 0, bytes_freed = 0;
  std::int64_t live_objects() const { return std::int64_t(allocations) - std::int64_t(frees); }
  std::int64_t live_bytes() const { return std::int64_t(bytes_allocated) - std::int64_t(bytes_freed); }
};

struct AllocationReport {
  std::array<KindTotals, kObjectKinds> by_kind{};
  const KindTotals& operator[](ObjectKind k) const { return by_kind[std::size_t(k)]; }
  KindTotals total() const;
};

// new/delete that counts allocations, frees and bytes per object kind.
class CountingAllocator {
 public:
  // Always the aligned operator new. The plain one saves about 45
  // instructions an allocation on one thread (callgrind), but made the
  // contended 50/50 rows a quarter slower when tried (docs/performance.md).
  void* allocate(ObjectKind kind, std::size_t bytes, std::size_t align) {
    void* p = ::operator new(bytes, std::align_val_t{align});
    counters_.add(index(kind, 0), 1);
    counters_.add(index(kind, 2), bytes);
    return p;
  }
  void deallocate(ObjectKind kind, void* p, std::size_t bytes, std::size_t align) {
    ::operator delete(p, std::align_val_t{align});
    counters_.add(index(kind, 1), 1);
    counters_.add(index(kind, 3), bytes);
  }
  AllocationReport report() const;

 private:
  static std::size_t index(ObjectKind k, std::size_t field) { return std::size_t(k) * 4 + field; }
  ShardedCounters<kObjectKinds * 4> counters_;
};

class EventCounters {
 public:
  void count(Event e, std::uint64_t n = 1) { counters_.add(std::size_t(e), n); }
  std::array<std::uint64_t, kEvents> totals() const { return counters_.sum(); }
  std::uint64_t operator[](Event e) const { return totals()[std::size_t(e)]; }

 private:
  ShardedCounters<kEvents> counters_;
};

}  // namespace lfv
