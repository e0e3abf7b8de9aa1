// Lowering a counterexample's read choices (c11). The search keeps the
// failing schedule with the fewest preemptions and context switches, but
// not the fewest stale reads: a spurious CAS failure or a stale load that
// happened to be on the path it took stays in the saved file, and the
// narration then explains a read the failure does not need. Here each read
// choice is lowered toward 0 (the latest store), in place or moved to the
// thread's next turn (a CAS that fails for real a little later instead of
// spuriously now), and every change whose run still fails the same way is
// kept.
#include <algorithm>
#include <numeric>

#include "lfv/explore/explorer.hpp"

namespace lfv::explore {
namespace {

struct Attempt {
  std::vector<unsigned> schedule;  // the choices the run took
  Outcome outcome;
  unsigned preemptions = 0;
  std::vector<check::HistoryOp> history;
};

// Plays `want` leniently, since a changed read changes what follows: a
// choice of a thread that cannot move any more is left out (a CAS that now
// succeeds ends its loop sooner), and after the last choice the run goes
// on without a preemption (the last thread while it can, then the lowest
// runnable one, each reading the latest), so that it ends and is judged.
// A read choice that its action does not offer makes the candidate
// meaningless: nullopt.
std::optional<Attempt> attempt(const scenario::Scenario& s, Completion c, Reclaim r, const std::vector<unsigned>& want,
                               const sim::RunOptions& ro) {
  auto run = sim::start_run(s, c, r, ro);
  Attempt a;
  int last = -1;
  auto take = [&](unsigned choice) {
    const unsigned t = sim::thread_of(choice);
    const bool preempts = last >= 0 && int(t) != last && run->runnable(unsigned(last));
    if (!run->step(choice)) return false;
    a.preemptions += preempts ? 1 : 0;
    last = int(t);
    return true;
  };
  for (unsigned choice : want) {
    if (run->finished()) break;
    const unsigned t = sim::thread_of(choice);
    if (t >= run->thread_count() || !run->runnable(t)) continue;
    if (sim::read_of(choice) >= run->read_choices(t)) return std::nullopt;
    if (!take(choice)) break;  // the step limit: judged too_long below
  }
  while (!run->finished()) {
    unsigned next = run->thread_count();
    if (last >= 0 && run->runnable(unsigned(last))) next = unsigned(last);
    for (unsigned t = 0; next == run->thread_count() && t < run->thread_count(); ++t)
      if (run->runnable(t)) next = t;
    if (next == run->thread_count() || !take(next)) break;
  }
  a.outcome = judge(*run);
  a.schedule = run->schedule();
  a.history = check::history_from_log(run->log());
  return a;
}

std::uint64_t read_sum(const std::vector<unsigned>& schedule) {
  return std::accumulate(schedule.begin(), schedule.end(), std::uint64_t{0},
                         [](std::uint64_t n, unsigned c) { return n + sim::read_of(c); });
}

// The candidates for the read choice at `i`, in the order they are tried:
// for each lower value v from 0, the choice set to v where it is, then
// taken at the thread's next turn instead (the other threads' steps
// between go first).
std::vector<std::vector<unsigned>> candidates(const std::vector<unsigned>& schedule, std::size_t i) {
  const unsigned t = sim::thread_of(schedule[i]);
  std::size_t next = i + 1;
  while (next < schedule.size() && sim::thread_of(schedule[next]) != t) ++next;
  std::vector<std::vector<unsigned>> out;
  for (std::uint32_t v = 0; v < sim::read_of(schedule[i]); ++v) {
    out.push_back(schedule);
    out.back()[i] = sim::choice_of(t, v);
    if (next == i + 1) continue;  // its next turn is the next choice: the same schedule
    std::vector<unsigned> moved(schedule.begin(), schedule.begin() + std::ptrdiff_t(i));
    moved.insert(moved.end(), schedule.begin() + std::ptrdiff_t(i) + 1, schedule.begin() + std::ptrdiff_t(next));
    moved.push_back(sim::choice_of(t, v));
    moved.insert(moved.end(), schedule.begin() + std::ptrdiff_t(next), schedule.end());
    out.push_back(std::move(moved));
  }
  return out;
}

}  // namespace

Counterexample minimize_reads(const scenario::Scenario& s, Completion c, Reclaim r, Counterexample cx,
                              const sim::RunOptions& ro) {
  if (ro.memory_model != sim::MemoryModel::c11 || read_sum(cx.schedule) == 0) return cx;
  const std::optional<Attempt> found = attempt(s, c, r, cx.schedule, ro);
  if (!found || found->outcome.kind != cx.kind) return cx;  // it does not replay as found: leave it
  // No more preemptions than found: the search's rounds say no failure
  // needs fewer, and the result keeps saying so.
  const unsigned preemptions = found->preemptions;
  Attempt best = *found;
  // Passes until nothing changes: lowering a later read may let an earlier
  // one go. Each kept change lowers the sum of the reads (the lenient
  // replay only drops choices or adds ones reading the latest), so this ends.
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < best.schedule.size(); ++i) {
      if (sim::read_of(best.schedule[i]) == 0) continue;
      for (const auto& want : candidates(best.schedule, i)) {
        std::optional<Attempt> a = attempt(s, c, r, want, ro);
        if (!a || a->outcome.kind != cx.kind || a->preemptions > preemptions ||
            read_sum(a->schedule) >= read_sum(best.schedule))
          continue;
        best = std::move(*a);
        changed = true;
        break;
      }
    }
  }
  cx.message = best.outcome.message;
  cx.schedule = std::move(best.schedule);
  cx.history = std::move(best.history);
  return cx;
}

}  // namespace lfv::explore
