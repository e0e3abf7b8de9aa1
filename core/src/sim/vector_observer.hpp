// What the vector's views need from a run, kept beside the run (as loom's
// rt/ stays apart from the structures it checks): the engine (context.cpp)
// steps actions, keeps the heap and the log, and tells this observer what
// each step did; the observer follows each thread's locals (what it loaded,
// built, replaced, which write it completes), marks helping steps, the
// book's lost writes, who performed a write, and which retired objects a
// scan has found protected.
#pragma once

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

  explicit VectorObserver(SimContext& ctx) : ctx_(ctx) {}
  const Locals& locals(unsigned t) const;

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
  // The thread whose write t is completing (t itself when none).
  int owner_of_completed_write(unsigned t) const;

  SimContext& ctx_;
  std::vector<Locals> locals_;
};

}  // namespace lfv::sim
