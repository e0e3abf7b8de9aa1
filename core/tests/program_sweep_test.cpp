// The property sweep over generated programs, on its bounded slice: every
// program of two operations (one a thread) under every variant. The correct
// variants never fail, the broken ones only in their documented ways. This
// slice holds `[1]; A: size; B: write 0 2`, which failed before versioned's
// descriptor said whether its write grows the vector; and every 12th
// three-thread program of one operation a thread, up to 2 preemptions.
// `make verify` runs the full sweep (lfvlab verify-programs).
#include <gtest/gtest.h>

#include <set>

#include "lfv/explore/program_sweep.hpp"

namespace lfv::test {
namespace {

using explore::Program;
using scenario::OpKind;

std::vector<Program> all_programs(const explore::ProgramSpace& space) {
  std::vector<Program> out;
  explore::for_each_program(space, [&](const Program& p) { out.push_back(p); });
  return out;
}

TEST(Programs, EveryProgramOnceInAFixedOrder) {
  // 8 operations, two initial contents. Two in all: 8 * 9 / 2 pairs of one
  // operation each. Three: also 8 * 64 pairs of one and two.
  EXPECT_EQ(explore::count_programs(explore::standard_space(2)), 2u * 36);
  EXPECT_EQ(explore::count_programs(explore::standard_space(3)), 2u * (36 + 512));
  const auto programs = all_programs(explore::standard_space(3));
  std::set<std::string> seen;
  for (std::size_t i = 0; i < programs.size(); ++i) {
    const Program& p = programs[i];
    EXPECT_EQ(p.index, i);
    EXPECT_TRUE(seen.insert(p.text()).second) << "twice: " << p.text();
    EXPECT_GE(p.a.size(), 1u);
    EXPECT_GE(p.b.size(), 1u);
    EXPECT_LE(p.a.size() + p.b.size(), 3u);
    EXPECT_LE(p.a.size(), p.b.size()) << "A's sequence comes first";
  }
  // The threads swapped is the same program: only one of the two is visited.
  for (const Program& p : programs) {
    Program swapped = p;
    std::swap(swapped.a, swapped.b);
    if (swapped.a != p.a) {
      EXPECT_FALSE(seen.contains(swapped.text())) << p.text();
    }
  }
  EXPECT_TRUE(seen.contains("[1]; A: size; B: write 0 2"));  // the race
  EXPECT_TRUE(seen.contains("[]; A: push 0; B: pop, push 1"));
  // The same order every time.
  const auto again = all_programs(explore::standard_space(3));
  ASSERT_EQ(again.size(), programs.size());
  for (std::size_t i = 0; i < again.size(); ++i) EXPECT_EQ(again[i].text(), programs[i].text());
}

TEST(Programs, ThreeThreadsOfOneOperationEachMultisetOnce) {
  const auto programs = all_programs(explore::standard_three_thread_space());
  EXPECT_EQ(programs.size(), 2u * 120);  // multisets of 3 of 8 operations: 10 * 9 * 8 / 6
  std::set<std::string> seen;
  for (const Program& p : programs) {
    EXPECT_EQ(p.a.size() + p.b.size() + p.c.size(), 3u);
    EXPECT_TRUE(seen.insert(p.text()).second) << p.text();
    EXPECT_EQ(p.scenario().threads.size(), 3u);
  }
  EXPECT_TRUE(seen.contains("[]; A: push 0; B: push 1; C: pop"));
  EXPECT_FALSE(seen.contains("[]; A: push 1; B: push 0; C: pop")) << "the same program as push 0, push 1, pop";
}

TEST(Programs, AProgramIsAScenarioOfTwoThreads) {
  Program p;
  p.initial = {1};
  p.a = {scenario::Op{OpKind::write, 0, 2}};
  p.b = {scenario::Op{OpKind::size, 0, 0}, scenario::Op{OpKind::read, 1, 0}};
  const scenario::Scenario s = p.scenario();
  ASSERT_EQ(s.threads.size(), 2u);
  EXPECT_EQ(s.threads[0].name, "A");
  EXPECT_EQ(s.threads[1].ops, p.b);
  EXPECT_EQ(s.initial, p.initial);
  EXPECT_TRUE(s.script.empty());
  EXPECT_EQ(p.text(), "[1]; A: write 0 2; B: size, read 1");
}

TEST(DocumentedFailures, TheCorrectVariantsHaveNoneAndTheBrokenOnesSome) {
  for (Completion c : kAllCompletions)
    for (Reclaim r : kAllReclaims) {
      const bool correct = c == Completion::versioned && r != Reclaim::free_now;
      EXPECT_EQ(documented_failures(c, r).empty(), correct) << name(c) << " + " << name(r);
      EXPECT_EQ(known_defect(c, r).empty(), correct) << name(c) << " + " << name(r);
      EXPECT_FALSE(documented_failure(c, r, FailureKind::livelock)) << "no variant is documented to livelock";
    }
  EXPECT_TRUE(documented_failure(Completion::book, Reclaim::leak, FailureKind::non_linearizable));
  EXPECT_FALSE(documented_failure(Completion::book, Reclaim::leak, FailureKind::use_after_free));
  EXPECT_TRUE(documented_failure(Completion::versioned, Reclaim::free_now, FailureKind::use_after_free));
  EXPECT_FALSE(documented_failure(Completion::versioned, Reclaim::free_now, FailureKind::non_linearizable));
}

// The bounded slice of the property: well under a minute.
TEST(ProgramSweep, TheCorrectVariantsNeverFailAndTheBrokenOnesOnlyAsDocumented) {
  explore::SweepOptions o;
  o.space = explore::standard_space(2);
  o.every_failure = true;  // the kind of every failing execution, not only the first
  const explore::SweepResult r = explore::sweep_programs(o);
  EXPECT_EQ(r.programs, 72u);
  for (const auto& f : r.findings)
    ADD_FAILURE() << f.program.text() << " under " << name(f.variant.completion) << " + "
                  << name(f.variant.reclaim) << ": " << (f.kind == FailureKind::none ? "incomplete" : name(f.kind))
                  << ": " << f.message;
  // Not vacuous: each broken variant fails somewhere in the slice, in the
  // way it is known for.
  auto failing = [&](Completion c, Reclaim rc, FailureKind k) -> std::uint64_t {
    for (std::size_t v = 0; v < explore::kVariantCount; ++v)
      if (explore::variant_at(v).completion == c && explore::variant_at(v).reclaim == rc) {
        const auto it = r.failing_programs[v].find(k);
        return it == r.failing_programs[v].end() ? 0 : it->second;
      }
    return 0;
  };
  EXPECT_GT(failing(Completion::book, Reclaim::leak, FailureKind::non_linearizable), 0u);
  EXPECT_GT(failing(Completion::book, Reclaim::hazard, FailureKind::use_after_free), 0u);
  EXPECT_GT(failing(Completion::paper, Reclaim::leak, FailureKind::non_linearizable), 0u);
  EXPECT_GT(failing(Completion::paper, Reclaim::hazard, FailureKind::non_linearizable), 0u);
  EXPECT_GT(failing(Completion::book, Reclaim::free_now, FailureKind::double_free), 0u);
  for (Completion c : kAllCompletions) EXPECT_GT(failing(c, Reclaim::free_now, FailureKind::use_after_free), 0u);
  for (Reclaim rc : {Reclaim::leak, Reclaim::hazard})
    for (FailureKind k : kAllFailureKinds) EXPECT_EQ(failing(Completion::versioned, rc, k), 0u);
  // The pair that needed the grows flag is in the matrix, and holds.
  const auto row = r.matrix.find({OpKind::size, OpKind::write});
  ASSERT_NE(row, r.matrix.end());
  EXPECT_GT(r.pair_programs.at({OpKind::size, OpKind::write}), 0u);
}

// Three threads, bounded: every 12th program of one operation a thread.
TEST(ProgramSweep, ThreeThreadsUpToTwoPreemptions) {
  explore::SweepOptions o;
  o.space = explore::standard_three_thread_space();
  o.every = 12;
  o.preemption_limit = 2;
  const explore::SweepResult r = explore::sweep_programs(o);
  EXPECT_EQ(r.programs, 20u);
  for (const auto& f : r.findings)
    ADD_FAILURE() << f.program.text() << " under " << name(f.variant.completion) << " + "
                  << name(f.variant.reclaim) << ": " << (f.kind == FailureKind::none ? "incomplete" : name(f.kind))
                  << ": " << f.message;
}

// Only every k-th program: a deterministic slice of the same enumeration.
TEST(ProgramSweep, EveryKthProgram) {
  explore::SweepOptions o;
  o.space = explore::standard_space(2);
  o.every = 10;
  o.every_failure = false;
  std::uint64_t calls = 0;
  o.on_program = [&](std::uint64_t done, std::uint64_t total) {
    ++calls;
    EXPECT_EQ(total, 8u);
    EXPECT_LE(done, total);
  };
  const explore::SweepResult r = explore::sweep_programs(o);
  EXPECT_EQ(r.programs, 8u);  // indices 0, 10, ..., 70
  EXPECT_EQ(r.space_size, 72u);
  EXPECT_EQ(calls, 8u);
  EXPECT_TRUE(r.findings.empty());
}

}  // namespace
}  // namespace lfv::test
