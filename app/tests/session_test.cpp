// The app's Session without a window: playing, safe branching (undo, back
// to the script, round-robin off it) and the heads-up line's words.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "../gui/headsup.hpp"
#include "../gui/session.hpp"

namespace lfv::gui {
namespace {


// A session is not movable (it owns a search thread): load in place.
#define LOAD(s, unit) \
  Session s;          \
  ASSERT_TRUE(s.load(std::string(LFV_SCENARIOS_DIR) + "/" + unit)) << s.error()

TEST(SessionPlay, AdvancesByTimeAndStopsAtTheEnd) {
  LOAD(s, "01-single-push.toml");
  s.advance_play(10, 4);  // not playing: nothing moves
  EXPECT_EQ(s.position(), 0u);
  s.toggle_playing();
  s.advance_play(0.5, 4);  // 2 steps
  EXPECT_EQ(s.position(), 2u);
  s.advance_play(0.1, 4);  // 0.4 of a step owed
  EXPECT_EQ(s.position(), 2u);
  s.advance_play(0.15, 4);  // now a whole one
  EXPECT_EQ(s.position(), 3u);
  s.advance_play(1000, 4);
  EXPECT_EQ(s.position(), s.choices().size());
  EXPECT_FALSE(s.playing());  // stopped by itself at the end
}

// The first script stop of unit 07, and the thread the script does not run next there.
std::pair<std::size_t, unsigned> branch_point(const Session& s) {
  const std::size_t p = s.stops().front().step;
  return {p, s.choices()[p] == 0 ? 1u : 0u};
}

TEST(SessionBranching, AHandChoiceLeavesTheScriptAndRoundRobinGoesOn) {
  LOAD(s, "07-book-clear-pending-race.toml");
  const auto script = s.choices();
  const auto [p, other] = branch_point(s);
  s.go_to(p);
  EXPECT_FALSE(s.off_script());
  ASSERT_TRUE(s.step_thread(other));
  EXPECT_TRUE(s.off_script());
  EXPECT_EQ(s.leaves_script_at(), p);
  EXPECT_EQ(s.narration().rfind("Off the script: round-robin", 0), 0u) << s.narration();
  EXPECT_GT(s.choices().size(), p + 1);  // the rest is planned, not dropped
  EXPECT_FALSE(s.can_go_back_to_script());  // the step taken is not the script's
  EXPECT_FALSE(s.back_to_script());
  s.next_stop();  // Right: on to the end, round-robin
  EXPECT_TRUE(s.run().finished());
  EXPECT_EQ(s.position(), s.choices().size());
  EXPECT_EQ(heads_up(s).script, "off the script: round-robin");

  ASSERT_TRUE(s.undo_choice());  // the timeline before the hand choice
  EXPECT_EQ(s.position(), p);
  EXPECT_EQ(s.choices(), script);
  EXPECT_FALSE(s.off_script());
  EXPECT_FALSE(s.leaves_script_at());
  EXPECT_FALSE(s.undo_choice());  // nothing more to undo
}

TEST(SessionBranching, BackToTheScriptWhereTheStepsSoFarAreTheScripts) {
  LOAD(s, "07-book-clear-pending-race.toml");
  const auto script = s.choices();
  const auto stops = s.stops().size();
  const auto [p, other] = branch_point(s);
  s.go_to(p);
  ASSERT_TRUE(s.step_thread(other));
  s.go_to(p - 1);  // before the hand choice: the steps so far are the script's
  EXPECT_FALSE(s.off_script());
  ASSERT_TRUE(s.can_go_back_to_script());
  ASSERT_TRUE(s.back_to_script());
  EXPECT_EQ(s.position(), p - 1);
  EXPECT_EQ(s.choices(), script);
  EXPECT_EQ(s.stops().size(), stops);
  EXPECT_FALSE(s.can_go_back_to_script());  // on it already
  s.next_stop();
  EXPECT_EQ(s.position(), p);  // the script's own stop again
}

TEST(SessionBranching, TheScriptsOwnChoiceStaysOnIt) {
  LOAD(s, "07-book-clear-pending-race.toml");
  const auto script = s.choices();
  ASSERT_TRUE(s.step_thread(script[0]));
  EXPECT_EQ(s.choices(), script);
  EXPECT_FALSE(s.off_script());
  ASSERT_TRUE(s.undo_choice());
  EXPECT_EQ(s.position(), 0u);
}

TEST(HeadsUp, SaysVariantPositionEventAndVerdict) {
  LOAD(s, "07-book-clear-pending-race.toml");
  HeadsUp h = heads_up(s);
  EXPECT_EQ(h.variant, "book + leak");
  EXPECT_FALSE(h.defect.empty());  // deliberately broken
  EXPECT_EQ(h.event, "");
  EXPECT_EQ(h.script, "script step 0 of " + std::to_string(s.scenario().script.size()));
  s.go_to(s.choices().size());
  h = heads_up(s);
  EXPECT_EQ(h.position, "step " + std::to_string(s.choices().size()) + " of " + std::to_string(s.choices().size()));
  EXPECT_TRUE(h.verdict_is_failure);
  EXPECT_EQ(h.verdict.rfind("non-linearizable", 0), 0u) << h.verdict;
  const auto& last = s.run().log().steps.back();
  EXPECT_EQ(h.event.rfind(s.run().thread_name(last.thread) + ": ", 0), 0u) << h.event;
  std::ostringstream out;
  dump(h, out);
  EXPECT_NE(out.str().find("headsup broken=1\n"), std::string::npos) << out.str();
}

TEST(HeadsUp, AFailedCasSaysWhatItFound) {
  LOAD(s, "03-two-pushers-race.toml");
  for (std::size_t k = 1; k <= s.choices().size(); ++k) {
    s.go_to(k);
    const auto& e = s.run().log().steps.back();
    if (e.kind == scenario::ActionKind::cas && !e.success) {
      const std::string ev = heads_up(s).event;
      EXPECT_NE(ev.find("FAILED, found"), std::string::npos) << ev;
      return;
    }
  }
  FAIL() << "unit 03's script has no failed CAS";
}

TEST(HeadsUp, ExploreWithoutAFailureSaysHowManyExecutions) {
  LOAD(s, "01-single-push.toml");
  EXPECT_EQ(heads_up(s).defect, "");
  EXPECT_EQ(heads_up(s).verdict, "");
  s.start_explore();
  for (int i = 0; i < 6000 && (s.exploring() || !s.explore_coverage()); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    s.poll_explore();
  }
  const HeadsUp h = heads_up(s);
  EXPECT_EQ(h.verdict.rfind("no failure in ", 0), 0u) << h.verdict;
  EXPECT_NE(h.verdict.find("executions (complete)"), std::string::npos) << h.verdict;
  EXPECT_FALSE(h.verdict_is_failure);
}

// The app explores on every core (ExploreOptions::workers 0): cancelled in
// the unbounded round of a search too big to finish here (unit 13: 1.5
// million executions), it stops, and says what it covered, not "no failure".
TEST(HeadsUp, ExploreOnEveryCoreStopsWhenCancelled) {
  LOAD(s, "13-three-threads.toml");
  s.start_explore();
  // Past the bounded rounds (about 4,300 executions at bound 2).
  for (int i = 0; i < 6000 && s.exploring() && s.explore_executions() < 20000; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(s.exploring()) << "the search ended before it could be cancelled";
  s.cancel_explore();
  EXPECT_FALSE(s.exploring());
  ASSERT_TRUE(s.explore_coverage().has_value());
  EXPECT_EQ(s.explore_coverage()->stop, explore::StopReason::cancelled) << s.explore_status();
  EXPECT_NE(s.explore_status().find("cancelled"), std::string::npos) << s.explore_status();
  EXPECT_EQ(s.explore_status().find("complete:"), std::string::npos) << s.explore_status();
}

// The order the first pending access tagged `tag` runs with, stepping the
// session on; none when no thread reaches one.
std::optional<std::memory_order> pending_order(Session& s, Order tag) {
  s.reset();
  for (std::size_t k = 0; k <= s.choices().size(); ++k) {
    s.go_to(k);
    for (unsigned t = 0; t < s.run().thread_count(); ++t)
      if (const sim::PendingAction* a = s.run().next_action(t); a && a->order == tag) return a->memory_order;
  }
  return std::nullopt;
}

TEST(SessionOrders, WeakeningAnOrderRebuildsTheRunWithIt) {
  LOAD(s, "01-single-push.toml");  // sc
  EXPECT_NE(s.weaken_order(Order::V1, std::memory_order_relaxed), std::nullopt);  // under sc: refused
  EXPECT_FALSE(s.memory().weaken.any());
  s.set_memory_model(sim::MemoryModel::c11);
  EXPECT_EQ(s.memory().memory_model, sim::MemoryModel::c11);
  EXPECT_EQ(pending_order(s, Order::V1), std::memory_order_acquire);
  s.go_to(2);
  const auto generation = s.generation();
  EXPECT_EQ(s.weaken_order(Order::V1, std::memory_order_relaxed), std::nullopt);
  EXPECT_GT(s.generation(), generation);  // a new run
  EXPECT_EQ(s.position(), 2u);            // at the same place
  EXPECT_TRUE(s.orders_weakened());
  EXPECT_EQ(s.memory().weaken.text(), "V1=relaxed");
  EXPECT_EQ(s.run().memory_model(), sim::MemoryModel::c11);
  EXPECT_EQ(pending_order(s, Order::V1), std::memory_order_relaxed);
  EXPECT_NE(heads_up(s).defect.find("orders weakened: V1=relaxed"), std::string::npos) << heads_up(s).defect;
  // Back to the declared order: that tag is no longer weakened.
  EXPECT_EQ(s.weaken_order(Order::V1, std::memory_order_acquire), std::nullopt);
  EXPECT_FALSE(s.orders_weakened());
  EXPECT_EQ(pending_order(s, Order::V1), std::memory_order_acquire);
  // Back to sc: nothing weakened.
  EXPECT_EQ(s.weaken_order(Order::V4, std::memory_order_release), std::nullopt);
  s.set_memory_model(sim::MemoryModel::sc);
  EXPECT_FALSE(s.memory().weaken.any());
}

TEST(SessionOrders, AStrongerOrderThanDeclaredIsRefused) {
  LOAD(s, "19-c11-relaxed-descriptor-load-data-race.toml");  // c11, V1 relaxed by the file
  ASSERT_EQ(s.memory().weaken.text(), "V1=relaxed");
  const auto generation = s.generation();
  const auto why = s.weaken_order(Order::V1, std::memory_order_seq_cst);
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("(V1) declares acquire: seq_cst is not weaker"), std::string::npos) << *why;
  EXPECT_NE(why->find("never strengthened past what the code declares"), std::string::npos) << *why;
  // A store's acquire is no weakening of its release either; nothing changed.
  EXPECT_TRUE(s.weaken_order(Order::W3, std::memory_order_acquire));
  EXPECT_EQ(s.generation(), generation);
  EXPECT_EQ(s.memory().weaken.text(), "V1=relaxed");
  // A tag outside the variant (V3: book only), and one with no access of its own.
  const auto outside = s.weaken_order(Order::V3, std::memory_order_relaxed);
  ASSERT_TRUE(outside);
  EXPECT_NE(outside->find("not in this variant's code"), std::string::npos) << *outside;
  EXPECT_TRUE(s.weaken_order(Order::H3, std::memory_order_relaxed));
  EXPECT_TRUE(s.weaken_order(Order::none, std::memory_order_relaxed));
  // Each weakening step is taken.
  EXPECT_EQ(s.weaken_order(Order::V4, std::memory_order_acquire), std::nullopt);
  EXPECT_EQ(s.memory().weaken.text(), "V1=relaxed V4=acquire");
}

TEST(SessionOrders, RestoreClearsEveryWeakening) {
  LOAD(s, "21-c11-hazard-fences-removed.toml");  // H2 and H4 relaxed by the file
  ASSERT_TRUE(s.orders_weakened());
  s.go_to(s.choices().size());
  ASSERT_TRUE(s.snapshot().failure);  // the use-after-free the unit shows
  s.restore_declared_orders();
  EXPECT_FALSE(s.orders_weakened());
  EXPECT_EQ(s.memory().memory_model, sim::MemoryModel::c11);
  EXPECT_EQ(heads_up(s).defect, "");
  s.go_to(s.choices().size());
  EXPECT_FALSE(s.snapshot().failure) << s.snapshot().failure->message;  // the fences hold
  // A new load takes the file's orders again.
  ASSERT_TRUE(s.load(s.path()));
  EXPECT_EQ(s.memory().weaken.text(), "H2=relaxed H4=relaxed");
}

TEST(SessionOrders, ANewVariantKeepsTheWeakeningsItsCodeHasAndDropsTheOthers) {
  LOAD(s, "19-c11-relaxed-descriptor-load-data-race.toml");  // versioned + hazard, V1 relaxed by the file
  ASSERT_EQ(s.memory().weaken.text(), "V1=relaxed");
  s.set_variant(Completion::book, Reclaim::hazard);
  EXPECT_EQ(s.notice(), "");  // V1 is in the book's code too: nothing dropped, nothing said
  EXPECT_EQ(s.memory().weaken.text(), "V1=relaxed");
  // V3 (book only) and W4 (book, paper).
  ASSERT_EQ(s.weaken_order(Order::V3, std::memory_order_relaxed), std::nullopt);
  ASSERT_EQ(s.weaken_order(Order::W4, std::memory_order_relaxed), std::nullopt);
  ASSERT_EQ(s.memory().weaken.text(), "V1=relaxed V3=relaxed W4=relaxed");
  s.set_variant(Completion::paper, Reclaim::hazard);  // W4 is in the paper's code, V3 is not
  EXPECT_EQ(s.memory().weaken.text(), "V1=relaxed W4=relaxed");
  EXPECT_EQ(s.take_notice(), "weakening dropped: V3=relaxed (not in paper + hazard's code); kept: V1=relaxed W4=relaxed");
  EXPECT_EQ(s.notice(), "");  // said once
  EXPECT_EQ(pending_order(s, Order::V1), std::memory_order_relaxed);  // the run takes the kept one
  EXPECT_NE(heads_up(s).defect.find("orders weakened: V1=relaxed W4=relaxed"), std::string::npos) << heads_up(s).defect;
  s.set_variant(Completion::versioned, Reclaim::hazard);
  EXPECT_EQ(s.memory().weaken.text(), "V1=relaxed");
  EXPECT_EQ(s.take_notice(), "weakening dropped: W4=relaxed (not in versioned + hazard's code); kept: V1=relaxed");
  // Back to the book: the dropped ones stay dropped.
  s.set_variant(Completion::book, Reclaim::hazard);
  EXPECT_EQ(s.memory().weaken.text(), "V1=relaxed");
  EXPECT_EQ(s.notice(), "");
}

TEST(SessionOrders, DroppingTheLastWeakeningLeavesTheDeclaredOrders) {
  LOAD(s, "19-c11-relaxed-descriptor-load-data-race.toml");
  s.restore_declared_orders();
  s.set_variant(Completion::book, Reclaim::hazard);
  ASSERT_EQ(s.weaken_order(Order::V3, std::memory_order_relaxed), std::nullopt);
  ASSERT_TRUE(s.orders_weakened());
  s.set_variant(Completion::versioned, Reclaim::hazard);
  EXPECT_FALSE(s.orders_weakened());  // no longer "deliberately broken" by an order it does not run
  EXPECT_EQ(heads_up(s).weakened, "");
  EXPECT_EQ(s.take_notice(), "weakening dropped: V3=relaxed (not in versioned + hazard's code)");
}

}  // namespace
}  // namespace lfv::gui
