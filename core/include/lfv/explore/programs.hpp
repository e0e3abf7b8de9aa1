// Generated programs for the property sweep: every two-thread program up to
// a size, its operations drawn from a fixed alphabet over the whole API,
// on each of a few initial contents. Only an enumeration: it knows nothing
// of the explorer, which gives the verdicts (program_sweep.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lfv/scenario/scenario.hpp"

namespace lfv::explore {

struct ProgramSpace {
  std::vector<scenario::Op> alphabet;                // what one operation may be
  std::vector<std::vector<std::uint64_t>> initials;  // the vector before the threads start
  unsigned threads = 2;                              // 2 or 3
  unsigned max_ops_per_thread = 3;                   // each thread runs 1 to this many operations
  unsigned max_total_ops = 4;                        // all threads together
};

// The sweep's space (docs/verification.md states it): push 0, push 1, pop,
// size, read 0, read 1, write 0 2, reserve 9, on [] and [1]; 1 to 3
// operations a thread, at most `max_total_ops` in all.
ProgramSpace standard_space(unsigned max_total_ops);
// The same alphabet and contents on three threads of one operation each.
ProgramSpace standard_three_thread_space();

struct Program {
  std::uint64_t index = 0;  // its place in the enumeration, from 0
  std::vector<std::uint64_t> initial;
  std::vector<scenario::Op> a, b;  // threads A and B
  std::vector<scenario::Op> c;     // thread C; empty in a two-thread program
  scenario::Scenario scenario() const;
  std::string text() const;  // "[1]; A: write 0 2; B: size"
};

// How many programs for_each_program visits.
std::uint64_t count_programs(const ProgramSpace& space);

// Visits every program once, in a fixed order: by total operations, then
// initial contents, then A's sequence, then B's (then C's). Swapping threads
// gives the same program, so A's sequence never comes after B's, nor B's
// after C's (by length, then alphabet order).
void for_each_program(const ProgramSpace& space, const std::function<void(const Program&)>& fn);

}  // namespace lfv::explore
