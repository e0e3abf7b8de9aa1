// A hazard-pointer domain, templated on the environment like the vector.
//
// Each thread owns a record: a few hazard slots and its own list of retired
// objects. A thread publishes a pointer in a slot before it dereferences it;
// a retired object is reclaimed only by a scan that finds it in no slot. A
// scan runs when a thread's retired count reaches the threshold.
//
// Memory orders (numbered; each names its pair):
//   (H1) protect: store the hazard, release (pairs with (H5)). Slots are
//        reused: a scan that reads this store, not the clear (H6) before
//        it, must still see our reads of the slot's previous object done;
//        a relaxed store would not continue the clear's release sequence.
//   (H2) protect: the environment's protect fence (Fence::protect),
//        between the hazard store and the re-load. Pairs with (H4): either
//        the scan's fence comes later and the scan sees our hazard, or it
//        comes earlier and our re-load (H3) sees the object already
//        unlinked, so we retry. On real threads it is a compiler-only fence
//        when (H4) is a membarrier, else seq_cst (asymmetric_fence.hpp).
//   (H3) protect: the re-load, acquire (pairs with the release CAS that
//        published the object, so its fields are visible: (V4) for a
//        descriptor, (B2) or (V4) for a book's pending write).
//   (H4) scan: the environment's scan fence (Fence::scan) after the object
//        was unlinked, before reading the hazards. Pairs with (H2). On real
//        threads membarrier(PRIVATE_EXPEDITED) where the kernel has it
//        (every running thread of the process fences), else seq_cst.
//   (H5) scan: read each hazard, acquire (pairs with (H1) and (H6)).
//   (H6) clear: release (pairs with (H5)), so our reads of the object
//        happen before a reclaimer that sees the slot empty frees it.
#pragma once

#include <algorithm>
#include <array>
#include <cassert>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include "lfv/counters.hpp"
#include "lfv/site.hpp"
#include "lfv/thread_index.hpp"

namespace lfv {

// Base of every object that can be retired: an intrusive link in its
// retiring thread's list, and how to reclaim it.
template <class Env>
struct Retirable {
  Retirable* next_retired = nullptr;
  void (*reclaim)(Env&, Retirable*) = nullptr;
};

template <class Env, unsigned Slots>
class HazardDomain {
  template <class U>
  using Atomic = typename Env::template Atomic<U>;
  using Node = Retirable<Env>;
  // One thread's hazard slots and retired list (defined below). Declared
  // here because Local names it: clang, unlike GCC, looks it up at Local's
  // definition.
  struct Record;

 public:
  static constexpr unsigned kSlots = Slots;
  static constexpr unsigned kDefaultScanThreshold = 64;

  HazardDomain(Env env, unsigned scan_threshold)
      : env_(env),
        threshold_(scan_threshold == 0 ? 1 : scan_threshold),
        record_count_(env_.max_threads()),
        records_(env_.template create_array<Record>(ObjectKind::hazard_table, record_count_)) {}

  HazardDomain(const HazardDomain&) = delete;
  HazardDomain& operator=(const HazardDomain&) = delete;

  // Everything still retired is reclaimed; no thread may use the domain now.
  ~HazardDomain() {
    for (unsigned t = 0; t < record_count_; ++t) {
      Node* n = records_[t].retired_head;
      while (n) {
        Node* next = n->next_retired;
        n->reclaim(env_, n);
        n = next;
      }
    }
    env_.template destroy_array<Record>(ObjectKind::hazard_table, records_, record_count_);
  }

  // The calling thread's view of the domain: its slots and retired list.
  class Local {
   public:
    // Loads *src and publishes it in `slot`, re-validating until the
    // published pointer is still the one in *src.
    template <class P>
    P* protect(unsigned slot, const Atomic<P*>& src, Site site) {
      // The caller's site names the load it stands for, with its order tag
      // ((V1), (V3)): the validating load (H3) is that load; the first is
      // only a guess, relaxed, and makes no numbered choice.
      P* p = src.load(std::memory_order_relaxed, {site.action, Order::none, site.shown});  // validated below
      for (;;) {
        set(slot, p);
        domain_->env_.fence(Fence::protect);  // (H2) pairs with (H4)
        P* q = src.load(std::memory_order_acquire, site);  // (H3) pairs with the publishing CAS
        if (q == p) return p;
        p = q;
      }
    }

    // Publishes a pointer the thread knows is alive (its own, not yet shared).
    template <class P>
    void set(unsigned slot, P* p) {
      record_->hazard[slot].store(as_node(p), std::memory_order_release,  // (H1) pairs with (H5)
                                  {Action::publish_hazard, Order::H1});
    }

    void clear(unsigned slot) {
      record_->hazard[slot].store(nullptr, std::memory_order_release,  // (H6) pairs with (H5)
                                  {Action::clear_hazard, Order::H6});
    }

    // Hands an unlinked object to the domain; scans once the thread's
    // retired count reaches the threshold.
    template <class P>
    void retire(P* p, void (*reclaim)(Env&, Node*)) {
      Node* n = as_node(p);
      n->reclaim = reclaim;
      n->next_retired = record_->retired_head;
      record_->retired_head = n;
      domain_->env_.note_retired(n);
      unsigned count = record_->retired_count.load(std::memory_order_relaxed) + 1;
      record_->retired_count.store(count, std::memory_order_relaxed);
      if (count > record_->retired_peak.load(std::memory_order_relaxed))
        record_->retired_peak.store(count, std::memory_order_relaxed);
      if (count >= domain_->threshold_) domain_->scan(*record_);
    }

   private:
    friend class HazardDomain;
    Local(HazardDomain* d, Record* r) : domain_(d), record_(r) {}
    HazardDomain* domain_;
    Record* record_;
  };

  // The hazard slots one operation holds, by RAII, as folly's
  // hazptr_array: protect() and set() publish a pointer in a slot, reset()
  // clears it (the (H6) store, a step of its own in the simulator), and the
  // destructor clears what is still published, so no exit path can leave a
  // hazard behind. The algorithm resets each slot where the protocol says
  // (before a retire that may reclaim the object, say); the destructor is
  // the safety net. One bit per slot says what is published; the vector
  // inlines every function that takes its guards, so the bits are known at
  // compile time and cost nothing (docs/performance.md).
  class Guards {
   public:
    explicit Guards(HazardDomain& d) : local_(d.local()) {}
    Guards(const Guards&) = delete;
    Guards& operator=(const Guards&) = delete;
    ~Guards() {
      if (published_ != 0) [[unlikely]] reset_all();  // the algorithm reset them: one test
    }

    template <class P>
    P* protect(unsigned slot, const Atomic<P*>& src, Site site) {
      published_ = std::uint8_t(published_ | bit(slot));
      return local_.protect(slot, src, site);
    }
    template <class P>
    void set(unsigned slot, P* p) {
      published_ = std::uint8_t(published_ | bit(slot));
      local_.set(slot, p);
    }
    // Clears a slot the caller knows is published.
    void reset(unsigned slot) {
      assert(published_ & bit(slot));
      local_.clear(slot);
      published_ = std::uint8_t(published_ & ~bit(slot));
    }
    // Clears a slot if it is published (one path publishes it, another not).
    void reset_if_published(unsigned slot) {
      if (published_ & bit(slot)) reset(slot);
    }
    Local& local() { return local_; }

   private:
    [[gnu::noinline, gnu::cold]] void reset_all() {
      for (unsigned s = 0; s < Slots; ++s) reset_if_published(s);
    }
    static_assert(Slots <= 8, "one bit per slot");
    static constexpr unsigned bit(unsigned slot) { return 1u << slot; }
    Local local_;
    std::uint8_t published_ = 0;
  };

  // Inlined: a call on every operation otherwise (perf: 5% of a 1-thread run).
  [[gnu::always_inline]] Local local() {
    const unsigned t = env_.thread_index();
    if (t >= record_count_) {
      std::fprintf(stderr, "lfvlab: thread index %u exceeds the hazard domain's %u records\n", t,
                   record_count_);
      std::abort();
    }
    // Scans read records up to the high-water mark; raise it before this
    // thread's first hazard can matter. seq_cst: read after the (H4) fence.
    unsigned hw = high_water_.load(std::memory_order_relaxed);
    while (hw <= t && !high_water_.compare_exchange_weak(hw, t + 1, std::memory_order_seq_cst)) {
    }
    return Local(this, &records_[t]);
  }

  // Retired and not yet reclaimed, now, and the most one thread ever held.
  unsigned retired_now() const {
    unsigned sum = 0;
    for (unsigned t = 0; t < record_count_; ++t)
      sum += records_[t].retired_count.load(std::memory_order_relaxed);
    return sum;
  }
  unsigned retired_peak_per_thread() const {
    unsigned peak = 0;
    for (unsigned t = 0; t < record_count_; ++t)
      peak = std::max(peak, records_[t].retired_peak.load(std::memory_order_relaxed));
    return peak;
  }
  unsigned scan_threshold() const { return threshold_; }

  // For the simulator's snapshots (no other thread may be running): thread
  // t's hazard slots and its retired objects, newest first.
  std::array<const void*, Slots> hazards_of(unsigned t) const {
    std::array<const void*, Slots> out{};
    for (unsigned s = 0; s < Slots; ++s) out[s] = records_[t].hazard[s].unsynchronized();
    return out;
  }
  // Which thread's hazard slot `address` is, and its number: the Views
  // window names a slot by its owner ("A.hazard[0]"), not by its offset.
  std::optional<std::pair<unsigned, unsigned>> hazard_slot_at(const void* address) const {
    for (unsigned t = 0; t < record_count_; ++t)
      for (unsigned s = 0; s < Slots; ++s)
        if (static_cast<const void*>(&records_[t].hazard[s]) == address) return std::pair{t, s};
    return std::nullopt;
  }
  template <class F>
  void for_each_retired(unsigned t, F&& f) const {
    for (const Node* n = records_[t].retired_head; n; n = n->next_retired) f(static_cast<const void*>(n));
  }

 private:
  struct alignas(64) Record {
    std::array<Atomic<Node*>, Slots> hazard{};
    Node* retired_head = nullptr;  // owned by the record's thread
    // Statistics only, read by other threads for reports.
    std::atomic<unsigned> retired_count{0};
    std::atomic<unsigned> retired_peak{0};
  };

  template <class P>
  static Node* as_node(P* p) {
    return static_cast<Node*>(p);
  }

  void scan(Record& mine) {
    env_.count(Event::scan);
    env_.fence(Fence::scan);  // (H4) pairs with (H2)
    // At most kMaxThreads * Slots hazards are published at once.
    std::array<Node*, kMaxThreads * Slots> seen;
    std::size_t n = 0;
    const unsigned hw = std::min(high_water_.load(std::memory_order_seq_cst), record_count_);
    for (unsigned t = 0; t < hw && n < seen.size(); ++t)
      for (auto& h : records_[t].hazard)
        if (Node* p = h.load(std::memory_order_acquire, {Action::scan_hazard, Order::H5}))  // (H5)
          seen[n++] = p;
    std::sort(seen.begin(), seen.begin() + n);

    Node* keep = nullptr;
    unsigned kept = 0, freed = 0;
    for (Node* r = mine.retired_head; r;) {
      Node* next = r->next_retired;
      if (std::binary_search(seen.begin(), seen.begin() + n, r)) {
        r->next_retired = keep;
        keep = r;
        ++kept;
      } else {
        ++freed;
        env_.note_reclaiming(true);
        r->reclaim(env_, r);
        env_.note_reclaiming(false);
      }
      r = next;
    }
    mine.retired_head = keep;
    mine.retired_count.store(kept, std::memory_order_relaxed);
    env_.count(Event::reclaimed, freed);  // once a scan, not once an object
  }

  Env env_;
  unsigned threshold_;
  unsigned record_count_;
  Record* records_;
  std::atomic<unsigned> high_water_{0};
};

}  // namespace lfv
