// PCT (probabilistic concurrency testing) for scenarios too large to search.
#include <algorithm>
#include <random>

#include "lfv/sim/drive.hpp"
#include "search.hpp"

namespace lfv::explore::detail {

// PCT (Burckhardt et al. 2010): random thread priorities, the highest
// runnable thread moves, and at depth-1 random steps the running thread
// drops to the lowest priority.
void explore_pct(const scenario::Scenario& s, const ExploreOptions& o, ExploreResult& result) {
  const unsigned n = unsigned(s.threads.size());
  std::size_t length = 0;
  {
    auto probe = sim::start_run(s, o.completion, o.reclaim, {o.step_limit});
    sim::run_round_robin(*probe);
    length = std::max<std::size_t>(probe->log().steps.size(), 1);
  }
  const SteadyClock::time_point start = SteadyClock::now();
  for (unsigned r = 0; r < o.pct->runs; ++r) {
    std::mt19937_64 rng(o.pct->seed * 1'000'003 + r);
    std::vector<unsigned> priority(n);
    for (unsigned t = 0; t < n; ++t) priority[t] = o.pct->depth + t;
    std::shuffle(priority.begin(), priority.end(), rng);
    std::vector<std::size_t> change(o.pct->depth > 0 ? o.pct->depth - 1 : 0);
    for (auto& c : change) c = std::uniform_int_distribution<std::size_t>(1, length)(rng);
    auto run = sim::start_run(s, o.completion, o.reclaim, {o.step_limit});
    for (std::size_t step = 1; !run->finished(); ++step) {
      int best = -1;
      for (unsigned t = 0; t < n; ++t)
        if (run->runnable(t) && (best < 0 || priority[t] > priority[unsigned(best)])) best = int(t);
      if (best < 0) break;
      for (std::size_t i = 0; i < change.size(); ++i)
        if (change[i] == step) priority[unsigned(best)] = unsigned(i);
      run->step(unsigned(best));
    }
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
      if (!result.failure) {
        Counterexample cx;
        cx.kind = out.kind;
        cx.message = out.message;
        cx.schedule = run->schedule();
        cx.history = check::history_from_log(run->log());
        result.failure = std::move(cx);
      }
      if (o.stop_at_first) return;
    }
    if (o.on_progress && result.executions % 64 == 0 &&
        !o.on_progress({result.executions, 0, std::chrono::duration<double>(SteadyClock::now() - start).count()})) {
      result.cancelled = true;
      return;
    }
  }
}

}  // namespace lfv::explore::detail
