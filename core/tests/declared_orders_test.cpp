// The table of declared orders (lfv/sim/declared_orders.hpp) against the
// code: every tagged atomic access of every library scenario, under every
// variant, runs with the order (and a CAS's failure order) the table gives
// its tag, in a variant the table's scope names; and the weakening steps
// verify-orders walks, per kind of access; and the pairings, against the
// legends of vector.hpp and hazard_domain.hpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

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

// A source's legend entry per tag: the comment lines from "//   (TAG)" to
// the next entry; and whether the file has a call commented "// (TAG)".
struct Legend {
  std::map<Order, std::string> entry;
  std::set<Order> tagged_call;
};

std::optional<Order> tag_named(std::string_view s) {
  for (std::size_t i = 1; i < kOrderNames.size(); ++i)
    if (kOrderNames[i] == s) return Order(i);
  return std::nullopt;
}

Legend read_legend(const std::string& file) {
  Legend out;
  std::ifstream in(std::string(LFV_SOURCE_DIR) + "/core/include/lfv/" + file);
  std::string line;
  std::optional<Order> open;
  while (std::getline(in, line)) {
    const std::size_t lead = line.find_first_not_of(' ');
    const bool comment = lead != std::string::npos && line.compare(lead, 2, "//") == 0;
    if (!comment) open.reset();
    if (comment && line.size() > 8 && line.compare(lead, 6, "//   (") == 0 && line[lead + 8] == ')')
      open = tag_named(std::string_view(line).substr(lead + 6, 2));
    if (open) out.entry[*open] += line + "\n";
    for (std::size_t i = 1; i < kOrderNames.size(); ++i)
      if (!comment && line.find("// (" + std::string(kOrderNames[i]) + ")") != std::string::npos)
        out.tagged_call.insert(Order(i));
  }
  return out;
}

// What is wrong with the table's pairings: a tag that is none or unknown,
// an order paired with itself, a pairing its legend entry does not name, a
// pairing not returned by the other side.
std::vector<std::string> pairing_problems(std::span<const sim::DeclaredOrder> rows) {
  std::vector<std::string> out;
  std::map<std::string, Legend> legends;
  auto row_of = [&](Order t) -> const sim::DeclaredOrder* {
    for (const auto& r : rows)
      if (r.tag == t) return &r;
    return nullptr;
  };
  for (const sim::DeclaredOrder& d : rows) {
    const std::string me = "(" + std::string(name(d.tag)) + ")";
    if (!legends.count(std::string(d.file))) legends[std::string(d.file)] = read_legend(std::string(d.file));
    const Legend& legend = legends[std::string(d.file)];
    if (!legend.entry.count(d.tag)) out.push_back(me + ": no legend entry in " + std::string(d.file));
    if (!legend.tagged_call.count(d.tag)) out.push_back(me + ": no call commented " + me + " in " + std::string(d.file));
    bool any = false;
    for (Order p : d.pairs_with) {
      if (p == Order::none) continue;
      any = true;
      const sim::DeclaredOrder* other = std::size_t(p) < std::size_t(Order::count_) ? row_of(p) : nullptr;
      if (!other) {
        out.push_back(me + " pairs with a tag that does not exist (" + std::to_string(int(p)) + ")");
        continue;
      }
      const std::string them = "(" + std::string(name(p)) + ")";
      if (p == d.tag) out.push_back(me + " pairs with itself");
      const auto e = legend.entry.find(d.tag);
      if (e != legend.entry.end() && e->second.find(them) == std::string::npos)
        out.push_back(me + " pairs with " + them + ", which its legend entry does not name");
      if (std::find(other->pairs_with.begin(), other->pairs_with.end(), d.tag) == other->pairs_with.end())
        out.push_back(me + " pairs with " + them + " but " + them + " does not pair with " + me);
    }
    if (!any) out.push_back(me + " pairs with nothing");
  }
  return out;
}

TEST(DeclaredOrders, PairingsAreNamedByTheLegendsAndMutual) {
  const auto problems = pairing_problems(sim::declared_orders());
  for (const std::string& p : problems) ADD_FAILURE() << p;
  EXPECT_TRUE(problems.empty());
}

TEST(DeclaredOrders, ThePairingCheckCatchesABadTable) {
  std::vector<sim::DeclaredOrder> rows(sim::declared_orders().begin(), sim::declared_orders().end());
  rows[std::size_t(Order::V5) - 1].pairs_with = {Order::V6, Order(99)};  // no such tag
  rows[std::size_t(Order::W1) - 1].pairs_with = {Order::W3, Order::V2};  // V2 does not pair back, nor is it named
  const auto problems = pairing_problems(rows);
  auto has = [&](const std::string& text) {
    return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) { return p == text; });
  };
  EXPECT_TRUE(has("(V5) pairs with a tag that does not exist (99)"));
  EXPECT_TRUE(has("(W1) pairs with (V2) but (V2) does not pair with (W1)"));
  EXPECT_TRUE(has("(W1) pairs with (V2), which its legend entry does not name"));
  EXPECT_EQ(problems.size(), 3u);
}

}  // namespace
}  // namespace lfv::test
