// The real environment: std::atomic, new/delete through a counting
// allocator, real threads, and a backoff that spins then yields.
//
// The vector and the hazard domain are templates over an environment; this
// is the one they run on for real threads and benchmarks. The simulator
// supplies another with the same members (see docs/architecture.md).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <source_location>
#include <thread>
#include <utility>

#include "lfv/asymmetric_fence.hpp"
#include "lfv/counters.hpp"
#include "lfv/platform.hpp"
#include "lfv/site.hpp"
#include "lfv/thread_index.hpp"

namespace lfv {

// Exponential spinning that falls back to yielding the thread, as the book's
// Backoff (crossbeam's) does, but starting at 64 pauses rather than 1. A
// lost CAS means another thread just won; backing off for about as long as
// a few uncontended operations lets the winner run them with the
// descriptor's, the descriptor object's and the slot's cache lines still
// its own, instead of both threads pulling them back and forth on every
// attempt. Measured on 50/50 at 2 threads (docs/performance.md): from 1
// pause, 11 M ops/s and 0.27 failed CAS per op; from 64, 20 M/s and 0.01.
class SpinBackoff {
 public:
  void spin() {
    if (step_ <= kSpinLimit) {
      for (unsigned i = 0; i < (1u << step_); ++i) cpu_relax();
      ++step_;
    } else {
      std::this_thread::yield();
    }
  }

 private:
  static constexpr unsigned kFirstStep = 6;   // 2^6 pauses after the first lost CAS
  static constexpr unsigned kSpinLimit = 10;  // then doubling up to 2^10, then yield
  unsigned step_ = kFirstStep;
};

// A hook the real environment calls before each atomic action and plain-field read. NoHook is the
// real one; tests substitute a hook that pauses a thread at a chosen site.
struct NoHook {
  static void before(const Site&, const std::source_location&) {}
};

CountingAllocator& default_allocator();
EventCounters& default_events();

template <class Hook = NoHook>
class BasicRealEnv {
 public:
  static constexpr bool simulated = false;
  using Loc = std::source_location;

  template <class T>
  class Atomic {
   public:
    Atomic() = default;
    explicit Atomic(T v) : a_(v) {}

    T load(std::memory_order mo, Site s, Loc loc = Loc::current()) const {
      Hook::before(s, loc);
      return a_.load(mo);
    }
    void store(T v, std::memory_order mo, Site s, Loc loc = Loc::current()) {
      Hook::before(s, loc);
      a_.store(v, mo);
    }
    T exchange(T v, std::memory_order mo, Site s, Loc loc = Loc::current()) {
      Hook::before(s, loc);
      return a_.exchange(v, mo);
    }
    bool compare_exchange_strong(T& expected, T desired, std::memory_order ok, std::memory_order fail,
                                 Site s, Loc loc = Loc::current()) {
      Hook::before(s, loc);
      return a_.compare_exchange_strong(expected, desired, ok, fail);
    }
    bool compare_exchange_weak(T& expected, T desired, std::memory_order ok, std::memory_order fail,
                               Site s, Loc loc = Loc::current()) {
      Hook::before(s, loc);
      return a_.compare_exchange_weak(expected, desired, ok, fail);
    }
    // Not an algorithm step: for destructors and tests with no other thread.
    T unsynchronized() const { return a_.load(std::memory_order_relaxed); }

   private:
    std::atomic<T> a_{};
  };

  using Backoff = SpinBackoff;

  BasicRealEnv() : BasicRealEnv(default_allocator(), default_events()) {}
  BasicRealEnv(CountingAllocator& alloc, EventCounters& events) : alloc_(&alloc), events_(&events) {}

  template <class T, class... Args>
  T* create(ObjectKind kind, Args&&... args) {
    void* p = alloc_->allocate(kind, sizeof(T), alignof(T));
    return ::new (p) T{std::forward<Args>(args)...};
  }
  template <class T>
  void destroy(ObjectKind kind, T* p) {
    p->~T();
    alloc_->deallocate(kind, p, sizeof(T), alignof(T));
  }
  // n value-initialized objects (buckets: zeroed slots).
  template <class T>
  T* create_array(ObjectKind kind, std::size_t n) {
    void* p = alloc_->allocate(kind, sizeof(T) * n, alignof(T));
    return std::uninitialized_value_construct_n(static_cast<T*>(p), n), static_cast<T*>(p);
  }
  template <class T>
  void destroy_array(ObjectKind kind, T* p, std::size_t n) {
    std::destroy_n(p, n);
    alloc_->deallocate(kind, p, sizeof(T) * n, alignof(T));
  }

  // A read of a plain field of a heap object. The simulator checks here that
  // the object is still alive; for real threads it is just the read.
  template <class T>
  const T& read(const T& field, Site s = {}, Loc loc = Loc::current()) const {
    Hook::before(s, loc);
    return field;
  }
  // The object has been retired (hazard) or leaked; the simulator tracks it.
  void note_retired(const void*) {}
  // A scan is freeing a retired object (and what it owns).
  void note_reclaiming(bool) {}
  // A descriptor that lost its CAS stays its thread's own, for the next attempt.
  void note_kept(const void*) {}
  // A kept descriptor's plain fields were written anew (the simulator's
  // data-race check stamps them); nothing to do on real threads.
  void note_refilled(const void*) {}

  // Asymmetric where the kernel allows (asymmetric_fence.hpp): a compiler
  // fence to protect, membarrier to scan; seq_cst fences otherwise.
  void fence(Fence f) {
    if (f == Fence::protect)
      protect_fence();  // (H2) pairs with (H4)
    else
      scan_fence();  // (H4) pairs with (H2)
  }
  Backoff backoff() { return {}; }
  void count(Event e, std::uint64_t n = 1) { events_->count(e, n); }
  unsigned thread_index() const { return this_thread_index(); }
  unsigned max_threads() const { return kMaxThreads; }

  CountingAllocator& allocator() const { return *alloc_; }
  EventCounters& events() const { return *events_; }

 private:
  CountingAllocator* alloc_;
  EventCounters* events_;
};

using RealEnv = BasicRealEnv<NoHook>;

}  // namespace lfv
