#include "lfv/explore/explorer.hpp"

#include "search.hpp"

namespace lfv::explore {
namespace {

using detail::Search;
using detail::SteadyClock;

constexpr unsigned kDeepening = 2;

}  // namespace

std::string_view name(StopReason r) {
  switch (r) {
    case StopReason::finished: return "finished";
    case StopReason::failure: return "failure";
    case StopReason::budget: return "budget";
    case StopReason::time_limit: return "time-limit";
    case StopReason::cancelled: return "cancelled";
    case StopReason::too_long: return "too-long";
  }
  return "?";
}

sim::RunOptions run_options(const ExploreOptions& o, std::uint32_t step_limit) {
  sim::RunOptions r(step_limit);
  r.memory_model = o.memory_model;
  r.weaken = o.weaken;
  r.spurious_failures = o.spurious_failures;
  return r;
}

ExploreResult explore(const scenario::Scenario& s, const ExploreOptions& given) {
  // Under c11 the reduction does not cover read choices: enumerate them all.
  ExploreOptions o = given;
  const bool c11 = o.memory_model == sim::MemoryModel::c11;
  if (c11) o.reduction = false;
  ExploreResult result;
  result.memory_model = o.memory_model;
  result.read_choices = c11;
  result.spurious_failures = c11 ? o.spurious_failures : 0;
  result.weakened = o.weaken.text();
  result.max_executions = o.max_executions;
  result.time_limit_seconds = o.time_limit_seconds;
  result.want = o.want;
  result.threads = unsigned(s.threads.size());
  const SteadyClock::time_point start = SteadyClock::now();
  if (o.pct) {
    result.pct = true;
    detail::explore_pct(s, o, result);
  } else {
    const detail::ScenarioSubject subject(s, o);
    Search search(subject, o, result, start);
    // One round; a round cut short leaves its executions as "beyond" the
    // bound covered so far.
    auto round = [&](std::optional<unsigned> bound) {
      result.preemption_bound = bound;
      const std::uint64_t before = result.executions;
      const bool cut = search.round(bound);
      result.partial_round_executions = cut ? result.executions - before : 0;
      return cut;
    };
    // Rounds under bounds 0, 1, 2, ... find a failure with the fewest
    // preemptions first. Bounded rounds cost more than their share (the
    // conservative backtrack points), so without --preemptions the
    // deepening stops at kDeepening and one unbounded round finishes.
    // --all counts every failing execution once: one round, no deepening.
    const bool deepen = o.iterative_bounding && o.stop_at_first;
    result.deepened = deepen;
    const unsigned last = deepen ? o.preemption_limit.value_or(kDeepening) : 0;
    bool stopped = false, complete = false;
    for (unsigned bound = 0; deepen && bound <= last && !stopped && !complete; ++bound) {
      const bool cut = round(bound);
      stopped = cut || search.found();
      if (!cut) result.complete_bound = bound;  // the round ran to its end
      complete = !cut && !search.bound_hit();    // nothing was cut: every schedule is covered
    }
    if (!deepen) {
      stopped = round(o.preemption_limit);
      if (!stopped && o.preemption_limit) result.complete_bound = o.preemption_limit;
      if (!stopped && !o.preemption_limit) result.unbounded_finished = true;
      complete = !stopped && !search.bound_hit();
    } else if (!stopped && !complete && !o.preemption_limit) {
      const bool cut = round(std::nullopt);
      result.unbounded_finished = !cut;
      stopped = cut || search.found();
      complete = !cut;
    }
    result.complete = complete;
    if (search.found()) {
      result.failure = search.best();
      if (result.stop == StopReason::finished && o.stop_at_first) result.stop = StopReason::failure;
    }
  }
  if (result.failure) {
    // The search minimized the thread schedule; now the read choices.
    result.failure =
        minimize_reads(s, o.completion, o.reclaim, std::move(*result.failure), run_options(o, o.step_limit));
    const ScheduleShape sh = shape_of(s, o.completion, o.reclaim, result.failure->schedule, run_options(o, 0));
    result.failure->preemptions = sh.preemptions;
    result.failure->context_switches = sh.context_switches;
    result.failure->narration = narrate(s, o.completion, o.reclaim, *result.failure, run_options(o, 0));
  }
  result.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  return result;
}

}  // namespace lfv::explore
