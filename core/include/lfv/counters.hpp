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

  // Inlined: GCC kept it a call, 5% of a 1-thread 50/50 run (perf).
  [[gnu::always_inline]] void add(std::size_t counter, std::uint64_t amount) {
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
  // allocations and frees are the objects handed out and given back;
  // `reused` of the allocations came from the thread's pool, not the heap.
  std::uint64_t allocations = 0, frees = 0, bytes_allocated = 0, bytes_freed = 0, reused = 0;
  std::int64_t live_objects() const { return std::int64_t(allocations) - std::int64_t(frees); }
  std::int64_t live_bytes() const { return std::int64_t(bytes_allocated) - std::int64_t(bytes_freed); }
  std::uint64_t heap_allocations() const { return allocations - reused; }
};

struct AllocationReport {
  std::array<KindTotals, kObjectKinds> by_kind{};
  const KindTotals& operator[](ObjectKind k) const { return by_kind[std::size_t(k)]; }
  KindTotals total() const;
};

// Whether freed descriptors are kept for reuse (CountingAllocator's pool).
// Off under AddressSanitizer, so that it still sees a use after reclaim.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kPoolDescriptors = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kPoolDescriptors = false;
#else
inline constexpr bool kPoolDescriptors = true;
#endif
#else
inline constexpr bool kPoolDescriptors = true;
#endif

// new/delete that counts allocations, frees and bytes per object kind, and
// keeps freed descriptors and write descriptors in a per-thread pool for
// the next allocation on that thread: in the steady state under `hazard`
// the scans feed the pool and an operation takes its descriptor from it,
// with no call to the heap. Only this real allocator pools; the simulator
// never reuses memory during a run. A pooled object counts as freed (the
// report's live figures are the program's objects), and each reuse counts
// in `reused`.
class CountingAllocator {
 public:
  // Pooled objects take a block of one cache line, aligned to it: the
  // descriptors of two threads never share a line (a plain `new` packs
  // them 80 bytes apart; that made the contended rows slower when tried).
  static constexpr std::size_t kBlockBytes = 64;
  // At most this many blocks wait in one thread's pool (256 KiB); more go
  // back to the heap. A scan frees at most its threshold at once.
  static constexpr unsigned kPoolCap = 4096;

  CountingAllocator() : shards_(std::make_unique<Shard[]>(kMaxThreads)) {}
  ~CountingAllocator();  // returns every pooled block to the heap
  CountingAllocator(const CountingAllocator&) = delete;
  CountingAllocator& operator=(const CountingAllocator&) = delete;

  // Both inlined: GCC kept them calls (perf: allocate alone 10% of a
  // 1-thread 50/50 run); the pooled path is a few loads and stores.
  [[gnu::always_inline]] void* allocate(ObjectKind kind, std::size_t bytes, std::size_t align) {
    Shard& s = shards_[this_thread_index()];  // one look-up for the pool and the counts
    void* p;
    if (pooled(kind, bytes, align)) {
      if (Block* b = s.pool) {
        s.pool = b->next;
        --s.pooled;
        bump(s.value[index(kind, kReused)], 1);
        p = b;
      } else {
        p = ::operator new(kBlockBytes, std::align_val_t{kBlockBytes});
      }
    } else {
      p = ::operator new(bytes, std::align_val_t{align});
    }
    bump(s.value[index(kind, kAllocations)], 1);
    bump(s.value[index(kind, kBytesAllocated)], bytes);
    return p;
  }
  [[gnu::always_inline]] void deallocate(ObjectKind kind, void* p, std::size_t bytes, std::size_t align) {
    Shard& s = shards_[this_thread_index()];
    if (pooled(kind, bytes, align)) {
      if (s.pooled < kPoolCap) {
        s.pool = ::new (p) Block{s.pool};
        ++s.pooled;
      } else {
        ::operator delete(p, std::align_val_t{kBlockBytes});
      }
    } else {
      ::operator delete(p, std::align_val_t{align});
    }
    bump(s.value[index(kind, kFrees)], 1);
    bump(s.value[index(kind, kBytesFreed)], bytes);
  }
  AllocationReport report() const;

 private:
  enum Field : std::size_t { kAllocations, kFrees, kBytesAllocated, kBytesFreed, kReused, kFields };
  struct Block {
    Block* next;
  };
  // One thread's counters and pool; only the thread holding the index
  // writes it (an index passes to a new thread only through the registry's
  // lock, thread_index.cpp). Others read the counters for reports.
  struct alignas(64) Shard {
    std::array<std::atomic<std::uint64_t>, kObjectKinds * kFields> value{};
    Block* pool = nullptr;
    unsigned pooled = 0;
  };
  static bool pooled(ObjectKind kind, std::size_t bytes, std::size_t align) {
    return kPoolDescriptors && (kind == ObjectKind::descriptor || kind == ObjectKind::write_descriptor) &&
           bytes <= kBlockBytes && align <= kBlockBytes;
  }
  // Single writer: a relaxed load and store suffice (as ShardedCounters).
  static void bump(std::atomic<std::uint64_t>& c, std::uint64_t amount) {
    c.store(c.load(std::memory_order_relaxed) + amount, std::memory_order_relaxed);
  }
  static std::size_t index(ObjectKind k, Field f) { return std::size_t(k) * kFields + f; }
  std::unique_ptr<Shard[]> shards_;
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
