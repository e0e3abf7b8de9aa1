// The c11 memory model (docs/memory-model.md) against the classic litmus
// tests: each test enumerates every run (litmus.hpp) and asserts the exact
// set of outcomes the C11/C++20 model allows, citing where that set comes
// from; the same program under sc (the default) gives exactly the
// sequentially consistent set, with never more than one store to read.
// The read-modify-write tests are in litmus_rmw_test.cpp.
// The shapes and their names are the classic ones (herd7's litmus
// families; Batty et al., "Mathematizing C++ Concurrency", POPL 2011).
// Each verdict is argued from C++20's text (N4861; section and paragraph).
#include "litmus.hpp"

namespace lfv::test::litmus {
namespace {

using sim::MemoryModel;

// ---- MP, message passing: x is the data, y the flag. Outcome (r0, r1) =
// (flag, data). The weak outcome is (1, 0): the flag seen, the data stale.
Litmus mp(std::memory_order store_flag, std::memory_order load_flag, std::memory_order writer_fence,
          std::memory_order reader_fence, bool fences) {
  return {{[=](sim::SimEnv& env, Memory& m, int*) {
             m.x.store(1, rlx, {});
             if (fences) env.fence(writer_fence);
             m.y.store(1, store_flag, {});
           },
           [=](sim::SimEnv& env, Memory& m, int* r) {
             r[0] = m.y.load(load_flag, {});
             if (fences) env.fence(reader_fence);
             r[1] = m.x.load(rlx, {});
           }}};
}
const Outcomes kMpSc{{0, 0}, {0, 1}, {1, 1}};
const Outcomes kMpWeak{{0, 0}, {0, 1}, {1, 0}, {1, 1}};

// MP with relaxed accesses: allowed ([intro.races]: with no happens-before
// between them, a relaxed load may read any store coherence allows).
TEST(Litmus, MessagePassingRelaxedMayReadStaleData) {
  const Both b = under_both(mp(rlx, rlx, rlx, rlx, false));
  EXPECT_EQ(b.c11.outcomes, kMpWeak);
  EXPECT_EQ(b.sc.outcomes, kMpSc);
  EXPECT_GT(b.c11.executions, b.sc.executions);
}

// MP with a release store and an acquire load: forbidden (the acquire load
// reading the release store synchronises with it, [atomics.order] p2, so
// the data store happens before the data load: write-read coherence).
TEST(Litmus, MessagePassingReleaseAcquireIsForbidden) {
  const Both b = under_both(mp(rel, acq, rlx, rlx, false));
  EXPECT_EQ(b.c11.outcomes, kMpSc);
  EXPECT_EQ(b.sc.outcomes, kMpSc);
  EXPECT_GT(b.c11.most_choices, 1u);  // stale reads were offered, just not after the flag
}

// Half a pair synchronises nothing: a release store read by a relaxed
// load, or a relaxed store read by an acquire load, leaves MP allowed.
TEST(Litmus, MessagePassingNeedsBothHalves) {
  EXPECT_EQ(enumerate(mp(rel, rlx, rlx, rlx, false), MemoryModel::c11).outcomes, kMpWeak);
  EXPECT_EQ(enumerate(mp(rlx, acq, rlx, rlx, false), MemoryModel::c11).outcomes, kMpWeak);
}

// MP+fences: relaxed accesses with a release fence before the flag store
// and an acquire fence after the flag load: forbidden (fence-to-fence
// synchronisation, [atomics.fences] p2); so with acq_rel fences. Fence to
// operation (p3) and operation to fence (p4) forbid it as well.
TEST(Litmus, MessagePassingWithFencesIsForbidden) {
  const Both b = under_both(mp(rlx, rlx, rel, acq, true));
  EXPECT_EQ(b.c11.outcomes, kMpSc);
  EXPECT_EQ(b.sc.outcomes, kMpSc);
  EXPECT_EQ(enumerate(mp(rlx, rlx, acq_rel, acq_rel, true), MemoryModel::c11).outcomes, kMpSc);
  EXPECT_EQ(enumerate(mp(rlx, rlx, seq, seq, true), MemoryModel::c11).outcomes, kMpSc);
  EXPECT_EQ(enumerate(mp(rlx, acq, rel, rlx, true), MemoryModel::c11).outcomes, kMpSc);  // fence to operation
  EXPECT_EQ(enumerate(mp(rel, rlx, rlx, acq, true), MemoryModel::c11).outcomes, kMpSc);  // operation to fence
  // A fence on one side only synchronises nothing.
  EXPECT_EQ(enumerate(mp(rlx, rlx, rel, rlx, true), MemoryModel::c11).outcomes, kMpWeak);
  EXPECT_EQ(enumerate(mp(rlx, rlx, rlx, acq, true), MemoryModel::c11).outcomes, kMpWeak);
}

// ---- SB, store buffering: each thread stores its location, then loads the
// other's. Outcome (r0, r1); the weak outcome is (0, 0).
Litmus sb(std::memory_order store, std::memory_order load, bool fences) {
  return {{[=](sim::SimEnv& env, Memory& m, int* r) {
             m.x.store(1, store, {});
             if (fences) env.fence(seq);
             r[0] = m.y.load(load, {});
           },
           [=](sim::SimEnv& env, Memory& m, int* r) {
             m.y.store(1, store, {});
             if (fences) env.fence(seq);
             r[1] = m.x.load(load, {});
           }}};
}
const Outcomes kSbSc{{0, 1}, {1, 0}, {1, 1}};
const Outcomes kSbWeak{{0, 0}, {0, 1}, {1, 0}, {1, 1}};

// SB with release/acquire: allowed (release/acquire orders nothing between
// a store and a later load of another location, [atomics.order] p2; only
// S, p4, which needs seq_cst, would forbid it).
TEST(Litmus, StoreBufferingReleaseAcquireIsAllowed) {
  const Both b = under_both(sb(rel, acq, false));
  EXPECT_EQ(b.c11.outcomes, kSbWeak);
  EXPECT_EQ(b.sc.outcomes, kSbSc);
}

// SB with seq_cst accesses: forbidden (one total order S over them,
// consistent with coherence: [atomics.order] p4).
TEST(Litmus, StoreBufferingSeqCstIsForbidden) {
  const Both b = under_both(sb(seq, seq, false));
  EXPECT_EQ(b.c11.outcomes, kSbSc);
  EXPECT_EQ(b.sc.outcomes, kSbSc);
}

// SB with relaxed accesses and a seq_cst fence in each thread: forbidden
// ([atomics.order] p4, its fence-to-fence rule). A single fence is not
// enough: p4 orders two fences, or a fence and a seq_cst operation.
TEST(Litmus, StoreBufferingSeqCstFencesIsForbidden) {
  const Both b = under_both(sb(rlx, rlx, true));
  EXPECT_EQ(b.c11.outcomes, kSbSc);
  EXPECT_EQ(b.sc.outcomes, kSbSc);
  const Litmus one_fence{{[](sim::SimEnv& env, Memory& m, int* r) {
                          m.x.store(1, rlx, {});
                          env.fence(seq);
                          r[0] = m.y.load(rlx, {});
                        },
                        [](sim::SimEnv&, Memory& m, int* r) {
                          m.y.store(1, rlx, {});
                          r[1] = m.x.load(rlx, {});
                        }}};
  EXPECT_EQ(enumerate(one_fence, MemoryModel::c11).outcomes, kSbWeak);
}

// ---- Coherence: every location has one modification order, and happens-
// before (here: program order) never runs against it ([intro.races] p15-18,
// write-write, read-read, read-write and write-read coherence: herd7's CoWW,
// CoRR, CoRW, CoWR shapes). All relaxed: the forbidden outcome is absent though
// stale reads are offered (most_choices > 1).

// CoRR: T1 reads x twice while T0 stores 1. (r0, r1) = (1, 0) is forbidden.
TEST(Litmus, CoherenceReadRead) {
  const Litmus t{{[](sim::SimEnv&, Memory& m, int*) { m.x.store(1, rlx, {}); },
                [](sim::SimEnv&, Memory& m, int* r) {
                  r[0] = m.x.load(rlx, {});
                  r[1] = m.x.load(rlx, {});
                }}};
  const Both b = under_both(t);
  EXPECT_EQ(b.c11.outcomes, (Outcomes{{0, 0}, {0, 1}, {1, 1}}));
  EXPECT_EQ(b.sc.outcomes, b.c11.outcomes);
  EXPECT_GT(b.c11.most_choices, 1u);
}

// CoWR: T0 stores 1 and reads x, T1 stores 2. Outcome (r0, final x). T0
// never reads a store older than its own: (0, _) and (2, 1) are forbidden.
TEST(Litmus, CoherenceWriteRead) {
  const Litmus t{{[](sim::SimEnv&, Memory& m, int* r) {
                  m.x.store(1, rlx, {});
                  r[0] = m.x.load(rlx, {});
                },
                [](sim::SimEnv&, Memory& m, int*) { m.x.store(2, rlx, {}); }},
               1,
               true};
  const Both b = under_both(t);
  EXPECT_EQ(b.c11.outcomes, (Outcomes{{1, 1, 0}, {1, 2, 0}, {2, 2, 0}}));
  EXPECT_EQ(b.sc.outcomes, b.c11.outcomes);
  EXPECT_GT(b.c11.most_choices, 1u);
}

// CoRW: T0 reads x then stores 1, T1 stores 2. Outcome (r0, final x). A
// read never reads a store after its own thread's later store: (2, 2) is
// forbidden.
TEST(Litmus, CoherenceReadWrite) {
  const Litmus t{{[](sim::SimEnv&, Memory& m, int* r) {
                  r[0] = m.x.load(rlx, {});
                  m.x.store(1, rlx, {});
                },
                [](sim::SimEnv&, Memory& m, int*) { m.x.store(2, rlx, {}); }},
               1,
               true};
  const Both b = under_both(t);
  EXPECT_EQ(b.c11.outcomes, (Outcomes{{0, 1, 0}, {0, 2, 0}, {2, 1, 0}}));
  EXPECT_EQ(b.sc.outcomes, b.c11.outcomes);
}

// CoWW: T0 stores 1 then 2; T1 reads x. The final value is 2 (1 after 2
// in the modification order is forbidden); T1 may read any of the three.
TEST(Litmus, CoherenceWriteWrite) {
  const Litmus t{{[](sim::SimEnv&, Memory& m, int*) {
                  m.x.store(1, rlx, {});
                  m.x.store(2, rlx, {});
                },
                [](sim::SimEnv&, Memory& m, int* r) { r[0] = m.x.load(rlx, {}); }},
               1,
               true};
  const Both b = under_both(t);
  EXPECT_EQ(b.c11.outcomes, (Outcomes{{0, 2, 0}, {1, 2, 0}, {2, 2, 0}}));
  EXPECT_EQ(b.sc.outcomes, b.c11.outcomes);
  EXPECT_EQ(b.c11.most_choices, 3u);  // after both stores T1 may still read 0
}

// ---- IRIW, independent reads of independent writes: T0 stores x, T1 stores
// y, T2 reads x then y, T3 reads y then x. Outcome (r0, r1, r2, r3). The
// readers disagreeing on the order of the stores is (1, 0, 1, 0).
Litmus iriw(std::memory_order store, std::memory_order load) {
  return {{[=](sim::SimEnv&, Memory& m, int*) { m.x.store(1, store, {}); },
           [=](sim::SimEnv&, Memory& m, int*) { m.y.store(1, store, {}); },
           [=](sim::SimEnv&, Memory& m, int* r) {
             r[0] = m.x.load(load, {});
             r[1] = m.y.load(load, {});
           },
           [=](sim::SimEnv&, Memory& m, int* r) {
             r[2] = m.y.load(load, {});
             r[3] = m.x.load(load, {});
           }},
          4};
}
const Outcomes kAnyIriw = every({{0, 1}, {0, 1}, {0, 1}, {0, 1}});

// With release stores and acquire loads the readers may disagree: C11 is
// not multi-copy atomic for them (nothing orders the two readers' loads:
// no synchronisation links them, and only S, [atomics.order] p4, would).
TEST(Litmus, IriwAcquireReadersMayDisagree) {
  const Both b = under_both(iriw(rel, acq));
  EXPECT_EQ(b.c11.outcomes, kAnyIriw);
  EXPECT_EQ(b.sc.outcomes, without(kAnyIriw, {{1, 0, 1, 0}}));
}

// With seq_cst everywhere they may not: both orders are S ([atomics.order] p4).
TEST(Litmus, IriwSeqCstReadersAgree) {
  const Both b = under_both(iriw(seq, seq));
  EXPECT_EQ(b.c11.outcomes, without(kAnyIriw, {{1, 0, 1, 0}}));
  EXPECT_EQ(b.sc.outcomes, b.c11.outcomes);
}

}  // namespace
}  // namespace lfv::test::litmus
