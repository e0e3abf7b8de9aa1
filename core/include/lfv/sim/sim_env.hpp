// The simulated environment: the same members as RealEnv (real_env.hpp),
// so the unchanged core runs on it. Atomics publish their action and yield
// to the scheduler; allocation goes to the tracked heap; backoff does not
// spin, since every next atomic action is already a point where the
// scheduler decides. Outside a simulated thread (construction, setup) the
// actions run directly and are not logged.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <source_location>
#include <type_traits>
#include <utility>

#include "lfv/counters.hpp"
#include "lfv/sim/context.hpp"
#include "lfv/site.hpp"

namespace lfv::sim {

// How the log shows a value: slot words (of slots, and the old and new
// values of writes) with their tag; other integers as plain numbers.
template <class T>
constexpr ValueKind value_kind_of(const Site& s) {
  if constexpr (std::is_pointer_v<T>) return s.shown == Shown::slot_pointer ? ValueKind::slot_pointer : ValueKind::pointer;
  else if constexpr (std::is_same_v<T, bool>) return ValueKind::boolean;
  else return s.shown == Shown::slot_word || s.target() == Target::slot ? ValueKind::word : ValueKind::size;
}

template <class T>
std::uint64_t raw_of(const T& v) {
  if constexpr (std::is_pointer_v<T>) return reinterpret_cast<std::uintptr_t>(v);
  else return static_cast<std::uint64_t>(v);
}

// The value of a raw word the c11 model hands back (raw_of's inverse; a
// word the model captured from memory holds the low bytes, as peek()).
template <class T>
T from_raw(std::uint64_t raw) {
  if constexpr (std::is_pointer_v<T>) return reinterpret_cast<T>(static_cast<std::uintptr_t>(raw));
  else return static_cast<T>(raw);
}

template <class T>
void describe_object(const void* p, FieldVisitor& v) {
  if constexpr (requires(const T& t) { t.describe(v); }) static_cast<const T*>(p)->describe(v);
}

class SimEnv {
 public:
  static constexpr bool simulated = true;
  using Loc = std::source_location;

  template <class T>
  class Atomic {
   public:
    Atomic() = default;
    explicit Atomic(T v) : v_(v) {}

    // Under c11 the value read is the store the scheduler chose; under sc
    // (and outside a simulated thread) the latest, which the member holds.
    T load(std::memory_order mo, Site s, Loc loc = Loc::current()) const {
      if (SimContext* c = act(ActionKind::load, s, loc, mo, mo)) {
        if (c->weak_memory()) return from_raw<T>(c->record_load(raw_of(v_)));
        c->record_read(raw_of(v_));
      }
      return v_;
    }
    void store(T v, std::memory_order mo, Site s, Loc loc = Loc::current()) {
      SimContext* c = act(ActionKind::store, s, loc, mo, mo, raw_of(v));
      v_ = v;
      written(c, s);
    }
    // A swap reads the latest store under either model; so does a CAS
    // under sc. Under c11 a failed CAS may read an older store, and a weak
    // one may fail spuriously: the scheduler's read choice says which.
    T exchange(T v, std::memory_order mo, Site s, Loc loc = Loc::current()) {
      SimContext* c = act(ActionKind::swap, s, loc, mo, mo, raw_of(v));
      const T old = v_;
      if (c) c->record_read(raw_of(old));
      v_ = v;
      written(c, s);
      return old;
    }
    bool compare_exchange_strong(T& expected, T desired, std::memory_order success, std::memory_order failure, Site s,
                                 Loc loc = Loc::current()) {
      return cas(expected, desired, success, failure, s, loc, false);
    }
    bool compare_exchange_weak(T& expected, T desired, std::memory_order ok, std::memory_order fail, Site s,
                               Loc loc = Loc::current()) {
      return cas(expected, desired, ok, fail, s, loc, true);
    }
    T unsynchronized() const { return v_; }

   private:
    bool cas(T& expected, T desired, std::memory_order success, std::memory_order failure, Site s, const Loc& loc,
             bool weak) {
      SimContext* c = act(ActionKind::cas, s, loc, success, failure, raw_of(desired), raw_of(expected), weak);
      if (c && c->weak_memory()) {
        if (const std::optional<std::uint64_t> read = c->record_c11_cas(raw_of(v_))) {
          expected = from_raw<T>(*read);
          return false;
        }
        v_ = desired;
        written(c, s);
        return true;
      }
      const bool ok = v_ == expected;
      if (c) c->record_cas(raw_of(v_), ok);
      if (!ok) {
        expected = v_;
        return false;
      }
      v_ = desired;
      written(c, s);
      return true;
    }
    SimContext* act(ActionKind kind, Site s, const Loc& loc, std::memory_order mo, std::memory_order fail,
                    std::uint64_t operand = 0, std::uint64_t expected = 0, bool weak = false) const {
      SimContext* c = SimContext::running();
      if (c)
        c->act({kind, s.target(), value_kind_of<T>(s), std::uint8_t(sizeof(T)), s.action, s.order, loc, &v_, operand,
                expected, mo, fail, weak});
      return c;
    }
    void written(SimContext* c, Site) const {
      if (c) c->record_write(raw_of(v_));
    }

    T v_{};
  };

  struct Backoff {
    void spin() {}
  };

  explicit SimEnv(SimContext* context) : ctx_(context) {}

  template <class T, class... Args>
  T* create(ObjectKind kind, Args&&... args) {
    HeapObject& o = ctx_->allocate(heap_kind(kind), sizeof(T), alignof(T), 1, &describe_object<T>);
    return ::new (o.address) T{std::forward<Args>(args)...};
  }
  // The memory stays until the run ends, so later accesses can be caught.
  template <class T>
  void destroy(ObjectKind, T* p, Loc loc = Loc::current()) {
    ctx_->release(p, loc);
  }
  template <class T>
  T* create_array(ObjectKind kind, std::size_t n) {
    HeapObject& o = ctx_->allocate(heap_kind(kind), sizeof(T) * n, alignof(T), n, nullptr);
    return std::uninitialized_value_construct_n(static_cast<T*>(o.address), n), static_cast<T*>(o.address);
  }
  template <class T>
  void destroy_array(ObjectKind, T* p, std::size_t, Loc loc = Loc::current()) {
    ctx_->release(p, loc);
  }

  template <class T>
  const T& read(const T& field, Site s = {}, Loc loc = Loc::current()) const {
    if (SimContext* c = SimContext::running()) {
      c->act({ActionKind::read, Target::field, value_kind_of<T>(s), std::uint8_t(sizeof(T)), s.action, s.order, loc, &field,
              0, 0, std::memory_order_relaxed, std::memory_order_relaxed});
      c->record_read(raw_of(field));
    }
    return field;
  }
  void note_retired(const void* p) { ctx_->retire(p); }
  void note_reclaiming(bool on) { ctx_->set_reclaiming(on); }
  void note_kept(const void* p) { ctx_->keep(p); }
  void note_refilled(const void* p) { ctx_->refilled(p); }
  // The hazard protocol's fences are seq_cst (as on real threads). Under sc
  // each step runs alone, in one order: no fence is needed, and none does
  // anything; under c11 it takes effect at once (docs/memory-model.md).
  void fence(Fence f) {  // (H2) protect, (H4) scan: a weakening names them so
    if (SimContext* c = SimContext::running())
      c->fence(std::memory_order_seq_cst, f == Fence::protect ? Order::H2 : Order::H4);
  }
  void fence(std::memory_order mo) {
    if (SimContext* c = SimContext::running()) c->fence(mo);
  }
  Backoff backoff() { return {}; }
  void count(Event, std::uint64_t = 1) {}
  unsigned thread_index() const {
    SimContext* c = SimContext::running();
    return c ? c->running_thread() : ctx_->setup_thread_index();
  }
  unsigned max_threads() const { return ctx_->max_threads(); }
  SimContext& context() const { return *ctx_; }

 private:
  SimContext* ctx_;
};

}  // namespace lfv::sim
