// The lock-free vector of Dechev, Pirkelbauer and Stroustrup (2006), as the
// book "Building a Rusty, Lock-free Dynamically Resizable Array" writes it,
// in every variant: one algorithm, with the variant's choices marked by
// `if constexpr`. See docs/algorithm.md (the algorithm in plain words) and
// docs/architecture.md.
//
// T is the element type (at most 8 bytes; 4 for versioned). Env supplies the
// atomics, allocation, backoff and plain-field reads; C and R pick the
// variant (variant.hpp). The book's variants and free-now are deliberately
// broken: they exist to be shown failing.
//
// Memory orders (numbered; each names its pair):
//   (V1) load the current descriptor, acquire: pairs with the release of
//        the descriptor CAS (V4) that published it, so its size and write
//        are visible. Under `hazard` this is the domain's protect (H3).
//   (V2) read a slot, acquire: pairs with the release of the slot CAS (W2)
//        or store (W4) that wrote it.
//   (V3) load a descriptor's pending pointer (book), acquire: pairs with the
//        release of (B1)/(B2) and of (V4) for the initial one.
//   (V4) descriptor CAS, acq_rel on success (release publishes the new
//        descriptor and its write: pairs with (V1), (V3) and, under
//        `hazard`, (H3); acquire orders us after the one we replace);
//        relaxed on failure: we reload at (V1) anyway.
//   (V5) bucket CAS, acq_rel: release publishes the zeroed slots, pairs
//        with the acquire of (V6).
//   (V6) load a bucket pointer, acquire: pairs with (V5).
//   (W1) load a write's done flag (paper, versioned), acquire: pairs with (W3).
//   (W2) slot CAS completing a write, acq_rel on success: pairs with (V2);
//        relaxed on failure: someone else performed it (or, in the broken
//        variants, the slot moved on).
//   (W3) mark a write done, release: pairs with (W1), so whoever sees it
//        done also sees the slot written by (W2).
//   (W4) the paper's plain write(i, v), release: pairs with (V2).
//   (B1) book+leak: store the fresh "none" pending, release: pairs with (V3).
//   (B2) book+hazard: swap in the fresh "none" pending, acq_rel: release
//        pairs with (V3) (under `hazard` its (H3)); acquire lets us retire
//        the object we swapped out.
#pragma once

#include <cstddef>
#include <optional>
#include <type_traits>

#include "lfv/bucket_layout.hpp"
#include "lfv/counters.hpp"
#include "lfv/hazard_domain.hpp"
#include "lfv/records.hpp"
#include "lfv/site.hpp"
#include "lfv/slot_word.hpp"
#include "lfv/status.hpp"
#include "lfv/variant.hpp"

namespace lfv {

template <class T, class Env, Completion C, Reclaim R>
class LockFreeVector {
  static_assert(Env::simulated || R != Reclaim::free_now,
                "free-now frees descriptors other threads may still be reading: it is refused on real "
                "threads and exists only to show the use-after-free in the simulator");

  template <class U>
  using Atomic = typename Env::template Atomic<U>;
  using Rec = Records<Env, C>;
  using Slot = typename Rec::Slot;
  using Descriptor = typename Rec::Descriptor;
  using WriteDescriptor = typename Rec::WriteDescriptor;
  using Codec = SlotWord<T, C == Completion::versioned>;

  static constexpr bool kHazard = R == Reclaim::hazard;
  static constexpr bool kBook = C == Completion::book;
  // versioned: the write lives inside its descriptor (records.hpp), and a
  // descriptor that lost its CAS is refilled for the next attempt.
  static constexpr bool kInline = C == Completion::versioned;
  using Domain = HazardDomain<Env, 3>;
  struct NoDomain {
    NoDomain(Env, unsigned) {}
    // Protects nothing: the load alone, with its order.
    struct Guards {
      explicit Guards(NoDomain&) {}
      template <class P>
      P* protect(unsigned, const Atomic<P*>& src, Site site) {
        return src.load(std::memory_order_acquire, site);
      }
      template <class P>
      void set(unsigned, P*) {}
      void reset(unsigned) {}
      void reset_if_published(unsigned) {}
    };
  };
  using Reclaimer = std::conditional_t<kHazard, Domain, NoDomain>;

  // The hazard slots one operation holds, by RAII (hazard_domain.hpp), and
  // what each slot is for.
  using Hazards = typename Reclaimer::Guards;
  enum HazardSlot : unsigned {
    kCurrent = 0,     // the current descriptor
    kSecond = 1,      // the book's pending object, or our own new descriptor
    kCompletion = 2,  // the descriptor the book's completion re-loads
  };

 public:
  using value_type = T;
  using env_type = Env;
  static constexpr Completion completion = C;
  static constexpr Reclaim reclaim = R;
  static constexpr std::size_t kDescriptorBytes = sizeof(Descriptor);
  // versioned allocates no write descriptor of its own: it is inside the descriptor.
  static constexpr std::size_t kWriteDescriptorBytes = kInline ? 0 : sizeof(WriteDescriptor);

  struct Options {
    // Under `hazard`: a thread scans once it holds this many retired objects.
    unsigned scan_threshold = Domain::kDefaultScanThreshold;
  };

  explicit LockFreeVector(Env env = Env{}, Options options = {})
      : env_(env), reclaimer_(env, options.scan_threshold) {
    descriptor_.store(descriptor_without_write(nullptr, 0), std::memory_order_relaxed,
                      {Action::construct});  // no other thread exists yet
  }

  LockFreeVector(const LockFreeVector&) = delete;
  LockFreeVector& operator=(const LockFreeVector&) = delete;

  // Frees what is still reachable. Under `leak`, what was replaced stays
  // leaked; under `hazard`, the domain then reclaims everything retired.
  ~LockFreeVector() {
    destroy_descriptor(env_, descriptor_.unsynchronized());
    for (unsigned b = 0; b < layout::kBucketCount; ++b)
      if (Slot* s = buckets_[b].unsynchronized())
        env_.template destroy_array<Slot>(ObjectKind::bucket, s, layout::bucket_capacity(b));
  }

  Status push(T value) { return publish_write(WriteOp::push, 0, value); }

  // The last element, or nullopt when the vector is empty.
  std::optional<T> pop() {
    Hazards h(reclaimer_);
    auto backoff = env_.backoff();
    Descriptor* spare = nullptr;  // versioned: ours from a lost attempt
    for (;;) {
      Descriptor* cur = load_current_and_help(h);
      const std::size_t n = env_.read(cur->size, {Action::read_size});
      if (n == 0) {
        h.reset(kCurrent);
        discard(spare);
        return std::nullopt;
      }
      const Word elem = slot_at(n - 1).load(std::memory_order_acquire,  // (V2)
                                            {Action::read_last_element, Order::V2});
      Descriptor* next = descriptor_without_write(spare, n - 1);
      if (descriptor_.compare_exchange_weak(cur, next, std::memory_order_acq_rel,  // (V4)
                                            std::memory_order_relaxed,
                                            {Action::swap_descriptor, Order::V4})) {
        finish_winner(h, cur);
        return Codec::value(elem);
      }
      spare = lost_race(h, next);
      backoff.spin();
    }
  }

  // The descriptor's size, less one while the push it carries is still pending.
  std::size_t size() {
    Hazards h(reclaimer_);
    Descriptor* d = load_current(h);
    const std::size_t n = env_.read(d->size, {Action::read_size});
    bool pending;
    if constexpr (kBook) {
      WriteDescriptor* p = load_pending(h, d);
      pending = env_.read(p->has_write, {Action::holds_write});
      h.reset(kSecond);
    } else {
      // Only a pending push is not yet in the size; a pending overwrite
      // (versioned) is already counted, and whether it is performed does
      // not change the size, so its done flag is not even read.
      WriteDescriptor* w = write_of(d);
      bool grows = w != nullptr;
      if constexpr (kInline)
        if (grows) grows = env_.read(d->grows, {Action::write_grows});
      pending = grows && !w->done.load(std::memory_order_acquire, {Action::its_write_done, Order::W1});  // (W1)
    }
    h.reset(kCurrent);
    return n - (pending ? 1 : 0);
  }

  // The element at index i, or out_of_range when i >= size().
  Result<T> read(std::size_t i) {
    if constexpr (C == Completion::versioned) {
      // Validated against the descriptor: no push, pop or write committed
      // between our descriptor load and our slot read.
      Hazards h(reclaimer_);
      for (;;) {
        Descriptor* cur = load_current(h);
        help(h, cur);
        if (i >= env_.read(cur->size, {Action::read_size})) {
          h.reset(kCurrent);
          return {Status::out_of_range, T{}};
        }
        const Word w = slot_at(i).load(std::memory_order_acquire, {Action::read_element, Order::V2});  // (V2)
        if (descriptor_.load(std::memory_order_acquire,  // (V1)
                             {Action::descriptor_unchanged, Order::V1}) == cur) {
          h.reset(kCurrent);
          return {Status::ok, Codec::value(w)};
        }
      }
    } else {
      // The paper's read: check the bound, then load the slot.
      if (i >= size()) return {Status::out_of_range, T{}};
      return {Status::ok, Codec::value(slot_at(i).load(std::memory_order_acquire,  // (V2)
                                                       {Action::read_element, Order::V2}))};
    }
  }

  // Overwrites index i, or returns out_of_range when i >= size().
  Status write(std::size_t i, T value) {
    if constexpr (C == Completion::versioned) {
      // Through the descriptor, like a push, so it is ordered with them.
      return publish_write(WriteOp::overwrite, i, value);
    } else {
      // The paper's write: check the bound, then store to the slot.
      if (i >= size()) return Status::out_of_range;
      slot_at(i).store(Codec::encode(value), std::memory_order_release,  // (W4)
                       {Action::store_element, Order::W4});
      return Status::ok;
    }
  }

  // Allocates every bucket up to the one holding index n - 1.
  Status reserve(std::size_t n) {
    if (n > layout::kMaxSize) return Status::out_of_range;
    if (size() == 0) allocate_bucket(0);  // as the book does
    if (n == 0) return Status::ok;
    const unsigned last = layout::locate(n - 1).bucket;
    for (unsigned b = 0; b <= last; ++b)
      if (!load_bucket(b)) allocate_bucket(b);
    return Status::ok;
  }

  // Introspection for tests, the demo and the simulator's snapshots; none
  // of it is an algorithm step.
  using descriptor_type = Descriptor;
  using write_descriptor_type = WriteDescriptor;
  using slot_type = Slot;
  using slot_word = Codec;
  const Descriptor* current_descriptor() const { return descriptor_.unsynchronized(); }
  const Slot* bucket(unsigned b) const { return buckets_[b].unsynchronized(); }
  const void* bucket_table() const { return &buckets_[0]; }
  unsigned buckets_allocated() const {
    unsigned n = 0;
    for (auto& b : buckets_) n += b.unsynchronized() != nullptr;
    return n;
  }
  const Reclaimer& reclaimer() const { return reclaimer_; }
  Env& env() { return env_; }

 private:
  enum class WriteOp { push, overwrite };

  // Builds a descriptor whose write puts `value` at the end (push) or at
  // index i (overwrite, versioned only) and races to swap it in.
  Status publish_write(WriteOp op, std::size_t i, T value) {
    Hazards h(reclaimer_);
    auto backoff = env_.backoff();
    Descriptor* spare = nullptr;  // versioned: ours from a lost attempt
    for (;;) {
      Descriptor* cur = load_current_and_help(h);
      const std::size_t n = env_.read(cur->size, {Action::read_size});
      const bool push = op == WriteOp::push;
      if (push ? n >= layout::kMaxSize : i >= n) {
        h.reset(kCurrent);
        discard(spare);
        return Status::out_of_range;
      }
      const std::size_t at = push ? n : i;
      if (push) ensure_bucket(layout::locate(at).bucket);
      Slot& slot = slot_at(at);
      const Word old = slot.load(std::memory_order_acquire, {Action::read_old_value, Order::V2});  // (V2)
      const Word desired = C == Completion::versioned ? Codec::successor(old, value) : Codec::encode(value);
      const std::size_t size = push ? n + 1 : n;
      Descriptor* next;
      WriteDescriptor* w;
      if constexpr (kInline) {
        next = descriptor_with_write(spare, size, push, &slot, old, desired);
        w = &next->write;
      } else {
        w = env_.template create<WriteDescriptor>(ObjectKind::write_descriptor, &slot, old, desired);
        next = make_descriptor(size, w);
      }
      // Protect our own descriptor before publishing it: once it is replaced
      // and retired we still complete its write. The book does not.
      if constexpr (kBook) unguarded(next);
      else h.set(kSecond, next);
      if (descriptor_.compare_exchange_weak(cur, next, std::memory_order_acq_rel,  // (V4)
                                            std::memory_order_relaxed,
                                            {Action::swap_descriptor, Order::V4})) {
        complete_write(h, w);
        if constexpr (!kBook) h.reset(kSecond);
        finish_winner(h, cur);
        return Status::ok;
      }
      spare = lost_race(h, next);
      backoff.spin();
    }
  }

  Descriptor* load_current(Hazards& h) {
    // (V1) acquire; under `hazard` through the guard's (H3).
    return h.protect(kCurrent, descriptor_, {Action::load_descriptor, Order::V1});
  }

  WriteDescriptor* load_pending(Hazards& h, Descriptor* d) requires kBook {
    // (V3) acquire; under `hazard` through the guard's (H3).
    return h.protect(kSecond, d->pending, {Action::load_pending, Order::V3});
  }

  // Every operation that replaces the descriptor starts here: it loads the
  // current one and first completes its pending write, if any.
  Descriptor* load_current_and_help(Hazards& h) {
    Descriptor* cur = load_current(h);
    help(h, cur);
    return cur;
  }

  // Completes the pending write of the descriptor we loaded, if any.
  void help(Hazards& h, Descriptor* cur) {
    if constexpr (kBook) {
      complete_write(h, load_pending(h, cur));
      h.reset(kSecond);
    } else {
      complete_write(h, write_of(cur));
    }
  }

  // The write a descriptor carries, or null (paper, versioned).
  WriteDescriptor* write_of(Descriptor* d) requires(!kBook) {
    if constexpr (kInline)
      return env_.read(d->has_write, {Action::carries_write}) ? &d->write : nullptr;
    else
      return env_.read(d->write, {Action::read_write_descriptor});
  }

  void complete_write(Hazards& h, WriteDescriptor* w) {
    if constexpr (kBook) {
      if (!env_.read(w->has_write, {Action::holds_write})) return;
      perform(w);
      WriteDescriptor* none = no_write();
      const Site reload{Action::reload_descriptor, Order::V1};
      // The book's defect: this clears the pending write of whatever
      // descriptor is current *now*, which may not be the one w came from.
      if constexpr (R == Reclaim::leak) {
        Descriptor* d = descriptor_.load(std::memory_order_acquire, reload);  // (V1)
        d->pending.store(none, std::memory_order_release, {Action::clear_pending, Order::B1});  // (B1); the old one leaks
      } else {
        Descriptor* d = h.protect(kCompletion, descriptor_, reload);  // (V1); under `hazard` through (H3)
        WriteDescriptor* old = d->pending.exchange(none, std::memory_order_acq_rel,  // (B2)
                                                      {Action::clear_pending, Order::B2});
        h.reset(kCompletion);
        if constexpr (kHazard) {
          h.local().retire(old, &reclaim_write);
        } else {
          destroy_write(env_, old);  // free-now
        }
      }
    } else {
      if (!w) return;
      if (w->done.load(std::memory_order_acquire, {Action::write_done, Order::W1})) return;  // (W1)
      perform(w);
      w->done.store(true, std::memory_order_release, {Action::mark_write_done, Order::W3});  // (W3)
    }
  }

  // The slot CAS of a pending write; its result does not matter: if it
  // fails, someone else performed the write (or, in the broken variants,
  // the slot has moved on).
  void perform(WriteDescriptor* w) {
    env_.count(Event::write_completion_run);
    Slot* slot = env_.read(w->location, {Action::read_write_slot, Order::none, Shown::slot_pointer});
    Word expected = env_.read(w->old_word, {Action::read_write_old, Order::none, Shown::slot_word});
    const Word desired = env_.read(w->new_word, {Action::read_write_new, Order::none, Shown::slot_word});
    if (slot->compare_exchange_strong(expected, desired, std::memory_order_acq_rel,  // (W2)
                                      std::memory_order_relaxed, {Action::perform_write, Order::W2}))
      env_.count(Event::write_completed);
  }

  // The winner of a descriptor CAS is done with cur. Ours drops its hazard
  // pointer first, so the scan its retire may start can reclaim cur at
  // once; the book retires while still protecting it (its guard is
  // released on return), so cur waits for a later scan.
  void finish_winner(Hazards& h, Descriptor* cur) {
    if constexpr (kBook) {
      dispose_replaced(h, cur);
      h.reset(kCurrent);
    } else {
      h.reset(kCurrent);
      dispose_replaced(h, cur);
    }
  }

  // A winner's descriptor CAS replaced cur: under `hazard` it retires it,
  // under `free-now` it frees it at once, under `leak` it is lost.
  void dispose_replaced(Hazards& h, Descriptor* cur) {
    if constexpr (kHazard)
      h.local().retire(cur, &reclaim_descriptor);
    else if constexpr (R == Reclaim::free_now)
      destroy_descriptor(env_, cur);
  }

  // A loser's descriptor was never shared. versioned keeps it for its next
  // attempt (returned, to be refilled); book and paper free it at once,
  // except under `leak`, which (as the book's leaky version) frees nothing
  // during a run. Either way a pusher first drops the hazard pointer it
  // put on its own descriptor (a pop put none); versioned says it keeps the
  // descriptor before that step, so it is never seen abandoned in between.
  Descriptor* lost_race(Hazards& h, Descriptor* next) {
    env_.count(Event::descriptor_cas_failed);
    if constexpr (kInline) env_.note_kept(next);
    h.reset_if_published(kSecond);  // a push published its descriptor there (not the book's); a pop, none
    if constexpr (kInline) {
      return next;
    } else {
      if constexpr (R != Reclaim::leak) destroy_descriptor(env_, next);
      return nullptr;
    }
  }

  // An operation that ends without publishing its kept descriptor frees it:
  // no other thread ever saw it, under any reclamation.
  void discard(Descriptor* spare) {
    if constexpr (kInline)
      if (spare) env_.template destroy<Descriptor>(ObjectKind::descriptor, spare);
  }

  // DELIBERATELY BROKEN (the book's sealed vector): the winner completes
  // its own write through its descriptor with no hazard pointer on it, so
  // a helper can retire and reclaim it meanwhile. An explicit call, so the
  // defect stays visible here and in the Source window; it does nothing.
  static void unguarded(Descriptor*) {}

  // The book allocates a "none" object; paper and versioned use null.
  WriteDescriptor* no_write() {
    if constexpr (kBook)
      return env_.template create<WriteDescriptor>(ObjectKind::write_descriptor);
    else
      return nullptr;
  }

  Descriptor* make_descriptor(std::size_t n, WriteDescriptor* w) requires(!kInline) {
    return env_.template create<Descriptor>(ObjectKind::descriptor, n, w);
  }

  // A descriptor of size n with no write (construction, pop); versioned
  // refills its kept one when it has one. Its fields are plain: nobody else
  // can see the object until the descriptor CAS (V4) publishes it.
  Descriptor* descriptor_without_write(Descriptor* spare, std::size_t n) {
    if constexpr (kInline) {
      if (!spare) return env_.template create<Descriptor>(ObjectKind::descriptor, n);
      spare->size = n;
      spare->has_write = false;
      env_.note_refilled(spare);
      return spare;
    } else {
      return make_descriptor(n, no_write());
    }
  }

  // versioned: a descriptor of size n whose write puts `desired` in slot;
  // `grows` for a push, false for an overwrite.
  // A kept descriptor's done flag is still false: it was never published.
  Descriptor* descriptor_with_write(Descriptor* spare, std::size_t n, bool grows, Slot* slot, Word old, Word desired)
    requires kInline {
    if (!spare) return env_.template create<Descriptor>(ObjectKind::descriptor, n, grows, slot, old, desired);
    spare->size = n;
    spare->has_write = true;
    spare->grows = grows;
    spare->write.location = slot;
    spare->write.old_word = old;
    spare->write.new_word = desired;
    env_.note_refilled(spare);  // written anew: the simulator's data-race check stamps it
    return spare;
  }

  static void destroy_write(Env& env, WriteDescriptor* w) {
    if (w) env.template destroy<WriteDescriptor>(ObjectKind::write_descriptor, w);
  }

  // Frees a descriptor with the write it holds at this moment.
  static void destroy_descriptor(Env& env, Descriptor* d) {
    if constexpr (kBook)
      destroy_write(env, d->pending.load(std::memory_order_acquire,  // (V3)
                                         {Action::free_pending, Order::V3}));
    else if constexpr (!kInline)
      destroy_write(env, env.read(d->write, {Action::free_write_descriptor}));
    env.template destroy<Descriptor>(ObjectKind::descriptor, d);
  }

  static void reclaim_descriptor(Env& env, Retirable<Env>* n) {
    destroy_descriptor(env, static_cast<Descriptor*>(n));
  }
  static void reclaim_write(Env& env, Retirable<Env>* n) {
    destroy_write(env, static_cast<WriteDescriptor*>(n));
  }

  Slot* load_bucket(unsigned b) {
    return buckets_[b].load(std::memory_order_acquire, {Action::load_bucket, Order::V6});  // (V6)
  }

  void ensure_bucket(unsigned b) {
    if (!load_bucket(b)) allocate_bucket(b);
  }

  // Races to install a zeroed bucket; the loser frees its own.
  void allocate_bucket(unsigned b) {
    const std::size_t cap = layout::bucket_capacity(b);
    Slot* mem = env_.template create_array<Slot>(ObjectKind::bucket, cap);
    Slot* expected = nullptr;
    if (!buckets_[b].compare_exchange_strong(expected, mem, std::memory_order_acq_rel,  // (V5)
                                             std::memory_order_acquire,
                                             {Action::install_bucket, Order::V5})) {
      env_.count(Event::bucket_cas_lost);
      env_.template destroy_array<Slot>(ObjectKind::bucket, mem, cap);
    }
  }

  // The slot of index i; its bucket exists (i is below some descriptor's size).
  Slot& slot_at(std::size_t i) {
    const layout::Position p = layout::locate(i);
    return load_bucket(p.bucket)[p.offset];
  }

  Env env_;
  Reclaimer reclaimer_;  // destroyed after the body of ~LockFreeVector: reclaims what is retired
  Atomic<Descriptor*> descriptor_{};
  Atomic<Slot*> buckets_[layout::kBucketCount]{};
};

}  // namespace lfv
