// The simulator's harness for concurrency_cases.hpp: each body runs as a
// simulated thread (a fiber), and a seeded random scheduler picks who moves
// at every atomic action (and, under the c11 memory model, which store each
// load reads). A use-after-free, double free or livelock fails
// the test at the step it happens.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "concurrency_cases.hpp"
#include "lfv/sim/context.hpp"
#include "lfv/sim/sim_env.hpp"

namespace lfv::test {

class SimThreads {
 public:
  // Every run() adds its threads to one context: capacity covers them all.
  explicit SimThreads(std::uint64_t seed, unsigned thread_capacity = 24,
                      sim::MemoryModel model = sim::MemoryModel::sc)
      : ctx_({.step_limit = 20'000'000, .thread_capacity = thread_capacity, .keep_log = false, .memory_model = model, .weaken = {}}),
        rng_(seed) {}

  sim::SimEnv env() { return sim::SimEnv(&ctx_); }
  sim::SimContext& context_for_env() { return ctx_; }  // for an environment of a test's own
  // For tests that expect a failure and check it themselves.
  void expect_failures() { fail_on_failure_ = false; }
  const sim::SimContext& context() const { return ctx_; }
  std::uint32_t steps() const { return ctx_.steps_taken(); }
  // Under c11: how many loads read an older store than the latest.
  std::uint64_t stale_reads() const { return stale_reads_; }

  template <class Body>
  void run(unsigned n, Body&& body) {
    std::vector<unsigned> ids;
    for (unsigned t = 0; t < n; ++t)
      ids.push_back(ctx_.add_thread("T" + std::to_string(t), [&body, t](unsigned) { body(t); }));
    ASSERT_LE(ctx_.thread_count(), ctx_.max_threads()) << "raise the harness's thread capacity";
    ctx_.start();
    std::vector<unsigned> runnable;
    for (;;) {
      runnable.clear();
      for (unsigned id : ids)
        if (ctx_.runnable(id)) runnable.push_back(id);
      if (runnable.empty()) break;
      const unsigned t = runnable[rng_.below(unsigned(runnable.size()))];
      // Under sc there is one store to read, and the rng is not asked.
      const std::uint32_t choices = ctx_.read_choices(t);
      const std::uint32_t choice = choices == 1 ? 0 : rng_.below(choices);
      stale_reads_ += choice != 0;
      ctx_.step(t, choice);
    }
    if (const auto& f = ctx_.log().failure; f && fail_on_failure_) FAIL() << name(f->kind) << " at step " << f->step << ": " << f->message;
  }

 private:
  sim::SimContext ctx_;
  Rng rng_;
  bool fail_on_failure_ = true;
  std::uint64_t stale_reads_ = 0;
};

}  // namespace lfv::test
