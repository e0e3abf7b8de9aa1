// The search's reductions keep every outcome: on small generated programs
// under every variant, what the reduced search sees (failure kinds, and
// final histories with their real-time order and contents) is what plain
// enumeration of every schedule sees; and the results do not depend on
// the number of workers.
#include <gtest/gtest.h>

#include "library_scenarios.hpp"

#include <algorithm>
#include <mutex>
#include <random>
#include <set>
#include <sstream>

#include "lfv/explore/explorer.hpp"


namespace lfv::test {
namespace {

scenario::Scenario parse(const std::string& toml) {
  auto r = scenario::parse_scenario(toml, "generated.toml");
  if (auto* e = std::get_if<scenario::ScenarioError>(&r)) ADD_FAILURE() << e->text() << "\n" << toml;
  return std::get<scenario::Scenario>(r);
}

// A small program: 2 or 3 threads, each a few operations, on a vector of
// 0 to 2 elements. Fixed by `seed` (mt19937's outputs are the same everywhere).
std::string program(std::uint32_t seed, unsigned threads, unsigned max_ops) {
  std::mt19937 g(seed);
  const unsigned initial = g() % 3;
  std::ostringstream t;
  t << "title = \"generated " << seed << "\"\n[vector]\ninitial = [";
  for (unsigned i = 0; i < initial; ++i) t << (i ? ", " : "") << 7 + i;
  t << "]\n";
  for (unsigned th = 0; th < threads; ++th) {
    t << "[[threads]]\nname = \"" << char('A' + th) << "\"\nops = [";
    const unsigned ops = 1 + g() % max_ops;
    for (unsigned i = 0; i < ops; ++i) {
      t << (i ? ", " : "") << '"';
      switch (g() % 5) {
        case 0: t << "push " << 1 + th; break;
        case 1: t << "pop"; break;
        case 2: t << "size"; break;
        case 3: t << "read " << g() % 2; break;
        default: t << "write " << g() % 2 << " " << 4 + th; break;
      }
      t << '"';
    }
    t << "]\n";
  }
  return t.str();
}

// An execution as the verdict sees it: its failure kind, each operation's
// result, which returned before which was invoked, and the contents.
std::string outcome(const sim::Run& run) {
  std::ostringstream o;
  o << name(explore::judge(run).kind) << " |";
  std::vector<const sim::OpRecord*> ops;
  for (const auto& r : run.log().ops) ops.push_back(&r);
  std::sort(ops.begin(), ops.end(), [](auto* a, auto* b) { return std::pair(a->thread, a->index) < std::pair(b->thread, b->index); });
  for (const auto* r : ops) {
    o << " " << r->thread << "." << r->index << "="
      << (r->returned == sim::kNoStep ? std::string("-") : r->result.text());
    for (const auto* s : ops)
      if (r->returned != sim::kNoStep && s->invoked != sim::kNoStep && r->returned < s->invoked)
        o << "<" << s->thread << "." << s->index;
  }
  o << " |";
  for (auto v : run.contents()) o << " " << v;
  return o.str();
}

struct Seen {
  std::set<std::string> outcomes;
  bool complete = false;
  std::uint64_t executions = 0;
};

// Every outcome the search sees, with stop_at_first on (state caching
// needs it) but a `want` no execution gives, so it never stops early.
Seen collect(const scenario::Scenario& s, explore::ExploreOptions o) {
  Seen seen;
  std::mutex m;
  o.on_execution = [&](const sim::Run& run) {
    const std::string x = outcome(run);
    std::lock_guard lock(m);
    seen.outcomes.insert(x);
  };
  o.iterative_bounding = false;
  o.want = FailureKind::bad_input;
  const auto r = explore::explore(s, o);
  seen.complete = r.complete;
  seen.executions = r.executions;
  return seen;
}

// The verdicts among outcomes: each outcome starts with its failure kind.
std::set<std::string> kinds(const std::set<std::string>& outcomes) {
  std::set<std::string> out;
  for (const std::string& x : outcomes) out.insert(x.substr(0, x.find(' ')));
  return out;
}

explore::ExploreOptions variant(Completion c, Reclaim r) {
  explore::ExploreOptions o;
  o.completion = c;
  o.reclaim = r;
  return o;
}

const std::pair<Completion, Reclaim> kVariants[] = {
    {Completion::versioned, Reclaim::hazard}, {Completion::versioned, Reclaim::leak},
    {Completion::book, Reclaim::leak},        {Completion::paper, Reclaim::leak},
    {Completion::versioned, Reclaim::free_now},
};

void expect_same_outcomes(unsigned threads, unsigned max_ops, std::uint32_t seeds, unsigned at_least,
                          unsigned failing_at_least) {
  unsigned compared = 0, failing = 0, old_missed = 0;
  for (std::uint32_t seed = 1; seed <= seeds; ++seed) {
    const std::string toml = program(seed * 7919 + threads, threads, max_ops);
    const auto s = parse(toml);
    for (auto [c, r] : kVariants) {
      auto plain = variant(c, r);
      plain.reduction = false;
      plain.max_executions = 20'000;
      const Seen all = collect(s, plain);
      if (!all.complete) continue;  // too many schedules to enumerate here
      ++compared;
      failing += std::any_of(all.outcomes.begin(), all.outcomes.end(),
                             [](const std::string& x) { return x.rfind("none", 0) != 0; });
      const std::string what = toml + "under " + std::string(name(c)) + " + " + std::string(name(r));
      for (unsigned workers : {1u, 2u, 4u}) {
        auto o = variant(c, r);
        o.workers = workers;
        const Seen reduced = collect(s, o);
        EXPECT_TRUE(reduced.complete) << what;
        EXPECT_EQ(reduced.outcomes, all.outcomes) << what << " with " << workers << " workers";
        EXPECT_LE(reduced.executions, all.executions) << what;
      }
      // State caching cuts a path at a state whose future was searched,
      // though its past differs: it keeps every verdict, not every history.
      for (unsigned workers : {1u, 2u}) {
        auto cached = variant(c, r);
        cached.state_cache = true;
        cached.workers = workers;
        const Seen by_cache = collect(s, cached);
        EXPECT_TRUE(by_cache.complete) << what;
        EXPECT_EQ(kinds(by_cache.outcomes), kinds(all.outcomes)) << what << " with state caching";
        EXPECT_TRUE(std::includes(all.outcomes.begin(), all.outcomes.end(), by_cache.outcomes.begin(),
                                  by_cache.outcomes.end()))
            << what << " with state caching";
      }
      auto old = variant(c, r);
      old.precise_cas = old.split = old.op_order = false;
      // The old search may miss a real-time order (op_order), never a result.
      const Seen by_old = collect(s, old);
      EXPECT_TRUE(std::includes(all.outcomes.begin(), all.outcomes.end(), by_old.outcomes.begin(),
                                by_old.outcomes.end()))
          << what;
      old_missed += by_old.outcomes.size() < all.outcomes.size();
    }
  }
  EXPECT_GE(compared, at_least) << "too few programs small enough to enumerate";
  EXPECT_GE(failing, failing_at_least) << "too few programs with a failure to find";
  ::testing::Test::RecordProperty("compared", int(compared));
  ::testing::Test::RecordProperty("with_failures", int(failing));
  ::testing::Test::RecordProperty("old_search_missed_outcomes", int(old_missed));
}

// (Plain enumeration is the cost: programs with more than 20,000 schedules
// are skipped, and the counts below are how many are left.)
TEST(Search, ReductionKeepsEveryOutcomeOfTwoThreadsOfOneOperation) { expect_same_outcomes(2, 1, 12, 35, 3); }
TEST(Search, ReductionKeepsEveryOutcomeOfTwoThreadsOfUpToTwoOperations) { expect_same_outcomes(2, 2, 10, 12, 1); }
TEST(Search, ReductionKeepsEveryOutcomeOfThreeThreads) { expect_same_outcomes(3, 1, 8, 3, 0); }

// The verdict, the counterexample and the counts are the same for any
// number of workers: the unbounded round's tasks are merged in order.
TEST(Search, ResultsDoNotDependOnTheNumberOfWorkers) {
  struct Case {
    const char* file;
    Completion c;
    Reclaim r;
  };
  for (const Case& k : {Case{"11-versioned-survives.toml", Completion::paper, Reclaim::leak},
                        Case{"12-size-during-pending-write.toml", Completion::versioned, Reclaim::hazard},
                        Case{"07-book-clear-pending-race.toml", Completion::book, Reclaim::leak},
                        Case{"03-two-pushers-race.toml", Completion::versioned, Reclaim::free_now}}) {
    const auto s = library(k.file);
    for (bool bounded : {true, false}) {
      auto o = variant(k.c, k.r);
      o.iterative_bounding = bounded;  // unbounded: the failure is found in the split round
      o.workers = 1;
      const auto one = explore::explore(s, o);
      for (unsigned w : {2u, 4u}) {
        o.workers = w;
        const auto many = explore::explore(s, o);
        EXPECT_EQ(many.executions, one.executions) << k.file << " with " << w;
        EXPECT_EQ(many.complete, one.complete) << k.file;
        EXPECT_EQ(many.stop, one.stop) << k.file;
        ASSERT_EQ(bool(many.failure), bool(one.failure)) << k.file;
        if (one.failure) {
          EXPECT_EQ(many.failure->kind, one.failure->kind) << k.file;
          EXPECT_EQ(many.failure->schedule, one.failure->schedule) << k.file;
        }
      }
    }
  }
}

// The budget stops the split round where the search in order would.
TEST(Search, TheBudgetCutsTheSameExecutionsForAnyNumberOfWorkers) {
  const auto s = library("11-versioned-survives.toml");
  auto o = variant(Completion::versioned, Reclaim::hazard);
  o.iterative_bounding = false;
  o.max_executions = 5000;
  o.workers = 1;
  const auto one = explore::explore(s, o);
  o.workers = 2;
  const auto two = explore::explore(s, o);
  EXPECT_EQ(one.stop, explore::StopReason::budget);
  EXPECT_EQ(two.stop, explore::StopReason::budget);
  EXPECT_EQ(one.executions, 5000u);
  EXPECT_EQ(two.executions, 5000u);
  EXPECT_FALSE(one.complete || two.complete);
}

// A failing CAS only reads: the search explores each trace once, where the
// old one (a CAS always a write) explored many twice or more.
TEST(Search, ExploresEachTraceOnce) {
  const auto s = library("12-size-during-pending-write.toml");
  auto o = variant(Completion::versioned, Reclaim::hazard);
  o.iterative_bounding = false;
  o.count_traces = true;
  const auto r = explore::explore(s, o);
  ASSERT_TRUE(r.complete);
  EXPECT_EQ(r.traces, r.executions);
  EXPECT_GT(r.executions_per_second(), 0);
  EXPECT_DOUBLE_EQ(r.executions_per_trace(), 1.0);
}

}  // namespace
}  // namespace lfv::test
