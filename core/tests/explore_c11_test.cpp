// The explorer under the c11 memory model: every (thread, read) choice is
// searched, the declared orders keep versioned + hazard correct, and
// weakening the hazard protocol's fence pair ((H2) protect, (H4) scan) lets
// a scan miss a hazard while the protector re-reads a stale descriptor: a
// use-after-free, whose schedule (read choices included) replays.
#include <gtest/gtest.h>

#include "lfv/explore/explorer.hpp"
#include "lfv/scenario/scenario.hpp"
#include "lfv/sim/drive.hpp"

namespace lfv::test {
namespace {

scenario::Scenario protect_races_retire() {
  auto r = scenario::load_scenario(LFV_C11_SCENARIOS_DIR "/protect-races-retire.toml");
  if (auto* e = std::get_if<scenario::ScenarioError>(&r)) ADD_FAILURE() << e->text();
  return std::get<scenario::Scenario>(r);
}

explore::ExploreOptions c11(const char* weaken = nullptr) {
  explore::ExploreOptions o;
  o.completion = Completion::versioned;
  o.reclaim = Reclaim::hazard;
  o.memory_model = sim::MemoryModel::c11;
  if (weaken) {
    EXPECT_FALSE(sim::add_weakening(o.weaken, weaken));
  }
  return o;
}

// Some load of the counterexample read a stale store (it needs a read
// choice), and its schedule replays to the same use-after-free.
void expect_stale_use_after_free_that_replays(const scenario::Scenario& s, const explore::ExploreOptions& o,
                                              const explore::Counterexample& cx) {
  bool stale = false;
  for (unsigned c : cx.schedule) stale = stale || sim::read_of(c) > 0;
  EXPECT_TRUE(stale);
  auto replayed = sim::replay(s, o.completion, o.reclaim, cx.schedule, explore::run_options(o, 10000));
  ASSERT_TRUE(replayed->log().failure.has_value());
  EXPECT_EQ(replayed->log().failure->kind, FailureKind::use_after_free);
}

TEST(ExploreC11, TheDeclaredOrdersKeepTheRepairedDesignCorrect) {
  const auto s = protect_races_retire();
  explore::ExploreOptions sc = c11();
  sc.memory_model = sim::MemoryModel::sc;
  const auto under_sc = explore::explore(s, sc);
  // Without spurious failures of V4's weak CAS: with one a run (the
  // default) A's pop may retry, and the complete search outgrows the
  // default budget (over 2,000,000 executions, against 1,246,024 without);
  // verify-orders covers that case, bounded. A failed CAS's older stores
  // stay choices here (B only loads: A's CASes never fail, so they add none).
  explore::ExploreOptions o = c11();
  o.spurious_failures = 0;
  const auto r = explore::explore(s, o);
  EXPECT_EQ(r.spurious_failures, 0u);
  EXPECT_TRUE(r.read_choices);
  EXPECT_FALSE(r.failure) << r.failure->message;
  EXPECT_TRUE(r.complete);
  // Stale reads are choices of their own: more executions than under sc.
  EXPECT_GT(r.executions, under_sc.executions);
}

TEST(ExploreC11, WeakeningTheHazardFencesFindsAUseAfterFreeThatReplays) {
  const auto s = protect_races_retire();
  auto o = c11("H2=relaxed");
  ASSERT_FALSE(sim::add_weakening(o.weaken, "H4=relaxed"));
  const auto r = explore::explore(s, o);
  ASSERT_TRUE(r.failure.has_value()) << "no failure in " << r.executions << " executions";
  EXPECT_EQ(r.failure->kind, FailureKind::use_after_free) << r.failure->message;
  EXPECT_EQ(r.weakened, "H2=relaxed H4=relaxed");
  expect_stale_use_after_free_that_replays(s, o, *r.failure);
  // The same weakening under sc changes nothing: sc orders everything.
  auto sc = o;
  sc.memory_model = sim::MemoryModel::sc;
  EXPECT_FALSE(explore::explore(s, sc).failure);
}

TEST(ExploreC11, EachFenceOfThePairIsNeeded) {
  // Store buffering (docs/memory-model.md, the SB litmus tests): C11
  // forbids both stale reads only with a seq_cst fence on each side, so
  // either fence alone weakened loses the object too.
  const auto s = protect_races_retire();
  for (const char* w : {"H2=relaxed", "H4=relaxed"}) {
    const auto r = explore::explore(s, c11(w));
    ASSERT_TRUE(r.failure.has_value()) << w;
    EXPECT_EQ(r.failure->kind, FailureKind::use_after_free) << w;
  }
}

TEST(ExploreC11, PctDrawsReadChoicesAndItsFailureReplays) {
  // PCT under c11 draws each load's store at random as well as the
  // priorities: with the fence pair weakened it finds the use-after-free,
  // which needs a stale read, and its schedule (reads included) replays.
  const auto s = protect_races_retire();
  auto o = c11("H2=relaxed");
  ASSERT_FALSE(sim::add_weakening(o.weaken, "H4=relaxed"));
  o.pct = explore::PctOptions{};
  o.pct->runs = 20000;
  // Without the fences a reclaim may also race the protector's reads (a
  // data race at the free, docs/memory-model.md); the lesson here is the
  // use-after-free, so only it counts.
  o.want = FailureKind::use_after_free;
  const auto r = explore::explore(s, o);
  EXPECT_TRUE(r.pct);
  ASSERT_TRUE(r.failure.has_value()) << "no failure in " << r.executions << " PCT runs";
  EXPECT_EQ(r.failure->kind, FailureKind::use_after_free) << r.failure->message;
  expect_stale_use_after_free_that_replays(s, o, *r.failure);
  // The declared orders: PCT finds nothing either, and its wording says
  // the bound counts thread schedules only.
  auto declared = c11();
  declared.pct = explore::PctOptions{};
  declared.pct->runs = 2000;
  const auto held = explore::explore(s, declared);
  EXPECT_FALSE(held.failure);
  EXPECT_NE(explore::coverage_text(explore::coverage(held)).find("thread schedules only"), std::string::npos);
}

TEST(ExploreC11, AScheduleWritesAndReadsItsReadChoices) {
  const auto s = protect_races_retire();
  std::string why;
  const auto parsed = sim::parse_schedule("A*2 B~1 B B~2*2", s, &why);
  ASSERT_TRUE(parsed) << why;
  const std::vector<unsigned> want{0, 0, sim::choice_of(1, 1), 1, sim::choice_of(1, 2), sim::choice_of(1, 2)};
  EXPECT_EQ(*parsed, want);
  auto run = sim::start_run(s);
  EXPECT_EQ(sim::format_schedule(want, *run), "A*2 B~1 B B~2*2");
  EXPECT_FALSE(sim::parse_schedule("B~", s, &why));
  EXPECT_FALSE(sim::parse_schedule("B~1001", s, &why));
}

TEST(ExploreC11, ASavedCounterexampleStoresItsModelOrdersAndReadsAndReplays) {
  const auto s = protect_races_retire();
  auto o = c11("H2=relaxed");
  ASSERT_FALSE(sim::add_weakening(o.weaken, "H4=relaxed"));
  const auto r = explore::explore(s, o);
  ASSERT_TRUE(r.failure.has_value());
  const std::string text =
      explore::counterexample_toml(s, o.completion, o.reclaim, *r.failure, explore::run_options(o, 0));
  auto loaded = scenario::parse_scenario(text, "saved.toml");
  ASSERT_TRUE(std::holds_alternative<scenario::Scenario>(loaded))
      << std::get<scenario::ScenarioError>(loaded).text() << "\n" << text;
  const auto& saved = std::get<scenario::Scenario>(loaded);
  EXPECT_EQ(saved.memory_model, sim::MemoryModel::c11);
  EXPECT_EQ(saved.orders.text(), "H2=relaxed H4=relaxed");
  std::size_t reads = 0;
  for (const auto& step : saved.script) reads += step.read > 0;
  EXPECT_GT(reads, 0u) << "the stale reads are script steps";
  // The file alone, with no flags, plays the same schedule to the same failure.
  sim::RunOptions ro;
  ASSERT_FALSE(sim::choose_memory(saved, {}, ro));
  auto run = sim::start_run(saved, ro);
  ASSERT_FALSE(sim::play(*run, std::nullopt));
  EXPECT_EQ(run->schedule(), r.failure->schedule);
  ASSERT_TRUE(run->log().failure.has_value());
  EXPECT_EQ(run->log().failure->kind, FailureKind::use_after_free);
  // Under sc (a flag over the file) its read steps cannot be played: bad input, not a silent other run.
  sim::MemoryChoice sc;
  sc.model = sim::MemoryModel::sc;
  ASSERT_FALSE(sim::choose_memory(saved, sc, ro));
  EXPECT_FALSE(ro.weaken.any()) << "under sc nothing is weakened";
  auto under_sc = sim::start_run(saved, ro);
  const auto err = sim::play(*under_sc, std::nullopt);
  ASSERT_TRUE(err.has_value());
  EXPECT_NE(err->message.find("under sc"), std::string::npos) << err->message;
}

TEST(ExploreC11, TheFlagsAddToTheFilesOrdersAndAWeakeningNeedsC11) {
  auto s = protect_races_retire();
  sim::RunOptions ro;
  sim::MemoryChoice flags;
  ASSERT_FALSE(sim::add_weakening(flags.weaken, "H2=relaxed"));
  EXPECT_TRUE(sim::choose_memory(s, flags, ro)) << "a file under sc: --weaken alone is refused";
  s.memory_model = sim::MemoryModel::c11;
  ASSERT_FALSE(sim::add_weakening(s.orders, "V4=release"));
  ASSERT_FALSE(sim::add_weakening(flags.weaken, "V4=acquire"));
  ASSERT_FALSE(sim::choose_memory(s, flags, ro));
  EXPECT_EQ(ro.memory_model, sim::MemoryModel::c11);
  // Where both weaken V4, what both give: release meets acquire in relaxed.
  EXPECT_EQ(ro.weaken.text(), "V4=relaxed H2=relaxed");
  flags.model = sim::MemoryModel::sc;
  flags.weaken = {};
  ASSERT_FALSE(sim::choose_memory(s, flags, ro));
  EXPECT_EQ(ro.memory_model, sim::MemoryModel::sc);
  EXPECT_FALSE(ro.weaken.any());
}

// A push that returned before a size began, in the run's order, with no
// synchronisation from the pusher to the sizer: C11 lets the size read the
// stale descriptor, and linearizability under c11 is against happens-before,
// so the size goes first (docs/memory-model.md).
TEST(ExploreC11, TheCheckerOrdersByHappensBeforeNotRealTime) {
  auto r = scenario::load_scenario(LFV_C11_SCENARIOS_DIR "/push-publishes-descriptor.toml");
  ASSERT_TRUE(std::holds_alternative<scenario::Scenario>(r));
  auto s = std::get<scenario::Scenario>(r);
  s.initial.clear();
  std::string why;
  const auto schedule = sim::parse_schedule("A*14 B~1 B*2", s, &why);
  ASSERT_TRUE(schedule) << why;
  sim::RunOptions ro;
  ro.memory_model = sim::MemoryModel::c11;
  auto run = sim::start_run(s, Completion::versioned, Reclaim::leak, ro);
  ASSERT_FALSE(sim::play(*run, schedule));
  ASSERT_TRUE(run->finished());
  ASSERT_EQ(run->snapshot().threads[1].results.at(0).text(), "0") << "B's size read the stale descriptor";
  // In the run's order A's push returned before B's size began...
  const auto history = check::history_from_log(run->log());
  ASSERT_EQ(history.size(), 2u);
  EXPECT_LT(history[0].returned, history[1].invoked);
  check::CheckOptions real_time = explore::checker_options(*run);
  EXPECT_TRUE(real_time.happens_before);
  real_time.happens_before = false;
  EXPECT_FALSE(check::check_linearizable(history, real_time).linearizable);
  // ...but it does not happen before it: the verdict under c11 is linearizable.
  EXPECT_EQ(explore::judge(*run).kind, FailureKind::none) << explore::judge(*run).message;
  // And the whole search under the declared orders finds nothing (bounded: 2 preemptions).
  explore::ExploreOptions o = c11();
  o.reclaim = Reclaim::leak;
  o.preemption_limit = 2;
  const auto found = explore::explore(s, o);
  EXPECT_FALSE(found.failure) << found.failure->message;
}

// The thread card's "may read": what each read choice of the next load gives.
TEST(ExploreC11, TheNextLoadSaysWhatItMayRead) {
  const auto s = protect_races_retire();
  explore::ExploreOptions o = c11("H2=relaxed");
  ASSERT_FALSE(sim::add_weakening(o.weaken, "H4=relaxed"));
  std::string why;
  const auto schedule = sim::parse_schedule("A*17", s, &why);
  ASSERT_TRUE(schedule) << why;
  auto run = sim::replay(s, o.completion, o.reclaim, *schedule, explore::run_options(o, 1000));
  const sim::Snapshot snap = run->snapshot();
  const auto& b = snap.threads[1];
  ASSERT_TRUE(b.next.has_value());
  EXPECT_EQ(b.next->kind, scenario::ActionKind::load);
  // A swapped D2 in for D1; B has not synchronised with A: either may be read.
  EXPECT_EQ(b.next->may_read, (std::vector<std::string>{"D2", "D1"}));
  EXPECT_NE(b.next->prediction.find("may read D2 (latest)"), std::string::npos) << b.next->prediction;
  // Under sc the same load reads the latest only.
  auto sc = sim::replay(s, o.completion, o.reclaim, *schedule);
  EXPECT_TRUE(sc->snapshot().threads[1].next->may_read.empty());
  // Stepping B with read 1 makes it load D1.
  ASSERT_TRUE(run->step(sim::choice_of(1, 1)));
  EXPECT_EQ(run->log().steps.back().read_from, 1u);
  EXPECT_EQ(run->object_name(sim::ObjectId(run->log().steps.back().read)), "D1");
}

// The timeline's synchronises-with arrows: B's protect guesses the
// descriptor (relaxed), publishes the hazard, and re-loads it with acquire:
// that load reads A's acq_rel CAS (V1 pairs with V4) and names its step.
TEST(ExploreC11, AnAcquireNamesTheReleaseStoreItSynchronisedWith) {
  const auto s = protect_races_retire();
  std::string why;
  const auto schedule = sim::parse_schedule("A*17 B*3", s, &why);
  ASSERT_TRUE(schedule) << why;
  const explore::ExploreOptions o = c11();
  auto run = sim::replay(s, o.completion, o.reclaim, *schedule, explore::run_options(o, 1000));
  const auto& steps = run->log().steps;
  ASSERT_EQ(steps.size(), 20u);
  EXPECT_EQ(steps[17].synchronised_with, sim::kNoStep) << "the relaxed guess synchronises with nothing";
  const sim::StepEvent& load = steps.back();
  ASSERT_EQ(load.thread, 1u);
  ASSERT_EQ(load.kind, scenario::ActionKind::load);
  ASSERT_NE(load.synchronised_with, sim::kNoStep);
  const sim::StepEvent& cas = steps[load.synchronised_with];
  EXPECT_EQ(cas.thread, 0u);
  EXPECT_EQ(cas.kind, scenario::ActionKind::cas);
  EXPECT_EQ(cas.target, Target::descriptor);
  EXPECT_TRUE(cas.success);
  // Its own store, the hazard, or the setup's D1 synchronise with nothing drawn.
  EXPECT_EQ(steps[18].synchronised_with, sim::kNoStep);
  // Under sc no step says it.
  auto sc = sim::replay(s, o.completion, o.reclaim, *schedule);
  for (const auto& e : sc->log().steps) EXPECT_EQ(e.synchronised_with, sim::kNoStep);
}

std::size_t nonzero_reads(const std::vector<unsigned>& schedule) {
  std::size_t n = 0;
  for (unsigned c : schedule) n += sim::read_of(c) > 0;
  return n;
}

// W3 relaxed (marking a write done) under versioned + leak: A's pop reads
// the last element stale after B's push. A schedule the search could keep
// has A's descriptor CAS fail spuriously first, which the failure does not
// need: preempted just before that CAS instead, A's CAS fails for real
// (B's push changed the descriptor) and its retry reads the same stale
// element. The minimizer keeps the stale read and drops the spurious one.
TEST(ExploreC11, TheMinimizerDropsAReadChoiceTheFailureDoesNotNeed) {
  auto loaded = scenario::load_scenario(LFV_SCENARIOS_DIR "/06-leak-ledger.toml");
  ASSERT_TRUE(std::holds_alternative<scenario::Scenario>(loaded));
  const auto& s = std::get<scenario::Scenario>(loaded);
  explore::ExploreOptions o = c11("W3=relaxed");
  o.reclaim = Reclaim::leak;
  const sim::RunOptions ro = explore::run_options(o, o.step_limit);
  std::string why;
  const auto found = sim::parse_schedule("A*20 A~1 B*14 A*5 A~1 A", s, &why);
  ASSERT_TRUE(found) << why;
  auto before = sim::replay(s, o.completion, o.reclaim, *found, ro);
  ASSERT_TRUE(before->finished());
  ASSERT_EQ(explore::judge(*before).kind, FailureKind::non_linearizable);
  bool spurious = false;
  for (const auto& e : before->log().steps) spurious = spurious || e.spurious;
  ASSERT_TRUE(spurious) << "the case needs a spurious failure to drop";

  explore::Counterexample cx;
  cx.kind = FailureKind::non_linearizable;
  cx.schedule = *found;
  const explore::Counterexample m = explore::minimize_reads(s, o.completion, o.reclaim, cx, ro);
  EXPECT_EQ(m.kind, FailureKind::non_linearizable);
  EXPECT_LT(nonzero_reads(m.schedule), nonzero_reads(cx.schedule));
  EXPECT_EQ(nonzero_reads(m.schedule), 1u) << "the stale read of the last element stays: the failure needs it";
  EXPECT_LE(explore::shape_of(s, o.completion, o.reclaim, m.schedule, ro).preemptions,
            explore::shape_of(s, o.completion, o.reclaim, cx.schedule, ro).preemptions);
  EXPECT_EQ(explore::minimize_reads(s, o.completion, o.reclaim, cx, ro).schedule, m.schedule) << "deterministic";
  // Its run: no spurious failure any more, the same kind of failure.
  auto after = sim::replay(s, o.completion, o.reclaim, m.schedule, ro);
  for (const auto& e : after->log().steps) EXPECT_FALSE(e.spurious) << "step " << e.index;
  EXPECT_EQ(explore::judge(*after).kind, FailureKind::non_linearizable) << explore::judge(*after).message;
  EXPECT_FALSE(m.message.empty());
  EXPECT_FALSE(m.history.empty());

  // What the search itself saves is minimized so, and replays as play and
  // check run it: the file alone, its script, the same failure.
  const auto r = explore::explore(s, o);
  ASSERT_TRUE(r.failure.has_value());
  EXPECT_EQ(r.failure->kind, FailureKind::non_linearizable);
  EXPECT_EQ(nonzero_reads(r.failure->schedule), 1u);
  const std::string text =
      explore::counterexample_toml(s, o.completion, o.reclaim, *r.failure, explore::run_options(o, 0));
  auto parsed = scenario::parse_scenario(text, "saved.toml");
  ASSERT_TRUE(std::holds_alternative<scenario::Scenario>(parsed)) << text;
  const auto& saved = std::get<scenario::Scenario>(parsed);
  sim::RunOptions saved_ro;
  ASSERT_FALSE(sim::choose_memory(saved, {}, saved_ro));
  auto played = sim::start_run(saved, saved_ro);
  ASSERT_FALSE(sim::play(*played, std::nullopt));
  EXPECT_EQ(played->schedule(), r.failure->schedule);
  EXPECT_EQ(explore::judge(*played).kind, FailureKind::non_linearizable);
}

// A read choice the failure needs is kept: the fence pair's use-after-free
// needs both of B's stale descriptor loads.
TEST(ExploreC11, TheMinimizerKeepsTheReadsAFailureNeeds) {
  const auto s = protect_races_retire();
  auto o = c11("H2=relaxed");
  ASSERT_FALSE(sim::add_weakening(o.weaken, "H4=relaxed"));
  std::string why;
  const auto found = sim::parse_schedule("A*17 B~1 B B~1 B", s, &why);
  ASSERT_TRUE(found) << why;
  explore::Counterexample cx;
  cx.kind = FailureKind::use_after_free;
  cx.schedule = *found;
  const auto m = explore::minimize_reads(s, o.completion, o.reclaim, cx, explore::run_options(o, o.step_limit));
  EXPECT_EQ(m.schedule, *found);
  // Under sc there is nothing to lower: the counterexample comes back as it is.
  explore::Counterexample plain;
  plain.kind = FailureKind::use_after_free;
  plain.schedule = {0, 1};
  EXPECT_EQ(explore::minimize_reads(s, o.completion, o.reclaim, plain, {}).schedule, plain.schedule);
}

TEST(Weakening, AddingNeverStrengthens) {
  sim::Weakening a, b;
  ASSERT_FALSE(sim::add_weakening(a, "V4=acquire"));
  ASSERT_FALSE(sim::add_weakening(b, "V4=release"));
  ASSERT_FALSE(sim::add_weakening(b, "W3=relaxed"));
  a.add(b);
  EXPECT_EQ(a.text(), "V4=relaxed W3=relaxed");
  EXPECT_EQ(sim::meet(std::memory_order_seq_cst, std::memory_order_seq_cst), std::memory_order_seq_cst);
  EXPECT_EQ(sim::meet(std::memory_order_seq_cst, std::memory_order_release), std::memory_order_release);
  EXPECT_EQ(sim::meet(std::memory_order_acquire, std::memory_order_release), std::memory_order_relaxed);
}

TEST(Weakening, ParsesTagsAndOrdersAndOnlyWeakens) {
  sim::Weakening w;
  EXPECT_FALSE(sim::add_weakening(w, "V4=relaxed"));
  EXPECT_EQ(w.apply(Order::V4, std::memory_order_acq_rel), std::memory_order_relaxed);
  EXPECT_EQ(w.apply(Order::V1, std::memory_order_acquire), std::memory_order_acquire) << "others unchanged";
  // Asking for the declared order or a stronger one is refused, naming the weaker ones.
  EXPECT_EQ(sim::add_weakening(w, "V1=seq_cst").value_or(""),
            "V1 is declared acquire: seq_cst is not weaker, so it would change nothing (weaker: relaxed)");
  EXPECT_TRUE(sim::add_weakening(w, "V1=acquire"));
  EXPECT_TRUE(sim::add_weakening(w, "W3=acq_rel"));
  EXPECT_TRUE(sim::add_weakening(w, "V4=acq_rel")) << "acq_rel / relaxed: acq_rel weakens neither";
  EXPECT_EQ(w.apply(Order::V1, std::memory_order_acquire), std::memory_order_acquire) << "never strengthened";
  EXPECT_FALSE(sim::add_weakening(w, "V4=release"));
  EXPECT_EQ(w.apply(Order::V4, std::memory_order_acq_rel), std::memory_order_release);
  EXPECT_EQ(w.apply(Order::V4, std::memory_order_acquire), std::memory_order_relaxed);
  EXPECT_TRUE(sim::add_weakening(w, "V9=relaxed"));
  EXPECT_TRUE(sim::add_weakening(w, "V4=weak"));
  EXPECT_TRUE(sim::add_weakening(w, "V4"));
  EXPECT_EQ(w.text(), "V4=release");
}

// A push alone: under sc one execution; under c11 two, V4's weak
// descriptor CAS failing spuriously once (then retrying) being the second.
// The complete search says how it enumerated: no reduction under c11.
TEST(ExploreC11, AWeakCasFailingSpuriouslyIsSearchedAndSaidSo) {
  auto loaded = scenario::load_scenario(LFV_SCENARIOS_DIR "/01-single-push.toml");
  ASSERT_TRUE(std::holds_alternative<scenario::Scenario>(loaded));
  const auto& s = std::get<scenario::Scenario>(loaded);
  explore::ExploreOptions o = c11();
  o.memory_model = sim::MemoryModel::sc;
  const auto sc = explore::explore(s, o);
  EXPECT_EQ(sc.executions, 1u);
  EXPECT_NE(explore::coverage_text(explore::coverage(sc)).find("up to reordering"), std::string::npos);
  const auto r = explore::explore(s, c11());
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.executions, 2u);
  EXPECT_EQ(r.spurious_failures, 1u);
  const std::string text = explore::coverage_text(explore::coverage(r));
  EXPECT_EQ(text.find("up to reordering"), std::string::npos) << text;
  EXPECT_NE(text.find("every schedule and every read choice enumerated (c11: no reduction; a weak CAS fails "
                      "spuriously at most 1 time an execution)"),
            std::string::npos)
      << text;
  explore::ExploreOptions none = c11();
  none.spurious_failures = 0;
  EXPECT_EQ(explore::explore(s, none).executions, 1u);
}

}  // namespace
}  // namespace lfv::test
