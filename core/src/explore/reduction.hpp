// The reduction: which orders of a path's steps the search must still try.
//
// Dynamic partial-order reduction (Flanagan and Godefroid 2005) with
// sleep sets (Godefroid 1996) and source sets (Abdulla et al. 2014). Two
// steps are dependent (move.hpp) when swapping them can change what
// happens: they touch the same word and one writes it, or (op_order) one
// ends an operation and the other starts one. Schedules that differ only
// in the order of independent steps are equivalent; the search needs one
// of each class. Each frame of the path (path.hpp) keeps three sets:
//
// - backtrack: the threads still to be tried from this state. A new state
//   starts with one (the last thread if it can go on, else the lowest);
//   without reduction, every runnable one.
// - done: the threads tried (or cut by the bound) from this state.
// - sleep: the threads whose step from here is known redundant: a sibling
//   subtree already explored it, and no step since depends on it. A thread
//   tried from a state goes to sleep there for the siblings after it
//   (explored()); a child inherits the sleepers whose step does not depend
//   on the step taken (sleep_after()). A state where every runnable thread
//   sleeps is blocked: an equivalent path was explored.
//
// Races. When a state is reached, each runnable thread's next step is
// compared with the path (detect_races()): the latest earlier step of
// another thread it depends on and does not happen after (by the vector
// clocks) is a race, and the thread becomes a backtrack point at the state
// before that step, so the reversed order is tried too. Whether a step
// ends its operation is known only once it ran, so that part of its race
// is checked after it runs (race()). A thread not runnable at that state
// makes every runnable one a backtrack point there.
//
// Source sets. Reversing the race (i, p) needs some thread that can start
// v, the steps after i that do not depend on it, then p's step. If such
// an initial of v is already a backtrack point, done or asleep at the
// state before i, nothing is added (covered()).
//
// Bounds. Under a preemption bound (bound.hpp) a choice that would exceed
// it is marked done and the frame bound_hit; a subtree with a cut choice
// was not fully explored, so its thread does not go to sleep at its
// parent, and a race also adds its conservative point.
//
// Frames on a task's prefix (frozen) belong to the search that made the
// task: nothing is added there, and a race found there stops the scan.
#pragma once

#include <cstddef>
#include <vector>

#include "bound.hpp"
#include "path.hpp"

namespace lfv::explore::detail {

struct ReductionOptions {
  bool reduce = true;       // false: every runnable thread at every state
  bool source_sets = true;  // covered() before adding a backtrack point
  bool op_order = true;     // compare sleepers by the step they took (Frame::asleep)
};

class Reduction {
 public:
  Reduction(ReductionOptions o, const PreemptionBound& bound) : o_(o), bound_(&bound) {}
  bool reduces() const { return o_.reduce; }

  // Frame `depth`, the top of the path, was just reached: the races of
  // each runnable thread's next step with the path.
  void detect_races(Path& path, std::size_t depth);
  // The race of thread p's step m from frame `depth` with the latest
  // earlier step it depends on.
  void race(Path& path, std::size_t depth, unsigned p, const Move& m);

  // The first choice of a new state becomes a backtrack point; false when
  // every runnable thread sleeps (blocked).
  bool open(Frame& f) const;
  // The next thread to try from f, or -1: none is left. A choice the bound
  // cuts is marked done, and f bound_hit.
  int next_choice(Frame& f) const;
  // The sleep set of the state q's step `moved` leads to from f.
  ThreadSet sleep_after(const Frame& f, int q, const Move& moved) const;
  // The subtree below f's choice is finished (`cut`: the bound cut some
  // of it).
  void explored(Frame& f, bool cut) const;

  // Thread p becomes a backtrack point at frame i (every runnable thread,
  // if p is not runnable there).
  static void add_backtrack(Path& path, std::size_t i, unsigned p);
  // Source sets: is the race (i, p) already covered at frame i?
  bool covered(const Path& path, std::size_t i, unsigned p, std::size_t depth);

 private:
  ReductionOptions o_;
  const PreemptionBound* bound_;
  std::vector<std::size_t> scratch_;
};

}  // namespace lfv::explore::detail
