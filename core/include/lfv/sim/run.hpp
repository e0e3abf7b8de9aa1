// A run of a scenario in the simulator: the unchanged core vector on the
// simulated environment, one fiber per scenario thread. The caller picks
// which thread moves at each step; everything the UI, the CLI and the
// checker show comes from the run's log and its snapshots.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "lfv/scenario/scenario.hpp"
#include "lfv/sim/context.hpp"
#include "lfv/sim/heap.hpp"
#include "lfv/sim/log.hpp"
#include "lfv/sim/program.hpp"
#include "lfv/sim/thread_view.hpp"

namespace lfv::sim {

// An object's lifecycle, as the snapshot derives it.
enum class LifeState : std::uint8_t {
  private_,   // allocated, not yet published (held by its thread)
  shared,     // reachable from the vector
  unlinked,   // was shared, replaced; a thread still holds it and will retire or free it
  leaked,     // unreachable and never retired or freed
  retired,    // handed to the hazard domain
  protected_, // retired, and a scan found a hazard pointer on it (kept)
  reclaimed,  // retired, then freed by a scan
  freed,      // freed at once (free-now, or a never-shared object of a lost race)
};
std::string_view name(LifeState s);

struct FieldView {
  Field field = Field::size;
  std::string text;                 // "3", "D5", "[2] in B1", "7 #2" (value 7, tag 2)
  ObjectId points_to = kNoObject;   // for pointer fields
  std::uint64_t value = 0;          // a number, a flag (0, 1) or a slot word, as stored
  std::int64_t element = -1;        // a pointer to a slot: the element index it points to
};

struct SlotView {
  std::uint64_t index = 0;  // element index
  std::uint64_t value = 0;
  std::uint32_t tag = 0;    // versioned only
  std::string text;
};

struct ObjectView {
  ObjectId id = kNoObject;
  std::string name;
  HeapKind kind = HeapKind::descriptor;
  LifeState state = LifeState::shared;
  std::size_t bytes = 0;
  int owner = -1;  // allocating thread, -1 for setup
  std::vector<FieldView> fields;
  std::vector<int> protected_by;  // threads whose hazard pointers hold it
  // Buckets, installed or not (the loser of a bucket race too): which
  // bucket, and its slots while it is not freed.
  unsigned bucket = 0;
  std::vector<SlotView> slots;
  // Writes: the thread whose slot CAS performed it (-1: not performed), at
  // which step; and the step it was cleared without being performed (the
  // book's lost write), kNoStep when it was not.
  int performed_by = -1;
  std::uint32_t performed_at = kNoStep;
  int performed_again_by = -1;  // performed a second time, by a stale CAS (the paper's value ABA)
  std::uint32_t lost_at = kNoStep;
};

// What a thread holds, as the memory window draws it (an arrow from the
// thread): the descriptor it loaded, the one it built, its write
// descriptor, the write it is about to perform, what it replaced and will
// retire or free.
enum class HoldRole : std::uint8_t { loaded, built, write, performing, replaced };
std::string_view name(HoldRole r);

struct Holding {
  ObjectId object = kNoObject;
  HoldRole role = HoldRole::loaded;
};

struct BucketView {
  unsigned index = 0;
  ObjectId object = kNoObject;
  std::vector<SlotView> slots;
};

struct VectorView {
  ObjectId descriptor = kNoObject;
  std::uint64_t size = 0;              // the descriptor's size field
  ObjectId pending = kNoObject;        // its write, if one is still pending
  std::int64_t pending_index = -1;     // the element index that write targets
  std::string pending_text;            // "slot [2]: 0 -> 3"
  std::vector<BucketView> buckets;
  std::vector<std::uint64_t> contents; // slots [0, size), a pending write applied
};

struct NextActionView {
  ActionKind kind = ActionKind::load;
  Target target = Target::field;
  Action action = Action::unlabelled;
  std::string object;       // the object whose word it acts on
  std::string prediction;   // "this CAS fails now: the descriptor is D7, not D5"
  bool use_after_free = false;
  bool cas_fails = false;   // a CAS that would fail if the thread stepped now
  // Under c11, a load (or CAS) that may read older stores: the value of
  // each read choice, the latest first ("D2", "D1"); empty when only the
  // latest. A CAS's older choices fail; with may_fail_spuriously the last
  // is a weak CAS's spurious failure (reading the latest).
  std::vector<std::string> may_read;
  bool may_fail_spuriously = false;
  std::source_location where;
};

struct ThreadView {
  std::string name;
  std::vector<std::string> program;  // op texts
  std::vector<scenario::OpResult> results;  // of finished ops, in order
  int current_op = -1;
  bool finished = false;
  bool stopped = false;  // by a failure
  std::optional<NextActionView> next;
  ObjectId loaded = kNoObject, built = kNoObject, write = kNoObject;
  ObjectId completing = kNoObject;  // the write descriptor it last read (the one it is completing)
  std::vector<ObjectId> hazards;  // hazard slots (hazard only), kNoObject when empty
  std::vector<ObjectId> retired;  // its retired list (hazard only)
  std::vector<Holding> holds;     // while it runs; one entry per object, its first role
  // Under c11, its view of memory: per location the store it has seen and
  // the newer ones it has not (thread_view.hpp). Empty under sc.
  std::vector<LocationView> memory;
};

struct Snapshot {
  std::uint32_t steps = 0;
  VectorView vector;
  std::vector<ObjectView> objects;  // every object ever allocated, by id
  std::vector<ThreadView> threads;
  std::optional<Failure> failure;
  std::size_t leaked_objects = 0;
  std::size_t leaked_bytes = 0;
};

struct RunOptions {
  RunOptions() = default;
  RunOptions(std::uint32_t limit) : step_limit(limit) {}  // NOLINT: a limit alone reads as one
  std::uint32_t step_limit = 100'000;
  MemoryModel memory_model = MemoryModel::sc;  // docs/memory-model.md
  Weakening weaken;                            // c11 only
  // c11: spurious failures of compare_exchange_weak a run may take in all
  // (SimContext::Options::spurious_failures; docs/memory-model.md).
  std::uint32_t spurious_failures = 1;
};

// The model and orders a run of `s` takes: the flags' model, else the
// file's `memory_model`; the file's [orders] with the flags' weakenings
// added (Weakening::add: never stronger). Under sc nothing is weakened (no
// order matters there), and a --weaken under sc is refused: returns why.
std::optional<std::string> choose_memory(const scenario::Scenario& s, const MemoryChoice& flags, RunOptions& o);

// A run of the vector: a Program (the steps, the log) and what the views,
// the checker and the narration read of the vector's state.
class Run : public Program {
 public:
  virtual const scenario::Scenario& scenario() const = 0;
  virtual Completion completion() const = 0;
  virtual Reclaim reclaim() const = 0;
  virtual MemoryModel memory_model() const = 0;
  virtual const std::string& thread_name(unsigned t) const = 0;
  virtual bool thread_finished(unsigned t) const = 0;
  virtual bool stopped() const = 0;
  virtual Snapshot snapshot() const = 0;
  virtual std::string object_name(ObjectId id) const = 0;
  virtual HeapKind object_kind(ObjectId id) const = 0;
  // A logged value as a person reads it: object names, "null", tagged words.
  virtual std::string format_value(ValueKind kind, std::uint64_t v) const = 0;
  // The final contents (slots [0, size) with a pending write applied).
  virtual std::vector<std::uint64_t> contents() const = 0;
};

// Starts a run: builds the vector, applies `initial` and `reserve` (not
// logged), and parks every thread at its first action.
std::unique_ptr<Run> start_run(const scenario::Scenario& s, Completion c, Reclaim r, RunOptions o = {});
inline std::unique_ptr<Run> start_run(const scenario::Scenario& s, RunOptions o = {}) {
  return start_run(s, s.completion, s.reclaim, o);
}
// A fresh run stepped through `schedule`; stops early at a choice that
// cannot move. Rewinding is replaying a prefix.
std::unique_ptr<Run> replay(const scenario::Scenario& s, Completion c, Reclaim r, std::span<const unsigned> schedule,
                            RunOptions o = {});

}  // namespace lfv::sim
