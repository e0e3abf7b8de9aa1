// What the explorer needs of a run, and all the engine itself offers:
// threads that each move one action at a time, what each would do next,
// and the log. The vector's run (run.hpp) is one; a test's Treiber stack
// (core/tests/treiber_test.cpp) is another, stepped and explored by the
// same code.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "lfv/sim/context.hpp"
#include "lfv/sim/log.hpp"

namespace lfv::sim {

// A choice of the scheduler: which thread steps and, under the c11 memory
// model, which store its load reads (0: the latest; docs/memory-model.md).
// A schedule holds each choice as one number, the thread in the low byte
// and the read above it, so under sc a choice is its thread's index.
constexpr unsigned choice_of(unsigned thread, std::uint32_t read) { return thread | read << 8; }
constexpr unsigned thread_of(unsigned choice) { return choice & 0xffu; }
constexpr std::uint32_t read_of(unsigned choice) { return choice >> 8; }

class Program {
 public:
  virtual ~Program() = default;
  virtual unsigned thread_count() const = 0;
  virtual bool runnable(unsigned t) const = 0;
  // Every thread finished, or the run stopped on a failure.
  virtual bool finished() const = 0;
  // Takes a choice (choice_of; a plain thread index reads the latest
  // store); false, doing nothing, when it cannot be taken.
  virtual bool step(unsigned choice) = 0;
  // How many stores thread t's next action may read (1 under sc, and but
  // for an atomic load or CAS under c11; SimContext::read_choices).
  virtual std::uint32_t read_choices(unsigned) const { return 1; }
  // What a read choice of thread t's next action reads (SimContext::read_choice).
  virtual ReadChoice read_choice(unsigned, std::uint32_t choice) const { return {choice, false, false}; }
  virtual const Log& log() const = 0;
  virtual const std::vector<unsigned>& schedule() const = 0;  // the choices so far
  virtual const PendingAction* next_action(unsigned t) const = 0;
  virtual std::optional<Access> next_access(unsigned t) const = 0;
  // The index of thread t's current operation in its program.
  virtual int current_op(unsigned t) const = 0;
};

}  // namespace lfv::sim
