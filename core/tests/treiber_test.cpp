// The engine is generic: a Treiber stack (treiber_stack.hpp), which the
// simulator knows nothing of, stepped through every interleaving of two
// threads by a plain depth-first search over fresh runs; and the same code
// on real threads.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <thread>
#include <vector>

#include "treiber_stack.hpp"

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

// One run following `choices`; returns the threads runnable at its end
// (none: it finished, and `out` holds its outcome).
std::vector<unsigned> run(const std::vector<unsigned>& choices, Outcome* out, std::uint32_t* steps) {
  sim::SimContext ctx;
  sim::SimEnv env(&ctx);
  auto* stack = ::new (ctx.allocate(sim::HeapKind::vector, sizeof(TreiberStack<sim::SimEnv>),
                                    alignof(TreiberStack<sim::SimEnv>), 1, nullptr)
                           .address) TreiberStack<sim::SimEnv>(env);
  ctx.add_thread("A", [&](unsigned) {
    stack->push(1);
    auto* n = stack->pop();
    out->a = n ? n->value : 0;
  });
  ctx.add_thread("B", [&](unsigned) {
    stack->push(2);
    auto* n = stack->pop();
    out->b = n ? n->value : 0;
  });
  ctx.start();
  for (unsigned t : choices) EXPECT_TRUE(ctx.step(t));
  *steps = ctx.steps_taken();
  EXPECT_FALSE(ctx.stopped()) << ctx.log().failure->message;
  std::vector<unsigned> next;
  for (unsigned t = 0; t < ctx.thread_count(); ++t)
    if (ctx.runnable(t)) next.push_back(t);
  return next;
}

TEST(GenericEngine, StepsATreiberStackThroughEveryInterleaving) {
  std::set<Outcome> outcomes;
  std::size_t executions = 0;
  std::function<void(std::vector<unsigned>&)> dfs = [&](std::vector<unsigned>& prefix) {
    Outcome o;
    std::uint32_t steps = 0;
    const std::vector<unsigned> next = run(prefix, &o, &steps);
    ASSERT_EQ(steps, prefix.size());
    if (next.empty()) {
      ++executions;
      outcomes.insert(o);
      return;
    }
    for (unsigned t : next) {
      prefix.push_back(t);
      dfs(prefix);
      prefix.pop_back();
    }
  };
  std::vector<unsigned> prefix;
  dfs(prefix);
  // Each thread: a load and a CAS to push, a load, a read of next and a CAS
  // to pop, with a retry per lost CAS: many orders, every one correct.
  EXPECT_GT(executions, 20u);
  for (const Outcome& o : outcomes) {
    EXPECT_NE(o.a, 0) << "A's pop found the stack empty after its own push";
    EXPECT_NE(o.b, 0);
    EXPECT_NE(o.a, o.b) << "both pops took the same node";
  }
  // Both ways round happen: A pops its own 1 or B's 2.
  EXPECT_EQ(outcomes, (std::set<Outcome>{{1, 2}, {2, 1}}));
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
