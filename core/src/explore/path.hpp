// The path of the depth-first search: a frame for each state from the root
// (what each thread would do next there, and the reduction's sets), and
// the step taken from each but the last, with its vector clock. Plain
// data: the reduction (reduction.hpp) reads and marks it, the bound
// (bound.hpp) reads it, the search (subtree.cpp) pushes and pops it and
// replays its choices on a fresh run to go back up (a run cannot be
// copied). Tests build paths by hand (core/tests/reduction_test.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "move.hpp"
#include "state_cache.hpp"
#include "state_key.hpp"
#include "step_index.hpp"

namespace lfv::explore::detail {

// Scenarios have at most 9 threads: per-thread sets are bit masks and
// per-thread tables fixed arrays, so a frame allocates nothing.
inline constexpr unsigned kMaxScenarioThreads = 9;
using Clock = std::array<int, kMaxScenarioThreads>;

// A set of threads.
class ThreadSet {
 public:
  ThreadSet() = default;
  explicit ThreadSet(std::uint16_t bits) : bits_(bits) {}
  bool operator[](unsigned t) const { return bits_ >> t & 1u; }
  void set(unsigned t, bool on = true) { bits_ = std::uint16_t(on ? bits_ | (1u << t) : bits_ & ~(1u << t)); }
  std::uint16_t bits() const { return bits_; }
  bool operator==(const ThreadSet&) const = default;

 private:
  std::uint16_t bits_ = 0;
};

// A state on the current path: what each thread would do next, which
// threads are still to be tried from here (backtrack), tried (done), or
// known redundant (sleep).
struct Frame {
  std::array<Move, kMaxScenarioThreads> next;  // each runnable thread's next step
  ThreadSet runnable, backtrack, done, sleep;
  ThreadSet entry_sleep;  // the sleep set it was reached with
  // The step each sleeping thread took from where it went to sleep: it is
  // its next step here too, and taking it told whether it ends its
  // operation, which its pending action cannot. (Without op_order the
  // search compares pending actions, as issue 10's did.)
  std::array<Move, kMaxScenarioThreads> asleep;
  Move taken;  // the step the path takes from here
  bool frozen = false;    // on the task's prefix: its choices are not this search's
  int last_thread = -1;   // the thread of the step that led here
  unsigned preemptions = 0;
  bool initialized = false;
  bool bound_hit = false;  // a choice in this subtree was cut by the bound
  int chosen = -1;        // the choice taken from here (sim::choice_of: thread and read)
  // Under c11: how many stores each runnable thread's next action may
  // read, and which of them it tries next (its thread is done when all are).
  std::array<std::uint16_t, kMaxScenarioThreads> reads{}, next_read{};
  StateKey key;            // with state caching
  Footprint footprint;     // of its subtree so far, with state caching
};

// A step on the current path, apart from its frame: the race detection
// scans these, and they are small.
struct PathStep {
  Move move;  // as it ran: a failed CAS only read
  int thread = -1;
  int previous = -1;  // the thread's step before it, or -1
  Clock clock;        // its vector clock: the latest step of each thread that happens before it
};

class Path {
 public:
  explicit Path(unsigned threads = 0) { reset(threads); }
  void reset(unsigned threads);

  unsigned threads() const { return threads_; }
  std::size_t frames() const { return frames_.size(); }
  std::size_t steps() const { return steps_.size(); }
  Frame& frame(std::size_t i) { return frames_[i]; }
  const Frame& frame(std::size_t i) const { return frames_[i]; }
  Frame& top() { return frames_.back(); }
  const Frame& top() const { return frames_.back(); }
  const PathStep& step(std::size_t i) const { return steps_[i]; }

  // A new state at the end of the path.
  void push(const Frame& f) { frames_.push_back(f); }
  // The step thread q took from the last frame (frame `depth`, as the
  // search numbers them: its step is step `depth`); it gets its clock.
  void take(std::size_t depth, int q, const Move& moved);
  // Drops the last frame; with `step`, the step that led to it too.
  void pop(bool step = true);

  // Does step i happen before thread p's next step (through p's last one)?
  bool happens_before(std::size_t i, unsigned p) const;
  // Does step a happen before step b?
  bool step_before(std::size_t a, std::size_t b) const {
    return steps_[b].clock[std::size_t(steps_[a].thread)] >= int(a);
  }
  // Thread p's latest step on the path, or -1.
  int last_of(unsigned p) const { return last_of_[p]; }
  // The choices from the root to frame `depth`, into `out` (reused: the
  // search asks for them at every backtrack).
  void choices(std::size_t depth, std::vector<unsigned>& out) const;
  // The latest step below `end` of another thread than p that m (p's next
  // step) depends on and that does not happen before it; -1 if none.
  int latest_race(const Move& m, std::size_t end, unsigned p) const;

 private:
  Clock clock_of(std::size_t depth, int q, const Move& a) const;
  auto move_of() const {
    return [this](std::size_t i) -> const Move& { return steps_[i].move; };
  }

  unsigned threads_ = 0;
  std::vector<Frame> frames_;
  std::vector<PathStep> steps_;
  std::array<int, kMaxScenarioThreads> last_of_{};
  StepIndex index_;  // the steps by what they touch
};

}  // namespace lfv::explore::detail
