// The simulator steps the real core: the concurrency cases of the
// real-thread stress tests run again here under seeded random schedules,
// with the same assertions; runs are deterministic, rewindable, and a
// use-after-free is reported and ends the run cleanly.
#include <gtest/gtest.h>

#include <sstream>
#include <type_traits>

#include "concurrency_cases.hpp"
#include "lfv/sim/describe.hpp"
#include "lfv/sim/drive.hpp"
#include "lfv/sim/run.hpp"
#include "lfv/sim/sim_env.hpp"
#include "sim_threads.hpp"
#include "variants_under_test.hpp"

namespace lfv::test {
namespace {

using scenario::Op;
using scenario::OpKind;

template <class V>
class SimStress : public ::testing::Test {};
TYPED_TEST_SUITE(SimStress, CorrectVariants, VariantName);

TYPED_TEST(SimStress, MixedOperationsUnderRandomSchedules) {
  using Vector = LockFreeVector<std::uint32_t, sim::SimEnv, TypeParam::completion, TypeParam::reclaim>;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    SimThreads harness(seed);
    Vector v{harness.env(), {.scan_threshold = 1 + unsigned(seed % 3)}};
    check_mixed_ops(v, harness, {.threads = 2 + unsigned(seed % 3), .ops_per_thread = 150, .seed = seed, .prefill = 4});
    if (this->HasFailure()) return;
  }
}

TYPED_TEST(SimStress, ConcurrentReadsSeeOnlyWrittenValues) {
  using Vector = LockFreeVector<std::uint32_t, sim::SimEnv, TypeParam::completion, TypeParam::reclaim>;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    SimThreads harness(seed);
    Vector v{harness.env(), {.scan_threshold = 1}};
    check_reads_and_writes(v, harness, {.threads = 3, .ops_per_thread = 120, .seed = seed});
    if (this->HasFailure()) return;
  }
}

// The same cases under the c11 memory model (docs/memory-model.md), with
// random read choices: under the declared orders every correct variant
// still passes (loads of stale stores, not data races: plain fields are
// not checked yet).
TYPED_TEST(SimStress, UnderTheC11MemoryModel) {
  using Vector = LockFreeVector<std::uint32_t, sim::SimEnv, TypeParam::completion, TypeParam::reclaim>;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    {
      SimThreads harness(seed, 24, sim::MemoryModel::c11);
      Vector v{harness.env(), {.scan_threshold = 1 + unsigned(seed % 3)}};
      check_mixed_ops(v, harness, {.threads = 2 + unsigned(seed % 3), .ops_per_thread = 100, .seed = seed, .prefill = 4});
      EXPECT_GT(harness.stale_reads(), 0u) << "the model offered no older store";
    }
    {
      SimThreads harness(seed, 24, sim::MemoryModel::c11);
      Vector v{harness.env(), {.scan_threshold = 1}};
      check_reads_and_writes(v, harness, {.threads = 3, .ops_per_thread = 80, .seed = seed});
      EXPECT_GT(harness.stale_reads(), 0u) << "the model offered no older store";
    }
    if (this->HasFailure()) return;
  }
}

// The hazard protocol's two seq_cst fences are what keep versioned+hazard
// safe under c11: with an environment whose fences do nothing, a protector
// may re-load a stale descriptor after the scanner missed its hazard, and a
// use-after-free follows under some seed, or the reclaim races the
// protector's reads of the object (a data race at the free, when those
// reads came first). (Under sc they do nothing anyway.)
struct FencelessSimEnv : sim::SimEnv {
  using sim::SimEnv::SimEnv;
  void fence(Fence) {}
};
template <class Env>
bool finds_an_unsafe_reclaim(sim::MemoryModel model) {
  using Vector = LockFreeVector<std::uint32_t, Env, Completion::versioned, Reclaim::hazard>;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    SimThreads harness(seed, 24, model);
    harness.expect_failures();
    Vector v{Env(&harness.context_for_env()), {.scan_threshold = 1}};
    harness.run(3, [&](unsigned t) {
      for (int i = 0; i < 40; ++i) (i + t) % 2 ? (void)v.pop() : (void)v.push(std::uint32_t(i));
    });
    const auto& f = harness.context().log().failure;
    if (f && (f->kind == FailureKind::use_after_free || f->kind == FailureKind::data_race)) return true;
  }
  return false;
}
TEST(SimHarness, UnderC11TheHazardFencesPreventAUseAfterFree) {
  EXPECT_TRUE(finds_an_unsafe_reclaim<FencelessSimEnv>(sim::MemoryModel::c11));
  EXPECT_FALSE(finds_an_unsafe_reclaim<sim::SimEnv>(sim::MemoryModel::c11));
  EXPECT_FALSE(finds_an_unsafe_reclaim<FencelessSimEnv>(sim::MemoryModel::sc));
}

// The same case on a broken variant must fail under some seed: the
// harness and assertions can tell.
TEST(SimHarness, FindsTheUseAfterFreeOfFreeNow) {
  using Vector = LockFreeVector<std::uint32_t, sim::SimEnv, Completion::versioned, Reclaim::free_now>;
  bool found = false;
  for (std::uint64_t seed = 1; seed <= 20 && !found; ++seed) {
    SimThreads harness(seed);
    harness.expect_failures();
    Vector v{harness.env()};
    harness.run(3, [&](unsigned t) {
      for (int i = 0; i < 20; ++i) (i + t) % 2 ? (void)v.pop() : (void)v.push(std::uint32_t(i));
    });
    found = harness.context().log().failure.has_value() &&
            harness.context().log().failure->kind == FailureKind::use_after_free;
  }
  EXPECT_TRUE(found);
}

scenario::Scenario two_threads(Completion c, Reclaim r, std::vector<Op> a, std::vector<Op> b) {
  scenario::Scenario s;
  s.title = "test";
  s.completion = c;
  s.reclaim = r;
  s.threads.push_back({"A", std::move(a), {}});
  s.threads.push_back({"B", std::move(b), {}});
  return s;
}

std::string json_of(const sim::Run& run) {
  std::ostringstream out;
  sim::write_log_json(run, out);
  return out.str();
}

TEST(SimRun, StepsTheRealCore) {
  static_assert(std::is_same_v<typename LockFreeVector<std::uint32_t, sim::SimEnv, Completion::book,
                                                       Reclaim::leak>::env_type,
                               sim::SimEnv>);
  auto s = two_threads(Completion::versioned, Reclaim::hazard, {{OpKind::push, 1}}, {{OpKind::pop}});
  auto run = sim::start_run(s);
  sim::run_round_robin(*run);
  ASSERT_TRUE(run->finished());
  ASSERT_FALSE(run->log().steps.empty());
  for (const sim::StepEvent& e : run->log().steps) {
    const std::string where = sim::short_location(e.where);
    EXPECT_TRUE(where.rfind("core/include/lfv/vector.hpp:", 0) == 0 ||
                where.rfind("core/include/lfv/hazard_domain.hpp:", 0) == 0)
        << "step " << e.index << " came from " << where;
  }
}

TEST(SimRun, SameScheduleGivesAByteIdenticalLog) {
  for (Completion c : kAllCompletions)
    for (Reclaim r : kAllReclaims) {
      auto s = two_threads(c, r, {{OpKind::push, 1}, {OpKind::push, 3}},
                           {{OpKind::push, 2}, {OpKind::pop}, {OpKind::pop}});
      auto first = sim::start_run(s, c, r);
      Rng rng(7);
      while (!first->finished()) first->step(rng.below(2));
      auto again = sim::replay(s, c, r, first->schedule());
      EXPECT_EQ(json_of(*first), json_of(*again)) << name(c) << "+" << name(r);
    }
}

TEST(SimRun, RewindingToAStepAndSteppingOnGivesTheSameLog) {
  auto s = two_threads(Completion::book, Reclaim::hazard, {{OpKind::push, 1}, {OpKind::pop}},
                       {{OpKind::push, 2}, {OpKind::size}});
  auto full = sim::start_run(s);
  Rng rng(3);
  while (!full->finished()) full->step(rng.below(2));
  const auto& choices = full->schedule();
  for (std::size_t k : {std::size_t(0), choices.size() / 3, choices.size() - 1}) {
    auto rewound = sim::replay(s, s.completion, s.reclaim, std::span(choices).first(k));
    EXPECT_EQ(rewound->log().steps.size(), k);
    for (std::size_t i = k; i < choices.size(); ++i) rewound->step(choices[i]);
    EXPECT_EQ(json_of(*rewound), json_of(*full)) << "rewound to step " << k;
  }
}

TEST(SimRun, FreeNowUseAfterFreeIsReportedAndTheRunStopsCleanly) {
  // A loads the descriptor; B pops and frees it at once; A then reads it.
  auto s = two_threads(Completion::paper, Reclaim::free_now, {{OpKind::size}}, {{OpKind::pop}});
  s.initial = {5};
  auto run = sim::start_run(s);
  ASSERT_TRUE(run->step(0));  // A: load the current descriptor
  while (!run->thread_finished(1)) ASSERT_TRUE(run->step(1));
  const auto snap = run->snapshot();
  ASSERT_TRUE(snap.threads[0].next);
  EXPECT_TRUE(snap.threads[0].next->use_after_free) << snap.threads[0].next->prediction;
  EXPECT_TRUE(run->step(0));
  ASSERT_TRUE(run->log().failure);
  EXPECT_EQ(run->log().failure->kind, FailureKind::use_after_free);
  EXPECT_EQ(run->log().failure->step, run->log().steps.size() - 1);
  EXPECT_EQ(run->log().failure->thread, 0);
  EXPECT_TRUE(run->stopped());
  EXPECT_TRUE(run->finished());
  EXPECT_FALSE(run->step(0));
  EXPECT_FALSE(run->step(1));
}

TEST(SimRun, TheBookSealedVersionReclaimsAWriteItsOwnerStillReads) {
  // A's push(2) swaps in D with write W, then B completes W for A, clears
  // D's pending (retiring W) and a scan reclaims it: A then reads W.
  auto s = two_threads(Completion::book, Reclaim::hazard, {{OpKind::push, 2}}, {{OpKind::push, 3}});
  auto run = sim::start_run(s);
  const scenario::Until cas{scenario::Until::Mode::through_action, scenario::ActionKind::cas, Target::descriptor};
  while (!sim::step_matches(*run, run->log().steps.empty() ? sim::StepEvent{} : run->log().steps.back(), cas) ||
         run->log().steps.back().thread != 0)
    ASSERT_TRUE(run->step(0));
  while (!run->stopped() && !run->thread_finished(1)) run->step(1);
  run->step(0);
  ASSERT_TRUE(run->log().failure) << "no failure";
  EXPECT_EQ(run->log().failure->kind, FailureKind::use_after_free) << run->log().failure->message;
}

TEST(SimContext, ADoubleFreeAndADoubleRetireAreReportedAtTheirStep) {
  for (bool retire_twice : {false, true}) {
    sim::SimContext ctx;
    sim::SimEnv env(&ctx);
    sim::SimEnv::Atomic<int> word;
    ctx.add_thread("A", [&](unsigned) {
      int* p = env.create<int>(ObjectKind::descriptor, 1);
      word.load(std::memory_order_acquire, {Action::read_size});
      if (retire_twice) {
        env.note_retired(p);
        env.note_retired(p);
      } else {
        env.destroy(ObjectKind::descriptor, p);
        env.destroy(ObjectKind::descriptor, p);
      }
      word.load(std::memory_order_acquire, {Action::read_element});
    });
    ctx.start();
    while (ctx.step(0)) {
    }
    ASSERT_TRUE(ctx.log().failure);
    EXPECT_EQ(ctx.log().failure->kind, FailureKind::double_free);
    // A retire happens inside the step before it; a free is a step itself.
    EXPECT_EQ(ctx.log().failure->step, retire_twice ? 0u : 2u);
    EXPECT_EQ(ctx.steps_taken(), retire_twice ? 1u : 3u);
    EXPECT_NE(ctx.log().failure->message.find(retire_twice ? "already retired" : "again"), std::string::npos)
        << ctx.log().failure->message;
    EXPECT_FALSE(ctx.runnable(0));
    EXPECT_FALSE(ctx.step(0));
  }
}

TEST(SimRun, PredictsACasOutcome) {
  auto s = two_threads(Completion::versioned, Reclaim::leak, {{OpKind::push, 1}}, {{OpKind::push, 2}});
  auto run = sim::start_run(s);
  auto until_next_cas = [&](unsigned t) {
    while (!(run->next_action(t)->kind == sim::ActionKind::cas && run->next_action(t)->target == Target::descriptor))
      ASSERT_TRUE(run->step(t));
  };
  until_next_cas(0);
  until_next_cas(1);
  auto snap = run->snapshot();
  EXPECT_EQ(snap.threads[0].next->prediction.rfind("this CAS succeeds now", 0), 0u) << snap.threads[0].next->prediction;
  run->step(0);
  snap = run->snapshot();
  EXPECT_EQ(snap.threads[1].next->prediction, "this CAS fails now: the descriptor is D1, not D0");
}

TEST(SimRun, LeakedObjectsAreCountedAtTheEnd) {
  auto s = two_threads(Completion::paper, Reclaim::leak, {{OpKind::push, 1}}, {});
  s.threads.pop_back();
  auto run = sim::start_run(s);
  sim::run_round_robin(*run);
  const auto snap = run->snapshot();
  // D0 was replaced: leaked. D1 and its write W0 are current; B0 is the bucket.
  EXPECT_EQ(snap.leaked_objects, 1u);
  for (const auto& o : snap.objects) {
    if (o.name == "D0") {
      EXPECT_EQ(o.state, sim::LifeState::leaked);
    } else if (o.name == "D1" || o.name == "W0" || o.name == "B0") {
      EXPECT_EQ(o.state, sim::LifeState::shared) << o.name;
    }
  }
  EXPECT_EQ(snap.vector.contents, std::vector<std::uint64_t>{1});
}

}  // namespace
}  // namespace lfv::test
