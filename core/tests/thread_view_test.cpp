// Each thread's view of memory under c11 (lfv/sim/thread_view.hpp): the
// store a thread has seen per location, and the newer ones it has not.
// First message passing on SimEnv (a relaxed store stays unseen until a
// release/acquire pair carries it), then the library's unit 20, where a
// relaxed done flag leaves the reader's view of the slot stale.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "litmus.hpp"
#include "lfv/scenario/scenario.hpp"
#include "lfv/sim/drive.hpp"
#include "lfv/sim/run.hpp"
#include "lfv/sim/thread_view.hpp"

namespace lfv::test {
namespace {

using litmus::acq;
using litmus::rel;
using litmus::rlx;

std::vector<sim::LocationView> view_of(const sim::SimContext& c, unsigned t) {
  return sim::thread_view(c, t, [](sim::ValueKind, std::uint64_t v) { return std::to_string(v); });
}

const sim::LocationView* find(const std::vector<sim::LocationView>& v, const std::string& name) {
  for (const auto& l : v)
    if (l.name == name) return &l;
  return nullptr;
}

// T0 stores x (relaxed) then y with `flag`; T1 loads y (acquire), then x.
litmus::Litmus message_passing(std::memory_order flag) {
  return {{[=](sim::SimEnv&, litmus::Memory& m, int*) {
             m.x.store(1, rlx, {});
             m.y.store(1, flag, {});
           },
           [](sim::SimEnv&, litmus::Memory& m, int* r) {
             r[0] = m.y.load(acq, {});
             r[1] = m.x.load(rlx, {});
           }}};
}

TEST(ThreadView, ARelaxedStoreIsUnseenUntilAnAcquireReadsARelease) {
  const auto test = message_passing(rel);
  litmus::LitmusRun run(test, sim::MemoryModel::c11);
  sim::SimContext& c = run.context();
  ASSERT_TRUE(c.step(0));  // step 0: x = 1, relaxed
  ASSERT_TRUE(c.step(0));  // step 1: y = 1, release

  // T1 has synchronised with nothing: both stores are newer than what it saw.
  auto before = view_of(c, 1);
  ASSERT_EQ(before.size(), 2u) << "x and y, the locations the steps touched";
  const sim::LocationView* x = find(before, "V+0");
  ASSERT_NE(x, nullptr) << "x, at offset 0 of the test's memory (named V by the heap)";
  EXPECT_TRUE(x->stale());
  EXPECT_EQ(x->seen.value, "0");
  EXPECT_EQ(x->seen.thread, -1) << "the initial value, set up before the run";
  EXPECT_EQ(x->seen.step, sim::kNoStep);
  ASSERT_EQ(x->unseen.size(), 1u);
  EXPECT_EQ(x->unseen[0].value, "1");
  EXPECT_EQ(x->unseen[0].by, "T0");
  EXPECT_EQ(x->unseen[0].step, 0u);
  EXPECT_EQ(x->latest.value, "1");
  EXPECT_EQ(sim::view_text("T1", *x), "T1 sees V+0 = 0 (setup); not yet: 1 (T0, step 0)");
  // The storer has seen its own stores.
  for (const auto& l : view_of(c, 0)) EXPECT_FALSE(l.stale()) << sim::view_text("T0", l);

  // T1's acquire load reads the release store (the latest, choice 0): it
  // now has seen y, and through the release, x too.
  ASSERT_EQ(c.read_choices(1), 2u) << "y: the initial 0 or T0's 1";
  ASSERT_TRUE(c.step(1, 0));
  const auto after = view_of(c, 1);
  const sim::LocationView* y = find(after, "V+4");
  x = find(after, "V+0");
  ASSERT_NE(y, nullptr);
  ASSERT_NE(x, nullptr);
  EXPECT_FALSE(y->stale());
  EXPECT_EQ(y->seen.value, "1");
  EXPECT_EQ(y->seen.step, 1u);
  EXPECT_FALSE(x->stale());
  EXPECT_EQ(x->seen.value, "1");
  EXPECT_EQ(x->seen.by, "T0");
  EXPECT_EQ(sim::view_text("T1", *x), "T1 sees V+0 = 1 (T0, step 0), the latest");
  EXPECT_EQ(c.read_choices(1), 1u) << "the view says what the next load may read: x's latest only";
}

TEST(ThreadView, ARelaxedFlagCarriesNothing) {
  const auto test = message_passing(rlx);
  litmus::LitmusRun run(test, sim::MemoryModel::c11);
  sim::SimContext& c = run.context();
  ASSERT_TRUE(c.step(0));
  ASSERT_TRUE(c.step(0));
  ASSERT_TRUE(c.step(1, 0));  // reads y = 1, relaxed: no synchronisation
  const auto v = view_of(c, 1);
  const sim::LocationView* x = find(v, "V+0");
  const sim::LocationView* y = find(v, "V+4");
  ASSERT_NE(x, nullptr);
  ASSERT_NE(y, nullptr);
  EXPECT_FALSE(y->stale()) << "it read y's latest store";
  EXPECT_TRUE(x->stale());
  EXPECT_EQ(x->seen.value, "0");
  EXPECT_EQ(c.read_choices(1), 2u) << "x: still 0 or 1";
}

TEST(ThreadView, UnderScThereIsNoView) {
  const auto test = message_passing(rlx);
  litmus::LitmusRun run(test, sim::MemoryModel::sc);
  sim::SimContext& c = run.context();
  ASSERT_TRUE(c.step(0));
  EXPECT_TRUE(view_of(c, 1).empty());
}

// The library's unit 20 (W3 relaxed): the snapshot carries each thread's view.
scenario::Scenario done_flag_unit() {
  auto r = scenario::load_scenario(LFV_SCENARIOS_DIR "/20-c11-relaxed-done-flag-stale-slot.toml");
  if (auto* e = std::get_if<scenario::ScenarioError>(&r)) ADD_FAILURE() << e->text();
  return std::get<scenario::Scenario>(r);
}

std::unique_ptr<sim::Run> played(const scenario::Scenario& s, const char* schedule, sim::MemoryModel model) {
  std::string why;
  const auto choices = sim::parse_schedule(schedule, s, &why);
  EXPECT_TRUE(choices.has_value()) << why;
  sim::RunOptions o;
  EXPECT_FALSE(sim::choose_memory(s, {model, {}}, o).has_value());
  return sim::replay(s, s.completion, s.reclaim, *choices, o);
}

TEST(ThreadView, TheDoneFlagUnitLeavesTheReadersSlotStale) {
  const auto s = done_flag_unit();
  // A ran to its stall (its CAS on slot [1] at step 15, done at 16); B has not moved.
  auto run = played(s, "A*18", sim::MemoryModel::c11);
  auto snap = run->snapshot();
  const auto& b_before = snap.threads[1].memory;
  const sim::LocationView* d = find(b_before, "vector.descriptor");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(sim::view_text("B", *d), "B sees vector.descriptor = D1 (setup); not yet: D2 (A, step 10)");
  const sim::LocationView* slot = find(b_before, "[1] in B0");
  ASSERT_NE(slot, nullptr);
  EXPECT_EQ(sim::view_text("B", *slot), "B sees [1] in B0 = 0 #0 (setup); not yet: 2 #1 (A, step 15)");
  const sim::LocationView* done = find(b_before, "D2.done");
  ASSERT_NE(done, nullptr);
  EXPECT_EQ(sim::view_text("B", *done), "B sees D2.done = false (as built by A, step 8); not yet: true (A, step 16)")
      << "A built D2 (allocated at step 8): its done flag's first value is A's";
  EXPECT_TRUE(done->seen.initial);
  EXPECT_EQ(done->seen.thread, 0);

  // B protects D2 (its acquire loads of the descriptor read A's release
  // CAS: seen) and loads D2.done = true, A's relaxed store: synchronised
  // with nothing after A's last release fence, so the slot stays stale.
  run = played(s, "A*18 B*7", sim::MemoryModel::c11);
  snap = run->snapshot();
  const auto& b = snap.threads[1].memory;
  d = find(b, "vector.descriptor");
  slot = find(b, "[1] in B0");
  done = find(b, "D2.done");
  ASSERT_NE(d, nullptr);
  ASSERT_NE(slot, nullptr);
  ASSERT_NE(done, nullptr);
  EXPECT_EQ(sim::view_text("B", *d), "B sees vector.descriptor = D2 (A, step 10), the latest");
  EXPECT_EQ(sim::view_text("B", *done), "B sees D2.done = true (A, step 16), the latest");
  EXPECT_TRUE(slot->stale());
  EXPECT_EQ(sim::view_text("B", *slot), "B sees [1] in B0 = 0 #0 (setup); not yet: 2 #1 (A, step 15)");
  ASSERT_TRUE(snap.threads[1].next.has_value());
  EXPECT_EQ(snap.threads[1].next->may_read, (std::vector<std::string>{"2 #1", "0 #0"}))
      << "the view and the thread card's choices agree";
  // A made those stores: its view of them is the latest. (Of B's hazard
  // slot it is not: nothing carried B's store to A.)
  for (const char* name : {"vector.descriptor", "[1] in B0", "D2.done"}) {
    const sim::LocationView* l = find(snap.threads[0].memory, name);
    ASSERT_NE(l, nullptr) << name;
    EXPECT_FALSE(l->stale()) << sim::view_text("A", *l);
  }
  // A hazard slot goes by its owner and number, as the thread cards list
  // them, not by the table's name and a byte offset.
  const sim::LocationView* hazard = find(snap.threads[0].memory, "B.hazard[0]");
  ASSERT_NE(hazard, nullptr);
  EXPECT_TRUE(hazard->stale()) << sim::view_text("A", *hazard);
  for (const auto& th : snap.threads) {
    for (const sim::LocationView& l : th.memory) {
      if (l.target != Target::hazard) continue;
      EXPECT_EQ(l.name.find("hazard["), 2u) << l.name;
    }
  }

  // Under sc the same steps have no views.
  run = played(s, "A*18 B*7", sim::MemoryModel::sc);
  for (const auto& th : run->snapshot().threads) EXPECT_TRUE(th.memory.empty());
}

}  // namespace
}  // namespace lfv::test
