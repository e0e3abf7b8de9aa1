// Data races on plain fields under the c11 memory model (docs/memory-model.md,
// "Data races"): a plain read of a heap object whose construction (or last
// refill) does not happen before it stops the run with data-race. First on
// SimEnv directly (message passing of a constructed object, the join edge,
// the refill's new stamp), then on the vector: the descriptor CAS (V4)
// weakened to relaxed publishes a descriptor whose size a size() reads
// with no happens-before edge.
#include <gtest/gtest.h>

#include <functional>
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

// A heap object with one plain field.
struct Box {
  std::size_t value;
};
// The shared words, set up before the threads (every thread has seen them).
struct Shared {
  sim::SimEnv::Atomic<Box*> box;
  sim::SimEnv::Atomic<int> flag;
};

sim::SimContext::Options options(sim::MemoryModel model) {
  sim::SimContext::Options o;
  o.memory_model = model;
  return o;
}

Shared* shared_in(sim::SimContext& ctx) {
  return ::new (ctx.allocate(sim::HeapKind::vector, sizeof(Shared), alignof(Shared), 1, nullptr).address) Shared{};
}

// Message passing of a constructed object: T0 constructs a Box and stores
// its address with `store`; T1 loads it with `load` and, if it got it,
// reads its field. Every run (thread and read choices) is enumerated; the
// result is the set of failures seen (none: an empty set) and of values read.
struct Runs {
  std::set<FailureKind> failures;
  std::set<std::size_t> values;
  std::size_t executions = 0;
};

void enumerate_mp(sim::MemoryModel model, std::memory_order store, std::memory_order load,
                  std::vector<std::pair<unsigned, std::uint32_t>>& prefix, Runs& all) {
  sim::SimContext ctx(options(model));
  sim::SimEnv env(&ctx);
  Shared* s = shared_in(ctx);
  std::size_t got = 0;
  ctx.add_thread("T0", [&](unsigned) { s->box.store(env.create<Box>(ObjectKind::descriptor, std::size_t{7}), store, {}); });
  ctx.add_thread("T1", [&](unsigned) {
    if (Box* b = s->box.load(load, {})) got = env.read(b->value);
  });
  ctx.start();
  for (const auto& [t, c] : prefix) ASSERT_TRUE(ctx.step(t, c));
  bool moved = false;
  for (unsigned t = 0; t < ctx.thread_count(); ++t) {
    if (!ctx.runnable(t)) continue;
    for (std::uint32_t c = 0; c < ctx.read_choices(t); ++c) {
      moved = true;
      prefix.emplace_back(t, c);
      enumerate_mp(model, store, load, prefix, all);
      prefix.pop_back();
    }
  }
  if (moved) return;
  ++all.executions;
  if (ctx.log().failure) all.failures.insert(ctx.log().failure->kind);
  else all.values.insert(got);
}

Runs message_passing(sim::MemoryModel model, std::memory_order store, std::memory_order load) {
  Runs all;
  std::vector<std::pair<unsigned, std::uint32_t>> prefix;
  enumerate_mp(model, store, load, prefix, all);
  return all;
}

TEST(DataRace, APlainFieldPublishedWithoutReleaseAcquireRaces) {
  // [intro.races] p21: the construction and the read conflict, and only a
  // release store read by an acquire load orders them ([atomics.order] p2).
  const auto paired = message_passing(sim::MemoryModel::c11, rel, acq);
  EXPECT_TRUE(paired.failures.empty());
  EXPECT_EQ(paired.values, (std::set<std::size_t>{0, 7}));  // 0: T1 loaded null, read nothing
  for (auto [store, load] : {std::pair{rlx, acq}, std::pair{rel, rlx}, std::pair{rlx, rlx}}) {
    const auto half = message_passing(sim::MemoryModel::c11, store, load);
    EXPECT_EQ(half.failures, std::set<FailureKind>{FailureKind::data_race}) << int(store) << " " << int(load);
  }
  // Under sc every step is ordered: no order makes a race, and the runs are
  // the same ones whatever the orders say.
  const auto sc = message_passing(sim::MemoryModel::sc, rlx, rlx);
  EXPECT_TRUE(sc.failures.empty());
  EXPECT_EQ(sc.executions, message_passing(sim::MemoryModel::sc, rel, acq).executions);
}

// A thread added after another finished happens after it (a join, then a
// spawn): the plain writes the finished thread made after its last atomic
// action, or with none at all, happen before the new thread's reads. One
// added while the other still ran gets no such edge.
FailureKind join_case(bool add_after_finish, bool atomic_first) {
  sim::SimContext ctx(options(sim::MemoryModel::c11));
  sim::SimEnv env(&ctx);
  Shared* s = shared_in(ctx);
  Box* made = nullptr;
  ctx.add_thread("T0", [&](unsigned) {
    if (atomic_first) s->flag.store(1, rlx, {});
    made = env.create<Box>(ObjectKind::descriptor, std::size_t{7});
    if (!atomic_first) s->flag.store(1, rlx, {});
  });
  ctx.start();
  auto add_reader = [&] {
    ctx.add_thread("T1", [&](unsigned) {
      s->flag.load(rlx, {});  // a step, so that T1 can be added before T0 finishes and run after
      env.read(made->value);
    });
    ctx.start();
  };
  if (!add_after_finish) add_reader();
  EXPECT_TRUE(ctx.step(0));
  EXPECT_TRUE(ctx.finished(0));
  if (add_after_finish) add_reader();
  EXPECT_TRUE(ctx.step(1));
  EXPECT_TRUE(ctx.step(1));
  EXPECT_TRUE(ctx.all_finished() || ctx.stopped());
  return ctx.log().failure ? ctx.log().failure->kind : FailureKind::none;
}

TEST(DataRace, AJoinGivesHappensBefore) {
  EXPECT_EQ(join_case(true, true), FailureKind::none) << "constructed after T0's last atomic action";
  EXPECT_EQ(join_case(true, false), FailureKind::none) << "constructed before it";
  EXPECT_EQ(join_case(false, true), FailureKind::data_race) << "T1 added while T0 ran: no edge";
  EXPECT_EQ(join_case(false, false), FailureKind::data_race);
}

// A kept object written anew (vector.hpp's refill of a descriptor that lost
// its CAS) is stamped again: a reader that synchronised with the first
// publication has no edge to the refill. Without note_refilled the old
// stamp would say it has.
std::optional<sim::Failure> refill_case(bool note) {
  sim::SimContext ctx(options(sim::MemoryModel::c11));
  sim::SimEnv env(&ctx);
  Shared* s = shared_in(ctx);
  ctx.add_thread("T0", [&](unsigned) {
    Box* b = env.create<Box>(ObjectKind::descriptor, std::size_t{7});
    s->box.store(b, rel, {});
    b->value = 8;  // refilled (in the vector: by its owner, never published between)
    if (note) env.note_refilled(b);
    s->flag.store(1, rlx, {});
  });
  ctx.add_thread("T1", [&](unsigned) {
    Box* b = s->box.load(acq, {});
    if (s->flag.load(rlx, {}) == 1) env.read(b->value, {Action::read_size});
  });
  ctx.start();
  const std::uint32_t constructed = ctx.heap().objects().back().constructed_epoch;
  for (unsigned t : {0u, 1u, 0u, 1u, 1u}) EXPECT_TRUE(ctx.step(t));  // the latest store each time
  const sim::HeapObject& box = ctx.heap().objects().back();
  EXPECT_EQ(box.constructed_by, 0);
  // T0's epoch after its release store: what T1's acquire reached.
  if (note) EXPECT_EQ(box.constructed_epoch, constructed + 1) << "stamped after the store";
  else EXPECT_EQ(box.constructed_epoch, constructed);
  return ctx.log().failure;
}

TEST(DataRace, ARefillIsStampedAgain) {
  const auto raced = refill_case(true);
  ASSERT_TRUE(raced.has_value());
  EXPECT_EQ(raced->kind, FailureKind::data_race);
  EXPECT_EQ(raced->message, "T1 (read the descriptor's size) reads D0, constructed by T0 at step 0, with no "
                            "happens-before edge to the read: data race");
  EXPECT_FALSE(refill_case(false).has_value()) << "the construction itself happens before the read";
}

// The vector: A pushes, B reads the size (core/tests/c11_scenarios).
scenario::Scenario push_publishes_descriptor() {
  auto r = scenario::load_scenario(LFV_C11_SCENARIOS_DIR "/push-publishes-descriptor.toml");
  if (auto* e = std::get_if<scenario::ScenarioError>(&r)) ADD_FAILURE() << e->text();
  return std::get<scenario::Scenario>(r);
}

explore::ExploreOptions c11(const char* weaken = nullptr) {
  explore::ExploreOptions o;
  o.memory_model = sim::MemoryModel::c11;
  if (weaken) {
    EXPECT_FALSE(sim::add_weakening(o.weaken, weaken));
  }
  return o;
}

TEST(DataRace, WeakeningTheDescriptorCasRacesOnItsSize) {
  // (V4) relaxed releases only what A's last release fence (its protect's
  // seq_cst fence, before it built the descriptor) had: B's acquire load of
  // the new descriptor synchronises with that, not with the construction.
  const auto s = push_publishes_descriptor();
  const auto r = explore::explore(s, c11("V4=relaxed"));
  ASSERT_TRUE(r.failure.has_value()) << "no failure in " << r.executions << " executions";
  EXPECT_EQ(r.failure->kind, FailureKind::data_race) << r.failure->message;
  EXPECT_NE(r.failure->message.find("B (read the descriptor's size) reads D"), std::string::npos) << r.failure->message;
  EXPECT_NE(r.failure->message.find(", constructed by A at step "), std::string::npos) << r.failure->message;
  EXPECT_LE(r.executions, 10u) << "the first schedules run A then B: the race is in one of them";
}

TEST(DataRace, TheFoundScheduleReplaysToTheSameRace) {
  const auto s = push_publishes_descriptor();
  const auto o = c11("V4=relaxed");
  const auto r = explore::explore(s, o);
  ASSERT_TRUE(r.failure.has_value());
  auto replayed = sim::replay(s, s.completion, s.reclaim, r.failure->schedule, explore::run_options(o, 10000));
  ASSERT_TRUE(replayed->log().failure.has_value());
  EXPECT_EQ(replayed->log().failure->kind, FailureKind::data_race);
  EXPECT_EQ(replayed->log().failure->message, r.failure->message);
  EXPECT_EQ(replayed->log().failure->thread, 1) << "B, the reader";
  // And as `lfvlab play --schedule` gives it, written out.
  const std::string text = sim::format_schedule(r.failure->schedule, *replayed);
  std::string why;
  const auto parsed = sim::parse_schedule(text, s, &why);
  ASSERT_TRUE(parsed) << why;
  auto played = sim::start_run(s, explore::run_options(o, 10000));
  EXPECT_FALSE(sim::play(*played, parsed));
  ASSERT_TRUE(played->log().failure.has_value()) << text;
  EXPECT_EQ(played->log().failure->kind, FailureKind::data_race);
  EXPECT_EQ(played->log().failure->step, replayed->log().failure->step);
}

TEST(DataRace, TheDeclaredOrdersShowNone) {
  // Bounded: the c11 search enumerates every read choice (no reduction),
  // and two preemptions cover the interleavings of one push and one size
  // that race here (the weakened run needs none). Unbounded it ran 2
  // million executions with no failure, not complete.
  const auto s = push_publishes_descriptor();
  auto o = c11();
  o.preemption_limit = 2;
  const auto r = explore::explore(s, o);
  EXPECT_FALSE(r.failure) << r.failure->message;
  EXPECT_EQ(r.complete_bound, std::optional<unsigned>(2));
  // A refilled descriptor (two pushers: the loser's is kept and refilled
  // for its next attempt) is its owner's own write, never a race.
  scenario::Scenario pushers = s;
  pushers.threads[1].ops = pushers.threads[0].ops;
  o.preemption_limit = 1;
  const auto p = explore::explore(pushers, o);
  EXPECT_FALSE(p.failure) << p.failure->message;
}

TEST(DataRace, NeverUnderSc) {
  // sc orders every step: a weakening changes no step and finds nothing,
  // in exactly the executions of the declared orders.
  const auto s = push_publishes_descriptor();
  auto weakened = c11("V4=relaxed");
  weakened.memory_model = sim::MemoryModel::sc;
  explore::ExploreOptions declared;
  const auto r = explore::explore(s, weakened);
  EXPECT_FALSE(r.failure) << r.failure->message;
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.executions, explore::explore(s, declared).executions);
}

TEST(DataRace, TheKindIsNamedDataRace) {
  EXPECT_EQ(name(FailureKind::data_race), "data-race");
  EXPECT_EQ(parse_failure_kind("data-race"), FailureKind::data_race);
}

}  // namespace
}  // namespace lfv::test
