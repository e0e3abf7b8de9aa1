// docs/memory-orders.md's pieces without the whole library: the document
// written and read back, a changed verdict flagged, seconds ignored, a
// listed counterexample replayed; and the command end to end on a one-unit
// library under small bounds (--out, then --check on the file, on a
// changed verdict and on a counterexample that no longer fails).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../orders_table.hpp"
#include "../verify_orders_command.hpp"

namespace lfv::app {
namespace {

std::vector<OrderRow> sample_rows() {
  OrderRow needed;
  needed.tag = Order::H2;
  needed.access = "fence";
  needed.declared = "seq_cst";
  needed.weakened = "relaxed";
  needed.weaken = "H2=relaxed";
  needed.verdict = OrderVerdict::needed;
  needed.unit = "03-two-pushers-race.toml";
  needed.kind = FailureKind::use_after_free;
  needed.schedule = "A*26 B~1 B B~1 B";
  needed.message = "B accesses D0, which was reclaimed";
  needed.search = "found at preemption bound 0, 10 executions";
  needed.file = "H2-relaxed-hazard.toml";
  needed.seconds = 0.01;
  OrderRow fine = needed;
  fine.file.clear();
  fine.tag = Order::H1;
  fine.access = "store";
  fine.declared = "release";
  fine.weaken = "H1=relaxed";
  fine.verdict = OrderVerdict::not_needed;
  fine.search = "1 unit runs it, 5 executions: 1 complete";
  OrderRow scope;
  scope.tag = Order::B1;
  scope.access = "store";
  scope.declared = "release";
  scope.weakened = "-";
  scope.verdict = OrderVerdict::out_of_scope;
  scope.search = "run only by book + leak";
  return {needed, fine, scope};
}

std::string sample_document(double seconds = 0.01) {
  auto rows = sample_rows();
  rows[0].seconds = seconds;
  return orders_document({{Completion::versioned, Reclaim::hazard, "03-two-pushers-race.toml", std::nullopt, "complete",
                          7, seconds}},
                         rows, {}, "scenarios",
                         "memory-orders");
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(OrdersTable, TheDocumentReadsBackItsVerdictsAndCounterexamples) {
  const ParsedOrders p = parse_orders_document(sample_document());
  ASSERT_EQ(p.verdicts.size(), 3u);
  EXPECT_EQ(p.verdicts[0].first, "versioned + hazard H2 relaxed");
  EXPECT_EQ(p.verdicts[0].second, "**needed**: unit 03 (03-two-pushers-race.toml) fails with use-after-free");
  EXPECT_EQ(p.verdicts[1].first, "versioned + hazard H1 relaxed");
  EXPECT_EQ(p.verdicts[1].second, "not needed in these scenarios");
  EXPECT_EQ(p.verdicts[2].first, "versioned + hazard B1 -");
  ASSERT_EQ(p.counterexamples.size(), 1u);
  EXPECT_EQ(p.counterexamples[0].weaken, "H2=relaxed");
  EXPECT_EQ(p.counterexamples[0].unit, "03-two-pushers-race.toml");
  EXPECT_EQ(p.counterexamples[0].kind, FailureKind::use_after_free);
  EXPECT_EQ(p.counterexamples[0].schedule, "A*26 B~1 B B~1 B");
  EXPECT_EQ(p.counterexamples[0].file, "H2-relaxed-hazard.toml");
  EXPECT_EQ(counterexample_file_name("V4=acq_rel", Reclaim::leak), "V4-acq_rel-leak.toml");
  EXPECT_TRUE(verdict_differences(p, p).empty());
}

TEST(OrdersTable, AChangedVerdictIsFlaggedByItsRow) {
  const std::string doc = sample_document();
  const ParsedOrders now = parse_orders_document(doc);
  const ParsedOrders was = parse_orders_document(
      replaced(doc, "| **needed**: unit 03 (03-two-pushers-race.toml) fails with use-after-free |",
               "| not needed in these scenarios |"));
  const auto d = verdict_differences(was, now);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].find("versioned + hazard H2 relaxed: was \"not needed in these scenarios\""), std::string::npos)
      << d[0];
  // A row gone, and a row that was not there.
  const ParsedOrders fewer = parse_orders_document(replaced(doc, "| H1 |", "| H6 |"));
  EXPECT_EQ(verdict_differences(fewer, now).size(), 2u);
}

TEST(OrdersTable, SecondsAsideTheDocumentIsTheSame) {
  EXPECT_NE(sample_document(0.01), sample_document(3.5));
  EXPECT_EQ(without_seconds(sample_document(0.01)), without_seconds(sample_document(3.5)));
  EXPECT_NE(without_seconds(sample_document()), without_seconds(replaced(sample_document(), "| 7 |", "| 8 |")));
}

TEST(OrdersTable, AListedCounterexampleReplays) {
  ListedCounterexample cx{Completion::versioned,      Reclaim::hazard,    "H2=relaxed", "03-two-pushers-race.toml",
                          FailureKind::use_after_free, "A*26 B~1 B B~1 B",
                          ""};
  EXPECT_EQ(replay_problem(LFV_SCENARIOS_DIR, cx), std::nullopt);
  // The same schedule with the fence declared: B's second stale read is not on offer.
  auto declared = cx;
  declared.weaken = "H1=relaxed";
  ASSERT_TRUE(replay_problem(LFV_SCENARIOS_DIR, declared).has_value());
  auto other_kind = cx;
  other_kind.kind = FailureKind::non_linearizable;
  const auto why = replay_problem(LFV_SCENARIOS_DIR, other_kind);
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("gives use-after-free, not non-linearizable"), std::string::npos) << *why;
  auto bad = cx;
  bad.schedule = "A*26 Q";
  EXPECT_TRUE(replay_problem(LFV_SCENARIOS_DIR, bad).has_value());
}

// The command on a one-unit library, bounds small enough for a unit test.
class VerifyOrdersRun : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("lfv-orders-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "scenarios");
    std::filesystem::copy_file(std::string(LFV_SCENARIOS_DIR) + "/03-two-pushers-race.toml",
                               dir_ / "scenarios" / "03-two-pushers-race.toml");
    c_.directory = (dir_ / "scenarios").string();
    c_.bounds = {0, 300};
    c_.workers = 2;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  int run(std::string* said = nullptr) {
    std::ostringstream out, err;
    const int status = run_verify_orders(c_, out, err);
    if (said) *said = out.str() + err.str();
    return status;
  }
  std::filesystem::path dir_;
  VerifyOrdersCommand c_;
};

TEST_F(VerifyOrdersRun, WritesThenChecksAndFlagsAChangedVerdict) {
  const std::string doc = (dir_ / "memory-orders.md").string();
  c_.out = doc;
  ASSERT_EQ(run(), 0);
  std::stringstream text;
  text << std::ifstream(doc).rdbuf();
  const std::string written = text.str();
  // The hazard fence pair: H2 weakened fails there at bound 0.
  ASSERT_NE(written.find("### H2=relaxed, versioned + hazard: 03-two-pushers-race.toml fails with use-after-free"),
            std::string::npos);
  c_.out.reset();
  c_.check = doc;
  std::string said;
  EXPECT_EQ(run(&said), 0) << said;
  EXPECT_NE(said.find("holds"), std::string::npos) << said;

  // A verdict changed by hand: exit 1, naming the row.
  const std::string needed = "| relaxed | **needed**: unit 03 (03-two-pushers-race.toml) fails with use-after-free |";
  std::ofstream(doc) << replaced(written, needed,
                                 "| relaxed | not needed in these scenarios |");
  EXPECT_EQ(run(&said), 1) << said;
  EXPECT_NE(said.find("changed: versioned + hazard H2 relaxed"), std::string::npos) << said;

  // The saved counterexample: there, and it checks (its [expect] names the failure).
  std::ofstream(doc) << written;
  const auto saved = dir_ / "memory-orders" / "H2-relaxed-hazard.toml";
  ASSERT_TRUE(std::filesystem::is_regular_file(saved));
  std::stringstream cx;
  cx << std::ifstream(saved).rdbuf();
  EXPECT_NE(cx.str().find("memory_model = \"c11\""), std::string::npos) << cx.str();
  EXPECT_NE(cx.str().find("H2 = \"relaxed\""), std::string::npos) << cx.str();
  // Edited by hand, or a file the document does not list: exit 1.
  std::ofstream(saved) << replaced(cx.str(), "use-after-free", "double-free");
  EXPECT_EQ(run(&said), 1) << said;
  EXPECT_NE(said.find("H2-relaxed-hazard.toml differs"), std::string::npos) << said;
  std::ofstream(saved) << cx.str();
  std::ofstream(dir_ / "memory-orders" / "V9-relaxed.toml") << cx.str();
  EXPECT_EQ(run(&said), 1) << said;
  EXPECT_NE(said.find("V9-relaxed.toml is not listed"), std::string::npos) << said;
  std::filesystem::remove(dir_ / "memory-orders" / "V9-relaxed.toml");
  EXPECT_EQ(run(&said), 0) << said;

  // A counterexample that no longer fails (its stale reads taken out): exit 1.
  std::ofstream(doc) << replaced(written, "--weaken H2=relaxed --schedule \"A*26 B~1 B B~1 B\"",
                                 "--weaken H2=relaxed --schedule \"A*26 B B B B\"");
  EXPECT_EQ(run(&said), 1) << said;
  EXPECT_NE(said.find("does not replay"), std::string::npos) << said;
}

TEST_F(VerifyOrdersRun, LeavesOutAUnitThatWeakensAnOrderItself) {
  std::stringstream unit;
  unit << std::ifstream(dir_ / "scenarios" / "03-two-pushers-race.toml").rdbuf();
  std::ofstream(dir_ / "scenarios" / "04-weakened.toml") << "memory_model = \"c11\"\n"
                                                         << unit.str() << "\n[orders]\nH2 = \"relaxed\"\n";
  const std::string doc = (dir_ / "memory-orders.md").string();
  c_.out = doc;
  std::string said;
  ASSERT_EQ(run(&said), 0) << said;
  std::stringstream text;
  text << std::ifstream(doc).rdbuf();
  EXPECT_NE(text.str().find("Left out: `04-weakened.toml`"), std::string::npos) << text.str();
  EXPECT_EQ(text.str().find("| 04-weakened.toml |"), std::string::npos);
}

TEST_F(VerifyOrdersRun, BadInputIsExit2) {
  c_.directory = (dir_ / "nothing-here").string();
  EXPECT_EQ(run(), 2);
  c_.directory = (dir_ / "scenarios").string();
  c_.check = (dir_ / "missing.md").string();
  EXPECT_EQ(run(), 2);
  std::filesystem::create_directories(dir_ / "empty");
  c_.check.reset();
  c_.directory = (dir_ / "empty").string();
  std::string said;
  EXPECT_EQ(run(&said), 2);
  EXPECT_NE(said.find("holds no scenario files"), std::string::npos) << said;
}

}  // namespace
}  // namespace lfv::app
