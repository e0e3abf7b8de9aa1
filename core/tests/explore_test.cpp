// The explorer finds the book's and the paper's bugs and free-now's
// use-after-free with no schedule given, finds nothing wrong with the
// repaired design, and saves counterexamples that replay to the same failure.
#include <gtest/gtest.h>

#include "library_scenarios.hpp"

#include "lfv/explore/explorer.hpp"
#include "lfv/sim/drive.hpp"


namespace lfv::test {
namespace {

explore::ExploreOptions under(Completion c, Reclaim r) {
  explore::ExploreOptions o;
  o.completion = c;
  o.reclaim = r;
  return o;
}

// The same failure when the counterexample is replayed from its schedule.
void expect_replays(const scenario::Scenario& s, Completion c, Reclaim r, const explore::Counterexample& cx) {
  auto run = sim::replay(s, c, r, cx.schedule);
  EXPECT_EQ(explore::judge(*run).kind, cx.kind);
}

TEST(Explorer, FindsTheBooksClearPendingRace) {
  const auto s = library("07-book-clear-pending-race.toml");
  const auto r = explore::explore(s, under(Completion::book, Reclaim::leak));
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->kind, FailureKind::non_linearizable);
  EXPECT_NE(r.failure->message.find("0"), std::string::npos) << r.failure->message;
  EXPECT_LE(r.failure->preemptions, 2u);
  EXPECT_EQ(r.preemption_bound, r.failure->preemptions) << "the first failure is found at its own bound";
  expect_replays(s, Completion::book, Reclaim::leak, *r.failure);
  bool says_the_bug = false;
  for (const auto& n : r.failure->narration) says_the_bug |= n.text.find("which was never performed") != std::string::npos;
  EXPECT_TRUE(says_the_bug) << "no narration names the cleared, unperformed write";
}

TEST(Explorer, FindsThePapersValueAba) {
  const auto s = library("08-paper-value-aba.toml");
  const auto r = explore::explore(s, under(Completion::paper, Reclaim::leak));
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->kind, FailureKind::non_linearizable);
  expect_replays(s, Completion::paper, Reclaim::leak, *r.failure);
  bool says_stale = false;
  for (const auto& n : r.failure->narration) says_stale |= n.text.find("stale CAS") != std::string::npos;
  EXPECT_TRUE(says_stale);
}

TEST(Explorer, FindsFreeNowsUseAfterFree) {
  for (const char* file : {"03-two-pushers-race.toml", "09-hazard-pointers.toml"}) {
    const auto s = library(file);
    const auto r = explore::explore(s, under(Completion::versioned, Reclaim::free_now));
    ASSERT_TRUE(r.failure) << file;
    EXPECT_EQ(r.failure->kind, FailureKind::use_after_free) << file;
    expect_replays(s, Completion::versioned, Reclaim::free_now, *r.failure);
  }
}

TEST(Explorer, TheRepairedDesignSurvivesTheSameRacesExhaustively) {
  for (const char* file : {"07-book-clear-pending-race.toml", "08-paper-value-aba.toml", "12-size-during-pending-write.toml"}) {
    const auto s = library(file);
    const auto r = explore::explore(s, under(Completion::versioned, Reclaim::hazard));
    EXPECT_FALSE(r.failure) << file << ": " << (r.failure ? r.failure->message : "");
    EXPECT_TRUE(r.complete) << file;
  }
}

// size() during a pending overwrite: versioned's write(i, v) goes through
// the descriptor like a push, but does not grow the vector, so size() must
// not discount it (it returned 0 here on a vector of one element).
TEST(Explorer, TheRepairedDesignCountsAPendingOverwriteInTheSize) {
  const auto one_writer = inline_scenario(R"(title = "overwrite and size"
[vector]
initial = [1]
[[threads]]
name = "A"
ops = ["write 0 5"]
[[threads]]
name = "B"
ops = ["size"]
)");
  const auto three_writers = inline_scenario(R"(title = "overwrite and size"
[vector]
initial = [1]
[[threads]]
name = "A"
ops = ["write 0 5"]
[[threads]]
name = "B"
ops = ["write 0 6"]
[[threads]]
name = "C"
ops = ["size"]
)");
  for (Reclaim rc : {Reclaim::hazard, Reclaim::leak}) {
    auto r = explore::explore(one_writer, under(Completion::versioned, rc));
    EXPECT_FALSE(r.failure) << name(rc) << ": " << (r.failure ? r.failure->message : "");
    EXPECT_TRUE(r.complete);
    r = explore::explore(three_writers, under(Completion::versioned, rc));
    EXPECT_FALSE(r.failure) << name(rc) << ": " << (r.failure ? r.failure->message : "");
  }
}

TEST(Explorer, TheRepairedDesignSurvivesThreeThreadsUpToThreePreemptions) {
  const auto s = library("13-three-threads.toml");
  auto o = under(Completion::versioned, Reclaim::hazard);
  o.preemption_limit = 3;
  const auto r = explore::explore(s, o);
  EXPECT_FALSE(r.failure) << (r.failure ? r.failure->message : "");
  EXPECT_EQ(r.preemption_bound, 3u);
  EXPECT_FALSE(r.cancelled);
  // The book's race needs only two preemptions among three threads too.
  EXPECT_TRUE(explore::explore(s, under(Completion::book, Reclaim::leak)).failure);
}

TEST(Explorer, APreemptionLimitStopsTheSearchThere) {
  const auto s = library("08-paper-value-aba.toml");
  auto o = under(Completion::paper, Reclaim::leak);
  o.preemption_limit = 1;  // the ABA needs two preemptions
  const auto r = explore::explore(s, o);
  EXPECT_FALSE(r.failure);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.preemption_bound, 1u);
}

TEST(Explorer, ReductionExploresFarFewerExecutions) {
  const auto s = library("12-size-during-pending-write.toml");
  auto with = under(Completion::versioned, Reclaim::leak);
  with.iterative_bounding = false;
  auto without = with;
  without.reduction = false;
  const auto a = explore::explore(s, with), b = explore::explore(s, without);
  ASSERT_TRUE(a.complete && b.complete);
  EXPECT_LE(a.executions * 5, b.executions);
}

TEST(Explorer, AllCountsEveryFailingExecution) {
  const auto s = library("07-book-clear-pending-race.toml");
  auto o = under(Completion::book, Reclaim::leak);
  o.stop_at_first = false;
  o.iterative_bounding = false;
  const auto r = explore::explore(s, o);
  EXPECT_TRUE(r.complete);
  EXPECT_GT(r.failing_executions, 1u);
  EXPECT_GT(r.executions, r.failing_executions);
}

TEST(Explorer, PctFindsTheUseAfterFree) {
  const auto s = library("03-two-pushers-race.toml");
  auto o = under(Completion::versioned, Reclaim::free_now);
  o.pct = explore::PctOptions{200, 7, 3};
  const auto r = explore::explore(s, o);
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->kind, FailureKind::use_after_free);
  EXPECT_FALSE(r.complete);
  EXPECT_FALSE(r.preemption_bound);
}

TEST(Explorer, ASavedCounterexampleIsAScenarioThatReplaysTheFailure) {
  const auto s = library("07-book-clear-pending-race.toml");
  const auto r = explore::explore(s, under(Completion::book, Reclaim::leak));
  ASSERT_TRUE(r.failure);
  const std::string toml = explore::counterexample_toml(s, Completion::book, Reclaim::leak, *r.failure);
  auto loaded = scenario::parse_scenario(toml, "counterexample.toml");
  ASSERT_TRUE(std::holds_alternative<scenario::Scenario>(loaded)) << std::get<scenario::ScenarioError>(loaded).text();
  const auto& cx = std::get<scenario::Scenario>(loaded);
  EXPECT_FALSE(cx.script.empty());
  for (const auto& st : cx.script) EXPECT_TRUE(st.say && !st.say->empty());
  auto run = sim::start_run(cx);
  ASSERT_FALSE(sim::play(*run, std::nullopt));
  EXPECT_EQ(run->schedule(), r.failure->schedule);
  EXPECT_EQ(explore::judge(*run).kind, FailureKind::non_linearizable);
  ASSERT_TRUE(cx.expect.failure);
  EXPECT_EQ(cx.expect.failure->value, FailureKind::non_linearizable);
}

TEST(Explorer, SearchesAreDeterministic) {
  const auto s = library("08-paper-value-aba.toml");
  const auto a = explore::explore(s, under(Completion::paper, Reclaim::leak));
  const auto b = explore::explore(s, under(Completion::paper, Reclaim::leak));
  ASSERT_TRUE(a.failure && b.failure);
  EXPECT_EQ(a.executions, b.executions);
  EXPECT_EQ(a.failure->schedule, b.failure->schedule);
}


// A program of two threads whose race, under book + leak, needs three
// preemptions: B's pop clears a push's pending write unperformed.
scenario::Scenario three_preemption_race() {
  auto r = scenario::parse_scenario(R"(title = "three preemptions"
about = "x"
[vector]
completion = "book"
reclaim = "leak"
[[threads]]
name = "A"
ops = ["push 1", "push 2"]
[[threads]]
name = "B"
ops = ["pop", "push 3"]
)",
                                    "three.toml");
  if (auto* e = std::get_if<scenario::ScenarioError>(&r)) ADD_FAILURE() << e->text();
  return std::get<scenario::Scenario>(r);
}

TEST(Coverage, ABudgetStoppedSearchSaysWhatItCovered) {
  const auto s = library("07-book-clear-pending-race.toml");
  auto o = under(Completion::versioned, Reclaim::hazard);
  o.max_executions = 3000;
  const auto r = explore::explore(s, o);
  EXPECT_FALSE(r.failure);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.stop, explore::StopReason::budget);
  EXPECT_EQ(r.complete_bound, 2u);
  EXPECT_FALSE(r.unbounded_finished);
  EXPECT_EQ(r.executions, 3000u);
  const auto c = explore::coverage(r);
  EXPECT_GT(c.beyond_executions, 0u);
  EXPECT_LT(c.beyond_executions, 3000u);
  const std::string text = explore::coverage_text(c);
  EXPECT_NE(text.find("No failure within preemption bound 2 (3000 executions)"), std::string::npos) << text;
  EXPECT_NE(text.find("stopped at the execution budget"), std::string::npos) << text;
  EXPECT_EQ(text.find("complete:"), std::string::npos) << text;
  const nlohmann::json json = explore::coverage_json(c);
  EXPECT_EQ(json["stop"], "budget") << json;
  EXPECT_EQ(json["complete_bound"], 2) << json;
  EXPECT_EQ(json["unbounded_finished"], false) << json;
  EXPECT_EQ(explore::coverage_brief(c).rfind("no failure within preemption bound 2; beyond it ", 0), 0u)
      << explore::coverage_brief(c);
}

TEST(Coverage, ACompleteSearchSaysComplete) {
  const auto s = library("07-book-clear-pending-race.toml");
  const auto r = explore::explore(s, under(Completion::versioned, Reclaim::leak));
  ASSERT_TRUE(r.complete);
  EXPECT_EQ(r.stop, explore::StopReason::finished);
  EXPECT_TRUE(r.unbounded_finished);
  const auto c = explore::coverage(r);
  EXPECT_EQ(explore::coverage_brief(c), "complete");
  EXPECT_EQ(explore::coverage_text(c).rfind("No failure in any schedule", 0), 0u) << explore::coverage_text(c);
}

TEST(Coverage, ABoundedSearchNeverSaysAPlainNoFailure) {
  const auto s = library("07-book-clear-pending-race.toml");
  auto o = under(Completion::versioned, Reclaim::leak);
  o.preemption_limit = 1;
  const auto r = explore::explore(s, o);
  const std::string text = explore::coverage_text(explore::coverage(r));
  EXPECT_EQ(text.rfind("No failure within preemption bound 1 (", 0), 0u) << text;
  EXPECT_EQ(explore::coverage_brief(explore::coverage(r)), "bounded: every schedule with at most 1 preemption");
}

TEST(Coverage, AFailureNeedingThreePreemptionsIsFoundInTheUnboundedRound) {
  const auto s = three_preemption_race();
  const auto r = explore::explore(s, under(Completion::book, Reclaim::leak));
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->kind, FailureKind::non_linearizable);
  EXPECT_EQ(r.failure->preemptions, 3u);
  EXPECT_EQ(r.complete_bound, 2u);
  EXPECT_EQ(r.stop, explore::StopReason::failure);
  const std::string text = explore::coverage_text(explore::coverage(r));
  EXPECT_NE(text.find("needs 3 preemptions, and none needs fewer (no failure within preemption bound 2)"),
            std::string::npos)
      << text;
  expect_replays(s, Completion::book, Reclaim::leak, *r.failure);
}

TEST(Coverage, PctAtDepthFourFindsAThreePreemptionFailureThatDepthThreeCannot) {
  const auto s = three_preemption_race();
  auto o = under(Completion::book, Reclaim::leak);
  // Two threads, two change points: at most two preemptions, never three.
  o.pct = explore::PctOptions{3000, 1, 3};
  const auto shallow = explore::explore(s, o);
  EXPECT_FALSE(shallow.failure);
  EXPECT_EQ(shallow.executions, 3000u);
  const auto c = explore::coverage(shallow);
  EXPECT_EQ(c.pct_depth, 3u);
  EXPECT_GT(c.pct_per_run, 0);
  EXPECT_LT(c.pct_miss_bound, 1);
  EXPECT_NEAR(c.pct_per_run, 1.0 / (2.0 * double(c.pct_steps) * double(c.pct_steps)), 1e-12);
  EXPECT_NE(explore::coverage_text(c).find("miss it with probability at most"), std::string::npos);
  o.pct = explore::PctOptions{3000, 1, 4};
  const auto deep = explore::explore(s, o);
  ASSERT_TRUE(deep.failure);
  EXPECT_EQ(deep.failure->kind, FailureKind::non_linearizable);
  EXPECT_GE(deep.failure->preemptions, 3u);
  expect_replays(s, Completion::book, Reclaim::leak, *deep.failure);
  // The default depth follows the program's size: four operations, depth 5.
  EXPECT_EQ(explore::default_pct_depth(s), 5u);
}

TEST(Coverage, WantFindsTheKindAskedFor) {
  const auto s = library("07-book-clear-pending-race.toml");
  auto o = under(Completion::book, Reclaim::hazard);
  const auto first = explore::explore(s, o);
  ASSERT_TRUE(first.failure);
  EXPECT_EQ(first.failure->kind, FailureKind::use_after_free);
  o.want = FailureKind::non_linearizable;
  const auto wanted = explore::explore(s, o);
  ASSERT_TRUE(wanted.failure);
  EXPECT_EQ(wanted.failure->kind, FailureKind::non_linearizable);
  EXPECT_GT(wanted.failures_by_kind.at(FailureKind::use_after_free), 0u) << "the others are counted";
  expect_replays(s, Completion::book, Reclaim::hazard, *wanted.failure);
}

TEST(Narration, NamesTheReadThatMakesAResultWrong) {
  // A's write reads the descriptor, B's pop empties the vector, A writes on.
  auto loaded = scenario::parse_scenario(R"(title = "write raced by pop"
about = "x"
[vector]
completion = "book"
reclaim = "leak"
initial = [5]
[[threads]]
name = "A"
ops = ["write 0 1", "push 2"]
[[threads]]
name = "B"
ops = ["pop", "size"]
)",
                                         "write.toml");
  ASSERT_TRUE(std::holds_alternative<scenario::Scenario>(loaded));
  const auto& s = std::get<scenario::Scenario>(loaded);
  const auto r = explore::explore(s, under(Completion::book, Reclaim::leak));
  ASSERT_TRUE(r.failure);
  ASSERT_EQ(r.failure->kind, FailureKind::non_linearizable);
  bool names_it = false;
  for (const auto& n : r.failure->narration)
    names_it |= n.text.find("A's write 0 1: load descriptor") != std::string::npos &&
                n.text.find("B changes it at step") != std::string::npos;
  EXPECT_TRUE(names_it);
  // The verdict is marked, so a saved script says it after the steps, not in one.
  ASSERT_FALSE(r.failure->narration.empty());
  EXPECT_TRUE(r.failure->narration.back().verdict);
  const std::string toml = explore::counterexample_toml(s, Completion::book, Reclaim::leak, *r.failure);
  EXPECT_EQ(toml.find("Not linearizable"), std::string::npos);
}

TEST(Narration, NamesTheDoneReadInTheSizeRace) {
  // Unit 12's script: B's size loads D1.done: false while A's write is
  // pending; A sets it later. Narrated as a counterexample, B's run names
  // that read instead of "B runs N steps".
  const auto s = library("12-size-during-pending-write.toml");
  auto run = sim::start_run(s);
  ASSERT_FALSE(sim::play(*run, std::nullopt));
  explore::Counterexample cx;
  cx.kind = FailureKind::non_linearizable;
  cx.schedule = run->schedule();
  const auto narration = explore::narrate(s, s.completion, s.reclaim, cx);
  bool names_done = false;
  for (const auto& n : narration) names_done |= n.text.find("B's size: load D1.done: false") != std::string::npos;
  EXPECT_TRUE(names_done);
}

TEST(Narration, AValueIsNobodysOnlyIfNoPushBegunSoFarStoresIt) {
  // Unit 08 under book + free-now: B helps A's push 5 and pops the 5
  // before A's push has returned. A value pushed, just not yet returned.
  const auto aba = library("08-paper-value-aba.toml");
  const auto r = explore::explore(aba, under(Completion::book, Reclaim::free_now));
  ASSERT_TRUE(r.failure);
  bool pops_5 = false;
  for (const auto& n : r.failure->narration) {
    if (n.text.find("B's pop returns 5") == std::string::npos) continue;
    pops_5 = true;
    EXPECT_EQ(n.text.find("nobody pushed"), std::string::npos) << n.text;
  }
  EXPECT_TRUE(pops_5);
  // Unit 07's popped 0 is nobody's: the same words as the checker's "never pushed".
  const auto race = library("07-book-clear-pending-race.toml");
  const auto book = explore::explore(race, under(Completion::book, Reclaim::leak));
  ASSERT_TRUE(book.failure);
  EXPECT_NE(book.failure->message.find("never pushed"), std::string::npos) << book.failure->message;
  bool nobodys = false;
  for (const auto& n : book.failure->narration)
    nobodys |= n.text.find("returns 0, a value nobody pushed.") != std::string::npos;
  EXPECT_TRUE(nobodys);
}

}  // namespace
}  // namespace lfv::test
