// What a search covered, in words: one place for the CLI, the GUI and
// verify-library. Every sentence must hold in its case: a search is never
// said to be complete, or to have found nothing, beyond what it covered.
#include <cctype>
#include <cmath>
#include <cstdio>

#include "lfv/explore/explorer.hpp"
#include "lfv/sim/describe.hpp"

namespace lfv::explore {
namespace {

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

std::string plural(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string executions(std::uint64_t n) { return plural(n, "execution", "executions"); }
std::string preemptions(std::uint64_t n) { return plural(n, "preemption", "preemptions"); }

// "stopped at the execution budget (2000000)".
std::string stopped(const Coverage& c) {
  switch (c.stop) {
    case StopReason::budget: return "stopped at the execution budget (" + std::to_string(c.max_executions) + ")";
    case StopReason::time_limit: return "stopped at the time limit (" + number(c.time_limit_seconds) + " s)";
    case StopReason::cancelled: return "cancelled";
    case StopReason::failure: return "stopped at the first failure";
    case StopReason::too_long: return "stopped at an execution too long to explore (past the step limit)";
    case StopReason::finished: break;
  }
  return "finished";
}

// No failure with fewer preemptions than the counterexample's: every round
// below its count finished without one (the search stops after the round
// that finds one).
bool fewest(const Coverage& c) {
  const unsigned p = c.found_preemptions;
  if (p == 0) return true;
  return c.deepened && c.complete_bound && p - 1 <= *c.complete_bound && (!c.last_bound || p - 1 < *c.last_bound);
}

bool cut_short(const Coverage& c) {
  return c.stop == StopReason::budget || c.stop == StopReason::time_limit || c.stop == StopReason::cancelled;
}

// The round that did not finish.
std::string partial_round(const Coverage& c) {
  if (!c.last_bound) return "the unbounded round";
  return "the round with preemption bound " + std::to_string(*c.last_bound);
}

// "no failure" or "no use-after-free": with --want only that kind counts.
std::string none_of(const Coverage& c) { return c.want ? "no " + std::string(name(*c.want)) : "no failure"; }

std::string pct_text(const Coverage& c) {
  const std::string runs = plural(c.executions, "PCT run", "PCT runs");
  const std::string model = "depth " + std::to_string(c.pct_depth) + ", " + plural(c.threads, "thread", "threads") +
                            ", runs of up to " + std::to_string(c.pct_steps) + " steps";
  std::string out;
  if (c.found) {
    out = std::string(name(*c.found)) + " found in " + runs + " (" + model + "); the counterexample needs " +
          preemptions(c.found_preemptions) + ".";
    return out;
  }
  std::string head = none_of(c);
  head[0] = char(std::toupper(head[0]));
  out = head + " in " + runs + " (" + model + ")";
  if (cut_short(c)) out += ", " + stopped(c);
  out += ": one run finds a failure needing at most " + preemptions(c.pct_depth - 1) +
         " with probability at least 1/(n k^(d-1)) = " + number(c.pct_per_run) + ", so all " +
         std::to_string(c.executions) + " miss it with probability at most " + number(c.pct_miss_bound) + ".";
  if (c.read_choices)
    out += " Under c11 each load's store was drawn at random too; the bound counts thread schedules only, so a "
           "failure that also needs stale reads is found less often than it says.";
  out += " Random testing is never complete.";
  return out;
}

}  // namespace

Coverage coverage(const ExploreResult& r) {
  Coverage c;
  c.stop = r.stop;
  c.complete = r.complete;
  c.read_choices = r.read_choices;
  c.spurious_failures = r.spurious_failures;
  c.complete_bound = r.complete_bound;
  c.last_bound = r.preemption_bound;
  c.deepened = r.deepened;
  c.unbounded_finished = r.unbounded_finished;
  c.executions = r.executions;
  c.beyond_executions = r.partial_round_executions;
  if (r.failure) {
    c.found = r.failure->kind;
    c.found_preemptions = r.failure->preemptions;
    if (auto it = r.failures_by_kind.find(r.failure->kind); it != r.failures_by_kind.end())
      c.found_executions = it->second;
  }
  c.want = r.want;
  c.failing_executions = r.failing_executions;
  c.max_executions = r.max_executions;
  c.time_limit_seconds = r.time_limit_seconds;
  c.threads = r.threads;
  if (r.pct) {
    c.pct = true;
    c.pct_depth = r.pct_depth;
    c.pct_steps = r.pct_steps;
    // Burckhardt et al. 2010: one run finds a given bug of depth d with
    // probability at least 1/(n k^(d-1)); independent runs multiply misses.
    const double k = double(std::max<std::uint64_t>(r.pct_steps, 1));
    c.pct_per_run = 1.0 / (std::max(1u, r.threads) * std::pow(k, double(r.pct_depth) - 1));
    c.pct_miss_bound = std::exp(double(r.executions) * std::log1p(-std::min(c.pct_per_run, 1.0 - 1e-16)));
  }
  return c;
}

std::string coverage_text(const Coverage& c) {
  if (c.pct) return pct_text(c);
  // What the rounds covered, as a clause: "every schedule with at most 2
  // preemptions was covered; beyond it ..., stopped at the execution budget".
  std::string covered;
  if (c.complete) {
    covered = c.read_choices ? "complete: every schedule and every read choice enumerated (c11: no reduction; a weak "
                               "CAS fails spuriously at most " +
                                   plural(c.spurious_failures, "time", "times") + " an execution)"
                             : "complete: every schedule covered (up to reordering of independent steps)";
  } else if (cut_short(c) || (c.stop == StopReason::failure && c.beyond_executions)) {
    covered = c.complete_bound
                  ? "every schedule with at most " + preemptions(*c.complete_bound) + " covered; beyond it " +
                        executions(c.beyond_executions) + " of " + partial_round(c) + ", " + stopped(c)
                  : executions(c.beyond_executions) + " of " + partial_round(c) + ", " + stopped(c) +
                        " before any preemption bound was covered completely";
  } else if (c.complete_bound) {
    covered = "every schedule with at most " + preemptions(*c.complete_bound) + " covered, none with more";
  } else {
    covered = "nothing covered completely";
  }
  if (c.found) {
    const std::string kind = std::string(name(*c.found)) + (c.want ? " (the kind looked for)" : "");
    if (!c.deepened)  // --all: a census of one round, not a minimal counterexample
      return kind + " found in " + std::to_string(c.found_executions) + " of " + executions(c.executions) +
             " (the one shown needs " + preemptions(c.found_preemptions) + "). Search: " + covered + ".";
    std::string out = kind + " found (" + executions(c.executions) + " in all); the counterexample needs " +
                      preemptions(c.found_preemptions);
    if (c.found_preemptions > 0 && fewest(c))
      out += ", and none needs fewer (" + none_of(c) + " within preemption bound " +
             std::to_string(c.found_preemptions - 1) + ")";
    else if (c.found_preemptions > 0)
      out += " (one needing fewer may exist: fewer were not searched completely)";
    out += ".";
    if (cut_short(c)) out += " The search then " + stopped(c) + ", looking for one with fewer context switches.";
    return out;
  }
  std::string head = none_of(c);
  head[0] = char(std::toupper(head[0]));
  if (c.complete) return head + " in any schedule (" + executions(c.executions) + "): " + covered + ".";
  if (c.complete_bound)
    return head + " within preemption bound " + std::to_string(*c.complete_bound) + " (" + executions(c.executions) +
           "): " + covered + ". Not complete.";
  return head + " in " + executions(c.executions) + ": " + covered + ". Not complete.";
}

bool covered_within_bound(const Coverage& c) {
  return !c.pct && !c.found && !c.complete && !cut_short(c) && c.complete_bound.has_value();
}

std::string coverage_brief(const Coverage& c) {
  if (c.pct) {
    if (c.found) return "found by PCT (depth " + std::to_string(c.pct_depth) + ")";
    return "PCT: " + plural(c.executions, "run", "runs") + ", depth " + std::to_string(c.pct_depth) +
           ", missed with probability <= " + number(c.pct_miss_bound);
  }
  if (c.found) {
    // Found at its own bound: no failure with fewer preemptions exists.
    if (fewest(c)) return "found at preemption bound " + std::to_string(c.found_preemptions);
    return "found with " + preemptions(c.found_preemptions) + " (fewer not searched completely)";
  }
  if (c.complete) return "complete";
  if (cut_short(c)) {
    if (c.complete_bound)
      return none_of(c) + " within preemption bound " + std::to_string(*c.complete_bound) + "; beyond it " +
             executions(c.beyond_executions) + ", " + stopped(c);
    return "incomplete: " + stopped(c) + " before any preemption bound was covered";
  }
  if (c.complete_bound) return "bounded: every schedule with at most " + preemptions(*c.complete_bound);
  return "incomplete";
}

nlohmann::json coverage_json(const Coverage& c) {
  using nlohmann::json;
  json out = {{"stop", name(c.stop)},
              {"complete_bound", c.complete_bound ? json(*c.complete_bound) : json(nullptr)},
              {"unbounded_finished", c.unbounded_finished},
              {"beyond_executions", c.beyond_executions},
              {"want", c.want ? json(name(*c.want)) : json(nullptr)},
              {"strategy", c.read_choices ? "every schedule and read choice, no reduction" : "partial-order reduction"},
              {"coverage", coverage_text(c)},
              {"coverage_brief", coverage_brief(c)}};
  if (c.pct)
    out["pct"] = {{"runs", c.executions},
                  {"depth", c.pct_depth},
                  {"threads", c.threads},
                  {"steps", c.pct_steps},
                  {"per_run_probability", c.pct_per_run},
                  {"miss_probability_bound", c.pct_miss_bound},
                  {"random_reads", c.read_choices}};
  return out;
}

}  // namespace lfv::explore
