// The linearizability checker on hand-made histories: ones that are, ones
// that are not (wrong values, LIFO order, lost pushes, real-time order),
// incomplete operations, the verdict's contents, the book bug as our
// simulator logged it, and a cross-check against brute force.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "lfv/check/linearizability.hpp"
#include "lfv/sim/log.hpp"

namespace lfv::check {
namespace {

constexpr std::uint64_t kPending = ~std::uint64_t(0);

scenario::Op parse(const std::string& text) {
  std::string why;
  auto op = scenario::parse_op(text, &why);
  EXPECT_TRUE(op) << text << ": " << why;
  return op.value_or(scenario::Op{});
}

using scenario::OpResult;

// A result as a scenario file writes it: "ok", "empty", "out-of-range" or a number.
OpResult res(std::string_view text) {
  const std::optional<OpResult> r = scenario::parse_result(text);
  EXPECT_TRUE(r) << text;
  return r.value_or(OpResult{});
}

HistoryOp op(unsigned thread, const std::string& text, std::string_view result, std::uint64_t invoked,
             std::uint64_t returned) {
  return {thread, parse(text), res(result), invoked, returned, true};
}

HistoryOp pending(unsigned thread, const std::string& text, std::uint64_t invoked) {
  return {thread, parse(text), {}, invoked, kPending, false};
}

// An order is a valid linearization: each complete op once, program order,
// real time, every complete op's result, and the final contents.
::testing::AssertionResult valid_order(const std::vector<HistoryOp>& h, const std::vector<std::size_t>& order,
                                       const CheckOptions& o, bool whole) {
  std::vector<bool> seen(h.size());
  std::vector<std::uint64_t> c = o.initial;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    if (i >= h.size() || seen[i]) return ::testing::AssertionFailure() << "op " << i << " twice or unknown";
    seen[i] = true;
    for (std::size_t j = 0; j < i; ++j)  // earlier ops of the thread: placed, or incomplete and left out
      if (h[j].thread == h[i].thread && !seen[j] && h[j].complete)
        return ::testing::AssertionFailure() << "op " << i << " before op " << j << " of its thread";
    for (std::size_t l = k + 1; l < order.size(); ++l) {
      const HistoryOp& later = h[order[l]];
      // Under happens_before, written out here apart from the checker's own test of it.
      const bool precedes =
          o.happens_before
              ? later.thread != h[i].thread && later.thread < h[i].invoked_clock.size() &&
                    h[i].invoked_clock[later.thread] >= later.returned_epoch
              : later.returned < h[i].invoked;
      if (later.complete && precedes)
        return ::testing::AssertionFailure() << "op " << order[l] << " returned before op " << i << " began";
    }
    const OpResult r = apply_sequential(c, h[i].op);
    if (h[i].complete && r != h[i].result)
      return ::testing::AssertionFailure() << "op " << i << " gives " << r.text() << ", not " << h[i].result.text();
  }
  if (!whole) return ::testing::AssertionSuccess();
  for (std::size_t i = 0; i < h.size(); ++i)
    if (h[i].complete && !seen[i]) return ::testing::AssertionFailure() << "op " << i << " missing";
  if (o.final_contents && c != *o.final_contents)
    return ::testing::AssertionFailure() << "wrong final contents";
  return ::testing::AssertionSuccess();
}

Verdict expect_linearizable(const std::vector<HistoryOp>& h, const CheckOptions& o = {}) {
  Verdict v = check_linearizable(h, o);
  EXPECT_TRUE(v.linearizable) << v.explanation;
  EXPECT_TRUE(valid_order(h, v.witness, o, true));
  EXPECT_FALSE(v.explanation.empty());
  EXPECT_FALSE(v.first_bad);
  return v;
}

Verdict expect_not_linearizable(const std::vector<HistoryOp>& h, const CheckOptions& o = {}) {
  Verdict v = check_linearizable(h, o);
  EXPECT_FALSE(v.linearizable);
  EXPECT_TRUE(v.witness.empty());
  EXPECT_TRUE(valid_order(h, v.longest_prefix, o, false));
  EXPECT_FALSE(v.explanation.empty());
  if (v.first_bad) {
    EXPECT_EQ(std::count(v.longest_prefix.begin(), v.longest_prefix.end(), *v.first_bad), 0);
  }
  return v;
}

TEST(SequentialModel, GivesTheDocumentedResults) {
  std::vector<std::uint64_t> c{4};
  EXPECT_EQ(apply_sequential(c, parse("push 5")).text(), "ok");
  EXPECT_EQ(apply_sequential(c, parse("size")).text(), "2");
  EXPECT_EQ(apply_sequential(c, parse("read 1")).text(), "5");
  EXPECT_EQ(apply_sequential(c, parse("read 2")).text(), "out-of-range");
  EXPECT_EQ(apply_sequential(c, parse("write 0 9")).text(), "ok");
  EXPECT_EQ(apply_sequential(c, parse("write 2 9")).text(), "out-of-range");
  EXPECT_EQ(apply_sequential(c, parse("reserve 64")).text(), "ok");
  EXPECT_EQ(apply_sequential(c, parse("pop")).text(), "5");
  EXPECT_EQ(apply_sequential(c, parse("pop")).text(), "9");
  EXPECT_EQ(apply_sequential(c, parse("pop")).text(), "empty");
}

TEST(Linearizable, SequentialHistory) {
  const std::vector<HistoryOp> h{op(0, "push 1", "ok", 0, 1), op(0, "push 2", "ok", 2, 3),
                                 op(0, "pop", "2", 4, 5), op(1, "size", "1", 6, 7),
                                 op(1, "read 0", "1", 8, 9)};
  const Verdict v = expect_linearizable(h, {.final_contents = std::vector<std::uint64_t>{1}});
  EXPECT_EQ(v.witness, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(Linearizable, OverlappingPushesPopInEitherOrder) {
  for (const auto& [first, second] : {std::pair{"1", "2"}, std::pair{"2", "1"}}) {
    const std::vector<HistoryOp> h{op(0, "push 1", "ok", 0, 10), op(1, "push 2", "ok", 0, 10),
                                   op(0, "pop", first, 11, 12), op(1, "pop", second, 13, 14)};
    expect_linearizable(h, {.final_contents = std::vector<std::uint64_t>{}});
  }
}

TEST(Linearizable, SizeDuringAnOverlappingPush) {
  expect_linearizable({op(0, "push 5", "ok", 0, 10), op(1, "size", "0", 2, 3), op(1, "size", "1", 4, 5)});
}

TEST(Linearizable, ReadsAndWrites) {
  const std::vector<HistoryOp> h{op(0, "write 0 9", "ok", 0, 10), op(1, "read 0", "7", 1, 2),
                                 op(1, "read 0", "9", 3, 4), op(1, "read 5", "out-of-range", 5, 6),
                                 op(0, "write 3 1", "out-of-range", 11, 12)};
  expect_linearizable(h, {.initial = {7, 8}, .final_contents = std::vector<std::uint64_t>{9, 8}});
}

TEST(NotLinearizable, PopOfAValueNeverPushed) {
  const std::vector<HistoryOp> h{op(0, "push 1", "ok", 0, 1), op(1, "pop", "7", 2, 3)};
  const Verdict v = expect_not_linearizable(h);
  EXPECT_EQ(v.first_bad, 1u);
  EXPECT_EQ(v.longest_prefix, (std::vector<std::size_t>{0}));
  EXPECT_NE(v.explanation.find("never pushed"), std::string::npos) << v.explanation;
}

// The one test of "a value nobody put there", which the checker's
// explanation and the explorer's narration both use.
TEST(NeverPushed, OnlyAPoppedOrReadValueThatNothingPutThere) {
  const std::vector<HistoryOp> h{op(0, "push 1", "ok", 0, 1), op(0, "write 0 2", "ok", 2, 3),
                                 pending(1, "push 3", 4)};
  const std::vector<std::uint64_t> initial{4};
  auto never = [&](const std::string& o, std::string_view r) { return never_pushed(parse(o), res(r), h, initial); };
  EXPECT_TRUE(never("pop", "7"));
  EXPECT_TRUE(never("read 0", "0"));     // 0 is the write's index, not its value
  EXPECT_FALSE(never("pop", "1"));       // pushed
  EXPECT_FALSE(never("read 0", "2"));    // written
  EXPECT_FALSE(never("pop", "3"));       // by a push that has not returned: it may have taken effect
  EXPECT_FALSE(never("pop", "4"));       // there at the start
  EXPECT_FALSE(never("pop", "empty"));   // no value
  EXPECT_FALSE(never("read 9", "out-of-range"));
  EXPECT_FALSE(never("size", "7"));      // a count, not a value
  EXPECT_FALSE(never("push 7", "ok"));
  EXPECT_TRUE(never_pushed(parse("pop"), res("1"), {}, {}));
}

TEST(NotLinearizable, LifoViolatedBetweenNonOverlappingOps) {
  const std::vector<HistoryOp> h{op(0, "push 1", "ok", 0, 1), op(0, "push 2", "ok", 2, 3),
                                 op(1, "pop", "1", 4, 5)};
  const Verdict v = expect_not_linearizable(h);
  EXPECT_EQ(v.first_bad, 2u);
  EXPECT_EQ(v.longest_prefix, (std::vector<std::size_t>{0, 1}));
  EXPECT_NE(v.explanation.find("B's pop returned 1"), std::string::npos) << v.explanation;
  EXPECT_NE(v.explanation.find("[1, 2]"), std::string::npos) << v.explanation;
}

TEST(NotLinearizable, LostPushShownByTheFinalContents) {
  const std::vector<HistoryOp> h{op(0, "push 1", "ok", 0, 5), op(1, "push 2", "ok", 1, 6)};
  const Verdict v = expect_not_linearizable(h, {.final_contents = std::vector<std::uint64_t>{1}});
  EXPECT_FALSE(v.first_bad);
  EXPECT_EQ(v.longest_prefix.size(), 2u);
  EXPECT_NE(v.explanation.find("as it ended, [1]"), std::string::npos) << v.explanation;
  expect_linearizable(h, {.final_contents = std::vector<std::uint64_t>{2, 1}});
}

TEST(NotLinearizable, SizeLargerThanPossible) {
  const Verdict v = expect_not_linearizable({op(0, "push 1", "ok", 0, 1), op(1, "size", "2", 0, 3)});
  EXPECT_EQ(v.first_bad, 1u);
  EXPECT_NE(v.explanation.find("At most 1"), std::string::npos) << v.explanation;
}

TEST(NotLinearizable, SizeCannotShrinkWithoutAPop) {
  expect_not_linearizable({op(0, "push 5", "ok", 0, 10), op(1, "size", "1", 2, 3), op(1, "size", "0", 4, 5)});
}

TEST(NotLinearizable, ResultThatOperationNeverGives) {
  const Verdict v = expect_not_linearizable({op(0, "push 1", "empty", 0, 1)});
  EXPECT_EQ(v.first_bad, 0u);
  EXPECT_NE(v.explanation.find("never returns"), std::string::npos) << v.explanation;
}

TEST(NotLinearizable, FinalContentsOfAnEmptyHistory) {
  expect_linearizable({}, {.initial = {3}, .final_contents = std::vector<std::uint64_t>{3}});
  expect_not_linearizable({}, {.initial = {3}, .final_contents = std::vector<std::uint64_t>{}});
}

// Reordered freely these would be fine; real time forbids it.
TEST(RealTime, LifoOrderFixedByRealTime) {
  std::vector<HistoryOp> h{op(0, "push 1", "ok", 0, 1), op(1, "push 2", "ok", 2, 3), op(2, "pop", "1", 4, 5)};
  const Verdict v = expect_not_linearizable(h);
  EXPECT_EQ(v.first_bad, 2u);
  for (HistoryOp& o : h) o.invoked = 0, o.returned = 10;  // all overlapping
  expect_linearizable(h);
}

TEST(RealTime, PopCannotMoveBeforeAFinishedPush) {
  std::vector<HistoryOp> h{op(0, "push 1", "ok", 0, 1), op(1, "pop", "empty", 2, 3)};
  expect_not_linearizable(h);
  h[1].invoked = 1;  // now it overlaps: A.returned < B.invoked is false
  expect_linearizable(h);
}

// Under c11 (CheckOptions::happens_before) an op precedes another only when
// its return happens before the other's invocation: B's size, later in the
// run than A's push but with no synchronisation from A, may come first.
TEST(HappensBefore, AnUnsynchronisedLaterOpMayGoFirst) {
  std::vector<HistoryOp> h{op(0, "push 1", "ok", 0, 5), op(1, "size", "0", 6, 8)};
  h[0].returned_epoch = 4;        // A's clock ticked to 3 at its last action
  h[1].invoked_clock = {0, 0};    // B has learnt nothing of A
  expect_not_linearizable(h);     // real time: the push returned before the size began
  CheckOptions hb;
  hb.happens_before = true;
  const Verdict v = expect_linearizable(h, hb);
  EXPECT_EQ(v.witness, (std::vector<std::size_t>{1, 0}));
  // B acquired A's clock up to its last action only: still not after the return.
  h[1].invoked_clock = {3, 0};
  expect_linearizable(h, hb);
  // B learnt an event of A after the return (A's next op released it): now it precedes.
  h[1].invoked_clock = {4, 0};
  const Verdict after = expect_not_linearizable(h, hb);
  EXPECT_NE(after.explanation.find("happens-before"), std::string::npos) << after.explanation;
}

TEST(HappensBefore, ProgramOrderStillHoldsWithinAThread) {
  // One thread's push then size 0: no clock can excuse it.
  std::vector<HistoryOp> h{op(0, "push 1", "ok", 0, 1), op(0, "size", "0", 2, 3)};
  CheckOptions hb;
  hb.happens_before = true;
  expect_not_linearizable(h, hb);
}

TEST(Incomplete, UnfinishedPushWhoseValueIsPopped) {
  const std::vector<HistoryOp> h{pending(0, "push 1", 0), op(1, "pop", "1", 5, 6)};
  const Verdict v = expect_linearizable(h, {.final_contents = std::vector<std::uint64_t>{}});
  EXPECT_EQ(v.witness, (std::vector<std::size_t>{0, 1}));
}

TEST(Incomplete, UnfinishedPushThatIsIgnored) {
  const std::vector<HistoryOp> h{pending(0, "push 1", 0), op(1, "pop", "empty", 5, 6),
                                 op(1, "size", "0", 7, 8)};
  const Verdict v = expect_linearizable(h, {.final_contents = std::vector<std::uint64_t>{}});
  EXPECT_EQ(v.witness, (std::vector<std::size_t>{1, 2}));
  // The final contents decide whether it took effect, at the very end.
  expect_linearizable(h, {.final_contents = std::vector<std::uint64_t>{1}});
  expect_not_linearizable(h, {.final_contents = std::vector<std::uint64_t>{1, 1}});
}

TEST(Incomplete, AnyResultIsAcceptedAndItsEffectApplied) {
  const std::vector<HistoryOp> h{{0, parse("pop"), OpResult::number(99), 0, 1, false}, op(1, "size", "0", 5, 6)};
  expect_linearizable(h, {.initial = {3}});
}

TEST(Incomplete, LeftOutInTheMiddleOfAThread) {
  const std::vector<HistoryOp> h{pending(0, "push 1", 0), op(0, "push 2", "ok", 5, 6)};
  expect_linearizable(h, {.final_contents = std::vector<std::uint64_t>{2}});
  expect_linearizable(h, {.final_contents = std::vector<std::uint64_t>{1, 2}});
}

TEST(Verdict, ThreadNamesAndSparseThreadIds) {
  const std::vector<HistoryOp> h{op(3, "push 1", "ok", 0, 1), op(7, "pop", "2", 2, 3)};
  const Verdict v = expect_not_linearizable(h, {.thread_names = {"", "", "", "Ann", "", "", "", "Bob"}});
  EXPECT_EQ(v.explanation.rfind("Bob's pop returned 2", 0), 0u) << v.explanation;
}

// The book's completion bug as our simulator logged it: B's second pop reads
// a slot A's push had reserved but not yet filled.
TEST(BookBug, HistoryFromTheSimulatorIsNotLinearizable) {
  const std::vector<HistoryOp> h{op(0, "push 1", "ok", 0, 21), op(0, "push 3", "ok", 22, 73),
                                 op(1, "push 2", "ok", 9, 40), op(1, "pop", "2", 41, 55),
                                 op(1, "pop", "0", 56, 70)};
  const CheckOptions o{.final_contents = std::vector<std::uint64_t>{1}};
  const Verdict v = expect_not_linearizable(h, o);
  EXPECT_EQ(v.first_bad, 4u);
  EXPECT_GE(v.longest_prefix.size(), 3u);
  EXPECT_GT(v.states_explored, 0u);
  EXPECT_NE(v.explanation.find("B's pop returned 0"), std::string::npos) << v.explanation;
  EXPECT_NE(v.explanation.find("never pushed"), std::string::npos) << v.explanation;
  // Had the pop returned 1, the run would be fine, ending with push 3's value.
  std::vector<HistoryOp> fixed = h;
  fixed[4].result = res("1");
  expect_linearizable(fixed, {.final_contents = std::vector<std::uint64_t>{3}});
}

TEST(HistoryFromLog, CompleteAndIncompleteOps) {
  sim::Log log;
  log.ops.push_back({0, 0, parse("push 1"), 0, 21, res("ok"), {}, 0});
  log.ops.push_back({1, 0, parse("pop"), 9, sim::kNoStep, {}, {}, 0});
  const std::vector<HistoryOp> h = history_from_log(log);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_TRUE(h[0].complete);
  EXPECT_EQ(h[0].returned, 21u);
  EXPECT_EQ(h[0].result, res("ok"));
  EXPECT_FALSE(h[1].complete);
  EXPECT_EQ(h[1].thread, 1u);
  EXPECT_EQ(h[1].invoked, 9u);
  expect_linearizable(h, {.final_contents = std::vector<std::uint64_t>{}});
}

// Brute force: every interleaving of the threads' programs (and every subset
// of the incomplete ops), checked against real time and the model.
bool brute(const std::vector<HistoryOp>& h, const CheckOptions& o) {
  std::vector<std::size_t> order;
  std::vector<bool> used(h.size());
  auto rec = [&](auto&& self) -> bool {
    if (valid_order(h, order, o, true)) return true;
    for (std::size_t i = 0; i < h.size(); ++i) {
      if (used[i]) continue;
      used[i] = true;
      order.push_back(i);
      if (valid_order(h, order, o, false) && self(self)) return true;
      order.pop_back();
      used[i] = false;
    }
    return false;
  };
  return rec(rec);
}

TEST(CrossCheck, AgreesWithBruteForceOnRandomHistories) {
  std::mt19937 rng(12345);
  auto pick = [&](unsigned n) { return unsigned(rng() % n); };
  const char* kinds[] = {"push 1", "push 2", "pop", "size", "read 0", "write 0 3"};
  int yes = 0, no = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<HistoryOp> h;
    std::vector<std::pair<std::uint64_t, std::size_t>> points;  // a linearization point per op
    for (unsigned t = 0; t < 3; ++t) {
      std::uint64_t clock = pick(4);
      for (unsigned k = 0, n = 1 + pick(3); k < n; ++k) {
        HistoryOp x = op(t, kinds[pick(6)], "ok", clock, clock + 1 + pick(12));  // the result is set below
        clock = x.returned + 1 + pick(6);
        points.push_back({x.invoked * 100 + pick(unsigned(x.returned - x.invoked) * 100), h.size()});
        h.push_back(x);
      }
    }
    // Results from running the ops in point order: linearizable, until perturbed below.
    std::sort(points.begin(), points.end());
    CheckOptions o{.initial = pick(2) ? std::vector<std::uint64_t>{} : std::vector<std::uint64_t>{2}};
    std::vector<std::uint64_t> c = o.initial;
    for (const auto& [when, i] : points) h[i].result = apply_sequential(c, h[i].op);
    if (pick(2)) o.final_contents = c;
    if (pick(3)) {
      HistoryOp& x = h[pick(unsigned(h.size()))];
      const char* other[] = {"ok", "empty", "out-of-range", "0", "1", "2", "3"};
      x.result = res(other[pick(7)]);
    }
    if (pick(4) == 0) {  // the last op of thread 0 never returns
      std::size_t last = 0;
      for (std::size_t i = 0; i < h.size(); ++i)
        if (h[i].thread == 0) last = i;
      h[last].complete = false;
      h[last].returned = kPending;
    }
    const bool expected = brute(h, o);
    const Verdict v = check_linearizable(h, o);
    ASSERT_EQ(v.linearizable, expected) << "round " << round << ": " << v.explanation;
    if (v.linearizable)
      EXPECT_TRUE(valid_order(h, v.witness, o, true));
    else
      EXPECT_TRUE(valid_order(h, v.longest_prefix, o, false));
    (expected ? yes : no)++;
  }
  EXPECT_GT(yes, 50);
  EXPECT_GT(no, 50);
}

}  // namespace
}  // namespace lfv::check
