// A litmus test on the simulated environment: a few threads over SimEnv
// atomics in a SimContext, enumerated exhaustively by a plain depth-first
// search over fresh runs, branching on which thread steps and, under the
// c11 model, which store each load reads. Written apart from the explorer,
// as treiber_test.cpp's oracle is.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <new>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "lfv/sim/context.hpp"
#include "lfv/sim/sim_env.hpp"

namespace lfv::test::litmus {

inline constexpr auto rlx = std::memory_order_relaxed;
inline constexpr auto acq = std::memory_order_acquire;
inline constexpr auto rel = std::memory_order_release;
inline constexpr auto acq_rel = std::memory_order_acq_rel;
inline constexpr auto seq = std::memory_order_seq_cst;

// The shared locations; every one starts at 0.
struct Memory {
  sim::SimEnv::Atomic<int> x, y;
};

using Outcome = std::vector<int>;
using Outcomes = std::set<Outcome>;
// A thread: its environment (for fences), the memory, the registers.
using Body = std::function<void(sim::SimEnv&, Memory&, int* r)>;

struct Litmus {
  std::vector<Body> threads;
  unsigned registers = 2;  // the outcome: r[0..registers), then x and y if `finals`
  bool finals = false;
  std::uint32_t spurious_failures = 1;  // SimContext::Options: a weak CAS's spurious failures per run
};

class LitmusRun {
 public:
  LitmusRun(const Litmus& test, sim::MemoryModel model) : ctx_(options(test, model)), env_(&ctx_), test_(test) {
    mem_ = ::new (ctx_.allocate(sim::HeapKind::vector, sizeof(Memory), alignof(Memory), 1, nullptr).address) Memory{};
    for (std::size_t i = 0; i < test.threads.size(); ++i)
      ctx_.add_thread("T" + std::to_string(i), [this, i](unsigned) { test_.threads[i](env_, *mem_, r_); });
    ctx_.start();
  }
  sim::SimContext& context() { return ctx_; }
  Memory& memory() { return *mem_; }
  Outcome outcome() const {
    Outcome o(r_, r_ + test_.registers);
    if (test_.finals) {
      o.push_back(mem_->x.unsynchronized());
      o.push_back(mem_->y.unsynchronized());
    }
    return o;
  }

 private:
  static sim::SimContext::Options options(const Litmus& test, sim::MemoryModel model) {
    sim::SimContext::Options o;
    o.memory_model = model;
    o.spurious_failures = test.spurious_failures;
    return o;
  }
  sim::SimContext ctx_;
  sim::SimEnv env_;
  const Litmus& test_;
  Memory* mem_ = nullptr;
  int r_[8] = {};
};

struct Enumeration {
  Outcomes outcomes;
  std::size_t executions = 0;
  std::uint32_t most_choices = 1;  // the most stores any load could read
};

// A move: which thread steps, and which store its load reads.
using Move = std::pair<unsigned, std::uint32_t>;

inline void enumerate_below(const Litmus& test, sim::MemoryModel model, std::vector<Move>& prefix, Enumeration& all) {
  LitmusRun run(test, model);
  sim::SimContext& c = run.context();
  // Which store each move reads (a CAS's choice skips stores equal to
  // expected, and its spurious failure reads the latest).
  std::vector<std::uint32_t> back;
  for (const auto& [t, choice] : prefix) {
    back.push_back(c.read_choice(t, choice).back);
    ASSERT_TRUE(c.step(t, choice));
  }
  ASSERT_FALSE(c.stopped()) << c.log().failure->message;
  bool moved = false;
  for (unsigned t = 0; t < c.thread_count(); ++t) {
    if (!c.runnable(t)) continue;
    const std::uint32_t n = c.read_choices(t);
    EXPECT_FALSE(c.step(t, n)) << "a choice past read_choices must be refused";
    all.most_choices = std::max(all.most_choices, n);
    for (std::uint32_t choice = 0; choice < n; ++choice) {
      moved = true;
      prefix.emplace_back(t, choice);
      enumerate_below(test, model, prefix, all);
      prefix.pop_back();
    }
  }
  if (moved) return;
  EXPECT_TRUE(c.all_finished());
  // The log says which store each load read: a run is a function of its moves.
  ASSERT_EQ(c.log().steps.size(), prefix.size());
  for (std::size_t i = 0; i < prefix.size(); ++i) EXPECT_EQ(c.log().steps[i].read_from, back[i]);
  ++all.executions;
  all.outcomes.insert(run.outcome());
}

inline Enumeration enumerate(const Litmus& test, sim::MemoryModel model) {
  Enumeration all;
  std::vector<Move> prefix;
  enumerate_below(test, model, prefix, all);
  return all;
}

// Enumerates under both models; checks the sc runs offered one store only.
struct Both {
  Enumeration c11, sc;
};
inline Both under_both(const Litmus& t) {
  Both b{enumerate(t, sim::MemoryModel::c11), enumerate(t, sim::MemoryModel::sc)};
  EXPECT_EQ(b.sc.most_choices, 1u) << "under sc a load reads the latest store only";
  return b;
}

// Every outcome with register k in values[k]: for tests whose allowed set
// is "everything but".
inline Outcomes every(const std::vector<std::vector<int>>& values) {
  Outcomes out{Outcome{}};
  for (const auto& vs : values) {
    Outcomes next;
    for (const Outcome& o : out)
      for (int v : vs) {
        Outcome longer = o;
        longer.push_back(v);
        next.insert(longer);
      }
    out = std::move(next);
  }
  return out;
}

inline Outcomes without(Outcomes all, const Outcomes& gone) {
  for (const Outcome& o : gone) all.erase(o);
  return all;
}

}  // namespace lfv::test::litmus
