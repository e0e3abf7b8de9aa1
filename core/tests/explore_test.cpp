// The explorer finds the book's and the paper's bugs and free-now's
// use-after-free with no schedule given, finds nothing wrong with the
// repaired design, and saves counterexamples that replay to the same failure.
#include <gtest/gtest.h>

#include "lfv/explore/explorer.hpp"
#include "lfv/sim/drive.hpp"

#ifndef LFV_SCENARIOS_DIR
#error "LFV_SCENARIOS_DIR must name the scenario library"
#endif

namespace lfv::test {
namespace {

scenario::Scenario library(const std::string& name) {
  auto r = scenario::load_scenario(std::string(LFV_SCENARIOS_DIR) + "/" + name);
  if (auto* e = std::get_if<scenario::ScenarioError>(&r)) ADD_FAILURE() << e->text();
  return std::get<scenario::Scenario>(r);
}

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

scenario::Scenario inline_scenario(const std::string& toml) {
  auto r = scenario::parse_scenario(toml, "inline.toml");
  if (auto* e = std::get_if<scenario::ScenarioError>(&r)) ADD_FAILURE() << e->text();
  return std::get<scenario::Scenario>(r);
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

}  // namespace
}  // namespace lfv::test
