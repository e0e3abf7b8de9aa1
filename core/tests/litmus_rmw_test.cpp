// The c11 memory model's read-modify-writes (docs/memory-model.md): they
// read the latest store, acquire with their order (a failed CAS with its
// failure order) and continue release sequences. Exact outcome sets, as in
// litmus_test.cpp, with their sources (C++20, N4861).
#include "litmus.hpp"

namespace lfv::test::litmus {
namespace {

using sim::MemoryModel;

// Two exchanges of one location: each reads the latest store, so they never
// both read 0 ([atomics.order] p10). Outcome (r0,
// r1, final x).
TEST(LitmusRmw, ExchangesReadTheLatestStore) {
  const Litmus t{{[](sim::SimEnv&, Memory& m, int* r) { r[0] = m.x.exchange(1, rlx, {}); },
                  [](sim::SimEnv&, Memory& m, int* r) { r[1] = m.x.exchange(2, rlx, {}); }},
                 2,
                 true};
  const Both b = under_both(t);
  EXPECT_EQ(b.c11.outcomes, (Outcomes{{0, 1, 2, 0}, {2, 0, 1, 0}}));
  EXPECT_EQ(b.sc.outcomes, b.c11.outcomes);
}

// MP whose reader takes the flag with an RMW: an exchange, or a CAS that
// always fails (it expects 7) and so reads with its failure order. Outcome
// (flag, data). Acquire: the weak (1, 0) is forbidden ([atomics.order] p2;
// a failed CAS is a load with the failure order, [atomics.types.operations]
// compare_exchange); relaxed: allowed.
Litmus mp_rmw_reader(bool exchange, std::memory_order order) {
  return {{[](sim::SimEnv&, Memory& m, int*) {
             m.x.store(1, rlx, {});
             m.y.store(1, rel, {});
           },
           [=](sim::SimEnv&, Memory& m, int* r) {
             if (exchange) {
               r[0] = m.y.exchange(5, order, {});
             } else {
               int expected = 7;
               EXPECT_FALSE(m.y.compare_exchange_strong(expected, 9, std::memory_order_acq_rel, order, {}));
               r[0] = expected;
             }
             r[1] = m.x.load(rlx, {});
           }}};
}

TEST(LitmusRmw, AnAcquireRmwOrFailedCasSynchronises) {
  const Outcomes sc{{0, 0}, {0, 1}, {1, 1}};
  const Outcomes weak{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  for (bool exchange : {true, false}) {
    SCOPED_TRACE(exchange ? "exchange" : "failed CAS");
    const Both b = under_both(mp_rmw_reader(exchange, acq));
    EXPECT_EQ(b.c11.outcomes, sc);
    EXPECT_EQ(b.sc.outcomes, sc);
    EXPECT_EQ(enumerate(mp_rmw_reader(exchange, rlx), MemoryModel::c11).outcomes, weak);
  }
}

// ---- A release sequence continued by an RMW of another thread: T0 stores
// the data (x) and releases the flag (y = 1); T1 exchanges the flag for 2
// (relaxed); T2 acquires the flag, then reads the data. Outcome (r0, r1,
// r2) = (T1's exchange, T2's flag, T2's data). An acquire reading the RMW's
// 2 synchronises with T0's release ([intro.races] p5: the RMW is in the
// release sequence headed by the store it read; [atomics.order] p2), so
// (1, 2, 0) is forbidden, and (1, 1, 0) as for MP. With the exchange first
// (r0 = 0) its 2 heads no release sequence: (0, 2, 0) is allowed.
Litmus release_sequence(bool rmw) {
  return {{[](sim::SimEnv&, Memory& m, int*) {
             m.x.store(1, rlx, {});
             m.y.store(1, rel, {});
           },
           [rmw](sim::SimEnv&, Memory& m, int* r) {
             if (rmw) {
               r[0] = m.y.exchange(2, rlx, {});
             } else {  // a plain load and store: no RMW, no release sequence
               r[0] = m.y.load(rlx, {});
               m.y.store(2, rlx, {});
             }
           },
           [](sim::SimEnv&, Memory& m, int* r) {
             r[1] = m.y.load(acq, {});
             r[2] = m.x.load(rlx, {});
           }},
          3};
}

TEST(LitmusRmw, ReleaseSequenceThroughAnRmwSynchronises) {
  const Outcomes allowed{{0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 2, 0}, {0, 2, 1},
                         {1, 0, 0}, {1, 0, 1}, {1, 1, 1}, {1, 2, 1}};
  const Both b = under_both(release_sequence(true));
  EXPECT_EQ(b.c11.outcomes, allowed);
  EXPECT_EQ(b.sc.outcomes, allowed);
  EXPECT_GT(b.c11.most_choices, 1u);
}

// The contrast: a plain store (even after reading the release) does not
// continue the sequence (C++20 dropped same-thread stores from it too), so
// (1, 2, 0) becomes allowed under c11; sc still forbids it.
TEST(LitmusRmw, ReleaseSequenceIsBrokenByAPlainStore) {
  const Outcomes sc{{0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 2, 0}, {0, 2, 1},
                    {1, 0, 0}, {1, 0, 1}, {1, 1, 1}, {1, 2, 1}};
  const Both b = under_both(release_sequence(false));
  Outcomes c11 = sc;
  c11.insert({1, 2, 0});
  EXPECT_EQ(b.c11.outcomes, c11);
  EXPECT_EQ(b.sc.outcomes, sc);
}

// The hazard protocol's fences (Fence::protect, Fence::scan) are seq_cst
// fences under c11, as on real threads: SB with them is forbidden, as with
// seq_cst fences (litmus_test.cpp); without them it is allowed.
TEST(LitmusRmw, HazardFencesAreSeqCstFences) {
  const auto sb = [](bool fenced) {
    return Litmus{{[=](sim::SimEnv& env, Memory& m, int* r) {
                     m.x.store(1, rlx, {});
                     if (fenced) env.fence(Fence::protect);
                     r[0] = m.y.load(rlx, {});
                   },
                   [=](sim::SimEnv& env, Memory& m, int* r) {
                     m.y.store(1, rlx, {});
                     if (fenced) env.fence(Fence::scan);
                     r[1] = m.x.load(rlx, {});
                   }}};
  };
  EXPECT_EQ(enumerate(sb(true), MemoryModel::c11).outcomes, (Outcomes{{0, 1}, {1, 0}, {1, 1}}));
  EXPECT_EQ(enumerate(sb(false), MemoryModel::c11).outcomes, (Outcomes{{0, 0}, {0, 1}, {1, 0}, {1, 1}}));
}

// One run step by step, through the engine's interface: what each load may
// read, the choice logged, and the modification order the model keeps (for
// the views to come). The release-sequence test with the RMW: T0 stores the
// data and releases the flag, T1 exchanges it; then T2 may read any of the
// flag's three stores. Reading the RMW's 2 synchronises: only the data's 1
// is left to read; reading the initial 0 leaves both.
TEST(LitmusRmw, StepByStepThroughTheEngine) {
  for (std::uint32_t flag_choice : {0u, 2u}) {
    LitmusRun run(release_sequence(true), MemoryModel::c11);
    sim::SimContext& c = run.context();
    for (unsigned t : {0u, 0u, 1u}) ASSERT_TRUE(c.step(t));
    ASSERT_EQ(c.read_choices(2), 3u);
    EXPECT_FALSE(c.step(2, 3));
    ASSERT_TRUE(c.step(2, flag_choice));
    EXPECT_EQ(c.log().steps.back().read_from, flag_choice);
    EXPECT_EQ(c.log().steps.back().read, flag_choice == 0 ? 2u : 0u);
    EXPECT_EQ(c.read_choices(2), flag_choice == 0 ? 1u : 2u);
    ASSERT_TRUE(c.step(2, c.read_choices(2) - 1));  // the oldest it may read
    ASSERT_TRUE(c.all_finished());
    EXPECT_EQ(run.outcome(), (Outcome{1, flag_choice == 0 ? 2 : 0, flag_choice == 0 ? 1 : 0}));

    const auto* flag = c.c11_memory()->stores(&run.memory().y);
    ASSERT_NE(flag, nullptr);
    ASSERT_EQ(flag->size(), 3u);
    EXPECT_EQ((*flag)[0].thread, sim::C11Memory::kSetup);
    EXPECT_EQ((*flag)[1].thread, 0u);
    EXPECT_EQ((*flag)[1].order, rel);
    EXPECT_FALSE((*flag)[1].rmw);
    EXPECT_EQ((*flag)[2].thread, 1u);
    EXPECT_TRUE((*flag)[2].rmw);
    EXPECT_EQ((*flag)[2].raw, 2u);
  }
}

// A store made outside the threads (between steps, as setup code does)
// goes straight to memory; the model takes it as seen by every thread, so
// threads added later read it and nothing older: R1, which notices it, and
// R2, added after, while no thread has finished to hand it down.
TEST(LitmusRmw, AStoreOutsideTheThreadsIsSeenByAll) {
  const Litmus t{{[](sim::SimEnv&, Memory& m, int*) {
                   m.x.store(1, rlx, {});
                   m.y.store(1, rlx, {});
                 }},
                 0};
  LitmusRun run(t, MemoryModel::c11);
  sim::SimContext& c = run.context();
  ASSERT_TRUE(c.step(0));            // x = 1; T0 runs on
  run.memory().x.store(5, rlx, {});  // no simulated thread runs
  int r[2] = {-1, -1};
  c.add_thread("R1", [&](unsigned) {
    r[0] = run.memory().x.load(rlx, {});
    (void)run.memory().y.load(rlx, {});
  });
  c.start();
  EXPECT_EQ(c.read_choices(1), 1u);
  ASSERT_TRUE(c.step(1));  // R1 reads x and stops before y
  c.add_thread("R2", [&](unsigned) { r[1] = run.memory().x.load(rlx, {}); });
  c.start();
  EXPECT_EQ(c.read_choices(2), 1u);
  ASSERT_TRUE(c.step(2));
  EXPECT_EQ(r[0], 5);
  EXPECT_EQ(r[1], 5);
  EXPECT_EQ(c.c11_memory()->stores(&run.memory().x)->size(), 3u);  // 0, T0's 1, the outside 5
}

// A thread added after another finished happens after it (a join, then a
// spawn): it may read nothing older than what the finished one stored. One
// added while the other still runs may read the initial 0 as well.
TEST(LitmusRmw, AThreadAddedAfterAnotherFinishedHappensAfterIt) {
  const Litmus t{{[](sim::SimEnv&, Memory& m, int*) {
                   m.x.store(1, rlx, {});
                   m.y.store(1, rlx, {});
                 }},
                 0};
  for (bool finish_first : {true, false}) {
    LitmusRun run(t, MemoryModel::c11);
    sim::SimContext& c = run.context();
    ASSERT_TRUE(c.step(0));
    if (finish_first) {
      ASSERT_TRUE(c.step(0));
      ASSERT_TRUE(c.finished(0));
    }
    c.add_thread("R", [&](unsigned) { (void)run.memory().x.load(rlx, {}); });
    c.start();
    EXPECT_EQ(c.read_choices(1), finish_first ? 1u : 2u);
  }
}

}  // namespace
}  // namespace lfv::test::litmus
