// The lifecycle a snapshot gives each object, at the steps a lecture stops
// on: a descriptor a thread keeps is never leaked, a replaced one still
// held is unlinked (not private), and a retired one is protected only once
// a scan has found the hazard pointer on it.
#include <gtest/gtest.h>

#include "library_scenarios.hpp"

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
  ASSERT_FALSE(sim::play_script_step(*run, 3));  // B's scan
  EXPECT_EQ(state_of(*run, "D0"), "retired, protected");
  ASSERT_FALSE(sim::play_script_step(*run, 4));
  ASSERT_FALSE(sim::play_script_step(*run, 5));
  EXPECT_EQ(state_of(*run, "D0"), "reclaimed");
}

}  // namespace
}  // namespace lfv::test
