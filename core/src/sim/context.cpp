#include "lfv/sim/context.hpp"

#include <boost/context/fiber.hpp>
#include <boost/context/fixedsize_stack.hpp>

#include <cstring>

namespace lfv::sim {
namespace bctx = boost::context;

namespace {
thread_local SimContext* running_context = nullptr;
// Steps a run of a lecture's scenario rarely outgrows (the explorer's are
// about 130).
constexpr std::size_t kReservedSteps = 256;

bool is_pointer(ValueKind k) { return k == ValueKind::pointer || k == ValueKind::slot_pointer; }
bool is_atomic(ActionKind k) {
  return k == ActionKind::load || k == ActionKind::store || k == ActionKind::swap || k == ActionKind::cas;
}
constexpr std::size_t kStackBytes = 256 * 1024;

// Fiber stacks are reused across runs: the explorer starts many thousands
// of short runs, and a fresh 256 KiB stack each time costs more than the run.
class PooledStack {
 public:
  bctx::stack_context allocate() {
    if (!pool().empty()) {
      bctx::stack_context sc = pool().back();
      pool().pop_back();
      return sc;
    }
    return bctx::fixedsize_stack(kStackBytes).allocate();
  }
  void deallocate(bctx::stack_context& sc) noexcept {
    if (pool().size() < 64) pool().push_back(sc);
    else bctx::fixedsize_stack(kStackBytes).deallocate(sc);
  }

 private:
  struct Pool {
    std::vector<bctx::stack_context> stacks;
    ~Pool() {
      for (auto& sc : stacks) bctx::fixedsize_stack(kStackBytes).deallocate(sc);
    }
  };
  static std::vector<bctx::stack_context>& pool() {
    thread_local Pool p;
    return p.stacks;
  }
};
}  // namespace

struct SimContext::Thread {
  std::string name;
  std::function<void(unsigned)> body;
  bctx::fiber fiber;  // resume it to run the thread
  bctx::fiber sink;   // inside the thread: resume it to return to the scheduler
  PendingAction next;
  // The object next.address lies in, found once when it is published:
  // objects never move or go away before the heap (nor can one appear
  // around an address already in use), and the search asks for every
  // waiting thread's access at every state.
  ObjectId next_object = kNoObject;
  bool has_next = false;
  bool started = false;
  bool finished = false;
  bool dead = false;  // stopped by a failure
  int op_index = -1;
  int op_record = -1;  // into log_.ops
};

SimContext::SimContext(Options options) : options_(options) {
  if (options_.memory_model == MemoryModel::c11) memory_ = std::make_unique<C11Memory>();
  weakened_ = memory_ && options_.weaken.any();
  // The explorer starts many short runs: growing the log step by step
  // (copying it each time) cost more than reserving it once.
  if (options_.keep_log) {
    log_.steps.reserve(kReservedSteps);
    log_.heap.reserve(kReservedSteps / 4);
    log_.ops.reserve(16);
  }
}

SimContext::~SimContext() {
  // Destroying an unfinished fiber unwinds its stack; the heap goes after.
  threads_.clear();
}

SimContext* SimContext::running() { return running_context; }

unsigned SimContext::add_thread(std::string name, std::function<void(unsigned)> body) {
  const unsigned index = unsigned(threads_.size());
  auto t = std::make_unique<Thread>();
  t->name = std::move(name);
  t->body = std::move(body);
  t->fiber = bctx::fiber(std::allocator_arg, PooledStack(), [this, index](bctx::fiber&& sink) {
    Thread& th = *threads_[index];
    th.sink = std::move(sink);
    th.body(index);
    th.finished = true;
    th.has_next = false;
    return std::move(th.sink);
  });
  threads_.push_back(std::move(t));
  if (memory_) {
    // A thread added after others finished happens after them (a join).
    std::vector<unsigned> finished;
    for (unsigned j = 0; j < index; ++j)
      if (threads_[j]->finished) finished.push_back(j);
    memory_->start_after(index, finished);
  }
  return index;
}

const std::string& SimContext::thread_name(unsigned t) const { return threads_[t]->name; }

void SimContext::start() {
  for (unsigned t = 0; t < threads_.size(); ++t) {
    Thread& th = *threads_[t];
    if (th.started) continue;
    th.started = true;
    running_context = this;
    current_ = t;
    th.fiber = std::move(th.fiber).resume();
    running_context = nullptr;
  }
}

bool SimContext::runnable(unsigned t) const {
  return t < threads_.size() && !stopped() && threads_[t]->has_next && !threads_[t]->dead;
}

bool SimContext::finished(unsigned t) const { return threads_[t]->finished; }

bool SimContext::all_finished() const {
  for (const auto& t : threads_)
    if (!t->finished) return false;
  return true;
}

const PendingAction* SimContext::next_action(unsigned t) const {
  return threads_[t]->has_next ? &threads_[t]->next : nullptr;
}

int SimContext::current_op(unsigned t) const { return threads_[t]->op_index; }

std::uint64_t SimContext::peek(const PendingAction& a) const {
  std::uint64_t v = 0;
  std::memcpy(&v, a.address, a.width);  // little-endian: the low bytes
  return v;
}

std::optional<Access> SimContext::next_access(unsigned t) const {
  const PendingAction* a = next_action(t);
  if (!a) return std::nullopt;
  const ObjectId id = threads_[t]->next_object;
  if (id == kNoObject) return Access{};
  const HeapObject* o = &heap_[id];
  const bool frees = a->kind == ActionKind::free || a->kind == ActionKind::reclaim;
  const bool writes = a->kind == ActionKind::store || a->kind == ActionKind::swap || a->kind == ActionKind::cas;
  return Access{o->id,
                std::uint32_t(reinterpret_cast<std::uintptr_t>(a->address) -
                              reinterpret_cast<std::uintptr_t>(o->address)),
                writes || frees, frees};
}

std::uint32_t SimContext::read_choices(unsigned t) const {
  if (!memory_) return 1;
  const PendingAction* a = next_action(t);
  if (!a) return 1;
  if (a->kind == ActionKind::cas) return cas_choices(t, *a, ~0u, nullptr);
  if (a->kind != ActionKind::load) return 1;
  return memory_->choices(t, a->address, a->memory_order, peek(*a), a->width);
}

// A CAS (c11): a success reads the latest store ([atomics.order] p10: an
// RMW reads the last value in the modification order), so it is choice 0
// when the latest equals expected; a failure is a load with the failure
// order ([atomics.types.operations]) and may read any store coherence
// leaves it whose value differs from expected (one equal to expected would
// make it succeed, which only the latest may). A weak CAS may also fail
// spuriously ("may fail spuriously", ibid.): it reads the latest and fails,
// at most Options::spurious_failures times a run.
std::uint32_t SimContext::cas_choices(unsigned t, const PendingAction& a, std::uint32_t choice,
                                      ReadChoice* out) const {
  const std::uint64_t mask = C11Memory::width_mask(a.width);
  const std::uint64_t latest = peek(a);
  const bool equal = ((latest ^ a.expected) & mask) == 0;
  if (choice == 0 && out) *out = {0, !equal, false};
  std::uint32_t n = 1;
  const std::uint32_t older =
      memory_->choices(t, a.address, C11Memory::as_failure_load(a.failure_order), latest, a.width);
  for (std::uint32_t back = 1; back < older; ++back) {
    if (((memory_->stored(a.address, back, latest) ^ a.expected) & mask) == 0) continue;
    if (choice == n && out) *out = {back, true, false};
    ++n;
  }
  if (a.weak && equal && spurious_taken_ < options_.spurious_failures) {
    if (choice == n && out) *out = {0, true, true};
    ++n;
  }
  return n;
}

ReadChoice SimContext::read_choice(unsigned t, std::uint32_t choice) const {
  const PendingAction* a = next_action(t);
  return a ? resolve(t, *a, choice) : ReadChoice{};
}

ReadChoice SimContext::resolve(unsigned t, const PendingAction& a, std::uint32_t choice) const {
  if (a.kind != ActionKind::cas) return {choice, false, false};  // a load: `choice` stores back
  ReadChoice r;
  r.fails = ((peek(a) ^ a.expected) & C11Memory::width_mask(a.width)) != 0;  // choice 0
  if (memory_ && choice > 0) cas_choices(t, a, choice, &r);
  return r;
}

std::uint64_t SimContext::read_value(unsigned t, std::uint32_t choice) const {
  const PendingAction* a = next_action(t);
  if (!a) return 0;
  if (choice == 0 || !memory_) return peek(*a);
  return memory_->stored(a->address, read_choice(t, choice).back, peek(*a));
}

bool SimContext::step(unsigned t, std::uint32_t choice) {
  if (!runnable(t)) return false;
  if (choice != 0 && choice >= read_choices(t)) return false;
  if (step_count_ >= options_.step_limit) {
    fail(FailureKind::too_long, "the run reached its limit of " + std::to_string(options_.step_limit) +
                                    " steps before it ended");
    return false;
  }
  Thread& th = *threads_[t];
  if (!options_.keep_log) {
    log_.steps.clear();
    log_.heap.clear();
  }
  running_context = this;
  current_ = t;
  in_step_ = true;
  choice_ = choice;
  th.fiber = std::move(th.fiber).resume();
  choice_ = 0;
  in_step_ = false;
  running_context = nullptr;
  return true;
}

void SimContext::yield_to_scheduler() {
  Thread& th = *threads_[current_];
  th.sink = std::move(th.sink).resume();
}

void SimContext::begin_op(unsigned index, const scenario::Op& op) {
  Thread& th = *threads_[current_];
  th.op_index = int(index);
  th.op_record = int(log_.ops.size());
  if (observer_) observer_->op_begins(current_);
  log_.ops.push_back({std::uint16_t(current_), std::uint16_t(index), op, kNoStep, kNoStep, {}, {}, 0});
  // Nothing of this thread runs between here and its op's first action:
  // its clock now is its clock at the invocation.
  if (memory_) log_.ops.back().invoked_clock = memory_->view(current_).clock;
}

void SimContext::end_op(scenario::OpResult result) {
  Thread& th = *threads_[current_];
  OpRecord& r = log_.ops[std::size_t(th.op_record)];
  r.returned = step_count_ == 0 ? 0 : step_count_ - 1;
  r.result = result;
  if (memory_) r.returned_epoch = memory_->plain_epoch(current_);
}

void SimContext::act(const PendingAction& a) {
  Thread& th = *threads_[current_];
  th.next = a;
  if (weakened_) {  // the model reads the orders: weakened ones as asked
    th.next.memory_order = options_.weaken.apply(a.order, a.memory_order);
    th.next.failure_order = options_.weaken.apply(a.order, a.failure_order);
  }
  const HeapObject* target = heap_.containing(a.address);
  th.next_object = target ? target->id : kNoObject;
  th.has_next = true;
  yield_to_scheduler();
  th.has_next = false;

  StepEvent e;
  e.index = step_count_++;
  e.thread = std::uint16_t(current_);
  e.op = std::uint16_t(th.op_index < 0 ? 0 : th.op_index);
  e.kind = a.kind;
  e.target = a.target;
  e.value_kind = a.value_kind;
  e.action = a.action;
  e.order = a.order;
  e.where = a.where;
  HeapObject* o = th.next_object != kNoObject ? &heap_[th.next_object] : nullptr;
  e.object = o ? o->id : kNoObject;
  e.offset = o ? std::uint32_t(reinterpret_cast<std::uintptr_t>(a.address) -
                               reinterpret_cast<std::uintptr_t>(o->address))
               : 0;
  if (observer_) observer_->stepped(current_, e, a);
  if (a.kind == ActionKind::cas) {
    e.expected = is_pointer(a.value_kind) ? heap_.pointer_value(reinterpret_cast<const void*>(a.expected)) : a.expected;
  }
  if (a.kind == ActionKind::cas || a.kind == ActionKind::store || a.kind == ActionKind::swap)
    e.written = is_pointer(a.value_kind) ? heap_.pointer_value(reinterpret_cast<const void*>(a.operand)) : a.operand;
  e.heap_begin = e.heap_end = std::uint32_t(log_.heap.size());
  log_.steps.push_back(e);
  if (options_.keep_log && th.op_record >= 0 && log_.ops[std::size_t(th.op_record)].invoked == kNoStep)
    log_.ops[std::size_t(th.op_record)].invoked = e.index;

  const bool frees = a.kind == ActionKind::free || a.kind == ActionKind::reclaim;
  if (o && o->freed && !frees) {
    fail(FailureKind::use_after_free, th.name + " (" + std::string(text(a.action)) + ") accesses " + o->name + ", which was " +
                                          (o->retired ? "reclaimed" : "freed") + " at step " +
                                          std::to_string(o->freed_at) + ": use-after-free");
  }
  if (memory_ && a.kind == ActionKind::read && o && o->constructed_by >= 0 &&
      !memory_->happens_before(unsigned(o->constructed_by), o->constructed_epoch, current_)) {
    // A plain field whose initialisation does not happen before this read
    // (docs/memory-model.md, "Data races"): under sc every step is ordered.
    fail(FailureKind::data_race, th.name + " (" + std::string(text(a.action)) + ") reads " + o->name +
                                     ", constructed by " + threads_[unsigned(o->constructed_by)]->name +
                                     " at step " + std::to_string(o->constructed_at) +
                                     ", with no happens-before edge to the read: data race");
  }
  if (memory_ && o && !o->freed) {
    if (frees) check_free_ordered(*o, a.action);
    else if (a.kind == ActionKind::read || is_atomic(a.kind)) note_access(*o, a.action);
  }
  if (memory_ && is_atomic(a.kind)) {
    // The model learns of a location at its first atomic access, with what
    // the memory holds before the action (set up, or constructed), and of
    // any write made outside the threads since.
    memory_->touch(a.address, peek(a), a.width);
    memory_->set_step(log_.steps.back().index);
    if (a.kind == ActionKind::load) log_.steps.back().read_from = choice_;
  }
}

std::uint64_t SimContext::record_load(std::uint64_t latest) {
  const PendingAction& a = threads_[current_]->next;
  const std::uint64_t raw = memory_ ? memory_->load(current_, a.address, a.memory_order, choice_) : latest;
  if (memory_) log_.steps.back().synchronised_with = memory_->synchronised_with();
  record_read(raw);
  return raw;
}

void SimContext::fence(std::memory_order mo, Order tag) {
  if (!memory_ || running_context != this) return;
  mo = options_.weaken.apply(tag, mo);
  if (mo != std::memory_order_relaxed) memory_->fence(current_, mo);  // a relaxed fence does nothing
}

void SimContext::record_read(std::uint64_t raw) {
  StepEvent& e = log_.steps.back();
  e.read = is_pointer(e.value_kind) ? heap_.pointer_value(reinterpret_cast<const void*>(raw)) : raw;
  if (observer_) observer_->read(current_, e);
}

void SimContext::record_write(std::uint64_t raw) {
  StepEvent& e = log_.steps.back();
  if (memory_) {
    const PendingAction& a = threads_[current_]->next;
    if (a.kind == ActionKind::store) memory_->store(current_, a.address, raw, a.memory_order);
    else {
      memory_->rmw(current_, a.address, raw, a.memory_order);  // swap, successful CAS
      e.synchronised_with = memory_->synchronised_with();
    }
  }
  e.written = is_pointer(e.value_kind) ? heap_.pointer_value(reinterpret_cast<const void*>(raw)) : raw;
  if (observer_) observer_->wrote(current_, e);
}

void SimContext::record_cas(std::uint64_t observed, bool success) {
  StepEvent& e = log_.steps.back();
  e.read = is_pointer(e.value_kind) ? heap_.pointer_value(reinterpret_cast<const void*>(observed)) : observed;
  e.success = success;
  if (observer_) observer_->cas(current_, e);
}

// The choice was resolved against the state read_choices saw: act()'s
// touch changes no count (an untouched or outside-written location has
// one store to read either way), so the mapping is the same.
std::optional<std::uint64_t> SimContext::record_c11_cas(std::uint64_t latest) {
  const PendingAction& a = threads_[current_]->next;
  const ReadChoice r = resolve(current_, a, choice_);  // the step in progress: no longer pending
  if (!r.fails) {
    record_cas(latest, true);
    return std::nullopt;
  }
  const std::uint64_t raw = memory_->failed_cas(current_, a.address, a.failure_order, r.back);
  StepEvent& e = log_.steps.back();
  e.synchronised_with = memory_->synchronised_with();
  e.read_from = r.back;
  e.spurious = r.spurious;
  if (r.spurious) ++spurious_taken_;
  record_cas(raw, false);
  return raw;
}

// The running thread has just written o's plain fields (constructed or
// refilled it): reads by others need a happens-before edge from here.
void SimContext::stamp_construction(HeapObject& o) {
  o.constructed_by = int(current_);
  o.constructed_at = step_count_ == 0 ? 0 : step_count_ - 1;
  if (memory_) o.constructed_epoch = memory_->plain_epoch(current_);
}

void SimContext::note_access(HeapObject& o, Action action) {
  if (o.accesses.size() <= current_) o.accesses.resize(current_ + 1);
  o.accesses[current_] = {memory_->plain_epoch(current_), log_.steps.back().index, action};
}

// [intro.races] p21 and [basic.life]: ending an object's lifetime conflicts
// with every access to it, so each must happen before the free. The freeing
// thread's own accesses are sequenced before it; the others need an edge
// (a hazard slot cleared with release and scanned with acquire, say).
void SimContext::check_free_ordered(const HeapObject& o, Action free_action) {
  const std::string& freer = threads_[current_]->name;
  const std::string what = freer + " (" + std::string(text(free_action)) + ") frees " + o.name;
  for (unsigned u = 0; u < o.accesses.size(); ++u) {
    const HeapObject::Access& r = o.accesses[u];
    if (r.epoch == 0 || memory_->happens_before(u, r.epoch, current_)) continue;
    fail(FailureKind::data_race, what + ", which " + threads_[u]->name + " accessed at step " +
                                     std::to_string(r.step) + " (" + std::string(text(r.action)) +
                                     "), with no happens-before edge from that access to the free: data race");
  }
  if (o.constructed_by >= 0 && !memory_->happens_before(unsigned(o.constructed_by), o.constructed_epoch, current_))
    fail(FailureKind::data_race, what + ", constructed by " + threads_[unsigned(o.constructed_by)]->name +
                                     " at step " + std::to_string(o.constructed_at) +
                                     ", with no happens-before edge from the construction to the free: data race");
}

void SimContext::refilled(const void* p) {
  if (running_context != this) return;
  if (HeapObject* o = heap_.starting_at(p)) stamp_construction(*o);
}

void SimContext::keep(const void* p) {
  if (running_context == this && observer_) observer_->kept(current_, heap_.id_of(p));
}

void SimContext::heap_event(ActionKind kind, ObjectId id) {
  log_.heap.push_back({kind, id});
  if (in_step_ && !log_.steps.empty() && log_.steps.back().thread == current_)
    log_.steps.back().heap_end = std::uint32_t(log_.heap.size());
}

HeapObject& SimContext::allocate(HeapKind kind, std::size_t bytes, std::size_t align, std::size_t count,
                                 void (*describe)(const void*, FieldVisitor&)) {
  HeapObject& o = heap_.allocate(kind, bytes, align, count);
  o.describe = describe;
  if (running_context == this) {
    Thread& th = *threads_[current_];
    o.owner = int(current_);
    o.owner_op = std::uint16_t(th.op_index < 0 ? 0 : th.op_index);
    o.allocated_at = step_count_ == 0 ? 0 : step_count_ - 1;
    stamp_construction(o);
    if (observer_) observer_->allocated(current_, o);
  }
  const ObjectId id = o.id;
  heap_event(ActionKind::alloc, id);
  return heap_[id];
}

void SimContext::release(const void* p, const std::source_location& where) {
  HeapObject* o = heap_.starting_at(p);
  if (!o) return;
  if (running_context == this) {
    // Freeing is a step of its own: it conflicts with every access to the
    // object, and the explorer must be able to order it against them.
    const bool reclaim = reclaiming_ || o->retired;
    act({reclaim ? ActionKind::reclaim : ActionKind::free, Target::field, ValueKind::pointer, 8,
         reclaim ? Action::reclaim_object : Action::free_object, Order::none, where, p, 0, 0,
         std::memory_order_relaxed, std::memory_order_relaxed});
    o = heap_.starting_at(p);
  }
  if (o->freed) {
    fail(FailureKind::double_free, (running_context == this ? threads_[current_]->name : std::string("setup")) +
                                       " frees " + o->name + " again (first freed at step " +
                                       std::to_string(o->freed_at) + "): double free");
    return;
  }
  o->freed = true;
  o->freed_at = step_count_ == 0 ? 0 : step_count_ - 1;
  if (reclaiming_) o->retired = true;  // freed with the retired object that owns it
  heap_event(o->retired ? ActionKind::reclaim : ActionKind::free, o->id);
}

void SimContext::retire(const void* p) {
  HeapObject* o = heap_.starting_at(p);
  if (!o) return;
  if (o->retired || o->freed) {
    fail(FailureKind::double_free, (running_context == this ? threads_[current_]->name : std::string("setup")) +
                                       " retires " + o->name + ", which was already " +
                                       (o->freed ? "freed" : "retired") + ": double free");
    return;
  }
  o->retired = true;
  if (running_context == this) {
    o->retired_by = int(current_);
    if (observer_) observer_->retired(current_, *o);
  }
  heap_event(ActionKind::retire, o->id);
}

void SimContext::fail(FailureKind kind, std::string message) {
  if (!log_.failure) {
    Failure f;
    f.kind = kind;
    f.step = step_count_ == 0 ? kNoStep : step_count_ - 1;
    f.thread = running_context == this ? int(current_) : -1;
    f.message = std::move(message);
    log_.failure = std::move(f);
  }
  if (running_context != this) return;
  // Stop this thread for good: the scheduler never resumes a dead thread,
  // and destroying the context unwinds its stack.
  threads_[current_]->dead = true;
  threads_[current_]->has_next = false;
  for (;;) yield_to_scheduler();
}

}  // namespace lfv::sim
