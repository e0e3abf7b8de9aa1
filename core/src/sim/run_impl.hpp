// The run of one variant: the core vector on SimEnv, and the snapshot
// builder that reads its objects. Private to core/src/sim.
#pragma once

#include <algorithm>
#include <new>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_set>

#include "lfv/sim/run.hpp"
#include "lfv/sim/sim_env.hpp"
#include "lfv/vector.hpp"
#include "vector_observer.hpp"

namespace lfv::sim {

// Shared by every variant's run (run.cpp).
std::string format_word(std::uint64_t w, bool tagged);
std::string describe_target(const HeapObject* o, const PendingAction& a);

template <Completion C, Reclaim R>
class RunImpl final : public Run {
  using Vector = LockFreeVector<std::uint32_t, SimEnv, C, R>;
  using Descriptor = typename Vector::descriptor_type;
  using WriteDescriptor = typename Vector::write_descriptor_type;
  using Codec = typename Vector::slot_word;
  using Rec = Records<SimEnv, C>;  // what the views read of the records (records.hpp)
  static constexpr bool kTagged = Codec::kTagged;

 public:
  RunImpl(const scenario::Scenario& s, RunOptions o)
      : scenario_(s), ctx_({.step_limit = o.step_limit, .memory_model = o.memory_model, .weaken = o.weaken, .spurious_failures = o.spurious_failures}) {
    ctx_.set_observer(&observer_);
    schedule_.reserve(256);  // the explorer's runs are about 130 steps
    for (unsigned t = 0; t < s.threads.size(); ++t)
      ctx_.add_thread(s.threads[t].name, [this](unsigned self) { run_program(self); });
    HeapObject& home = ctx_.allocate(HeapKind::vector, sizeof(Vector), alignof(Vector), 1, nullptr);
    vector_ = ::new (home.address) Vector(SimEnv(&ctx_), {.scan_threshold = s.scan_threshold});
    observer_.set_bucket_table(vector_->bucket_table());
    // The starting state is set up directly, outside any simulated thread.
    for (std::uint64_t v : s.initial) vector_->push(std::uint32_t(v));
    if (s.reserve) vector_->reserve(*s.reserve);
    ctx_.start();
  }
  // The vector lives in the tracked heap and is not destroyed: its memory
  // goes with the context, and a stopped run may hold freed objects.
  // The observer goes first: the context's destructor unwinds the threads
  // and must tell it nothing.
  ~RunImpl() override { ctx_.set_observer(nullptr); }

  const scenario::Scenario& scenario() const override { return scenario_; }
  Completion completion() const override { return C; }
  Reclaim reclaim() const override { return R; }
  MemoryModel memory_model() const override { return ctx_.memory_model(); }
  unsigned thread_count() const override { return ctx_.thread_count(); }
  const std::string& thread_name(unsigned t) const override { return ctx_.thread_name(t); }
  bool runnable(unsigned t) const override { return ctx_.runnable(t); }
  bool thread_finished(unsigned t) const override { return ctx_.finished(t); }
  bool finished() const override { return ctx_.stopped() || ctx_.all_finished(); }
  bool stopped() const override { return ctx_.stopped(); }
  bool step(unsigned choice) override {
    if (!ctx_.step(thread_of(choice), read_of(choice))) return false;
    schedule_.push_back(choice);
    return true;
  }
  std::uint32_t read_choices(unsigned t) const override { return ctx_.read_choices(t); }
  ReadChoice read_choice(unsigned t, std::uint32_t choice) const override { return ctx_.read_choice(t, choice); }
  const Log& log() const override { return ctx_.log(); }
  const std::vector<unsigned>& schedule() const override { return schedule_; }
  const PendingAction* next_action(unsigned t) const override { return ctx_.next_action(t); }
  std::optional<Access> next_access(unsigned t) const override { return ctx_.next_access(t); }

  std::string object_name(ObjectId id) const override {
    return id == kNoObject ? "null" : ctx_.heap()[id].name;
  }
  HeapKind object_kind(ObjectId id) const override { return ctx_.heap()[id].kind; }
  int current_op(unsigned t) const override { return ctx_.current_op(t); }
  std::string format_value(ValueKind kind, std::uint64_t v) const override {
    switch (kind) {
      case ValueKind::pointer:
      case ValueKind::slot_pointer: {
        const ObjectId id = ObjectId(v);
        const std::uint32_t offset = std::uint32_t(v >> 32);
        if (id == kNoObject) return "null";
        const HeapObject& o = ctx_.heap()[id];
        if (kind == ValueKind::slot_pointer && o.kind == HeapKind::bucket)
          return "[" + std::to_string(layout::first_index(o.bucket_index) +
                                      offset / sizeof(Word)) + "] in " + o.name;
        return offset ? o.name + "+" + std::to_string(offset) : o.name;
      }
      case ValueKind::boolean: return v ? "true" : "false";
      case ValueKind::size: return std::to_string(v);
      case ValueKind::word: break;
    }
    return format_word(v, kTagged);
  }

  std::vector<std::uint64_t> contents() const override { return vector_view().contents; }

  Snapshot snapshot() const override {
    Snapshot s;
    s.steps = std::uint32_t(ctx_.log().steps.size());
    s.vector = vector_view();
    s.failure = ctx_.log().failure;
    for (unsigned t = 0; t < thread_count(); ++t) s.threads.push_back(thread_view(t));
    const auto reachable = reachable_objects();
    const auto with_retired = owned_by_retired();
    for (const HeapObject& o : ctx_.heap().objects()) {
      ObjectView v = object_view(o, reachable, with_retired, s.threads);
      if (v.state == LifeState::leaked) {
        ++s.leaked_objects;
        s.leaked_bytes += v.bytes;
      }
      s.objects.push_back(std::move(v));
    }
    return s;
  }

 private:
  void run_program(unsigned self) {
    const auto& ops = scenario_.threads[self].ops;
    for (unsigned i = 0; i < ops.size(); ++i) {
      ctx_.begin_op(i, ops[i]);
      scenario::OpResult result;
      bool out_of_memory = false;
      try {
        result = execute(ops[i]);
      } catch (const std::bad_alloc&) {
        out_of_memory = true;
      }
      if (out_of_memory)
        ctx_.fail(FailureKind::bad_input, "\"" + ops[i].text() + "\" needs more memory than the simulator allows");
      ctx_.end_op(result);
    }
  }

  scenario::OpResult execute(const scenario::Op& op) {
    using scenario::OpKind;
    using scenario::OpResult;
    Vector& v = *vector_;
    switch (op.kind) {
      case OpKind::push: return OpResult::of(v.push(std::uint32_t(op.arg0)));
      case OpKind::pop: {
        auto x = v.pop();
        return x ? OpResult::number(*x) : OpResult::of(Status::empty);
      }
      case OpKind::size: return OpResult::number(v.size());
      case OpKind::read: {
        auto r = v.read(op.arg0);
        return r.ok() ? OpResult::number(r.value) : OpResult::of(r.status);
      }
      case OpKind::write: return OpResult::of(v.write(op.arg0, std::uint32_t(op.arg1)));
      case OpKind::reserve: return OpResult::of(v.reserve(op.arg0));
    }
    return {};
  }

  std::int64_t element_index(const void* slot) const {
    for (unsigned b = 0; b < layout::kBucketCount; ++b) {
      const auto* base = vector_->bucket(b);
      if (!base) continue;
      const auto* s = static_cast<const typename Vector::slot_type*>(slot);
      if (s >= base && s < base + layout::bucket_capacity(b))
        return std::int64_t(layout::first_index(b)) + (s - base);
    }
    return -1;
  }

  VectorView vector_view() const {
    VectorView v;
    const Descriptor* d = vector_->current_descriptor();
    const TrackedHeap& heap = ctx_.heap();
    v.descriptor = const_cast<TrackedHeap&>(heap).id_of(d);
    v.size = d->size;
    for (unsigned b = 0; b < layout::kBucketCount; ++b) {
      const auto* base = vector_->bucket(b);
      if (!base) continue;
      BucketView bv{b, const_cast<TrackedHeap&>(heap).id_of(base), {}};
      const std::size_t first = layout::first_index(b);
      for (std::size_t i = 0; i < layout::bucket_capacity(b); ++i) {
        const Word w = base[i].unsynchronized();
        bv.slots.push_back({first + i, Codec::value(w), Codec::tag(w), format_word(w, kTagged)});
      }
      v.buckets.push_back(std::move(bv));
    }
    std::uint64_t pending_new = 0;
    if (const WriteDescriptor* w = Rec::pending_write(d)) {
      // The object holding the write: W (book, paper) or D itself (versioned).
      v.pending = const_cast<TrackedHeap&>(heap).containing(w)->id;
      v.pending_index = element_index(w->location);
      pending_new = Codec::value(w->new_word);
      v.pending_text = "[" + std::to_string(v.pending_index) + "]: " + format_word(w->old_word, kTagged) + " -> " +
                       format_word(w->new_word, kTagged);
    }
    for (std::uint64_t i = 0; i < v.size; ++i) {
      if (std::int64_t(i) == v.pending_index) {
        v.contents.push_back(pending_new);
        continue;
      }
      const layout::Position p = layout::locate(i);
      const auto* base = vector_->bucket(p.bucket);
      v.contents.push_back(base ? Codec::value(base[p.offset].unsynchronized()) : 0);
    }
    return v;
  }

  // The write descriptor a descriptor owns, when it is an object of its
  // own (records.hpp says which variants have one).
  void insert_separate_write(std::unordered_set<ObjectId>& out, const Descriptor* d) const {
    if (const WriteDescriptor* w = Rec::separate_write(d)) out.insert(const_cast<TrackedHeap&>(ctx_.heap()).id_of(w));
  }

  std::unordered_set<ObjectId> reachable_objects() const {
    std::unordered_set<ObjectId> out;
    TrackedHeap& heap = const_cast<TrackedHeap&>(ctx_.heap());
    out.insert(heap.id_of(vector_));
    const Descriptor* d = vector_->current_descriptor();
    out.insert(heap.id_of(d));
    insert_separate_write(out, d);
    for (unsigned b = 0; b < layout::kBucketCount; ++b)
      if (const auto* base = vector_->bucket(b)) out.insert(heap.id_of(base));
    for (const HeapObject& o : heap.objects())
      if (o.kind == HeapKind::hazard_table) out.insert(o.id);
    return out;
  }

  // Objects a retired, unreclaimed descriptor owns go with it.
  std::unordered_set<ObjectId> owned_by_retired() const {
    std::unordered_set<ObjectId> out;
    TrackedHeap& heap = const_cast<TrackedHeap&>(ctx_.heap());
    for (const HeapObject& o : heap.objects()) {
      if (!o.retired || o.freed || o.kind != HeapKind::descriptor) continue;
      const auto* d = static_cast<const Descriptor*>(o.address);
      insert_separate_write(out, d);
    }
    return out;
  }

  ObjectView object_view(const HeapObject& o, const std::unordered_set<ObjectId>& reachable,
                         const std::unordered_set<ObjectId>& with_retired,
                         const std::vector<ThreadView>& threads) const {
    ObjectView v;
    v.id = o.id;
    v.name = o.name;
    v.kind = o.kind;
    v.bytes = o.bytes;
    v.owner = o.owner;
    for (unsigned t = 0; t < threads.size(); ++t)
      if (std::find(threads[t].hazards.begin(), threads[t].hazards.end(), o.id) != threads[t].hazards.end())
        v.protected_by.push_back(int(t));
    bool held = o.owner >= 0 && !threads[unsigned(o.owner)].finished &&
                (threads[unsigned(o.owner)].built == o.id || threads[unsigned(o.owner)].write == o.id ||
                 o.kind == HeapKind::bucket);
    // Under hazard and free-now, an object a running thread replaced (or
    // still has loaded) is still to be retired or freed, not leaked.
    if constexpr (R != Reclaim::leak)
      for (unsigned t = 0; t < threads.size(); ++t)
        held = held || (!threads[t].finished && (threads[t].loaded == o.id || observer_.locals(t).replaced == o.id));
    // Setup's objects were published when the vector was built.
    const bool published = o.published || o.owner < 0;
    if (o.freed) {
      v.state = o.retired ? LifeState::reclaimed : LifeState::freed;
    } else if (o.retired || (with_retired.count(o.id) && !reachable.count(o.id))) {
      // Protected once a scan found a hazard pointer on it (and while one
      // holds it); until a scan has looked, only retired.
      const bool found = observer_.marks(o.id).found_by_scan || !o.retired;
      v.state = !v.protected_by.empty() && found ? LifeState::protected_ : LifeState::retired;
    } else if (reachable.count(o.id)) {
      v.state = LifeState::shared;
    } else if (held) {
      v.state = published ? LifeState::unlinked : LifeState::private_;
    } else {
      v.state = LifeState::leaked;
    }
    if (o.describe) {
      Fields f(*this, v.fields);
      o.describe(o.address, f);
    }
    if (o.kind == HeapKind::bucket) {
      v.bucket = o.bucket_index;
      if (!o.freed) {
        const auto* base = static_cast<const typename Vector::slot_type*>(o.address);
        const std::size_t first = layout::first_index(o.bucket_index);
        for (std::size_t i = 0; i < o.count; ++i) {
          const Word w = base[i].unsynchronized();
          v.slots.push_back({first + i, Codec::value(w), Codec::tag(w), format_word(w, kTagged)});
        }
      }
    }
    const VectorObserver::Marks& m = observer_.marks(o.id);
    v.performed_by = m.performed_by;
    v.performed_at = m.performed_at;
    v.performed_again_by = m.performed_again_by;
    // Cleared before anyone performed it: lost, even if a stalled thread
    // performs it later (beyond the end of the vector, in unit 07).
    if (m.cleared_at != kNoStep && (m.performed_by < 0 || m.performed_at > m.cleared_at) && carries_a_write(o))
      v.lost_at = m.cleared_at;
    return v;
  }

  // Whether an object holds a write (the book's "none" does not).
  bool carries_a_write(const HeapObject& o) const {
    if (o.kind == HeapKind::write_descriptor) return Rec::carries_a_write(static_cast<const WriteDescriptor*>(o.address));
    return o.kind == HeapKind::descriptor && Rec::kWriteInDescriptor;
  }

  // Collects an object's fields as text for a snapshot.
  class Fields final : public FieldVisitor {
   public:
    Fields(const RunImpl& run, std::vector<FieldView>& out) : run_(run), out_(out) {}
    void value(Field f, std::uint64_t v) override { add(f, std::to_string(v), v); }
    void flag(Field f, bool v) override { add(f, v ? "true" : "false", v); }
    void word(Field f, std::uint64_t w) override { add(f, format_word(w, kTagged), w); }
    void pointer(Field f, const void* p) override {
      if (!p) return add(f, "null", 0);
      TrackedHeap& heap = const_cast<TrackedHeap&>(run_.ctx_.heap());
      const HeapObject* o = heap.containing(p);
      if (!o) return add(f, "?", 0);
      if (o->address == p && o->kind != HeapKind::bucket) return add(f, o->name, 0, o->id);
      const std::int64_t element = std::int64_t(run_.element_index(p));
      add(f, "[" + std::to_string(element) + "] in " + o->name, 0, o->id, element);
    }

   private:
    void add(Field f, std::string text, std::uint64_t v, ObjectId to = kNoObject, std::int64_t element = -1) {
      out_.push_back({f, std::move(text), to, v, element});
    }
    const RunImpl& run_;
    std::vector<FieldView>& out_;
  };

  ThreadView thread_view(unsigned t) const {
    ThreadView v;
    const scenario::ThreadSpec& spec = scenario_.threads[t];
    v.name = spec.name;
    for (const auto& op : spec.ops) v.program.push_back(op.text());
    for (const OpRecord& r : ctx_.log().ops)
      if (r.thread == t && r.returned != kNoStep) v.results.push_back(r.result);
    v.current_op = ctx_.current_op(t);
    v.finished = ctx_.finished(t);
    v.stopped = !v.finished && !ctx_.next_action(t);
    const auto& l = observer_.locals(t);
    v.loaded = l.loaded;
    v.built = l.built;
    v.write = l.write;
    v.completing = l.last_write_read;
    if (const PendingAction* a = ctx_.next_action(t)) v.next = next_action_view(*a, t);
    if (!v.finished && !v.stopped) v.holds = holdings(t, l);
    v.memory = sim::thread_view(ctx_, t, [this](ValueKind k, std::uint64_t x) { return format_value(k, x); });
    if constexpr (R == Reclaim::hazard) {
      TrackedHeap& heap = const_cast<TrackedHeap&>(ctx_.heap());
      // A hazard slot by its owner and number, as the Threads window lists
      // them: "A.hazard[0]", not the table's name and a byte offset.
      for (LocationView& loc : v.memory) {
        if (loc.target != Target::hazard || loc.object == kNoObject) continue;
        if (auto name = hazard_slot_name(static_cast<const char*>(heap[loc.object].address) + loc.offset))
          loc.name = std::move(*name);
      }
      for (const void* h : vector_->reclaimer().hazards_of(t)) v.hazards.push_back(heap.id_of(h));
      vector_->reclaimer().for_each_retired(t, [&](const void* p) { v.retired.push_back(heap.id_of(p)); });
    }
    return v;
  }

  // A hazard slot by its owner and number ("A.hazard[0]", "setup.hazard[0]"),
  // as the thread cards list a thread's hazards; nullopt for another address.
  std::optional<std::string> hazard_slot_name(const void* address) const {
    if constexpr (R == Reclaim::hazard) {
      if (const auto slot = vector_->reclaimer().hazard_slot_at(address))
        return (slot->first < thread_count() ? thread_name(slot->first) : std::string("setup")) + ".hazard[" +
               std::to_string(slot->second) + "]";
    }
    return std::nullopt;
  }

  // What a running thread holds, each object once, by its first role. The
  // write it completes counts while its next action is the completion's
  // (the slot CAS, the done flag, the book's clear); under leak what it
  // replaced is dropped, not held.
  std::vector<Holding> holdings(unsigned t, const VectorObserver::Locals& l) const {
    std::vector<Holding> out;
    const auto add = [&](ObjectId id, HoldRole r) {
      if (id == kNoObject) return;
      for (const Holding& h : out)
        if (h.object == id) return;
      out.push_back({id, r});
    };
    const PendingAction* a = ctx_.next_action(t);
    const bool completing = a && ((a->kind == ActionKind::cas && a->target == Target::slot) ||
                                  a->target == Target::done || a->target == Target::pending);
    if (completing) add(l.last_write_read, HoldRole::performing);
    // About to read a write descriptor's fields: the write it completes next.
    if (const HeapObject* o = a ? const_cast<TrackedHeap&>(ctx_.heap()).containing(a->address) : nullptr;
        o && o->kind == HeapKind::write_descriptor && a->target == Target::field)
      add(o->id, HoldRole::performing);
    add(l.built, HoldRole::built);
    add(l.write, HoldRole::write);
    if constexpr (R != Reclaim::leak) add(l.replaced, HoldRole::replaced);
    if (l.loaded != l.replaced) add(l.loaded, HoldRole::loaded);
    return out;
  }

  // For a slot CAS, the values and what the slot holds ("CAS [0] 0 -> 5
  // succeeds: the slot holds 0 again"); "again" when another thread
  // changed the slot since this thread read the write it performs.
  std::string slot_cas_prediction(const PendingAction& a, unsigned t, std::uint64_t now) const {
    const HeapObject* o = const_cast<TrackedHeap&>(ctx_.heap()).containing(a.address);
    const std::int64_t index = element_index(a.address);
    const std::string head = "CAS [" + std::to_string(index) + "] " + format_word(a.expected, kTagged) + " -> " +
                             format_word(a.operand, kTagged);
    if (now != a.expected)
      return head + " fails: the slot holds " + format_word(now, kTagged) + ", not " + format_word(a.expected, kTagged);
    // Since this thread last read the write, did the slot move away and back?
    const auto& steps = ctx_.log().steps;
    const ObjectId w = observer_.locals(t).last_write_read;
    std::size_t since = 0;
    for (std::size_t k = steps.size(); k-- > 0;)
      if (steps[k].thread == t && steps[k].object == w) {
        since = k + 1;
        break;
      }
    const std::uint32_t offset =
        o ? std::uint32_t(reinterpret_cast<std::uintptr_t>(a.address) - reinterpret_cast<std::uintptr_t>(o->address)) : 0;
    bool moved = false;
    for (std::size_t k = since; k < steps.size() && o; ++k)
      moved = moved || (steps[k].object == o->id && steps[k].offset == offset && steps[k].target == Target::slot &&
                        steps[k].kind == ActionKind::cas && steps[k].success);
    return head + " succeeds: the slot holds " + format_word(now, kTagged) + (moved ? " again" : "");
  }

  NextActionView next_action_view(const PendingAction& a, unsigned t) const {
    NextActionView v;
    v.kind = a.kind;
    v.target = a.target;
    v.action = a.action;
    v.where = a.where;
    TrackedHeap& heap = const_cast<TrackedHeap&>(ctx_.heap());
    const HeapObject* o = heap.containing(a.address);
    v.object = o ? o->name : "?";
    const bool frees = a.kind == ActionKind::free || a.kind == ActionKind::reclaim;
    if (o && o->freed && frees) {
      v.prediction = "double free: " + o->name + " was already freed at step " + std::to_string(o->freed_at);
      return v;
    }
    if (frees) {
      v.prediction = std::string(a.kind == ActionKind::free ? "frees " : "reclaims ") + v.object;
      return v;
    }
    if (o && o->freed) {
      v.use_after_free = true;
      v.prediction = "use-after-free: " + o->name + " was " + (o->retired ? "reclaimed" : "freed") + " at step " +
                     std::to_string(o->freed_at);
      return v;
    }
    const std::uint64_t now = ctx_.peek(a);
    const auto fmt = [&](std::uint64_t raw) {
      return a.value_kind == ValueKind::pointer || a.value_kind == ValueKind::slot_pointer
                 ? format_value(a.value_kind, heap.pointer_value(reinterpret_cast<const void*>(raw)))
                 : format_value(a.value_kind, raw);
    };
    const std::string what =
        a.target == Target::hazard ? hazard_slot_name(a.address).value_or(describe_target(o, a)) : describe_target(o, a);
    switch (a.kind) {
      case ActionKind::cas:
        v.cas_fails = now != a.expected;
        // C11: a failure may read an older store; a weak CAS may fail spuriously.
        if (const std::uint32_t n = ctx_.read_choices(t); n > 1)
          for (std::uint32_t k = 0; k < n; ++k) v.may_read.push_back(fmt(ctx_.read_value(t, k)));
        if (a.target == Target::slot) {
          v.prediction = slot_cas_prediction(a, t, now);
          break;
        }
        v.prediction = now == a.expected ? "this CAS succeeds now: " + what + " is " + fmt(now)
                                         : "this CAS fails now: " + what + " is " + fmt(now) + ", not " +
                                               fmt(a.expected);
        if (const std::uint32_t n = std::uint32_t(v.may_read.size()); n > 1) {
          const bool spurious = v.may_fail_spuriously = ctx_.read_choice(t, n - 1).spurious;
          const std::uint32_t older = n - 1 - (spurious ? 1 : 0);
          if (older > 0)
            v.prediction += "; or it fails reading " + (older == 1 ? v.may_read[1] : std::to_string(older) + " older stores") +
                            " (stale)";
          if (spurious) v.prediction += "; or it fails spuriously (a weak CAS)";
        }
        break;
      case ActionKind::load:
        if (const std::uint32_t n = ctx_.read_choices(t); n > 1) {
          // C11: any store coherence and happens-before leave it (docs/memory-model.md).
          for (std::uint32_t k = 0; k < n; ++k) v.may_read.push_back(fmt(ctx_.read_value(t, k)));
          v.prediction = "may read " + v.may_read[0] + " (latest) or " +
                         (n == 2 ? v.may_read[1] : std::to_string(n - 1) + " older stores") + " (stale) from " + what;
          break;
        }
        [[fallthrough]];
      case ActionKind::read: v.prediction = "reads " + fmt(now) + " from " + what; break;
      case ActionKind::store: v.prediction = "writes " + fmt(a.operand) + " over " + fmt(now) + " in " + what; break;
      case ActionKind::swap:
        v.prediction = "swaps " + fmt(a.operand) + " into " + what + ", taking out " + fmt(now);
        break;
      default: break;
    }
    return v;
  }

  scenario::Scenario scenario_;
  SimContext ctx_;
  VectorObserver observer_{ctx_};  // what the vector's views need from the steps
  Vector* vector_ = nullptr;
  std::vector<unsigned> schedule_;
};

}  // namespace lfv::sim
