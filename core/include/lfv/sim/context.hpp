// The deterministic simulator's engine: simulated threads are fibers on one
// OS thread; before every atomic action or plain-field read a thread
// publishes its next action and yields, and the caller of step() decides
// who moves. A run is a pure function of its threads and the sequence of
// step() choices.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "lfv/counters.hpp"
#include "lfv/scenario/scenario.hpp"
#include "lfv/sim/heap.hpp"
#include "lfv/sim/log.hpp"
#include "lfv/sim/memory_model.hpp"
#include "lfv/sim/weakening.hpp"

namespace lfv::sim {

// What a thread is about to do, published before it yields.
struct PendingAction {
  ActionKind kind = ActionKind::load;
  Target target = Target::field;
  ValueKind value_kind = ValueKind::word;
  std::uint8_t width = 8;  // bytes of the word at `address`
  Action action = Action::unlabelled;
  Order order = Order::none;  // the numbered memory-order choice it makes
  std::source_location where;
  const void* address = nullptr;
  std::uint64_t operand = 0;   // store, swap: the value to write; CAS: desired
  std::uint64_t expected = 0;  // CAS
  // The order the code asked for (a CAS: on success), and a CAS's failure
  // order. Only the c11 memory model reads them.
  std::memory_order memory_order = std::memory_order_seq_cst;
  std::memory_order failure_order = std::memory_order_seq_cst;
  bool weak = false;  // compare_exchange_weak: under c11 it may fail spuriously
};

// What a read choice of a pending action reads (SimContext::read_choice):
// the store `back` stores before the latest; for a CAS whether it fails,
// and whether that failure is spurious (a weak CAS reading the latest).
struct ReadChoice {
  std::uint32_t back = 0;
  bool fails = false;
  bool spurious = false;
};

// What a data structure's run adds to the engine's steps. The engine
// records actions, their values and heap events and knows nothing of what
// they mean; an observer (the vector's: core/src/sim/vector_observer.hpp)
// follows them to keep what its views need. Each hook gets the thread.
class StepObserver {
 public:
  virtual ~StepObserver() = default;
  virtual void op_begins(unsigned) {}
  // A step, before its action is performed: the event is filled in but the
  // values it reads and writes.
  virtual void stepped(unsigned, StepEvent&, const PendingAction&) {}
  virtual void read(unsigned, StepEvent&) {}   // e.read is set
  virtual void wrote(unsigned, StepEvent&) {}  // e.written is set (and e.read, for a swap or CAS)
  virtual void cas(unsigned, StepEvent&) {}    // e.read and e.success are set
  virtual void allocated(unsigned, HeapObject&) {}
  virtual void retired(unsigned, HeapObject&) {}
  // The thread keeps an object for later (the vector: a descriptor its
  // lost CAS abandoned, refilled for its next attempt).
  virtual void kept(unsigned, ObjectId) {}
};

class SimContext {
 public:
  struct Options {
    std::uint32_t step_limit = 100'000;  // at it: the run stops, too_long
    // Hazard records to provide; 0: one per thread added before the vector
    // is built, plus one for setup.
    unsigned thread_capacity = 0;
    // False keeps only the step in progress (long stress runs); step
    // indices still count every step.
    bool keep_log = true;
    // sc: every load reads the latest store. c11: a load may read an older
    // one, chosen by step(t, choice) (docs/memory-model.md).
    MemoryModel memory_model = MemoryModel::sc;
    // Numbered orders run weaker than declared (weakening.hpp); c11 only.
    Weakening weaken;
    // c11: how many spurious failures of compare_exchange_weak a run may
    // take in all (each a read choice); the bound keeps a weak-CAS retry
    // loop from making the search infinite.
    std::uint32_t spurious_failures = 1;
  };

  explicit SimContext(Options options);
  SimContext() : SimContext(Options{}) {}
  SimContext(const SimContext&) = delete;
  SimContext& operator=(const SimContext&) = delete;
  ~SimContext();  // unwinds unfinished threads, then frees the heap

  // Threads are created suspended; start() runs each new one up to its
  // first action. Threads may be added after earlier ones finished.
  unsigned add_thread(std::string name, std::function<void(unsigned)> body);
  const std::string& thread_name(unsigned t) const;
  void start();
  unsigned thread_count() const { return unsigned(threads_.size()); }
  bool runnable(unsigned t) const;
  bool finished(unsigned t) const;
  bool all_finished() const;
  bool stopped() const { return log_.failure.has_value(); }
  // Performs thread t's published action and runs t on to its next one.
  // Returns false, doing nothing, when t cannot move.
  bool step(unsigned t) { return step(t, 0); }
  // The same, with which store a load reads: 0 the latest, larger older
  // (below read_choices(t)). Returns false, doing nothing, for a choice
  // out of range.
  bool step(unsigned t, std::uint32_t choice);
  // How many stores thread t's next action may read: 1 but for an atomic
  // load or CAS under the c11 model. A CAS: choice 0 reads the latest
  // store (and succeeds if it equals expected); then each older store it
  // may still read with its failure order whose value differs from
  // expected (it fails reading it); last, for a weak CAS whose latest
  // store equals expected while the run has spurious failures left, a
  // spurious failure.
  std::uint32_t read_choices(unsigned t) const;
  // What `choice` (below read_choices(t)) of thread t's next action reads:
  // the one mapping of choices to stores, for read_choices, read_value and
  // the step.
  ReadChoice read_choice(unsigned t, std::uint32_t choice) const;
  // The raw word thread t's next load or CAS reads under `choice` (below
  // read_choices(t); 0: the latest, as peek gives it).
  std::uint64_t read_value(unsigned t, std::uint32_t choice) const;
  MemoryModel memory_model() const { return options_.memory_model; }
  // The c11 model's state, or null under sc.
  const C11Memory* c11_memory() const { return memory_.get(); }
  const PendingAction* next_action(unsigned t) const;
  // The current value of the word a pending action targets.
  std::uint64_t peek(const PendingAction& a) const;
  // What thread t's next step will touch (a CAS counts as a write).
  std::optional<Access> next_access(unsigned t) const;

  // Operations, recorded by the thread bodies.
  void begin_op(unsigned index, const scenario::Op& op);
  void end_op(scenario::OpResult result);
  // The observer of the steps (at most one; it outlives the context's threads).
  void set_observer(StepObserver* o) { observer_ = o; }
  // The index of thread t's current operation in its program, or -1.
  int current_op(unsigned t) const;

  const Log& log() const { return log_; }
  TrackedHeap& heap() { return heap_; }
  const TrackedHeap& heap() const { return heap_; }
  // How many hazard records the vector's domain needs: one per thread.
  unsigned max_threads() const {
    return options_.thread_capacity ? options_.thread_capacity : std::max(thread_count(), 1u);
  }
  // Setup runs before any thread starts, on the first thread's record, so
  // scans read no record that no thread owns.
  unsigned setup_thread_index() const { return 0; }
  std::uint32_t steps_taken() const { return step_count_; }

  // --- called through SimEnv by the code a simulated thread runs ---

  // The context whose thread is running now, or null (setup, teardown).
  static SimContext* running();
  unsigned running_thread() const { return current_; }
  // Publishes the action and yields; on resume checks that the word acted
  // on is alive and opens the step. Never returns if the run stops.
  void act(const PendingAction& a);
  void record_read(std::uint64_t raw);
  void record_write(std::uint64_t raw);
  void record_cas(std::uint64_t observed, bool success);
  // Under c11, a CAS reads the store the step's choice names (read_choice):
  // returns the raw word it read when it fails, nothing when it succeeds
  // (then record_write follows). `latest` is what the memory holds.
  std::optional<std::uint64_t> record_c11_cas(std::uint64_t latest);
  // Under c11 (weak_memory()), an atomic load's value comes from the model:
  // the store the step's choice names. `latest` is what the memory holds.
  bool weak_memory() const { return memory_ != nullptr; }
  std::uint64_t record_load(std::uint64_t latest);
  // A fence of the running thread: nothing under sc; under c11 it takes
  // effect at once, between the thread's previous action and its next.
  void fence(std::memory_order mo, Order tag = Order::none);

  HeapObject& allocate(HeapKind kind, std::size_t bytes, std::size_t align, std::size_t count,
                       void (*describe)(const void*, FieldVisitor&));
  // Free or reclaim, a step of its own; a second release is a double free.
  void release(const void* p, const std::source_location& where);
  void retire(const void* p);   // a retire of a retired object is a double free
  // The running thread keeps an object for later (the observer's `kept`).
  void keep(const void* p);
  // The running thread wrote the plain fields of the object at p anew (a
  // kept descriptor refilled): its construction is stamped again, for the
  // data-race check under c11.
  void refilled(const void* p);
  // A heap event (alloc, retire, free, protect...) of the step in progress.
  void heap_event(ActionKind kind, ObjectId id);
  // While a scan reclaims a retired object, what it frees is reclaimed too.
  void set_reclaiming(bool on) { reclaiming_ = on; }
  // Stops the run with a failure. In a thread it never returns.
  void fail(FailureKind kind, std::string message);

 private:
  struct Thread;
  void yield_to_scheduler();
  void stamp_construction(HeapObject& o);
  // Under c11: notes the running thread's access to o (the step in
  // progress), and checks that o's free by it happens after every other
  // thread's last access and o's construction (data-race otherwise).
  void note_access(HeapObject& o, Action action);
  void check_free_ordered(const HeapObject& o, Action free_action);
  // The CAS mapping (read_choices' comment): with `choice` below the count
  // it returns, *out is what that choice reads.
  std::uint32_t cas_choices(unsigned t, const PendingAction& a, std::uint32_t choice, ReadChoice* out) const;
  ReadChoice resolve(unsigned t, const PendingAction& a, std::uint32_t choice) const;  // read_choice's work

  Options options_;
  std::unique_ptr<C11Memory> memory_;  // under c11 only
  bool weakened_ = false;              // c11 with an order weakened
  std::uint32_t choice_ = 0;           // the read choice of the step in progress
  std::uint32_t spurious_taken_ = 0;   // c11: spurious CAS failures so far in this run
  Log log_;
  TrackedHeap heap_;
  std::vector<std::unique_ptr<Thread>> threads_;
  unsigned current_ = 0;
  bool in_step_ = false;
  bool reclaiming_ = false;
  std::uint32_t step_count_ = 0;
  StepObserver* observer_ = nullptr;
};

}  // namespace lfv::sim
