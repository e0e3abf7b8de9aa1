// The engine and the explorer are generic: a Treiber stack
// (treiber_stack.hpp), which neither knows anything of, stepped through
// every interleaving of two threads by a plain depth-first search over
// fresh runs (the oracle), searched by the explorer's DPOR, and run on
// real threads.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "treiber_stack.hpp"

#include "explore/search.hpp"
#include "explore/subject.hpp"
#include "lfv/real_env.hpp"
#include "lfv/sim/context.hpp"
#include "lfv/sim/sim_env.hpp"

namespace lfv::test {
namespace {

// Thread A pushes 1 then pops; B pushes 2 then pops. What each pop got.
struct Outcome {
  int a = 0, b = 0;  // 0: empty
  auto operator<=>(const Outcome&) const = default;
};

// One run of the two threads as a program the engine steps and the
// explorer searches (sim::Program); `broken`: with the deliberately broken
// pop (treiber_stack.hpp).
class TreiberRun final : public sim::Program {
 public:
  explicit TreiberRun(bool broken, sim::MemoryModel model = sim::MemoryModel::sc) : ctx_(options(model)) {
    using Stack = TreiberStack<sim::SimEnv>;
    stack_ = ::new (ctx_.allocate(sim::HeapKind::vector, sizeof(Stack), alignof(Stack), 1, nullptr).address)
        Stack(sim::SimEnv(&ctx_));
    const auto pop = [this, broken] {
      auto* n = broken ? stack_->pop_broken_store_not_cas() : stack_->pop();
      return n ? n->value : 0;
    };
    ctx_.add_thread("A", [this, pop](unsigned) {
      stack_->push(1);
      out_.a = pop();
    });
    ctx_.add_thread("B", [this, pop](unsigned) {
      stack_->push(2);
      out_.b = pop();
    });
    ctx_.start();
  }
  unsigned thread_count() const override { return ctx_.thread_count(); }
  bool runnable(unsigned t) const override { return ctx_.runnable(t); }
  bool finished() const override { return ctx_.stopped() || ctx_.all_finished(); }
  bool step(unsigned choice) override { return step(sim::thread_of(choice), sim::read_of(choice)); }
  // Under c11, with which store a load reads (SimContext::step).
  bool step(unsigned t, std::uint32_t read) {
    if (!ctx_.step(t, read)) return false;
    schedule_.push_back(sim::choice_of(t, read));
    return true;
  }
  std::uint32_t read_choices(unsigned t) const override { return ctx_.read_choices(t); }
  const sim::Log& log() const override { return ctx_.log(); }
  const std::vector<unsigned>& schedule() const override { return schedule_; }
  const sim::PendingAction* next_action(unsigned t) const override { return ctx_.next_action(t); }
  std::optional<sim::Access> next_access(unsigned t) const override { return ctx_.next_access(t); }
  int current_op(unsigned t) const override { return ctx_.current_op(t); }

  const Outcome& outcome() const { return out_; }
  bool stopped() const { return ctx_.stopped(); }

 private:
  static sim::SimContext::Options options(sim::MemoryModel model) {
    sim::SimContext::Options o;
    o.memory_model = model;
    return o;
  }
  sim::SimContext ctx_;
  TreiberStack<sim::SimEnv>* stack_ = nullptr;
  Outcome out_;
  std::vector<unsigned> schedule_;
};

// What is wrong with a finished run's outcome, if anything.
std::optional<std::string> wrong(const Outcome& o) {
  if (o.a == 0 || o.b == 0) return "a pop found the stack empty after its own push";
  if (o.a == o.b) return "both pops took node " + std::to_string(o.a);
  return std::nullopt;
}

// Every interleaving, by a plain depth-first search over fresh runs: the
// oracle, written apart from the explorer. Under the c11 memory model it
// also branches on which store each load reads.
struct Exhaustive {
  std::set<Outcome> outcomes;
  std::size_t executions = 0, failing = 0;
  std::uint32_t most_choices = 1;
};
Exhaustive every_interleaving(bool broken, sim::MemoryModel model = sim::MemoryModel::sc) {
  Exhaustive all;
  using Move = std::pair<unsigned, std::uint32_t>;  // thread, read choice
  std::function<void(std::vector<Move>&)> dfs = [&](std::vector<Move>& prefix) {
    TreiberRun run(broken, model);
    for (const auto& [t, choice] : prefix) EXPECT_TRUE(run.step(t, choice));
    EXPECT_FALSE(run.stopped()) << run.log().failure->message;
    std::vector<Move> next;
    for (unsigned t = 0; t < run.thread_count(); ++t)
      if (run.runnable(t)) {
        all.most_choices = std::max(all.most_choices, run.read_choices(t));
        for (std::uint32_t c = 0; c < run.read_choices(t); ++c) next.emplace_back(t, c);
      }
    if (next.empty()) {
      ++all.executions;
      all.outcomes.insert(run.outcome());
      if (wrong(run.outcome())) ++all.failing;
      return;
    }
    for (const Move& m : next) {
      prefix.push_back(m);
      dfs(prefix);
      prefix.pop_back();
    }
  };
  std::vector<Move> prefix;
  dfs(prefix);
  return all;
}

TEST(GenericEngine, StepsATreiberStackThroughEveryInterleaving) {
  const Exhaustive all = every_interleaving(false);
  // Each thread: a load and a CAS to push, a load, a read of next and a CAS
  // to pop, with a retry per lost CAS: many orders, every one correct.
  EXPECT_GT(all.executions, 20u);
  EXPECT_EQ(all.failing, 0u);
  // Both ways round happen: A pops its own 1 or B's 2.
  EXPECT_EQ(all.outcomes, (std::set<Outcome>{{1, 2}, {2, 1}}));
}

// Under the c11 model (docs/memory-model.md) a load may read an older top;
// each thread has seen its own push, and a stale top only makes a CAS fail
// and retry, so the stack stays correct, through more runs. Its broken pop
// still fails.
TEST(GenericEngine, TheStackUnderTheC11MemoryModel) {
  const Exhaustive sc = every_interleaving(false);
  const Exhaustive c11 = every_interleaving(false, sim::MemoryModel::c11);
  EXPECT_EQ(sc.most_choices, 1u);
  EXPECT_GT(c11.most_choices, 1u);
  EXPECT_GT(c11.executions, sc.executions);
  EXPECT_EQ(c11.failing, 0u);
  EXPECT_EQ(c11.outcomes, sc.outcomes);
  EXPECT_GT(every_interleaving(true, sim::MemoryModel::c11).failing, 0u);
}

// The stack as the explorer's subject: the same path, reduction and bound
// that search the vector's scenarios (core/src/explore).
class TreiberSubject final : public explore::detail::Subject {
 public:
  explicit TreiberSubject(bool broken) : broken_(broken) {}
  unsigned thread_count() const override { return 2; }
  std::unique_ptr<sim::Program> replay(std::span<const unsigned> schedule) const override {
    auto run = std::make_unique<TreiberRun>(broken_);
    for (unsigned t : schedule)
      if (!run->step(t)) break;
    return run;
  }
  explore::Outcome judge(const sim::Program& p) const override {
    const auto why = wrong(of(p).outcome());
    return why ? explore::Outcome{FailureKind::non_linearizable, *why} : explore::Outcome{};
  }
  void on_execution(const sim::Program& p) const override { outcomes.insert(of(p).outcome()); }
  mutable std::set<Outcome> outcomes;  // one worker: no lock

 private:
  // Every program this subject hands out is a TreiberRun.
  static const TreiberRun& of(const sim::Program& p) { return static_cast<const TreiberRun&>(p); }
  bool broken_;
};

explore::ExploreResult explore_stack(const TreiberSubject& subject, explore::ExploreOptions o) {
  explore::ExploreResult result;
  o.workers = 1;
  explore::detail::Search search(subject, o, result, std::chrono::steady_clock::now());
  search.round(std::nullopt);
  if (search.found()) result.failure = search.best();
  return result;
}

TEST(GenericExplorer, SearchesTheStackWithFewerExecutionsAndTheSameOutcomes) {
  const Exhaustive all = every_interleaving(false);
  TreiberSubject subject(false);
  explore::ExploreOptions o;
  o.stop_at_first = false;
  const explore::ExploreResult r = explore_stack(subject, o);
  EXPECT_EQ(r.failing_executions, 0u);
  EXPECT_EQ(subject.outcomes, all.outcomes) << "the reduction lost an outcome";
  EXPECT_LT(r.executions, all.executions) << "no reduction: " << r.executions << " of " << all.executions;
  EXPECT_GT(r.executions, 1u);
}

TEST(GenericExplorer, FindsTheBrokenPopAndItsScheduleReplays) {
  const Exhaustive all = every_interleaving(true);
  ASSERT_GT(all.failing, 0u) << "the oracle sees the broken pop fail";
  TreiberSubject subject(true);
  const explore::ExploreResult r = explore_stack(subject, {});
  ASSERT_TRUE(r.failure.has_value()) << "the explorer missed what every interleaving shows";
  EXPECT_EQ(r.failure->kind, FailureKind::non_linearizable);
  // Replayed with the engine alone, its schedule gives a wrong outcome.
  TreiberRun replayed(true);
  for (unsigned t : r.failure->schedule) ASSERT_TRUE(replayed.step(t));
  ASSERT_TRUE(replayed.finished());
  EXPECT_TRUE(wrong(replayed.outcome())) << r.failure->message;
  // And without the reduction (every interleaving) the explorer counts as
  // the oracle does.
  TreiberSubject plain(true);
  explore::ExploreOptions o;
  o.reduction = false;
  o.stop_at_first = false;
  const explore::ExploreResult every = explore_stack(plain, o);
  EXPECT_EQ(every.executions, all.executions);
  EXPECT_EQ(every.failing_executions, all.failing);
}

TEST(GenericEngine, TheSameStackOnRealThreads) {
  RealEnv env;
  TreiberStack<RealEnv> stack(env);
  constexpr int kThreads = 4, kEach = 20000;
  std::vector<std::vector<TreiberStack<RealEnv>::Node*>> popped(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        stack.push(t * kEach + i + 1);
        if (auto* n = stack.pop()) popped[std::size_t(t)].push_back(n);
      }
    });
  for (auto& th : threads) th.join();
  // Every push is popped exactly once (each thread pops once per push).
  std::set<int> values;
  std::size_t count = 0;
  for (auto& v : popped)
    for (auto* n : v) {
      ++count;
      values.insert(n->value);
      env.destroy(ObjectKind::descriptor, n);
    }
  EXPECT_EQ(count, std::size_t(kThreads * kEach));
  EXPECT_EQ(values.size(), count) << "a node was popped twice";
  EXPECT_EQ(stack.pop(), nullptr);
}

}  // namespace
}  // namespace lfv::test
