// What the vector benchmark measures: the lock-free vector in each variant
// that may run on real threads, and the baselines beside it. Every subject
// has the same members, so one workload drives them all:
//
//   S(meter, threads)        a fresh, empty container
//   push(t, v), pop(t), size(t), read(t, i), write(t, i, v), reserve(n)
//                            t is the calling worker (only the per-thread
//                            baseline uses it)
//   S::Meter                 counts allocations and live bytes across the
//                            containers of one row
//
// The lock-free vector counts through the CountingAllocator and the
// EventCounters it takes from RealEnv. The baselines count through
// MeteredAlloc, a std allocator that keeps allocations, live bytes and
// their exact peak (their allocations are rare: growth of a buffer or a
// segment, so its shared counters cost nothing measurable).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include <tbb/concurrent_vector.h>

#include "lfv/counters.hpp"
#include "lfv/platform.hpp"
#include "lfv/real_env.hpp"
#include "lfv/variant.hpp"
#include "lfv/vector.hpp"

namespace lfvbench {

using Value = std::uint32_t;

// What a meter reports at one moment: totals since the row began.
struct Usage {
  std::uint64_t allocations = 0;
  std::int64_t live_bytes = 0;
  std::uint64_t failed_cas = 0;
  // The lock-free vector's descriptors and write descriptors: what an
  // operation allocates, buckets (growth, as a baseline's buffer) aside.
  std::uint64_t object_allocations = 0;
  // Of those, the ones that called the heap (the rest came from the pool).
  std::uint64_t object_heap_allocations = 0;
};

// ---- the lock-free vector ----

template <lfv::Completion C, lfv::Reclaim R>
class LockFreeSubject {
  static_assert(lfv::memory_safe_on_real_threads(C, R), "this variant may not run on real threads");

 public:
  static constexpr bool kHasPop = true, kHasReadWrite = true, kCountsCas = true, kExactPeak = false;

  struct Meter {
    lfv::CountingAllocator alloc;
    lfv::EventCounters events;
    Usage usage() const {
      const lfv::AllocationReport r = alloc.report();
      const lfv::KindTotals t = r.total();
      const lfv::KindTotals& d = r[lfv::ObjectKind::descriptor];
      const lfv::KindTotals& w = r[lfv::ObjectKind::write_descriptor];
      return {t.allocations, t.live_bytes(), events[lfv::Event::descriptor_cas_failed],
              d.allocations + w.allocations, d.heap_allocations() + w.heap_allocations()};
    }
    std::int64_t live_bytes() const { return alloc.report().total().live_bytes(); }
    void reset_peak() {}
    std::int64_t exact_peak() const { return 0; }
  };

  LockFreeSubject(Meter& m, unsigned) : v_(lfv::RealEnv(m.alloc, m.events)) {}

  void push(unsigned, Value x) { v_.push(x); }
  std::optional<Value> pop(unsigned) { return v_.pop(); }
  std::size_t size(unsigned) { return v_.size(); }
  Value read(unsigned, std::size_t i) { return v_.read(i).value; }
  void write(unsigned, std::size_t i, Value x) { (void)v_.write(i, x); }
  void reserve(std::size_t n) { (void)v_.reserve(n); }

 private:
  lfv::LockFreeVector<Value, lfv::RealEnv, C, R> v_;
};

// ---- the baselines' allocator ----

struct BaselineMeter {
  std::atomic<std::uint64_t> allocations{0};
  std::atomic<std::int64_t> live{0}, peak{0};

  void on_allocate(std::size_t bytes) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    const std::int64_t now = live.fetch_add(std::int64_t(bytes), std::memory_order_relaxed) + std::int64_t(bytes);
    std::int64_t p = peak.load(std::memory_order_relaxed);
    while (now > p && !peak.compare_exchange_weak(p, now, std::memory_order_relaxed)) {
    }
  }
  void on_deallocate(std::size_t bytes) { live.fetch_sub(std::int64_t(bytes), std::memory_order_relaxed); }

  Usage usage() const {
    return {allocations.load(std::memory_order_relaxed), live.load(std::memory_order_relaxed), 0};
  }
  std::int64_t live_bytes() const { return live.load(std::memory_order_relaxed); }
  void reset_peak() { peak.store(live.load(std::memory_order_relaxed), std::memory_order_relaxed); }
  std::int64_t exact_peak() const { return peak.load(std::memory_order_relaxed); }
};

template <class T>
struct MeteredAlloc {
  using value_type = T;
  BaselineMeter* meter;

  explicit MeteredAlloc(BaselineMeter& m) : meter(&m) {}
  template <class U>
  MeteredAlloc(const MeteredAlloc<U>& o) : meter(o.meter) {}

  T* allocate(std::size_t n) {
    T* p = std::allocator<T>{}.allocate(n);
    meter->on_allocate(n * sizeof(T));
    return p;
  }
  void deallocate(T* p, std::size_t n) {
    std::allocator<T>{}.deallocate(p, n);
    meter->on_deallocate(n * sizeof(T));
  }
  template <class U>
  bool operator==(const MeteredAlloc<U>& o) const {
    return meter == o.meter;
  }
};

// ---- std::vector behind a lock ----

// Test-and-test-and-set: spin on a plain load (with the CPU's pause hint)
// while the lock is held; try the exchange only when it looks free.
class SpinLock {
 public:
  void lock() {
    for (;;) {
      if (!locked_.exchange(true, std::memory_order_acquire)) return;
      while (locked_.load(std::memory_order_relaxed)) lfv::cpu_relax();
    }
  }
  void unlock() { locked_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> locked_{false};
};

template <class Lock>
class LockedVectorSubject {
 public:
  static constexpr bool kHasPop = true, kHasReadWrite = true, kCountsCas = false, kExactPeak = true;
  using Meter = BaselineMeter;

  LockedVectorSubject(Meter& m, unsigned) : v_(MeteredAlloc<Value>(m)) {}

  void push(unsigned, Value x) {
    std::lock_guard g(lock_);
    v_.push_back(x);
  }
  std::optional<Value> pop(unsigned) {
    std::lock_guard g(lock_);
    if (v_.empty()) return std::nullopt;
    const Value x = v_.back();
    v_.pop_back();
    return x;
  }
  std::size_t size(unsigned) {
    std::lock_guard g(lock_);
    return v_.size();
  }
  Value read(unsigned, std::size_t i) {
    std::lock_guard g(lock_);
    return i < v_.size() ? v_[i] : Value{};
  }
  void write(unsigned, std::size_t i, Value x) {
    std::lock_guard g(lock_);
    if (i < v_.size()) v_[i] = x;
  }
  void reserve(std::size_t n) {
    std::lock_guard g(lock_);
    v_.reserve(n);
  }

 private:
  Lock lock_;
  std::vector<Value, MeteredAlloc<Value>> v_;
};

using MutexSubject = LockedVectorSubject<std::mutex>;
using SpinSubject = LockedVectorSubject<SpinLock>;

// ---- tbb::concurrent_vector: push_back, size, operator[]; no pop ----

class TbbSubject {
 public:
  static constexpr bool kHasPop = false, kHasReadWrite = true, kCountsCas = false, kExactPeak = true;
  using Meter = BaselineMeter;

  TbbSubject(Meter& m, unsigned) : v_(MeteredAlloc<Cell>(m)) {}

  void push(unsigned, Value x) { v_.emplace_back(x); }
  std::optional<Value> pop(unsigned) { return std::nullopt; }  // not supported; never called
  std::size_t size(unsigned) { return v_.size(); }
  // Elements are atomics, so a read racing a write is not a data race
  // (the lock-free vector's slots are atomics too).
  Value read(unsigned, std::size_t i) { return i < v_.size() ? v_[i].v.load(std::memory_order_acquire) : Value{}; }
  void write(unsigned, std::size_t i, Value x) {
    if (i < v_.size()) v_[i].v.store(x, std::memory_order_release);
  }
  void reserve(std::size_t n) { v_.reserve(n); }

 private:
  struct Cell {
    explicit Cell(Value x) : v(x) {}
    Cell(const Cell& o) : v(o.v.load(std::memory_order_relaxed)) {}
    std::atomic<Value> v;
  };
  tbb::concurrent_vector<Cell, MeteredAlloc<Cell>> v_;
};

// ---- per-thread std::vectors: the no-sharing ceiling for push-only ----

class PerThreadSubject {
 public:
  static constexpr bool kHasPop = false, kHasReadWrite = false, kCountsCas = false, kExactPeak = true;
  using Meter = BaselineMeter;

  PerThreadSubject(Meter& m, unsigned threads) {
    own_.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) own_.emplace_back(m);
  }

  void push(unsigned t, Value x) { own_[t].v.push_back(x); }
  std::optional<Value> pop(unsigned) { return std::nullopt; }
  std::size_t size(unsigned t) { return own_[t].v.size(); }
  Value read(unsigned, std::size_t) { return Value{}; }
  void write(unsigned, std::size_t, Value) {}
  // Each thread's share of n.
  void reserve(std::size_t n) {
    for (auto& o : own_) o.v.reserve(n / own_.size() + 1);
  }

 private:
  struct alignas(64) Own {  // one cache line each: no false sharing
    explicit Own(BaselineMeter& m) : v(MeteredAlloc<Value>(m)) {}
    std::vector<Value, MeteredAlloc<Value>> v;
  };
  std::vector<Own> own_;
};

}  // namespace lfvbench
