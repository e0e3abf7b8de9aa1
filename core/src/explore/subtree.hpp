// One depth-first DPOR search of the subtree below a fixed prefix of
// choices: the whole tree (empty prefix) in the bounded rounds, one task of
// the split unbounded round otherwise (search.cpp). Three parts: the path
// (path.hpp: frames, steps, their clocks; replayed on a fresh run to go
// back up), the reduction (reduction.hpp: backtrack, done and sleep sets)
// and the bounding policy (bound.hpp). Deterministic: the same prefix,
// sleep set and limits give the same executions, in the same order, on
// any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_set>
#include <vector>

#include "lfv/explore/explorer.hpp"
#include "move.hpp"
#include "subject.hpp"

namespace lfv::explore::detail {

using SteadyClock = std::chrono::steady_clock;

// After the first failure, the search looks this many executions further
// for one with fewer context switches, then stops.
inline constexpr std::uint64_t kMinimizeBudget = 300;

// A CAS that would fail here only reads, as it will when it runs: its word
// cannot change without a step that writes it, which is dependent. With
// ExploreOptions::precise_cas the search counts it as a read.
bool fails_now(const sim::PendingAction* a);

// Thread t's next step, as far as it is known before it runs.
Move next_move(const sim::Program& run, unsigned t, const ExploreOptions& o);
// The step the run took last.
Move last_move(const sim::Program& run, const ExploreOptions& o);

// A subtree to search: the choices that lead to its root, and the threads
// asleep there.
struct Task {
  std::vector<unsigned> prefix;
  std::uint16_t sleep = 0;
  std::vector<Move> asleep;  // per thread: the step a sleeping one would take (Frame::asleep)
};

struct SubtreeLimits {
  std::uint64_t max_executions = UINT64_MAX;  // in this subtree
  // A failure was found before this subtree: it stops after this many
  // executions (what is left of the look for a simpler one).
  std::optional<std::uint64_t> window;
  // Another thread sets it to stop the search (a time limit, a cancel).
  const std::atomic<bool>* abort = nullptr;
  bool report_progress = true;  // time limit and on_progress checked here
  std::atomic<std::uint64_t>* executions = nullptr;  // counts every execution, for progress
};

// What one subtree search found, in the fields of ExploreResult it fills:
// executions, failing_executions, failures_by_kind, blocked, steps,
// replayed_steps, cache_hits, states_cached, stop, cancelled.
struct SubtreeOutcome {
  ExploreResult counts;
  bool stopped = false;  // halted before its end (counts.stop says why)
  bool found = false;
  Counterexample best;
  std::uint64_t first_failure = 0;  // the number of the execution that found it, from 1
  std::unordered_set<std::uint64_t> traces;  // with count_traces
};

class Subtree {
 public:
  Subtree(const Subject& subject, const ExploreOptions& o, SteadyClock::time_point start);
  ~Subtree();
  Subtree(const Subtree&) = delete;
  Subtree& operator=(const Subtree&) = delete;

  // Searches below task.prefix under `bound` (none: unbounded); the
  // prefix's own choices are not revisited. `executions_before` counts the
  // executions of the search so far (for progress reports).
  SubtreeOutcome search(const Task& task, std::optional<unsigned> bound, const SubtreeLimits& limits,
                        std::uint64_t executions_before = 0);
  // A choice in the last search was cut by its bound.
  bool bound_hit() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lfv::explore::detail
