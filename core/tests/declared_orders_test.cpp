// The table of declared orders (lfv/sim/declared_orders.hpp) against the
// code: every tagged atomic access of every library scenario, under every
// variant, runs with the order (and a CAS's failure order) the table gives
// its tag, in a variant the table's scope names; and the weakening steps
// verify-orders walks, per kind of access.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "library_scenarios.hpp"

#include "lfv/sim/declared_orders.hpp"
#include "lfv/sim/run.hpp"
#include "lfv/sim/weakening.hpp"

namespace lfv::test {
namespace {

using scenario::ActionKind;

std::optional<sim::OrderAccess> access_of(ActionKind k) {
  switch (k) {
    case ActionKind::load: return sim::OrderAccess::load;
    case ActionKind::store: return sim::OrderAccess::store;
    case ActionKind::cas:
    case ActionKind::swap: return sim::OrderAccess::rmw;
    default: return std::nullopt;
  }
}

TEST(DeclaredOrders, TheTableListsEveryTagInOrder) {
  const auto rows = sim::declared_orders();
  ASSERT_EQ(rows.size(), std::size_t(Order::count_) - 1);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(std::size_t(rows[i].tag), i + 1);
    EXPECT_EQ(&sim::declared(rows[i].tag), &rows[i]);
    EXPECT_FALSE(rows[i].what.empty());
  }
}

TEST(DeclaredOrders, EveryTaggedAccessRunsWithTheOrderTheTableDeclares) {
  // Per variant, the tags its runs reached.
  std::map<std::pair<Completion, Reclaim>, std::set<Order>> seen;
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(LFV_SCENARIOS_DIR)) {
    if (entry.path().extension() != ".toml") continue;
    const auto s = library(entry.path().filename().string());
    for (Completion c : kAllCompletions)
      for (Reclaim r : kAllReclaims) {
        // Round-robin by hand: the pending action is what the code asked
        // for (sc: nothing weakened), read before each step.
        auto run = sim::start_run(s, c, r);
        for (unsigned guard = 0; !run->finished() && guard < 5000; ++guard)
          for (unsigned t = 0; t < run->thread_count(); ++t) {
            if (!run->runnable(t)) continue;
            const sim::PendingAction* a = run->next_action(t);
            ASSERT_NE(a, nullptr);
            if (a->order != Order::none) {
              const sim::DeclaredOrder& d = sim::declared(a->order);
              const std::string where = entry.path().filename().string() + " " + std::string(name(c)) + "+" +
                                        std::string(name(r)) + " (" + std::string(name(a->order)) + ") " +
                                        std::string(text(a->action));
              EXPECT_EQ(d.carried_by, Order::none) << where << ": a tag the table says has no access of its own";
              EXPECT_EQ(access_of(a->kind), d.access) << where;
              EXPECT_EQ(a->memory_order, d.order) << where << ": " << sim::name(a->memory_order);
              if (a->kind == ActionKind::cas) {
                EXPECT_EQ(a->failure_order, d.failure) << where;
              }
              EXPECT_TRUE(sim::in_scope(d.scope, c, r)) << where << ": outside " << name(d.scope);
              seen[std::pair{c, r}].insert(a->order);
              ++checked;
            }
            run->step(t);
          }
      }
  }
  EXPECT_GT(checked, 1000u);
  // Each tag with accesses of its own is reached in every variant of its
  // scope; fences (H2, H4) are not steps, and H3 is V1's or V3's load.
  for (const sim::DeclaredOrder& d : sim::declared_orders()) {
    if (d.access == sim::OrderAccess::fence || d.carried_by != Order::none) continue;
    for (Completion c : kAllCompletions)
      for (Reclaim r : kAllReclaims)
        if (sim::in_scope(d.scope, c, r)) {
          EXPECT_TRUE((seen[std::pair{c, r}].count(d.tag)))
              << "(" << name(d.tag) << ") not reached under " << name(c) << " + " << name(r);
        }
  }
}

std::vector<std::memory_order> steps(Order tag) { return sim::weakening_steps(sim::declared(tag)); }

TEST(DeclaredOrders, WeakeningStepsGoDownOneStepAtATime) {
  using V = std::vector<std::memory_order>;
  constexpr auto relaxed = std::memory_order_relaxed, acquire = std::memory_order_acquire,
                 release = std::memory_order_release, acq_rel = std::memory_order_acq_rel;
  // Loads: acquire -> relaxed (a load's release half is nothing).
  for (Order o : {Order::V1, Order::V2, Order::V3, Order::V6, Order::W1, Order::H5})
    EXPECT_EQ(steps(o), V{relaxed}) << name(o);
  // Stores: release -> relaxed.
  for (Order o : {Order::W3, Order::W4, Order::B1, Order::H1, Order::H6}) EXPECT_EQ(steps(o), V{relaxed}) << name(o);
  // Read-modify-writes: acq_rel -> acquire, release -> relaxed.
  for (Order o : {Order::V4, Order::V5, Order::W2, Order::B2})
    EXPECT_EQ(steps(o), (V{acquire, release, relaxed})) << name(o);
  // Fences: seq_cst -> acq_rel -> acquire, release -> relaxed.
  for (Order o : {Order::H2, Order::H4}) EXPECT_EQ(steps(o), (V{acq_rel, acquire, release, relaxed})) << name(o);
  // Each step is what the weakening runs: weakening to it gives it.
  for (const sim::DeclaredOrder& d : sim::declared_orders())
    for (std::memory_order mo : sim::weakening_steps(d)) {
      sim::Weakening w;
      w.to[std::size_t(d.tag)] = mo;
      const std::memory_order got = w.apply(d.tag, d.order);
      if (d.access == sim::OrderAccess::rmw || d.access == sim::OrderAccess::fence) {
        EXPECT_EQ(got, mo) << name(d.tag);
      }
      EXPECT_NE(got, d.order) << name(d.tag) << ": a step that weakens nothing";
    }
}

TEST(DeclaredOrders, ScopesNameTheVariants) {
  EXPECT_TRUE(sim::in_scope(sim::OrderScope::hazard, Completion::versioned, Reclaim::hazard));
  EXPECT_FALSE(sim::in_scope(sim::OrderScope::hazard, Completion::versioned, Reclaim::leak));
  EXPECT_TRUE(sim::in_scope(sim::OrderScope::book_reclaims, Completion::book, Reclaim::free_now));
  EXPECT_FALSE(sim::in_scope(sim::OrderScope::book_reclaims, Completion::book, Reclaim::leak));
  EXPECT_FALSE(sim::in_scope(sim::OrderScope::not_book, Completion::book, Reclaim::hazard));
  EXPECT_TRUE(sim::in_scope(sim::OrderScope::not_versioned, Completion::book, Reclaim::leak));
  EXPECT_FALSE(sim::in_scope(sim::OrderScope::not_versioned, Completion::versioned, Reclaim::leak));
}

}  // namespace
}  // namespace lfv::test
