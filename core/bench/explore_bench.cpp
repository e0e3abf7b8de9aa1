// The explorer's figures: time to the first failure in the book's race,
// executions to exhaust a 2-thread library scenario with and without
// reduction, executions per second on an exhaustive search set against a
// plain replay of one execution in the same process, and the search of
// issue 10 against today's on three exhaustive searches, in the same run.
// Argument: the seconds each search of the comparison may take (60).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "lfv/explore/explorer.hpp"
#include "lfv/sim/drive.hpp"

#ifndef LFV_SCENARIOS_DIR
#error "LFV_SCENARIOS_DIR must name the scenario library"
#endif

namespace {

using namespace lfv;
using Clock = std::chrono::steady_clock;

scenario::Scenario load(const char* name) {
  auto r = scenario::load_scenario(std::string(LFV_SCENARIOS_DIR) + "/" + name);
  if (auto* e = std::get_if<scenario::ScenarioError>(&r)) {
    std::fprintf(stderr, "%s\n", e->text().c_str());
    std::exit(2);
  }
  return std::get<scenario::Scenario>(r);
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

scenario::Scenario inline_scenario(const char* toml) {
  auto r = scenario::parse_scenario(toml, "inline.toml");
  if (auto* e = std::get_if<scenario::ScenarioError>(&r)) {
    std::fprintf(stderr, "%s\n", e->text().c_str());
    std::exit(2);
  }
  return std::get<scenario::Scenario>(r);
}

// The reference's longer race (scenario 07's notes): 5 operations.
constexpr const char* kReferenceRace = R"(title = "the reference's 5-operation race"
[vector]
completion = "versioned"
reclaim = "hazard"
[[threads]]
name = "A"
ops = ["push 1", "push 3"]
[[threads]]
name = "B"
ops = ["push 2", "pop", "pop"]
)";

explore::ExploreOptions options_for(const scenario::Scenario& s) {
  explore::ExploreOptions o;
  o.completion = s.completion;
  o.reclaim = s.reclaim;
  return o;
}

}  // namespace

// One search, as the comparison prints it.
struct Figures {
  explore::ExploreResult r;
  const char* label;
};

void print(const Figures& f, const Figures* baseline) {
  const auto& r = f.r;
  std::printf("  %-28s %-9s %10llu executions %9llu traces %6.2f executions/trace %8.2f s %8.0f executions/s",
              f.label, r.complete ? "complete" : "CUT", (unsigned long long)r.executions, (unsigned long long)r.traces,
              r.executions_per_trace(), r.seconds, r.executions_per_second());
  if (baseline && baseline != &f) {
    const auto& b = baseline->r;
    std::printf("  | %s%.2fx the executions, time %s%.2fx", b.complete ? "" : "<", double(r.executions) / double(b.executions),
                b.complete ? "" : "<", r.seconds / b.seconds);
  }
  std::printf("\n");
}

void compare(double seconds_per_search) {
  struct Subject {
    const char* title;
    scenario::Scenario s;
  };
  const Subject subjects[] = {
      {"unit 11 (2 threads: 4 ops against 1)", load("11-versioned-survives.toml")},
      {"the reference's race (A: push 1, push 3; B: push 2, pop, pop)", inline_scenario(kReferenceRace)},
      {"unit 13 (3 threads, 1 op each)", load("13-three-threads.toml")},
  };
  std::printf("exhaustive searches under versioned + hazard, the search of issue 10 (old) against today's (new); "
              "each cut at %.0f s; traces: distinct happens-before orders among the executions (the old search's "
              "dependence has no operation order, so its traces are fewer)\n",
              seconds_per_search);
  for (const Subject& x : subjects) {
    std::printf("%s\n", x.title);
    explore::ExploreOptions o = options_for(x.s);
    o.completion = Completion::versioned;
    o.reclaim = Reclaim::hazard;
    o.count_traces = true;
    o.time_limit_seconds = seconds_per_search;
    explore::ExploreOptions old = o;
    old.precise_cas = old.split = old.op_order = old.state_cache = false;
    std::vector<Figures> f;
    f.push_back({explore::explore(x.s, old), "old (source-DPOR, 1 thread)"});
    for (unsigned w : {1u, 2u}) {
      o.workers = w;
      f.push_back({explore::explore(x.s, o), w == 1 ? "new, 1 worker" : "new, 2 workers"});
    }
    // State caching (off by default: it does not pay, docs/performance.md).
    explore::ExploreOptions cached = o;
    cached.state_cache = true;
    for (unsigned w : {1u, 2u}) {
      cached.workers = w;
      f.push_back({explore::explore(x.s, cached), w == 1 ? "cached, 1 worker" : "cached, 2 workers"});
    }
    for (const Figures& g : f) print(g, &f[0]);
  }
}

int main(int argc, char** argv) {
  // Each search of the comparison stops after this many seconds.
  const double seconds_per_search = argc > 1 ? std::atof(argv[1]) : 60;
  // 1. The book's race, found with no schedule given.
  {
    const auto s = load("07-book-clear-pending-race.toml");
    std::vector<double> times;
    explore::ExploreResult r;
    for (int i = 0; i < 15; ++i) {
      const auto t0 = Clock::now();
      r = explore::explore(s, options_for(s));
      times.push_back(seconds_since(t0));
    }
    std::sort(times.begin(), times.end());
    std::printf("book's clear-pending race (07, book + leak): first failure (%s) after %llu executions, "
                "median %.2f ms over %zu searches (goal: under 1 s)\n",
                r.failure ? std::string(name(r.failure->kind)).c_str() : "none",
                (unsigned long long)r.executions, times[times.size() / 2] * 1e3, times.size());
  }
  // 2. Exhausting a 2-thread scenario with and without reduction.
  for (Reclaim r : {Reclaim::leak, Reclaim::hazard}) {
    const auto s = load("12-size-during-pending-write.toml");
    explore::ExploreOptions with = options_for(s);
    with.reclaim = r;
    with.iterative_bounding = false;
    explore::ExploreOptions without = with;
    without.reduction = false;
    without.max_executions = 1'000'000;
    const auto a = explore::explore(s, with), b = explore::explore(s, without);
    std::printf("exhausting 12 (2 threads, versioned + %s): %llu executions with DPOR and sleep sets, %s%llu "
                "without (%s%.5f of them; goal: at most 0.2)\n",
                std::string(name(r)).c_str(), (unsigned long long)a.executions, b.complete ? "" : "more than ",
                (unsigned long long)b.executions, b.complete ? "" : "under ", double(a.executions) / double(b.executions));
  }
  // 3. Executions per second on an exhaustive search, against replays.
  {
    const auto s = load("11-versioned-survives.toml");
    explore::ExploreOptions o = options_for(s);
    const auto r = explore::explore(s, o);
    auto probe = sim::start_run(s);
    sim::run_round_robin(*probe);
    const auto schedule = probe->schedule();
    const auto t1 = Clock::now();
    const int replays = 20'000;
    for (int i = 0; i < replays; ++i) (void)sim::replay(s, s.completion, s.reclaim, schedule);
    const double per_replay = seconds_since(t1) / replays;
    std::printf("exhaustive search of 11 (versioned + hazard): %llu executions in %.2f s = %.0f executions/s, "
                "complete: %s; one plain replay of a whole execution takes %.1f us, an execution in the search "
                "%.1f us (%.2fx: %.1f steps run per execution, %.0f%% of them replays)\n",
                (unsigned long long)r.executions, r.seconds, r.executions_per_second(), r.complete ? "yes" : "no",
                per_replay * 1e6, r.seconds / double(r.executions) * 1e6, r.seconds / double(r.executions) / per_replay,
                double(r.steps) / double(r.executions), 100.0 * double(r.replayed_steps) / double(r.steps));
  }
  // 4. The search of issue 10 against today's, in this run: exhaustive
  // searches of unit 11, the reference's 5-operation race and unit 13.
  compare(seconds_per_search);
}
