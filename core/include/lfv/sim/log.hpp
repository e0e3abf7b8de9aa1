// The simulator's event log: one StepEvent per atomic action or plain-field
// read a simulated thread performed, the heap events each step caused, and
// each operation's invocation, response and result. The GUI, the checker
// and the CLI all read this; nothing keeps a second copy of model state.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "lfv/failure.hpp"
#include "lfv/scenario/scenario.hpp"
#include "lfv/site.hpp"

namespace lfv::sim {

using ObjectId = std::uint32_t;
inline constexpr ObjectId kNoObject = std::numeric_limits<ObjectId>::max();
inline constexpr std::uint32_t kNoStep = std::numeric_limits<std::uint32_t>::max();

using scenario::ActionKind;

// How to show the values of an action: pointers are logged as object ids.
enum class ValueKind : std::uint8_t {
  word,          // a slot word: element and tag
  pointer,       // an object (id and offset, see TrackedHeap::pointer_value)
  slot_pointer,  // a pointer to a slot
  boolean,
  size,          // any other integer
};

struct HeapEvent {
  ActionKind kind;  // alloc, retire, reclaim, free or protect
  ObjectId object;
};

struct StepEvent {
  std::uint32_t index = 0;
  std::uint16_t thread = 0;
  std::uint16_t op = 0;  // index of the operation in the thread's program
  ActionKind kind = ActionKind::load;
  Target target = Target::field;
  ValueKind value_kind = ValueKind::word;
  bool success = false;  // CAS
  bool helping = false;  // completes another thread's pending write
  bool spurious = false;  // c11: a weak CAS that failed spuriously (read the latest, equal to expected)
  ObjectId object = kNoObject;   // the object holding the word acted on (free, reclaim: the object)
  std::uint32_t offset = 0;      // of the word in the object
  std::uint32_t element = 0;     // slot: the element index; bucket: the bucket index
  Action action = Action::unlabelled;  // text(action): what it does, in words
  Order order = Order::none;
  std::source_location where;    // the core line that performed it
  std::uint64_t read = 0;        // load, read, swap, CAS: the value found
  std::uint64_t written = 0;     // store, swap, successful CAS: the value written
  std::uint64_t expected = 0;    // CAS
  // Which store a load or failed CAS read, back from the latest (the c11
  // model's read choice resolved to a store); 0 under sc and for every
  // other action.
  std::uint32_t read_from = 0;
  // c11: the step of the release store this acquire (load, RMW, failed
  // CAS) synchronised with; kNoStep when none (and always under sc).
  std::uint32_t synchronised_with = kNoStep;
  std::uint32_t heap_begin = 0;  // [heap_begin, heap_end) in Log::heap
  std::uint32_t heap_end = 0;
};

// What a step touches, for the explorer's dependence relation: two steps
// of different threads are dependent when they touch the same word of the
// same object and one writes, or one frees the object the other touches.
struct Access {
  ObjectId object = kNoObject;
  std::uint32_t offset = 0;
  bool write = false;
  bool whole_object = false;  // free, reclaim

  friend bool dependent(const Access& a, const Access& b) {
    if (a.object == kNoObject || a.object != b.object) return false;
    if (a.whole_object || b.whole_object) return true;
    return a.offset == b.offset && (a.write || b.write);
  }
};

// An executed step's access: a failed CAS only read.
inline Access access_of(const StepEvent& e) {
  const bool frees = e.kind == ActionKind::free || e.kind == ActionKind::reclaim;
  const bool writes = e.kind == ActionKind::store || e.kind == ActionKind::swap || (e.kind == ActionKind::cas && e.success);
  return {e.object, e.offset, writes || frees, frees};
}

struct OpRecord {
  std::uint16_t thread = 0;
  std::uint16_t index = 0;  // in the thread's program
  scenario::Op op;
  std::uint32_t invoked = kNoStep;   // its first step
  std::uint32_t returned = kNoStep;  // its last step; kNoStep while running
  scenario::OpResult result;         // once returned
  // Under c11, for the checker's order (happens-before, not real time):
  // the thread's vector clock when the op was invoked, and the epoch its
  // return is sequenced before (C11Memory::plain_epoch). Empty under sc.
  std::vector<std::uint32_t> invoked_clock;
  std::uint32_t returned_epoch = 0;
};

struct Failure {
  FailureKind kind = FailureKind::none;
  std::uint32_t step = kNoStep;  // the step it was found at (the failing action's own step)
  int thread = -1;
  std::string message;
};

struct Log {
  std::vector<StepEvent> steps;
  std::vector<HeapEvent> heap;
  std::vector<OpRecord> ops;  // in invocation order
  std::optional<Failure> failure;
};

}  // namespace lfv::sim
