// What the explorer needs of a run, and all the engine itself offers:
// threads that each move one action at a time, what each would do next,
// and the log. The vector's run (run.hpp) is one; a test's Treiber stack
// (core/tests/treiber_test.cpp) is another, stepped and explored by the
// same code.
#pragma once

#include <optional>
#include <vector>

#include "lfv/sim/context.hpp"
#include "lfv/sim/log.hpp"

namespace lfv::sim {

class Program {
 public:
  virtual ~Program() = default;
  virtual unsigned thread_count() const = 0;
  virtual bool runnable(unsigned t) const = 0;
  // Every thread finished, or the run stopped on a failure.
  virtual bool finished() const = 0;
  // Moves thread t one step; false, doing nothing, when it cannot move.
  virtual bool step(unsigned t) = 0;
  virtual const Log& log() const = 0;
  virtual const std::vector<unsigned>& schedule() const = 0;  // the choices so far
  virtual const PendingAction* next_action(unsigned t) const = 0;
  virtual std::optional<Access> next_access(unsigned t) const = 0;
  // The index of thread t's current operation in its program.
  virtual int current_op(unsigned t) const = 0;
};

}  // namespace lfv::sim
