// PCT (probabilistic concurrency testing) for scenarios too large to search.
#include <algorithm>
#include <random>

#include "lfv/sim/drive.hpp"
#include "search.hpp"

namespace lfv::explore {

unsigned default_pct_depth(const scenario::Scenario& s) {
  std::size_t ops = 0;
  for (const auto& t : s.threads) ops += t.ops.size();
  return unsigned(std::clamp<std::size_t>(ops + 1, 3, 6));
}

namespace detail {

// PCT (Burckhardt et al. 2010): random thread priorities, the highest
// runnable thread moves, and at depth-1 random steps the running thread
// drops to the lowest priority. Change points are drawn from the longest
// run seen so far (k), which the probability bound also uses. Under c11
// each load also reads a store drawn at random among those it may read.
void explore_pct(const scenario::Scenario& s, const ExploreOptions& o, ExploreResult& result) {
  const unsigned n = unsigned(s.threads.size());
  const unsigned depth = std::max(1u, o.pct->depth.value_or(default_pct_depth(s)));
  result.pct_depth = depth;
  std::size_t length = 0;
  {
    auto probe = sim::start_run(s, o.completion, o.reclaim, run_options(o, o.step_limit));
    sim::run_round_robin(*probe);
    length = std::max<std::size_t>(probe->log().steps.size(), 1);
  }
  result.pct_steps = length;
  const SteadyClock::time_point start = SteadyClock::now();
  auto halt = [&](StopReason why) { result.stop = why; };
  for (unsigned r = 0; r < o.pct->runs; ++r) {
    if (result.executions >= o.max_executions) return halt(StopReason::budget);
    std::mt19937_64 rng(o.pct->seed * 1'000'003 + r);
    std::vector<unsigned> priority(n);
    for (unsigned t = 0; t < n; ++t) priority[t] = depth + t;
    std::shuffle(priority.begin(), priority.end(), rng);
    std::vector<std::size_t> change(depth - 1);
    for (auto& c : change) c = std::uniform_int_distribution<std::size_t>(1, length)(rng);
    auto run = sim::start_run(s, o.completion, o.reclaim, run_options(o, o.step_limit));
    for (std::size_t step = 1; !run->finished(); ++step) {
      int best = -1;
      for (unsigned t = 0; t < n; ++t)
        if (run->runnable(t) && (best < 0 || priority[t] > priority[unsigned(best)])) best = int(t);
      if (best < 0) break;
      for (std::size_t i = 0; i < change.size(); ++i)
        if (change[i] == step) priority[unsigned(best)] = unsigned(i);
      // Under c11 the store a load reads is drawn uniformly (under sc
      // there is one choice and nothing is drawn, so sc runs stay as they were).
      const std::uint32_t reads = run->read_choices(unsigned(best));
      const std::uint32_t read = reads > 1 ? std::uniform_int_distribution<std::uint32_t>(0, reads - 1)(rng) : 0;
      run->step(sim::choice_of(unsigned(best), read));
    }
    length = std::max(length, run->log().steps.size());
    result.pct_steps = length;
    ++result.executions;
    const Outcome out = judge(*run);
    if (out.kind == FailureKind::too_long) {  // not judged, and no failure: the scenario is too long
      ++result.too_long_executions;
      result.stop = StopReason::too_long;
      return;
    }
    if (out.kind != FailureKind::none) {
      ++result.failing_executions;
      ++result.failures_by_kind[out.kind];
      if (!result.failure && (!o.want || out.kind == *o.want)) {
        Counterexample cx;
        cx.kind = out.kind;
        cx.message = out.message;
        cx.schedule = run->schedule();
        cx.history = check::history_from_log(run->log());
        result.failure = std::move(cx);
        if (o.stop_at_first) return halt(StopReason::failure);
      }
    }
    if (result.executions % 64 == 0 && (o.on_progress || o.time_limit_seconds > 0)) {
      const double secs = std::chrono::duration<double>(SteadyClock::now() - start).count();
      if (o.time_limit_seconds > 0 && secs >= o.time_limit_seconds) return halt(StopReason::time_limit);
      if (o.on_progress && !o.on_progress({result.executions, 0, secs})) {
        result.cancelled = true;
        return halt(StopReason::cancelled);
      }
    }
  }
  result.pct_steps = length;
}

}  // namespace detail
}  // namespace lfv::explore
