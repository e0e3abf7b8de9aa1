// Every action the algorithm takes is a typed name, and every atomic access
// carries the numbered memory-order choice its comment gives it. The
// expected tags below are written from the legends at the top of vector.hpp
// and hazard_domain.hpp, not from the code that sets them; every library
// scenario under every variant is run to its end and each event checked.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>
#include <map>
#include <set>

#include "library_scenarios.hpp"

#include "lfv/sim/drive.hpp"

namespace lfv::test {
namespace {

using scenario::ActionKind;

// The numbered choices each action may make (the legends' words):
// several, where one action is taken by more than one load or store.
const std::map<Action, std::set<Order>>& legend() {
  static const std::map<Action, std::set<Order>> m{
      {Action::load_descriptor, {Order::V1}},        // (V1); under hazard its validating load (H3)
      {Action::reload_descriptor, {Order::V1}},      // the book's re-load, (V1)
      {Action::descriptor_unchanged, {Order::V1}},   // read's re-check of the descriptor, (V1)
      {Action::swap_descriptor, {Order::V4}},        // the descriptor CAS
      {Action::load_pending, {Order::V3}},           // the book's pending pointer
      {Action::free_pending, {Order::V3}},
      {Action::clear_pending, {Order::B1, Order::B2}},  // leak: a store (B1); hazard: an exchange (B2)
      {Action::its_write_done, {Order::W1}},
      {Action::write_done, {Order::W1}},
      {Action::mark_write_done, {Order::W3}},
      {Action::perform_write, {Order::W2}},
      {Action::read_element, {Order::V2}},
      {Action::read_last_element, {Order::V2}},
      {Action::read_old_value, {Order::V2}},
      {Action::store_element, {Order::W4}},
      {Action::load_bucket, {Order::V6}},
      {Action::install_bucket, {Order::V5}},
      {Action::publish_hazard, {Order::H1}},
      {Action::clear_hazard, {Order::H6}},
      {Action::scan_hazard, {Order::H5}},
  };
  return m;
}

// Loads under hazard protection start with a relaxed guess, validated by
// the numbered load: the guess makes no numbered choice.
bool protected_guess(const sim::StepEvent& e, Reclaim r) {
  return r != Reclaim::leak && e.kind == ActionKind::load && e.order == Order::none &&
         (e.action == Action::load_descriptor || e.action == Action::reload_descriptor ||
          e.action == Action::load_pending);
}

TEST(Sites, EveryActionHasItsOwnTextAndTarget) {
  std::set<std::string_view> texts;
  for (const ActionInfo& a : kActions) {
    if (a.action == Action::unlabelled) continue;
    EXPECT_FALSE(a.text.empty()) << int(a.action);
    EXPECT_TRUE(texts.insert(a.text).second) << "two actions say \"" << a.text << "\"";
  }
  std::set<std::string_view> orders;
  for (std::size_t i = 1; i < std::size_t(Order::count_); ++i) EXPECT_TRUE(orders.insert(name(Order(i))).second);
}

TEST(Sites, EveryAtomicAccessCarriesItsNumberedOrder) {
  std::size_t checked = 0;
  std::set<Order> seen;
  for (const auto& entry : std::filesystem::directory_iterator(LFV_SCENARIOS_DIR)) {
    if (entry.path().extension() != ".toml") continue;
    const auto s = library(entry.path().filename().string());
    for (Completion c : {Completion::book, Completion::paper, Completion::versioned})
      for (Reclaim r : {Reclaim::leak, Reclaim::hazard, Reclaim::free_now}) {
        auto run = sim::start_run(s, c, r);
        sim::run_round_robin(*run, 5000);
        for (const sim::StepEvent& e : run->log().steps) {
          const std::string where = entry.path().filename().string() + " " + std::string(name(c)) + "+" +
                                    std::string(name(r)) + " step " + std::to_string(e.index) + " (" +
                                    std::string(text(e.action)) + ")";
          ASSERT_NE(e.action, Action::unlabelled) << where;
          EXPECT_EQ(target_of(e.action), e.target) << where;
          ++checked;
          if (e.kind == ActionKind::free || e.kind == ActionKind::reclaim || e.kind == ActionKind::read) {
            EXPECT_EQ(e.order, Order::none) << where << ": a plain access makes no memory-order choice";
            continue;
          }
          if (e.action == Action::construct || protected_guess(e, r)) continue;
          const auto it = legend().find(e.action);
          ASSERT_NE(it, legend().end()) << where << ": an atomic action the legend does not name";
          EXPECT_TRUE(it->second.count(e.order)) << where << " carries (" << name(e.order) << ")";
          seen.insert(e.order);
        }
      }
  }
  EXPECT_GT(checked, 5'000u);  // every scenario ran (about 7,300 events in all)
  // The library reaches every numbered choice of the two legends but the
  // fences (H2, H4), which are fences, not accesses, and (H3), which is the
  // validating load of (V1) and (V3).
  for (Order o : {Order::V1, Order::V2, Order::V3, Order::V4, Order::V5, Order::V6, Order::W1, Order::W2, Order::W3,
                  Order::W4, Order::B1, Order::B2, Order::H1, Order::H5, Order::H6})
    EXPECT_TRUE(seen.count(o)) << "no library run reaches (" << name(o) << ")";
}

// No code matches on a label, a field's name or an order's name: each is
// a type (site.hpp), and its text is only ever printed. Every source file
// of core/ and app/ is read, and every text of the tables is looked for as
// an operand of ==, !=, compare, find, starts_with or strcmp.
TEST(Sites, NoCodeComparesALabelOrAFieldName) {
  std::vector<std::string> texts;
  for (const ActionInfo& a : kActions)
    if (!a.text.empty()) texts.emplace_back(a.text);
  for (std::string_view f : kFieldNames) texts.emplace_back(f);
  for (std::string_view o : kOrderNames)
    if (!o.empty()) texts.emplace_back(o);
  std::size_t files = 0;
  for (const char* folder : {"core", "app"})
    for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(LFV_SOURCE_DIR) + "/" + folder)) {
      const std::string ext = e.path().extension().string();
      if (ext != ".cpp" && ext != ".hpp") continue;
      if (e.path().string().find("/tests/") != std::string::npos) continue;
      ++files;
      std::ifstream in(e.path());
      std::string line;
      for (unsigned n = 1; std::getline(in, line); ++n) {
        for (const std::string& t : texts) {
          const std::string q = "\"" + t + "\"";
          for (const std::string& pattern : {"== " + q, "!= " + q, q + " ==", q + " !=", "compare(" + q,
                                             "find(" + q, "starts_with(" + q})
            EXPECT_EQ(line.find(pattern), std::string::npos)
                << e.path() << ":" << n << " compares the text \"" << t << "\": " << line;
          EXPECT_FALSE(line.find("strcmp") != std::string::npos && line.find(q) != std::string::npos)
              << e.path() << ":" << n << " compares the text \"" << t << "\": " << line;
        }
      }
    }
  EXPECT_GT(files, 100u) << "the sources were not found under " << LFV_SOURCE_DIR;
}

}  // namespace
}  // namespace lfv::test
