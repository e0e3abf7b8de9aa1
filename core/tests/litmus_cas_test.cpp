// The c11 model's compare-exchange (docs/memory-model.md): a failed CAS is a
// load with its failure order and may read an older store, and a weak CAS
// may fail spuriously, a bounded number of times a run. C++20 (N4861):
// [atomics.types.operations] p21-23 compare_exchange: on failure "the
// operation is an atomic load ... memory is affected according to the value
// of failure"; "a weak compare-and-exchange operation may fail spuriously";
// [atomics.order] p10: an RMW reads the last value in the modification
// order (so a success reads the latest store); [intro.races] p15-18:
// coherence (no read older than what the thread has seen).
#include "litmus.hpp"

#include "lfv/scenario/scenario.hpp"
#include "lfv/sim/drive.hpp"

namespace lfv::test::litmus {
namespace {

using sim::MemoryModel;

// T0 stores x = 1 (relaxed) and releases y = 1; T1 reads y with `flag`, then
// CASes x from 1 to 2 (relaxed). Outcome (T1's y, CAS succeeded, expected
// after). Having read y = 1 with an acquire, T1 has seen x = 1: its CAS
// cannot read the older 0 (coherence, [intro.races] p18) and succeeds. With
// a relaxed read nothing orders them: the CAS may fail reading 0 ((1, 0, 0),
// allowed under c11 only: sc has every CAS read the latest store).
Litmus cas_after_flag(std::memory_order flag) {
  return {{[](sim::SimEnv&, Memory& m, int*) {
             m.x.store(1, rlx, {});
             m.y.store(1, rel, {});
           },
           [=](sim::SimEnv&, Memory& m, int* r) {
             r[0] = m.y.load(flag, {});
             int expected = 1;
             r[1] = m.x.compare_exchange_strong(expected, 2, rlx, rlx, {});
             r[2] = expected;
           }},
          3};
}

TEST(LitmusCas, AFailedCasMayReadAnOlderStore) {
  const Outcomes sc{{0, 0, 0}, {0, 1, 1}, {1, 1, 1}};
  const Both relaxed = under_both(cas_after_flag(rlx));
  EXPECT_EQ(relaxed.sc.outcomes, sc);
  Outcomes weak = sc;
  weak.insert({1, 0, 0});
  EXPECT_EQ(relaxed.c11.outcomes, weak);
  const Both acquire = under_both(cas_after_flag(acq));
  EXPECT_EQ(acquire.c11.outcomes, sc);
  EXPECT_EQ(acquire.sc.outcomes, sc);
}

// MP whose reader takes the flag with a CAS that always fails (it expects
// 7) and so is a load with its failure order; then it CASes the data x from
// 1 to 2. Outcome (flag read, data CAS succeeded). An acquire failure order
// reading the release synchronises ([atomics.order] p2): the data CAS reads
// 1 and succeeds, (1, 0) is forbidden. A relaxed failure order: allowed.
Litmus failed_cas_reads_flag(std::memory_order failure) {
  return {{[](sim::SimEnv&, Memory& m, int*) {
             m.x.store(1, rlx, {});
             m.y.store(1, rel, {});
           },
           [=](sim::SimEnv&, Memory& m, int* r) {
             int flag = 7;
             EXPECT_FALSE(m.y.compare_exchange_strong(flag, 9, acq_rel, failure, {}));
             r[0] = flag;
             int data = 1;
             r[1] = m.x.compare_exchange_strong(data, 2, rlx, rlx, {});
           }}};
}

TEST(LitmusCas, AnAcquireFailureOrderSynchronises) {
  const Outcomes sc{{0, 0}, {0, 1}, {1, 1}};
  const Both acquire = under_both(failed_cas_reads_flag(acq));
  EXPECT_EQ(acquire.c11.outcomes, sc);
  EXPECT_EQ(acquire.sc.outcomes, sc);
  EXPECT_EQ(enumerate(failed_cas_reads_flag(rlx), MemoryModel::c11).outcomes, (Outcomes{{0, 0}, {0, 1}, {1, 0}, {1, 1}}));
}

// The choice -> store mapping: x holds 0, 1, 2; a CAS expecting 1 may fail
// reading 2 (the latest, choice 0) or 0 (choice 1); the older 1 equals
// expected, and a CAS reading it would succeed, which only a read of the
// latest may: it is no choice.
TEST(LitmusCas, AnOlderStoreEqualToExpectedIsNoChoice) {
  const Litmus t{{[](sim::SimEnv&, Memory& m, int*) {
                    m.x.store(1, rlx, {});
                    m.x.store(2, rlx, {});
                  },
                  [](sim::SimEnv&, Memory& m, int* r) {
                    int expected = 1;
                    r[0] = m.x.compare_exchange_strong(expected, 5, rlx, rlx, {});
                    r[1] = expected;
                  }}};
  LitmusRun run(t, MemoryModel::c11);
  sim::SimContext& c = run.context();
  ASSERT_TRUE(c.step(0));
  ASSERT_TRUE(c.step(0));
  ASSERT_EQ(c.read_choices(1), 2u);
  EXPECT_EQ(c.read_value(1, 0), 2u);
  EXPECT_EQ(c.read_value(1, 1), 0u);
  EXPECT_EQ(c.read_choice(1, 1).back, 2u);
  EXPECT_TRUE(c.read_choice(1, 1).fails);
  ASSERT_TRUE(c.step(1, 1));
  EXPECT_EQ(c.log().steps.back().read_from, 2u);
  EXPECT_FALSE(c.log().steps.back().success);
  EXPECT_EQ(run.outcome(), (Outcome{0, 0}));
  // Under sc the same CAS reads the latest only.
  LitmusRun sc(t, MemoryModel::sc);
  ASSERT_TRUE(sc.context().step(0));
  ASSERT_TRUE(sc.context().step(0));
  EXPECT_EQ(sc.context().read_choices(1), 1u);
}

// A weak CAS whose latest store equals expected may fail spuriously
// ([atomics.types.operations] p25): reading the latest, expected unchanged.
// Outcome (succeeded, expected after). A strong CAS never does.
TEST(LitmusCas, AWeakCasMayFailSpuriously) {
  const auto single = [](bool weak) {
    return Litmus{{[=](sim::SimEnv&, Memory& m, int* r) {
      int expected = 0;
      r[0] = weak ? m.x.compare_exchange_weak(expected, 1, rlx, rlx, {})
                  : m.x.compare_exchange_strong(expected, 1, rlx, rlx, {});
      r[1] = expected;
    }}};
  };
  const Both weak = under_both(single(true));
  EXPECT_EQ(weak.c11.outcomes, (Outcomes{{1, 0}, {0, 0}}));
  EXPECT_EQ(weak.c11.executions, 2u);
  EXPECT_EQ(weak.sc.outcomes, (Outcomes{{1, 0}}));
  const Both strong = under_both(single(false));
  EXPECT_EQ(strong.c11.outcomes, (Outcomes{{1, 0}}));
  // The spurious failure is the last choice, and the log says so.
  LitmusRun run(single(true), MemoryModel::c11);
  sim::SimContext& c = run.context();
  ASSERT_EQ(c.read_choices(0), 2u);
  EXPECT_TRUE(c.read_choice(0, 1).spurious);
  EXPECT_EQ(c.read_value(0, 1), 0u);
  ASSERT_TRUE(c.step(0, 1));
  EXPECT_TRUE(c.log().steps.back().spurious);
  EXPECT_EQ(c.log().steps.back().read_from, 0u);
}

// A weak-CAS retry loop: without a bound each attempt could fail
// spuriously for ever. Outcome (attempts that failed). With the default
// bound (1 a run) the search ends with 0 or 1 failed attempts; with 2, 0 to 2.
TEST(LitmusCas, SpuriousFailuresAreBoundedPerRun) {
  const auto loop = [](std::uint32_t bound) {
    return Litmus{{[](sim::SimEnv&, Memory& m, int* r) {
                    int expected = 0;
                    while (!m.x.compare_exchange_weak(expected, 1, rlx, rlx, {})) ++r[0];
                  },
                  [](sim::SimEnv&, Memory& m, int* r) {
                    int expected = 0;
                    while (!m.y.compare_exchange_weak(expected, 1, rlx, rlx, {})) ++r[1];
                  }},
                  2,
                  false,
                  bound};
  };
  // The bound is per run, not per thread: the two loops share it.
  const Enumeration one = enumerate(loop(1), MemoryModel::c11);
  EXPECT_EQ(one.outcomes, (Outcomes{{0, 0}, {1, 0}, {0, 1}}));
  const Enumeration two = enumerate(loop(2), MemoryModel::c11);
  EXPECT_EQ(two.outcomes, (Outcomes{{0, 0}, {1, 0}, {0, 1}, {1, 1}, {2, 0}, {0, 2}}));
  EXPECT_EQ(enumerate(loop(0), MemoryModel::c11).outcomes, (Outcomes{{0, 0}}));
  EXPECT_EQ(enumerate(loop(1), MemoryModel::sc).outcomes, (Outcomes{{0, 0}}));
}

// A schedule with a CAS read choice (V4's weak descriptor CAS failing
// spuriously) formats as "A~k", parses back, and replays to the same run.
TEST(LitmusCas, ACasReadChoiceRoundTripsThroughASchedule) {
  auto loaded = scenario::load_scenario(LFV_SCENARIOS_DIR "/01-single-push.toml");
  ASSERT_TRUE(std::holds_alternative<scenario::Scenario>(loaded));
  const auto& s = std::get<scenario::Scenario>(loaded);
  sim::RunOptions ro;
  ro.memory_model = MemoryModel::c11;
  auto run = sim::start_run(s, Completion::versioned, Reclaim::leak, ro);
  bool took = false;
  while (!run->finished()) {
    const sim::PendingAction* a = run->next_action(0);
    ASSERT_NE(a, nullptr);
    const std::uint32_t n = run->read_choices(0);
    if (!took && a->kind == scenario::ActionKind::cas && a->weak && n > 1) {
      ASSERT_TRUE(run->step(sim::choice_of(0, n - 1)));
      EXPECT_TRUE(run->log().steps.back().spurious);
      took = true;
    } else {
      ASSERT_TRUE(run->step(0));
    }
  }
  ASSERT_TRUE(took) << "no weak CAS offered a spurious failure";
  const std::string text = sim::format_schedule(run->schedule(), *run);
  EXPECT_NE(text.find('~'), std::string::npos) << text;
  std::string why;
  const auto parsed = sim::parse_schedule(text, s, &why);
  ASSERT_TRUE(parsed) << why;
  EXPECT_EQ(*parsed, run->schedule());
  auto again = sim::start_run(s, Completion::versioned, Reclaim::leak, ro);
  ASSERT_FALSE(sim::play(*again, parsed));
  ASSERT_EQ(again->log().steps.size(), run->log().steps.size());
  for (std::size_t i = 0; i < run->log().steps.size(); ++i) {
    EXPECT_EQ(again->log().steps[i].success, run->log().steps[i].success) << i;
    EXPECT_EQ(again->log().steps[i].spurious, run->log().steps[i].spurious) << i;
    EXPECT_EQ(again->log().steps[i].read, run->log().steps[i].read) << i;
  }
  // Under sc the same choice is bad input, with a message that says why.
  auto sc = sim::start_run(s, Completion::versioned, Reclaim::leak);
  const auto err = sim::play(*sc, parsed);
  ASSERT_TRUE(err.has_value());
  EXPECT_NE(err->message.find("only the latest store"), std::string::npos) << err->message;
}

}  // namespace
}  // namespace lfv::test::litmus
