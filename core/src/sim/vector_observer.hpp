// What the vector's views need from a run, kept beside the run (as loom's
// rt/ stays apart from the structures it checks): the engine (context.cpp)
// steps actions, keeps the heap and the log, and tells this observer what
// each step did; the observer follows each thread's locals (what it loaded,
// built, replaced, which write it completes), marks helping steps, the
// book's lost writes, who performed a write, and which retired objects a
// scan has found protected.
#pragma once

#include <cstdint>
#include <vector>

#include "lfv/sim/context.hpp"

namespace lfv::sim {

class VectorObserver final : public StepObserver {
 public:
  // The locals that matter, per thread, tracked from its actions in its
  // current operation: the descriptor it loaded, the one it built and its
  // write descriptor (kNoObject when none, or once a lost CAS abandoned it).
  struct Locals {
    ObjectId loaded = kNoObject;
    ObjectId built = kNoObject;
    ObjectId write = kNoObject;
    ObjectId last_write_read = kNoObject;  // the write being completed, for "helping"
    // What this thread's successful CAS or swap just replaced, which it
    // retires or frees next (under `leak`, drops).
    ObjectId replaced = kNoObject;
  };

  // What the views say of an object beyond its lifecycle. Writes (a
  // write descriptor, or a versioned descriptor's inline write): the thread
  // whose slot CAS performed it, and the step a thread cleared it from a
  // descriptor's pending pointer (book), performed or not. Retired objects:
  // whether their thread's scan has read a hazard pointer holding them.
  struct Marks {
    int performed_by = -1;
    std::uint32_t performed_at = kNoStep;
    int performed_again_by = -1;  // a later successful slot CAS of it: stale (value ABA)
    std::uint32_t cleared_at = kNoStep;
    bool found_by_scan = false;
  };

  explicit VectorObserver(SimContext& ctx) : ctx_(ctx) {}
  const Locals& locals(unsigned t) const;
  const Marks& marks(ObjectId id) const;
  // The vector's bucket table: a step on a bucket pointer names its bucket.
  void set_bucket_table(const void* table) { bucket_table_ = table; }

  void op_begins(unsigned t) override;
  void stepped(unsigned t, StepEvent& e, const PendingAction& a) override;
  void read(unsigned t, StepEvent& e) override;
  void wrote(unsigned t, StepEvent& e) override;
  void cas(unsigned t, StepEvent& e) override;
  void allocated(unsigned t, HeapObject& o) override;
  void retired(unsigned t, HeapObject& o) override;
  void kept(unsigned t, ObjectId id) override;

 private:
  Locals& of(unsigned t);
  Marks& mark(ObjectId id);
  // The element index a slot or bucket-pointer address stands for.
  std::uint32_t element_of(const HeapObject* o, const void* address) const;
  // The thread whose write t is completing (t itself when none).
  int owner_of_completed_write(unsigned t) const;

  SimContext& ctx_;
  std::vector<Locals> locals_;
  std::vector<Marks> marks_;  // by object id
  const void* bucket_table_ = nullptr;
};

}  // namespace lfv::sim
