// What each variant reaches, measured: every library scenario under every
// variant, played by its script, round-robin and 8 seeded random
// schedules, and every (action kind,
// target) pair its steps and heap events show is collected. The table in
// lfv/vector_reach.hpp must say exactly that set: no pair it calls
// impossible is ever seen (or a scenario would be refused that plays), and
// every pair it calls possible is seen somewhere (or it claims what the
// code no longer does).
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <set>
#include <utility>

#include "library_scenarios.hpp"

#include "lfv/records.hpp"
#include "lfv/sim/drive.hpp"
#include "lfv/sim/sim_env.hpp"
#include "lfv/vector_reach.hpp"

namespace lfv::test {
namespace {

using scenario::ActionKind;
using Pair = std::pair<ActionKind, Target>;

std::optional<Target> heap_target(sim::HeapKind k) {
  switch (k) {
    case sim::HeapKind::descriptor: return Target::descriptor;
    case sim::HeapKind::write_descriptor: return Target::pending;
    case sim::HeapKind::bucket: return Target::bucket;
    default: return std::nullopt;
  }
}

void collect(const sim::Run& run, std::set<Pair>& seen) {
  const sim::Log& log = run.log();
  for (const sim::StepEvent& e : log.steps) {
    // The simulator's own free and reclaim steps are counted as heap events.
    if (e.kind != ActionKind::free && e.kind != ActionKind::reclaim) seen.insert({e.kind, e.target});
    for (std::uint32_t h = e.heap_begin; h < e.heap_end; ++h)
      if (auto t = heap_target(run.object_kind(log.heap[h].object))) seen.insert({log.heap[h].kind, *t});
  }
}

constexpr ActionKind kKinds[] = {ActionKind::load,   ActionKind::store,   ActionKind::cas,  ActionKind::swap,
                                 ActionKind::read,   ActionKind::alloc,   ActionKind::retire,
                                 ActionKind::reclaim, ActionKind::free,   ActionKind::protect};
constexpr Target kTargets[] = {Target::descriptor, Target::pending, Target::slot, Target::bucket,
                               Target::hazard,     Target::done,    Target::field};

// Every library scenario under (c, r): played by its script, round-robin
// and 8 seeded random schedules; `fn` sees each finished run.
template <class Fn>
void for_each_library_run(Completion c, Reclaim r, Fn fn) {
  for (const auto& entry : std::filesystem::directory_iterator(LFV_SCENARIOS_DIR)) {
    if (entry.path().extension() != ".toml") continue;
    const auto s = library(entry.path().filename().string());
    auto scripted = sim::start_run(s, c, r);
    (void)sim::play(*scripted, std::nullopt);  // a script this variant cannot play stops early: fine
    fn(*scripted);
    auto round_robin = sim::start_run(s, c, r);
    sim::run_round_robin(*round_robin, 5000);
    fn(*round_robin);
    // And a few seeded random schedules, for the paths a script and
    // round-robin miss (a versioned pop that lost a race, then found
    // the vector empty, frees the descriptor it kept).
    for (unsigned seed = 1; seed <= 8; ++seed) {
      std::mt19937 rng(seed);
      auto random = sim::start_run(s, c, r);
      for (unsigned n = 0; n < 5000 && !random->stopped(); ++n) {
        std::vector<unsigned> ready;
        for (unsigned t = 0; t < random->thread_count(); ++t)
          if (random->runnable(t)) ready.push_back(t);
        if (ready.empty()) break;
        random->step(ready[rng() % ready.size()]);
      }
      fn(*random);
    }
  }
}

TEST(Reach, TheTableSaysExactlyWhatEachVariantDoes) {
  for (Completion c : kAllCompletions)
    for (Reclaim r : kAllReclaims) {
      std::set<Pair> seen;
      for_each_library_run(c, r, [&](const sim::Run& run) { collect(run, seen); });
      const std::string variant = std::string(name(c)) + " + " + std::string(name(r));
      for (ActionKind k : kKinds)
        for (Target t : kTargets) {
          const bool claimed = reaches(k, t, c, r), observed = seen.count({k, t}) > 0;
          const std::string pair = std::string(scenario::name(k)) + " " + std::string(scenario::target_name(t));
          if (observed) {
            EXPECT_TRUE(claimed) << variant << ": the library does \"" << pair << "\", which the table calls impossible"
                                 << unreachable_under(k, t, c, r).value_or("");
          } else {
            EXPECT_FALSE(claimed) << variant << ": the table says \"" << pair
                                  << "\" happens, but no library run does it";
          }
        }
    }
}

// The objects each variant's operations allocate, as its records say
// (Records<Env, C>::kAllocates), against what the library's runs allocate;
// the hazard domain adds its table under hazard only.
template <Completion C>
std::set<sim::HeapKind> claimed_allocations() {
  std::set<sim::HeapKind> out;
  for (ObjectKind k : Records<sim::SimEnv, C>::kAllocates) out.insert(sim::heap_kind(k));
  return out;
}

TEST(Reach, TheRecordsSayWhichObjectsEachVariantAllocates) {
  for (Completion c : kAllCompletions)
    for (Reclaim r : kAllReclaims) {
      std::set<sim::HeapKind> seen;
      for_each_library_run(c, r, [&](const sim::Run& run) {
        for (const sim::ObjectView& o : run.snapshot().objects) seen.insert(o.kind);
      });
      std::set<sim::HeapKind> claimed = c == Completion::book    ? claimed_allocations<Completion::book>()
                                        : c == Completion::paper ? claimed_allocations<Completion::paper>()
                                                                 : claimed_allocations<Completion::versioned>();
      claimed.insert(sim::HeapKind::vector);
      if (r == Reclaim::hazard) claimed.insert(sim::HeapKind::hazard_table);
      EXPECT_EQ(seen, claimed) << name(c) << " + " << name(r);
    }
}

}  // namespace
}  // namespace lfv::test
