// The explorer: searches the schedules of a scenario for a failure — a
// non-linearizable history, a use-after-free, a double free or a livelock.
// Depth-first with dynamic partial-order reduction and sleep sets, under a
// preemption bound raised 0, 1, 2, ... so the first failure found has the
// fewest preemptions; or PCT random testing for larger scenarios.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "lfv/check/linearizability.hpp"
#include "lfv/failure.hpp"
#include "lfv/scenario/scenario.hpp"
#include "lfv/sim/run.hpp"

namespace lfv::explore {

struct PctOptions {
  unsigned runs = 1000;
  std::uint64_t seed = 1;
  // Priority change points + 1; a failure needing d-1 preemptions needs
  // depth d. None: default_pct_depth(scenario).
  std::optional<unsigned> depth;
};

// The depth PCT uses when none is given: one more than the scenario's
// operations, between 3 and 6 (each operation can be preempted, and a
// bug's depth is small in practice, Burckhardt et al. 2010).
unsigned default_pct_depth(const scenario::Scenario& s);

struct Progress {
  std::uint64_t executions = 0;
  unsigned preemption_bound = 0;
  double seconds = 0;
};

struct ExploreOptions {
  Completion completion = Completion::versioned;
  Reclaim reclaim = Reclaim::hazard;
  // Stop raising the bound at N; without it, raise it until a round
  // needs no preemption the bound forbids: the search is then exhaustive.
  std::optional<unsigned> preemption_limit;
  bool reduction = true;       // DPOR and sleep sets; false: every schedule
  bool source_sets = true;     // add a backtrack point only where no equivalent start is planned
  // Raise the preemption bound round by round (the first failure has the
  // fewest preemptions); false: one unbounded round.
  bool iterative_bounding = true;
  bool stop_at_first = true;   // false (--all): count every failing execution
  std::uint32_t step_limit = 5000;           // per execution; at it: too long, the search stops
  // c11: spurious failures of compare_exchange_weak per execution (each a
  // read choice; sim::RunOptions::spurious_failures).
  std::uint32_t spurious_failures = 1;
  std::uint64_t max_executions = 2'000'000;  // beyond it the search is incomplete
  double time_limit_seconds = 0;             // 0: none; beyond it the search is incomplete
  // Only this failure kind counts as a finding (--want); others are
  // counted in failures_by_kind and the search goes on.
  std::optional<FailureKind> want;
  // Worker threads for the search (0: one per hardware thread). Results
  // do not depend on it.
  unsigned workers = 1;
  std::optional<PctOptions> pct;
  // Called now and then; returning false cancels the search.
  std::function<bool(const Progress&)> on_progress;
  // Hash every execution's trace (its happens-before order) to count the
  // distinct traces explored: ExploreResult::traces. Costs memory per trace.
  bool count_traces = false;
  // What the search does beyond the source-DPOR of issue 10 (all four
  // off: that search exactly, the benchmark's baseline):
  bool precise_cas = true;  // a CAS that would fail here counts as a read, not a write
  // The end of one operation and the start of another are dependent (the
  // real-time order the linearizability check reads); without it, DPOR
  // may explore only the schedule of a trace where two operations overlap
  // and miss the one where they do not.
  bool op_order = true;
  // Split the unbounded round into tasks (subtrees) that run on the
  // workers; the split does not depend on how many there are.
  bool split = true;
  // In the unbounded round, a path that reaches a state whose subtree was
  // searched already stops there (stateful DPOR; not with --all).
  bool state_cache = false;  // sound, but on the library it costs more than it saves (docs/performance.md)
  std::size_t max_cached_states = 4'000'000;  // beyond it, states are no longer added
  // Called with every execution the search finishes (tests); from the
  // worker threads, at once when there are several.
  std::function<void(const sim::Run&)> on_execution;
  // The memory model the runs use, and numbered orders run weaker than
  // declared (docs/memory-model.md). Under c11 a load's read is a choice
  // too; the reduction does not yet cover read choices, so the search
  // enumerates every (thread, read) choice with sleep sets and DPOR off,
  // under the preemption bounds (ExploreResult::strategy says so).
  sim::MemoryModel memory_model = sim::MemoryModel::sc;
  sim::Weakening weaken;
};

// The run options a search's runs use.
sim::RunOptions run_options(const ExploreOptions& o, std::uint32_t step_limit);

// A key step of a counterexample, said in plain words.
struct Narration {
  std::uint32_t step = 0;
  std::string text;
  bool verdict = false;  // the checker's verdict on the whole run: said after the steps, not in a script step
};

struct Counterexample {
  FailureKind kind = FailureKind::none;
  std::string message;             // the failure's own words, or the checker's explanation
  std::vector<unsigned> schedule;  // thread choices from the start
  unsigned preemptions = 0;
  unsigned context_switches = 0;
  std::vector<check::HistoryOp> history;
  std::vector<Narration> narration;
};

// Why a search ended.
enum class StopReason : std::uint8_t {
  finished,   // every round it was asked for ran to its end
  failure,    // a failure was found (stop_at_first)
  budget,     // max_executions reached
  time_limit, // time_limit_seconds reached
  cancelled,  // on_progress returned false
  too_long,   // an execution reached step_limit: the scenario is too long to explore
};
std::string_view name(StopReason r);

struct ExploreResult {
  std::uint64_t executions = 0;
  std::uint64_t failing_executions = 0;
  std::map<FailureKind, std::uint64_t> failures_by_kind;
  std::optional<unsigned> preemption_bound;  // the last round's bound; none for PCT or an unbounded search
  bool complete = false;                     // every schedule was covered (up to equivalence)
  bool cancelled = false;
  StopReason stop = StopReason::finished;
  // The highest preemption bound whose round finished: every schedule with
  // at most that many preemptions was covered. None when no bounded round
  // finished (or for PCT).
  std::optional<unsigned> complete_bound;
  bool unbounded_finished = false;           // the unbounded round ran to its end
  double seconds = 0;
  std::optional<Counterexample> failure;     // the first found, minimized

  // What the coverage wording needs (coverage()): set by explore().
  std::uint64_t partial_round_executions = 0;  // executions of a round that did not finish
  std::uint64_t max_executions = 0;            // the options' budget and time limit
  double time_limit_seconds = 0;
  std::optional<FailureKind> want;
  bool deepened = false;     // rounds under bounds 0, 1, ... (not --all's one round)
  bool pct = false;          // PCT runs, not a search
  // Under the c11 memory model: every (thread, read) choice enumerated, no
  // DPOR and no sleep sets (sound; slower), and the weakening it ran with.
  sim::MemoryModel memory_model = sim::MemoryModel::sc;
  bool read_choices = false;
  std::uint32_t spurious_failures = 0;  // with read_choices: the bound it ran with
  std::string weakened;
  unsigned pct_depth = 0;
  std::uint64_t pct_steps = 0;  // k: the longest run's steps
  unsigned threads = 0;
  // Executions that reached step_limit: not judged, not failures (the
  // search stops at the first).
  std::uint64_t too_long_executions = 0;
  // What the search cost (depth-first searches; PCT counts executions only).
  std::uint64_t blocked = 0;         // partial paths given up: every runnable thread asleep
  std::uint64_t steps = 0;           // simulator steps run, replays included
  std::uint64_t replayed_steps = 0;  // of them, re-running a prefix after a backtrack
  std::uint64_t traces = 0;          // distinct Mazurkiewicz traces among the executions (count_traces)
  std::uint64_t cache_hits = 0;      // paths stopped at a state already searched
  std::uint64_t states_cached = 0;
  unsigned workers_used = 1;
  double executions_per_second() const { return seconds > 0 ? double(executions) / seconds : 0; }
  double executions_per_trace() const { return traces ? double(executions) / double(traces) : 0; }
};

ExploreResult explore(const scenario::Scenario& s, const ExploreOptions& options);

// What a search covered, in one place for the CLI, the GUI and
// verify-library, so they never disagree. The structured form feeds the
// JSON; the texts are built from it.
struct Coverage {
  StopReason stop = StopReason::finished;
  bool complete = false;
  // c11: every schedule and read choice enumerated, no reduction; a weak
  // CAS failing spuriously at most spurious_failures times an execution.
  // Under PCT: each read choice drawn at random, which the PCT bound does
  // not count.
  bool read_choices = false;
  std::uint32_t spurious_failures = 0;
  std::optional<unsigned> complete_bound;   // every schedule with at most this many preemptions
  std::optional<unsigned> last_bound;       // the last round's bound; none: unbounded
  bool deepened = false;                    // bounds 0, 1, ...: a failure has the fewest preemptions
  bool unbounded_finished = false;
  std::uint64_t executions = 0, beyond_executions = 0;  // beyond: in the round that did not finish
  std::optional<FailureKind> found, want;
  unsigned found_preemptions = 0;
  std::uint64_t failing_executions = 0, found_executions = 0;  // every kind; the found kind
  std::uint64_t max_executions = 0;
  double time_limit_seconds = 0;
  // PCT: runs, depth d, n threads, k steps; a failure of depth at most d
  // is found by one run with probability at least 1/(n k^(d-1)) (Burckhardt
  // et al. 2010), so all the runs miss it with at most miss_bound.
  bool pct = false;
  unsigned pct_depth = 0, threads = 0;
  std::uint64_t pct_steps = 0;
  double pct_per_run = 0, pct_miss_bound = 1;
};
Coverage coverage(const ExploreResult& r);
// No failure, and every schedule within the preemption bound searched (the
// bound was the plan, not cut short): coverage_brief's "bounded: ...".
bool covered_within_bound(const Coverage& c);
// One or two sentences: "No failure within preemption bound 2 (3000
// executions): every schedule with at most 2 preemptions covered; beyond it
// 2513 executions of the unbounded round, stopped at the execution budget
// (3000). Not complete."
std::string coverage_text(const Coverage& c);
// The same in a few words, for a table cell ("complete", "found at
// preemption bound 1", "bounded: every schedule with at most 3 preemptions").
std::string coverage_brief(const Coverage& c);
// The structured form as a JSON object (explore --json merges it into its
// result).
nlohmann::json coverage_json(const Coverage& c);

// What went wrong in a finished run: its own failure, else the checker's
// verdict on its history and final contents. kind none when it is fine.
struct Outcome {
  FailureKind kind = FailureKind::none;
  std::string message;
};
Outcome judge(const sim::Run& run);
// What judge gives the checker: the initial and final contents, the
// threads' names, and the order (real time under sc, happens-before under c11).
check::CheckOptions checker_options(const sim::Run& run);

// Preemptions and context switches of a schedule of `run`'s scenario.
struct ScheduleShape {
  unsigned preemptions = 0;
  unsigned context_switches = 0;
};
// (The runs replay under `ro`'s memory model and weakening; its step limit
// is set from the schedule.)
ScheduleShape shape_of(const scenario::Scenario& s, Completion c, Reclaim r, const std::vector<unsigned>& schedule,
                       sim::RunOptions ro = {});

// Under c11: lowers each read choice of a failing schedule toward 0 (the
// latest store; a weak CAS's spurious failure dropped), where it is or at
// its thread's next turn, and keeps each change whose run still fails with
// the same kind and no more preemptions, until none is left to lower: the
// schedule keeps only the stale reads and spurious failures the failure
// needs. Its schedule, message and history are the new run's (the shape
// and narration are the caller's to redo). Deterministic; under sc, or
// with no read choice, it returns `cx` as it is.
Counterexample minimize_reads(const scenario::Scenario& s, Completion c, Reclaim r, Counterexample cx,
                              const sim::RunOptions& ro);

// Replays a counterexample and says what happens at its key steps.
std::vector<Narration> narrate(const scenario::Scenario& s, Completion c, Reclaim r, const Counterexample& cx,
                               sim::RunOptions ro = {});

// The counterexample as a replayable scenario file with a script: one
// [[script]] step per run of one thread, narrated, each a pause point.
// Under `ro`'s c11 model the file says memory_model = "c11", lists its
// weakened orders in [orders], and a load that read an older store is a
// step of its own with `read = N`. `found_by` names the command in its
// header ("lfvlab verify-orders").
std::string counterexample_toml(const scenario::Scenario& s, Completion c, Reclaim r, const Counterexample& cx,
                                const sim::RunOptions& ro = {}, std::string_view found_by = "lfvlab explore");

// Any schedule as a scenario file with such a script (`header` is a
// comment; `failure` fills [expect] when given).
std::string schedule_toml(const scenario::Scenario& s, Completion c, Reclaim r, const std::vector<unsigned>& schedule,
                          const std::vector<Narration>& narration, const std::string& title, const std::string& about,
                          const std::string& header, std::optional<FailureKind> failure,
                          const sim::RunOptions& ro = {});

}  // namespace lfv::explore
