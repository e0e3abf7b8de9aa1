// The explorer's reduction (core/src/explore/reduction.hpp) on paths built
// by hand: which races it sees, where it adds backtrack points, what goes
// to sleep and wakes, what a preemption bound cuts. No simulator: each
// step is just the word it touches.
#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <random>
#include <utility>

#include "explore/bound.hpp"
#include "explore/path.hpp"
#include "explore/reduction.hpp"

namespace lfv::explore::detail {
namespace {

constexpr sim::ObjectId kX = 1, kY = 2, kZ = 3;
Move write(sim::ObjectId o) { return {{o, 0, true, false}}; }
Move read(sim::ObjectId o) { return {{o, 0, false, false}}; }

ThreadSet set_of(std::initializer_list<unsigned> ts) {
  ThreadSet s;
  for (unsigned t : ts) s.set(t);
  return s;
}

// A path under construction, the way the search grows it: reach a state
// (each runnable thread's next step), open it, take a step, reach the next.
class Trace {
 public:
  explicit Trace(unsigned threads, std::optional<unsigned> bound = std::nullopt, bool source_sets = true)
      : bound_(bound), reduction_({true, source_sets, true}, bound_), path_(threads) {}

  // A new state: `next` lists the runnable threads and their next steps.
  Frame& reach(std::initializer_list<std::pair<unsigned, Move>> next) {
    Frame f;
    for (const auto& [t, m] : next) {
      f.runnable.set(t);
      f.next[t] = m;
    }
    if (path_.frames() > 0) {
      const Frame& parent = path_.top();
      f.last_thread = parent.chosen;
      f.preemptions = PreemptionBound::preemptions_after(parent, parent.chosen);
    }
    path_.push(f);
    return path_.top();
  }
  // Reaches a state and runs the race detection there, as the search does.
  Frame& arrive(std::initializer_list<std::pair<unsigned, Move>> next) {
    Frame& f = reach(next);
    reduction_.detect_races(path_, path_.frames() - 1);
    reduction_.open(f);
    return f;
  }
  // Thread q takes its next step from the top state.
  void take(unsigned q) {
    Frame& f = path_.top();
    f.chosen = int(q);
    f.done.set(q);
    f.taken = f.next[q];
    path_.take(path_.frames() - 1, int(q), f.taken);
  }

  Frame& frame(std::size_t i) { return path_.frame(i); }
  Path& path() { return path_; }
  Reduction& reduction() { return reduction_; }

 private:
  PreemptionBound bound_;
  Reduction reduction_;
  Path path_;
};

TEST(Reduction, TwoWritesOfOneWordRaceAndTheOtherOrderIsScheduled) {
  Trace tr(2);
  tr.arrive({{0, write(kX)}, {1, write(kX)}});
  EXPECT_EQ(tr.frame(0).backtrack, set_of({0})) << "a new state starts with one thread";
  tr.take(0);
  tr.arrive({{1, write(kX)}});
  EXPECT_EQ(tr.frame(0).backtrack, set_of({0, 1})) << "B's write races with A's: B first is tried too";
}

TEST(Reduction, StepsOnDifferentWordsOrTwoReadsAreNotRaces) {
  for (const Move& b : {write(kY), read(kX)}) {
    Trace tr(2);
    tr.arrive({{0, b.access.write ? write(kX) : read(kX)}, {1, b}});
    tr.take(0);
    tr.arrive({{1, b}});
    EXPECT_EQ(tr.frame(0).backtrack, set_of({0})) << "independent steps commute: one order is enough";
  }
}

TEST(Reduction, AStepOrderedByHappensBeforeIsNotARace) {
  // A writes x; B reads it, so A's write happens before B's next step;
  // B's write of x then cannot be moved before A's.
  Trace tr(2);
  tr.arrive({{0, write(kX)}, {1, read(kX)}});
  tr.take(0);
  tr.reach({{1, read(kX)}});  // its own race (with A's write) not detected here
  tr.take(1);
  tr.arrive({{1, write(kX)}});
  EXPECT_TRUE(tr.path().happens_before(0, 1));
  EXPECT_EQ(tr.frame(0).backtrack, set_of({0})) << "ordered through B's read: no race at the root";
}

TEST(Reduction, OnlyTheLatestRacingStepGetsTheBacktrackPoint) {
  Trace tr(3);
  tr.arrive({{0, write(kX)}, {1, write(kX)}, {2, write(kX)}});
  tr.take(0);
  tr.arrive({{1, write(kX)}, {2, write(kX)}});
  EXPECT_EQ(tr.frame(0).backtrack, set_of({0, 1, 2}));
  tr.take(1);
  tr.arrive({{2, write(kX)}});
  EXPECT_EQ(tr.frame(1).backtrack, set_of({1, 2})) << "C races with B's write, the latest";
  EXPECT_EQ(tr.frame(0).backtrack, set_of({0, 1, 2})) << "nothing new at the root from C's step";
}

TEST(Reduction, SourceSetsSkipARaceWhoseReversalIsAlreadyScheduled) {
  // A writes x, B writes y, C's next step writes x: reversing (A, C) can
  // start with B (independent of A) or with C. If B is already scheduled
  // at the root, nothing is added.
  for (const bool source_sets : {true, false}) {
    Trace tr(3, std::nullopt, source_sets);
    tr.reach({{0, write(kX)}, {1, write(kY)}, {2, write(kX)}});
    tr.frame(0).backtrack = set_of({0, 1});
    tr.take(0);
    tr.reach({{1, write(kY)}, {2, write(kX)}});
    tr.take(1);
    tr.reach({{2, write(kX)}});
    tr.reduction().detect_races(tr.path(), 2);
    EXPECT_EQ(tr.frame(0).backtrack[2], !source_sets)
        << (source_sets ? "B starts the reversal: covered" : "without source sets C is added");
  }
}

TEST(Reduction, AThreadNotRunnableAtTheRaceMakesEveryoneABacktrackPoint) {
  Trace tr(3);
  tr.reach({{0, write(kX)}, {2, write(kZ)}});  // B cannot move yet
  tr.take(0);
  tr.reach({{1, write(kX)}, {2, write(kZ)}});
  Reduction::add_backtrack(tr.path(), 0, 1);
  EXPECT_EQ(tr.frame(0).backtrack, set_of({0, 2}));
}

TEST(Reduction, ASleepingThreadStaysAsleepUntilAStepItDependsOn) {
  Trace tr(2);
  Frame& f = tr.reach({{0, write(kX)}, {1, write(kY)}});
  f.sleep = set_of({1});
  f.asleep[1] = write(kY);
  EXPECT_EQ(tr.reduction().sleep_after(f, 0, write(kX)), set_of({1})) << "A's write of x leaves B's of y redundant";
  EXPECT_EQ(tr.reduction().sleep_after(f, 0, read(kY)), ThreadSet{}) << "A's read of y wakes B";
}

TEST(Reduction, AnExploredChoiceSleepsForItsSiblingsUnlessTheBoundCutIt) {
  Trace tr(2);
  Frame& f = tr.arrive({{0, write(kX)}, {1, write(kY)}});
  tr.take(0);
  tr.reduction().explored(f, false);
  EXPECT_TRUE(f.sleep[0]);
  EXPECT_EQ(f.asleep[0].access.object, kX) << "with the step it took";
  Frame& g = tr.frame(0);
  g.sleep = ThreadSet{};
  tr.reduction().explored(g, true);
  EXPECT_FALSE(g.sleep[0]) << "a cut subtree does not put its thread to sleep";
  EXPECT_TRUE(g.bound_hit);
}

TEST(Reduction, AStateWhereEveryRunnableThreadSleepsIsBlocked) {
  Trace tr(2);
  Frame& f = tr.reach({{0, write(kX)}, {1, write(kY)}});
  f.sleep = set_of({0, 1});
  EXPECT_FALSE(tr.reduction().open(f));
  f.sleep = set_of({0});
  EXPECT_TRUE(tr.reduction().open(f));
  EXPECT_EQ(f.backtrack, set_of({1}));
}

TEST(Reduction, TheLastThreadGoesOnFirst) {
  Trace tr(3);
  tr.arrive({{0, write(kX)}, {1, write(kY)}, {2, write(kZ)}});
  tr.take(2);
  Frame& f = tr.arrive({{0, write(kX)}, {1, write(kY)}, {2, write(kZ)}});
  EXPECT_EQ(f.backtrack, set_of({2})) << "no preemption on the first path";
}

TEST(Reduction, OperationOrderMakesAnEndAndABeginDependent) {
  Move ends = read(kX), begins = read(kY);
  ends.op_end = true;
  begins.op_begin = true;
  EXPECT_TRUE(depends(ends, begins));
  EXPECT_FALSE(depends(read(kX), read(kY)));
}

TEST(Bound, AChoiceThatWouldPreemptBeyondTheBoundIsCut) {
  for (const std::optional<unsigned> limit : {std::optional<unsigned>(0), std::optional<unsigned>(1), std::optional<unsigned>()}) {
    Trace tr(2, limit);
    tr.arrive({{0, write(kX)}, {1, write(kX)}});
    tr.take(0);
    Frame& f = tr.arrive({{0, write(kY)}, {1, write(kX)}});
    f.backtrack.set(1);
    f.done.set(0);
    const int q = tr.reduction().next_choice(f);
    if (limit == 0u) {
      EXPECT_EQ(q, -1) << "switching from A, which could go on, is a preemption";
      EXPECT_TRUE(f.bound_hit);
      EXPECT_TRUE(f.done[1]);
    } else {
      EXPECT_EQ(q, 1);
      EXPECT_FALSE(f.bound_hit);
    }
  }
}

TEST(Bound, ARaceUnderABoundAlsoBacktracksAtTheStartOfTheRun) {
  // A reads z then writes x; B's next step writes x. The race is with A's
  // write (step 1); under a bound, B also becomes a backtrack point where
  // A's run began (step 0), reachable without a preemption.
  for (const bool bounded : {false, true}) {
    Trace tr(2, bounded ? std::optional<unsigned>(1) : std::nullopt);
    tr.arrive({{0, read(kZ)}, {1, write(kX)}});
    tr.take(0);
    tr.arrive({{0, write(kX)}, {1, write(kX)}});
    tr.take(0);
    tr.arrive({{1, write(kX)}});
    EXPECT_TRUE(tr.frame(1).backtrack[1]);
    EXPECT_EQ(tr.frame(0).backtrack[1], bounded);
  }
}

TEST(Reduction, AFrozenPrefixGetsNothingAndStopsTheScan) {
  Trace tr(2);
  tr.arrive({{0, write(kX)}, {1, write(kX)}});
  tr.frame(0).frozen = true;
  tr.take(0);
  tr.arrive({{1, write(kX)}});
  EXPECT_EQ(tr.frame(0).backtrack, set_of({0})) << "the prefix belongs to the search that made the task";
}

// The path's step index (step_index.hpp) visits only the latest steps that
// can matter; this checks it against scanning the whole path, as the
// search did before it, on random paths of reads, writes, frees and
// operation boundaries over a few words, grown and cut back at random.
TEST(StepIndex, ClocksAndRacesAgreeWithAScanOfTheWholePath) {
  std::mt19937 rng(7);
  const auto pick = [&](unsigned n) { return unsigned(rng() % n); };
  const auto random_move = [&] {
    Move m;
    if (pick(8) > 0) {
      m.access.object = 1 + pick(2);
      m.access.offset = 8 * pick(2);
      m.access.whole_object = pick(10) == 0;
      m.access.write = m.access.whole_object || pick(3) == 0;
    }
    m.op_begin = pick(5) == 0;
    m.op_end = pick(5) == 0;
    return m;
  };
  const unsigned threads = 3;
  std::uint64_t compared = 0, races = 0;
  for (int trial = 0; trial < 300; ++trial) {
    Path path(threads);
    std::vector<Move> moves;  // what each step took
    std::vector<int> thread_of_step;
    path.push(Frame{});
    for (int n = 0; n < 80; ++n) {
      if (path.steps() > 0 && pick(4) == 0) {  // back up, as the search does
        path.pop();
        moves.pop_back();
        thread_of_step.pop_back();
        continue;
      }
      const std::size_t depth = path.steps();
      const unsigned q = pick(threads);
      const Move m = random_move();
      // Each thread's next step: the latest race, by scanning.
      for (unsigned p = 0; p < threads; ++p) {
        const Move next = random_move();
        int expected = -1;
        for (std::size_t i = depth; i-- > 0;) {
          if (thread_of_step[i] == int(p) || !depends(moves[i], next) || path.happens_before(i, p)) continue;
          expected = int(i);
          break;
        }
        ASSERT_EQ(path.latest_race(next, depth, p), expected) << "trial " << trial << " step " << depth;
        races += expected >= 0;
        ++compared;
      }
      // The clock the step gets, by scanning.
      Clock expected;
      expected.fill(-1);
      for (std::size_t i = depth; i-- > 0;)
        if (thread_of_step[i] == int(q)) {
          expected = path.step(i).clock;
          break;
        }
      for (std::size_t i = depth; i-- > 0;)
        if (thread_of_step[i] != int(q) && depends(moves[i], m))
          for (unsigned t = 0; t < threads; ++t) expected[t] = std::max(expected[t], path.step(i).clock[t]);
      expected[q] = int(depth);
      path.take(depth, int(q), m);
      path.push(Frame{});
      moves.push_back(m);
      thread_of_step.push_back(int(q));
      ASSERT_EQ(path.step(depth).clock, expected) << "trial " << trial << " step " << depth;
    }
  }
  EXPECT_GT(races, compared / 10) << "the random paths must have races to find";
}

}  // namespace
}  // namespace lfv::explore::detail
