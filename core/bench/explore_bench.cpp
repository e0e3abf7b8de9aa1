// The explorer's figures: time to the first failure in the book's race,
// executions to exhaust a 2-thread library scenario with and without
// reduction, and executions per second on an exhaustive search, set against
// a plain replay of one execution in the same process.
#include <algorithm>
#include <chrono>
#include <cstdio>
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

explore::ExploreOptions options_for(const scenario::Scenario& s) {
  explore::ExploreOptions o;
  o.completion = s.completion;
  o.reclaim = s.reclaim;
  return o;
}

}  // namespace

int main() {
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
    const auto t0 = Clock::now();
    const auto r = explore::explore(s, o);
    const double secs = seconds_since(t0);
    auto probe = sim::start_run(s);
    sim::run_round_robin(*probe);
    const auto schedule = probe->schedule();
    const auto t1 = Clock::now();
    const int replays = 20'000;
    for (int i = 0; i < replays; ++i) (void)sim::replay(s, s.completion, s.reclaim, schedule);
    const double per_replay = seconds_since(t1) / replays;
    std::printf("exhaustive search of 11 (versioned + hazard): %llu executions in %.2f s = %.0f executions/s, "
                "complete: %s; one plain replay of a whole execution takes %.1f us, an execution in the search "
                "%.1f us (%.2fx)\n",
                (unsigned long long)r.executions, secs, r.executions / secs, r.complete ? "yes" : "no",
                per_replay * 1e6, secs / double(r.executions) * 1e6, secs / double(r.executions) / per_replay);
  }
}
