// The lifecycle a snapshot gives each object, at the steps a lecture stops
// on: a descriptor a thread keeps is never leaked, a replaced one still
// held is unlinked (not private), and a retired one is protected only once
// a scan has found the hazard pointer on it.
#include <gtest/gtest.h>

#include "library_scenarios.hpp"

#include "lfv/bucket_layout.hpp"
#include "lfv/sim/drive.hpp"


namespace lfv::test {
namespace {

const sim::ObjectView* object(const sim::Snapshot& s, std::string_view name) {
  for (const auto& o : s.objects)
    if (o.name == name) return &o;
  return nullptr;
}

std::string state_of(const sim::Run& run, std::string_view name) {
  const sim::Snapshot s = run.snapshot();
  const sim::ObjectView* o = object(s, name);
  return o ? std::string(sim::name(o->state)) : "(no such object)";
}

// Steps the run through every step of `run`'s schedule, calling check
// after each one with the step index.
template <class F>
void after_each_step(const scenario::Scenario& s, Completion c, Reclaim r, F&& check) {
  auto whole = sim::start_run(s, c, r);
  ASSERT_FALSE(sim::play(*whole, std::nullopt));
  const std::vector<unsigned> schedule = whole->schedule();
  auto run = sim::start_run(s, c, r);
  for (std::size_t i = 0; i < schedule.size(); ++i) {
    ASSERT_TRUE(run->step(schedule[i]));
    check(*run, i);
  }
}

// Unit 03 under versioned + hazard: A loses its CAS and keeps D1 for its
// next attempt. At no step is D1 (or anything else) leaked.
TEST(Lifecycle, AKeptDescriptorIsNeverLeaked) {
  const auto s = library("03-two-pushers-race.toml");
  for (Reclaim r : {Reclaim::hazard, Reclaim::free_now}) {
    after_each_step(s, Completion::versioned, r, [&](const sim::Run& run, std::size_t step) {
      const sim::Snapshot snap = run.snapshot();
      EXPECT_EQ(snap.leaked_objects, 0u) << "step " << step << " under " << name(r);
      if (const sim::ObjectView* d1 = object(snap, "D1")) {
        EXPECT_NE(d1->state, sim::LifeState::leaked) << "step " << step;
      }
    });
  }
}

// Unit 01 (one push) under versioned + hazard: once the CAS replaces D0,
// D0 is unlinked (the winner still holds it, to retire it), never private.
TEST(Lifecycle, AReplacedDescriptorStillHeldIsUnlinked) {
  const auto s = library("01-single-push.toml");
  bool seen_unlinked = false;
  after_each_step(s, Completion::versioned, Reclaim::hazard, [&](const sim::Run& run, std::size_t step) {
    const std::string d0 = state_of(run, "D0");
    EXPECT_NE(d0, "private") << "step " << step;
    seen_unlinked |= d0 == "unlinked";
    const sim::StepEvent& e = run.log().steps.back();
    if (e.kind == sim::ActionKind::cas && e.target == Target::descriptor && e.success) {
      EXPECT_EQ(d0, "unlinked") << "right after the CAS that replaced it";
    }
  });
  EXPECT_TRUE(seen_unlinked);
  // A descriptor built and not yet published is private.
  auto run = sim::start_run(s, Completion::versioned, Reclaim::hazard);
  while (state_of(*run, "D1") == "(no such object)") ASSERT_TRUE(run->step(0));
  EXPECT_EQ(state_of(*run, "D1"), "private");
}

// Under leak the winner drops what it replaced: it is leaked at once.
TEST(Lifecycle, UnderLeakAReplacedDescriptorIsLeakedAtOnce) {
  const auto s = library("01-single-push.toml");
  after_each_step(s, Completion::versioned, Reclaim::leak, [&](const sim::Run& run, std::size_t) {
    const sim::StepEvent& e = run.log().steps.back();
    if (e.kind == sim::ActionKind::cas && e.target == Target::descriptor && e.success) {
      EXPECT_EQ(state_of(run, "D0"), "leaked");
    }
  });
}

// Unit 09: B retires D0 while A's hazard pointer holds it. Until B's scan
// has run, D0 is "retired"; the scan finds A's hazard pointer: "retired,
// protected"; after A lets go, the next scan reclaims it.
TEST(Lifecycle, ARetiredDescriptorIsProtectedOnlyOnceAScanFoundIt) {
  const auto s = library("09-hazard-pointers.toml");
  auto run = sim::start_run(s);
  // Play the script up to the pause after "B ... retires it" (script step 2).
  for (std::size_t k = 0; k <= 2; ++k) ASSERT_FALSE(sim::play_script_step(*run, k));
  EXPECT_EQ(state_of(*run, "D0"), "retired") << "no scan has looked at D0 yet";
  // B's card says whose hazard slot its scan reads first.
  const sim::Snapshot before_scan = run->snapshot();
  ASSERT_TRUE(before_scan.threads[1].next.has_value());
  EXPECT_EQ(before_scan.threads[1].next->prediction, "reads D0 from A.hazard[0]");
  ASSERT_FALSE(sim::play_script_step(*run, 3));  // B's scan
  EXPECT_EQ(state_of(*run, "D0"), "retired, protected");
  ASSERT_FALSE(sim::play_script_step(*run, 4));
  ASSERT_FALSE(sim::play_script_step(*run, 5));
  EXPECT_EQ(state_of(*run, "D0"), "reclaimed");
}

// Plays script steps [0, k] of a run of s.
std::unique_ptr<sim::Run> after_script_step(const scenario::Scenario& s, std::size_t k, Completion c, Reclaim r) {
  auto run = sim::start_run(s, c, r);
  for (std::size_t i = 0; i <= k; ++i) EXPECT_FALSE(sim::play_script_step(*run, i)) << "script step " << i;
  return run;
}

// Unit 05: every bucket is an object with its lifecycle, the loser of the
// race too: A's B0 is private (with its zeroed slots) while A holds it,
// B's B0' shared once installed, and B0 freed after A lost the race.
TEST(Lifecycle, BucketsAreObjectsTheLoserToo) {
  const auto s = library("05-bucket-race.toml");
  auto run = after_script_step(s, 0, s.completion, s.reclaim);
  sim::Snapshot snap = run->snapshot();
  const sim::ObjectView* b0 = object(snap, "B0");
  ASSERT_NE(b0, nullptr);
  EXPECT_EQ(b0->kind, sim::HeapKind::bucket);
  EXPECT_EQ(b0->state, sim::LifeState::private_);
  EXPECT_EQ(b0->owner, 0);
  EXPECT_EQ(b0->bucket, 0u);
  ASSERT_EQ(b0->slots.size(), layout::bucket_capacity(0));
  EXPECT_EQ(b0->slots[0].index, 0u);
  EXPECT_TRUE(snap.vector.buckets.empty()) << "not installed yet";
  ASSERT_FALSE(sim::play_script_step(*run, 1));
  snap = run->snapshot();
  EXPECT_EQ(object(snap, "B0'")->state, sim::LifeState::shared);
  EXPECT_EQ(object(snap, "B0")->state, sim::LifeState::private_);
  ASSERT_FALSE(sim::play_script_step(*run, 2));
  ASSERT_FALSE(sim::play_script_step(*run, 3));
  snap = run->snapshot();
  EXPECT_EQ(object(snap, "B0")->state, sim::LifeState::freed);
  EXPECT_TRUE(object(snap, "B0")->slots.empty());
  EXPECT_EQ(object(snap, "B0'")->slots.size(), layout::bucket_capacity(0));
}

const sim::Holding* holding(const sim::Snapshot& snap, unsigned t, std::string_view object_name) {
  for (const auto& h : snap.threads[t].holds)
    if (snap.objects[h.object].name == object_name) return &h;
  return nullptr;
}

// Unit 08 at pause 5 (paper + leak): B, about to perform W0's stale CAS,
// holds W0 (and the D1 it loaded), though both are unreachable; its card
// says the values, and that the slot went back to 0.
TEST(Lifecycle, WhatAThreadHoldsUnderLeak) {
  const auto s = library("08-paper-value-aba.toml");
  auto run = after_script_step(s, 4, s.completion, s.reclaim);
  const sim::Snapshot snap = run->snapshot();
  const sim::Holding* w0 = holding(snap, 1, "W0");
  ASSERT_NE(w0, nullptr);
  EXPECT_EQ(w0->role, sim::HoldRole::performing);
  const sim::Holding* d1 = holding(snap, 1, "D1");
  ASSERT_NE(d1, nullptr);
  EXPECT_EQ(d1->role, sim::HoldRole::loaded);
  ASSERT_TRUE(snap.threads[1].next);
  EXPECT_EQ(snap.threads[1].next->prediction, "CAS [0] 0 -> 5 succeeds: the slot holds 0 again");
  // A finished: it holds nothing.
  EXPECT_TRUE(holding(snap, 0, "D3") == nullptr);
  EXPECT_EQ(object(snap, "W0")->performed_by, 0);
  EXPECT_EQ(object(snap, "W0")->performed_again_by, -1);
  // B's stale CAS succeeds: W0 is performed a second time.
  ASSERT_FALSE(sim::play_script_step(*run, 5));
  EXPECT_EQ(object(run->snapshot(), "W0")->performed_again_by, 1);
}

// A slot CAS that will fail says what the slot holds instead (unit 11, the
// tag moved on).
TEST(Lifecycle, AFailingSlotCasSaysTheValues) {
  const auto s = library("11-versioned-survives.toml");
  auto run = after_script_step(s, 4, s.completion, s.reclaim);
  const sim::Snapshot snap = run->snapshot();
  ASSERT_TRUE(snap.threads[1].next);
  EXPECT_EQ(snap.threads[1].next->prediction, "CAS [0] 0 #0 -> 5 #1 fails: the slot holds 0 #2, not 0 #0");
}

// Unit 04: B performs A's write for it; the write says by whom.
TEST(Lifecycle, AWriteSaysWhoPerformedIt) {
  const auto s = library("04-helping.toml");
  auto run = sim::start_run(s);
  ASSERT_FALSE(sim::play(*run, std::nullopt));
  const sim::Snapshot snap = run->snapshot();
  const sim::ObjectView* d1 = object(snap, "D1");
  ASSERT_NE(d1, nullptr);
  EXPECT_EQ(d1->owner, 0);
  EXPECT_EQ(d1->performed_by, 1) << "B helped A";
  EXPECT_EQ(d1->lost_at, sim::kNoStep);
}

// Unit 07 (book + leak) at pause 4: A clears W4, which nobody performed:
// it is lost at that step, and stays lost after B performs it beyond the
// end; W1, performed by A first, is not.
TEST(Lifecycle, AWriteClearedBeforeItWasPerformedIsLost) {
  const auto s = library("07-book-clear-pending-race.toml");
  auto run = after_script_step(s, 2, s.completion, s.reclaim);
  EXPECT_EQ(object(run->snapshot(), "W4")->lost_at, sim::kNoStep) << "not cleared yet";
  ASSERT_FALSE(sim::play_script_step(*run, 3));
  sim::Snapshot snap = run->snapshot();
  // A copy: the log grows below, and a reference into it would dangle.
  const sim::StepEvent clear = run->log().steps.back();
  EXPECT_EQ(clear.target, Target::pending);
  EXPECT_EQ(object(snap, "W4")->lost_at, clear.index);
  EXPECT_EQ(object(snap, "W4")->performed_by, -1);
  EXPECT_EQ(object(snap, "W1")->performed_by, 0);
  EXPECT_EQ(object(snap, "W1")->lost_at, sim::kNoStep);
  for (std::size_t k = 4; k < s.script.size(); ++k) ASSERT_FALSE(sim::play_script_step(*run, k));
  ASSERT_TRUE(run->finished());
  snap = run->snapshot();
  EXPECT_EQ(object(snap, "W4")->performed_by, 1);
  EXPECT_EQ(object(snap, "W4")->lost_at, clear.index);
}

}  // namespace
}  // namespace lfv::test
