// A free racing an access under the c11 memory model (docs/memory-model.md,
// "Data races"): ending an object's lifetime conflicts with every access to
// it ([intro.races] p21, [basic.life]), so each thread's last access, and
// the object's construction, must happen before the free. First on SimEnv
// directly (every run of a small program enumerated, with exact outcome
// sets), then on the vector: a hazard clear (H6), scan (H5) or protect
// store (H1) weakened to relaxed lets a reclaim race a reader's accesses.
#include <gtest/gtest.h>

#include <atomic>
#include <new>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "lfv/explore/explorer.hpp"
#include "lfv/failure.hpp"
#include "lfv/scenario/scenario.hpp"
#include "lfv/sim/context.hpp"
#include "lfv/sim/drive.hpp"
#include "lfv/sim/sim_env.hpp"

namespace lfv::test {
namespace {

constexpr auto rlx = std::memory_order_relaxed;
constexpr auto acq = std::memory_order_acquire;
constexpr auto rel = std::memory_order_release;

// A heap object with a plain field and an atomic word.
struct Box {
  std::size_t value = 7;
  sim::SimEnv::Atomic<int> word;
};
struct Shared {
  sim::SimEnv::Atomic<Box*> box;
  sim::SimEnv::Atomic<int> flag;
};

enum class Access { plain_read, atomic_load, none };

// The program: T0 accesses the box (as `access` says; the box made at setup,
// or by T0 itself when `t0_constructs`), then sets the flag with `store`
// (publishing the box first when T0 made it). T1 loads the flag with
// `load` and, if it is set, frees the box. Every run (threads and read
// choices) is enumerated.
struct Program {
  Access access = Access::plain_read;
  bool t0_constructs = false;
  std::memory_order store = rel, load = acq;
  sim::MemoryModel model = sim::MemoryModel::c11;
};

struct Runs {
  std::set<FailureKind> failures;
  std::set<std::string> messages;
  std::size_t executions = 0, freed = 0;
};

void enumerate(const Program& p, std::vector<std::pair<unsigned, std::uint32_t>>& prefix, Runs& all) {
  sim::SimContext::Options o;
  o.memory_model = p.model;
  sim::SimContext ctx(o);
  sim::SimEnv env(&ctx);
  Shared* s = ::new (ctx.allocate(sim::HeapKind::vector, sizeof(Shared), alignof(Shared), 1, nullptr).address) Shared{};
  if (!p.t0_constructs) s->box.store(env.create<Box>(ObjectKind::descriptor), rlx, {});  // setup: no step
  bool freed = false;
  ctx.add_thread("T0", [&](unsigned) {
    Box* b = p.t0_constructs ? env.create<Box>(ObjectKind::descriptor) : s->box.load(rlx, {});
    if (p.access == Access::plain_read) env.read(b->value, {Action::read_size});
    if (p.access == Access::atomic_load) b->word.load(rlx, {});
    if (p.t0_constructs) s->box.store(b, rlx, {});
    s->flag.store(1, p.store, {});
  });
  ctx.add_thread("T1", [&](unsigned) {
    if (s->flag.load(p.load, {}) != 1) return;
    env.destroy(ObjectKind::descriptor, s->box.load(rlx, {}));
    freed = true;
  });
  ctx.start();
  for (const auto& [t, c] : prefix) ASSERT_TRUE(ctx.step(t, c));
  bool moved = false;
  for (unsigned t = 0; t < ctx.thread_count(); ++t) {
    if (!ctx.runnable(t)) continue;
    for (std::uint32_t c = 0; c < ctx.read_choices(t); ++c) {
      moved = true;
      prefix.emplace_back(t, c);
      enumerate(p, prefix, all);
      prefix.pop_back();
    }
  }
  if (moved) return;
  ++all.executions;
  if (ctx.log().failure) {
    all.failures.insert(ctx.log().failure->kind);
    all.messages.insert(ctx.log().failure->message);
  } else if (freed) {
    ++all.freed;
  }
}

Runs runs(const Program& p) {
  Runs all;
  std::vector<std::pair<unsigned, std::uint32_t>> prefix;
  enumerate(p, prefix, all);
  return all;
}

TEST(FreeRace, AFreeMustHappenAfterAPlainRead) {
  // [atomics.order] p2: T1's acquire load reading T0's release store makes
  // T0's read happen before the free; either order relaxed leaves the two
  // unordered, a data race ([intro.races] p21).
  const Runs paired = runs({});
  EXPECT_TRUE(paired.failures.empty()) << (paired.messages.empty() ? "" : *paired.messages.begin());
  EXPECT_GT(paired.freed, 0u) << "some run frees the box (T1 saw the flag)";
  for (auto [store, load] : {std::pair{rlx, acq}, std::pair{rel, rlx}, std::pair{rlx, rlx}}) {
    const Runs half = runs({.store = store, .load = load});
    EXPECT_EQ(half.failures, std::set<FailureKind>{FailureKind::data_race}) << int(store) << " " << int(load);
    EXPECT_EQ(half.messages, (std::set<std::string>{
                                 "T1 (free) frees D0, which T0 accessed at step 1 (read the descriptor's size), "
                                 "with no happens-before edge from that access to the free: data race"}));
  }
}

TEST(FreeRace, AnAtomicAccessCountsToo) {
  // Destruction conflicts with atomic accesses as well (an atomic object's
  // lifetime ends with the free): the same edge is needed.
  EXPECT_TRUE(runs({.access = Access::atomic_load}).failures.empty());
  const Runs relaxed = runs({.access = Access::atomic_load, .store = rlx});
  ASSERT_EQ(relaxed.failures, std::set<FailureKind>{FailureKind::data_race});
  EXPECT_NE(relaxed.messages.begin()->find("which T0 accessed at step 1"), std::string::npos)
      << *relaxed.messages.begin();
}

TEST(FreeRace, TheConstructionMustHappenBeforeTheFree) {
  // T0 makes the box and only publishes it; T1 never reads a field, but its
  // free still conflicts with T0's construction.
  EXPECT_TRUE(runs({.access = Access::none, .t0_constructs = true}).failures.empty());
  const Runs relaxed = runs({.access = Access::none, .t0_constructs = true, .store = rlx, .load = rlx});
  EXPECT_EQ(relaxed.failures, std::set<FailureKind>{FailureKind::data_race});
  EXPECT_EQ(relaxed.messages, (std::set<std::string>{"T1 (free) frees D0, constructed by T0 at step 0, with no "
                                                     "happens-before edge from the construction to the free: "
                                                     "data race"}));
}

TEST(FreeRace, NeverUnderScAndTheFreeingThreadsOwnAccessesNeverRace) {
  const Runs sc = runs({.store = rlx, .load = rlx, .model = sim::MemoryModel::sc});
  EXPECT_TRUE(sc.failures.empty());
  EXPECT_EQ(sc.executions, runs({.model = sim::MemoryModel::sc}).executions);
  // One thread reads, then frees, with nothing released: sequenced before.
  sim::SimContext::Options o;
  o.memory_model = sim::MemoryModel::c11;
  sim::SimContext ctx(o);
  sim::SimEnv env(&ctx);
  ctx.add_thread("T0", [&](unsigned) {
    Box* b = env.create<Box>(ObjectKind::descriptor);
    b->word.load(rlx, {});
    env.read(b->value);
    env.destroy(ObjectKind::descriptor, b);
  });
  ctx.start();
  while (ctx.runnable(0)) ASSERT_TRUE(ctx.step(0));
  EXPECT_FALSE(ctx.log().failure.has_value()) << ctx.log().failure->message;
}

// The vector, under versioned + hazard (the library's units 03 and 09).
scenario::Scenario unit(const char* file) {
  auto r = scenario::load_scenario(std::string(LFV_SCENARIOS_DIR "/") + file);
  if (auto* e = std::get_if<scenario::ScenarioError>(&r)) ADD_FAILURE() << e->text();
  auto s = std::get<scenario::Scenario>(r);
  s.completion = Completion::versioned;
  s.reclaim = Reclaim::hazard;
  s.expect = {};
  return s;
}

explore::ExploreOptions c11(const char* weaken) {
  explore::ExploreOptions o;
  o.memory_model = sim::MemoryModel::c11;
  EXPECT_FALSE(sim::add_weakening(o.weaken, weaken));
  return o;
}

TEST(FreeRace, ARelaxedHazardClearOrScanLetsAReclaimRaceTheReader) {
  // (H6) pairs with (H5): the clear releases the reader's accesses of the
  // object to the scan that reads it. Either relaxed, the scan sees the
  // slot empty but the reclaim is not ordered after the reads.
  for (const char* w : {"H6=relaxed", "H5=relaxed"}) {
    const auto r = explore::explore(unit("09-hazard-pointers.toml"), c11(w));
    ASSERT_TRUE(r.failure.has_value()) << w << ": none in " << r.executions;
    EXPECT_EQ(r.failure->kind, FailureKind::data_race) << w << ": " << r.failure->message;
    EXPECT_NE(r.failure->message.find("(reclaim) frees D"), std::string::npos) << r.failure->message;
    EXPECT_EQ(r.failure->preemptions, 0u) << w;
    const auto replayed = sim::replay(unit("09-hazard-pointers.toml"), Completion::versioned, Reclaim::hazard,
                                      r.failure->schedule, explore::run_options(c11(w), 10000));
    ASSERT_TRUE(replayed->log().failure.has_value());
    EXPECT_EQ(replayed->log().failure->message, r.failure->message);
  }
}

TEST(FreeRace, ARelaxedProtectStoreBreaksTheReleaseSequence) {
  // (H1) relaxed: A clears its slot (H6, release) and protects the next
  // descriptor in the same slot with a relaxed store. B's scan reads that
  // later store: a relaxed store does not continue the clear's release
  // sequence (C++20 [intro.races] p5: only read-modify-writes do), so B
  // reclaims the old descriptor with no edge from A's reads of it.
  const auto r = explore::explore(unit("03-two-pushers-race.toml"), c11("H1=relaxed"));
  ASSERT_TRUE(r.failure.has_value()) << "none in " << r.executions;
  EXPECT_EQ(r.failure->kind, FailureKind::data_race) << r.failure->message;
  EXPECT_NE(r.failure->message.find("B (reclaim) frees D0, which A accessed at step "), std::string::npos)
      << r.failure->message;
}

}  // namespace
}  // namespace lfv::test
