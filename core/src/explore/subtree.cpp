// The search loop: it walks the path (path.hpp) depth first, asks the
// reduction (reduction.hpp) what to try next and the bound (bound.hpp)
// what is cut, and judges each finished execution; optionally, unbounded,
// it caches states (state_cache.hpp). Every path is re-run from the start
// (a run cannot be copied); a frame remembers what is left to try.
#include "subtree.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <tuple>
#include <vector>

#include "bound.hpp"
#include "path.hpp"
#include "reduction.hpp"
#include "state_cache.hpp"
#include "state_key.hpp"

namespace lfv::explore::detail {
using sim::ActionKind;

bool fails_now(const sim::PendingAction* a) {
  if (!a || a->kind != ActionKind::cas) return false;
  std::uint64_t now = 0;
  std::memcpy(&now, a->address, a->width);
  const std::uint64_t mask = a->width >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * a->width)) - 1;
  return ((now ^ a->expected) & mask) != 0;
}

namespace {
const sim::OpRecord* op_record(const sim::Log& log, unsigned t, int op) {
  for (auto r = log.ops.rbegin(); r != log.ops.rend(); ++r)
    if (r->thread == t && int(r->index) == op) return &*r;
  return nullptr;
}
}  // namespace

Move next_move(const sim::Program& run, unsigned t, const ExploreOptions& o) {
  Move m;
  m.access = run.next_access(t).value_or(sim::Access{});
  if (o.precise_cas && fails_now(run.next_action(t))) m.access.write = false;
  if (o.op_order) {
    const sim::OpRecord* r = op_record(run.log(), t, run.current_op(t));
    m.op_begin = r && r->invoked == sim::kNoStep;
    m.op_end = true;
  }
  return m;
}

Move last_move(const sim::Program& run, const ExploreOptions& o) {
  const sim::StepEvent& e = run.log().steps.back();
  Move m;
  m.access = sim::access_of(e);
  if (o.op_order)
    if (const sim::OpRecord* r = op_record(run.log(), e.thread, e.op)) {
      m.op_begin = r->invoked == e.index;
      m.op_end = r->returned == e.index;
    }
  return m;
}

class Subtree::Impl {
 public:
  Impl(const Subject& subject, const ExploreOptions& o, SteadyClock::time_point start)
      : subject_(subject), o_(o), start_(start), threads_(subject.thread_count()) {}

  SubtreeOutcome search(const Task& task, std::optional<unsigned> bound, const SubtreeLimits& limits,
                        std::uint64_t executions_before) {
    out_ = SubtreeOutcome{};
    limits_ = limits;
    before_ = executions_before;
    bound_ = PreemptionBound(bound);
    reduction_.emplace(ReductionOptions{o_.reduction, o_.source_sets, o_.op_order}, bound_);
    bound_hit_ = false;
    stop_ = false;
    reads_ = o_.memory_model == sim::MemoryModel::c11;
    // Caching needs no bound (a cut subtree's bound is not kept), and
    // --all's counts are of executions, so it keeps every one.
    caching_ = o_.reduction && o_.state_cache && !bound && o_.stop_at_first && subject_.reset_states(tracker_);
    if (caching_) {
      cache_.emplace(o_.max_cached_states);
      accesses_ = AccessTable{};
      footprints_ok_ = true;
    }
    run_ = subject_.replay({});
    path_.reset(threads_);
    // The prefix: its frames are frozen, so nothing below adds choices to
    // them; its steps still count for races and clocks.
    push_frame(-1, 0, ThreadSet{});
    for (unsigned c : task.prefix) {
      Frame& f = path_.top();
      f.frozen = f.initialized = true;
      f.chosen = int(c);
      const unsigned preemptions = PreemptionBound::preemptions_after(f, int(c));
      if (!run_->step(c)) break;  // cannot happen: the prefix came from a run
      ++out_.counts.steps;
      path_.take(path_.frames() - 1, int(c), last_move(*run_, o_));
      if (caching_) tracker_.push(*run_);
      push_frame(int(c), preemptions, ThreadSet{});
    }
    root_ = path_.frames() - 1;
    path_.top().sleep = path_.top().entry_sleep = ThreadSet(task.sleep);
    for (unsigned t = 0; t < threads_ && t < task.asleep.size(); ++t) path_.top().asleep[t] = task.asleep[t];
    Reduction& reduction = *reduction_;
    bool replay_needed = false;
    while (path_.frames() > root_) {
      if (stop_) break;
      Frame& f = path_.top();
      const std::size_t depth = path_.frames() - 1;
      if (!f.initialized) {
        f.initialized = true;
        const bool finished = run_->finished();
        if (o_.reduction && !finished) reduction.detect_races(path_, depth);
        if (caching_ && known_state(depth)) {
          ++out_.counts.cache_hits;
          pop_frame(replay_needed);
          continue;
        }
        if (finished) {
          finish_execution();
          pop_frame(replay_needed);
          continue;
        }
        if (!reduction.open(f)) {  // every runnable thread sleeps: an equivalent path was explored
          ++out_.counts.blocked;
          pop_frame(replay_needed);
          continue;
        }
      }
      const int q = reduction.next_choice(f);
      if (f.bound_hit) bound_hit_ = true;
      if (q < 0) {
        pop_frame(replay_needed);
        continue;
      }
      // Under c11 each store the thread's load may read is a choice of its own.
      unsigned choice = unsigned(q);
      if (reads_) {
        choice = sim::choice_of(unsigned(q), f.next_read[std::size_t(q)]++);
        if (f.next_read[std::size_t(q)] >= f.reads[std::size_t(q)]) f.done.set(unsigned(q));
      } else {
        f.done.set(unsigned(q));
      }
      f.chosen = int(choice);
      if (replay_needed) {
        path_.choices(depth, choices_);
        run_.reset();  // its fiber stacks go back to the pool for the new run
        run_ = subject_.replay(choices_);
        out_.counts.steps += depth;
        out_.counts.replayed_steps += depth;
        replay_needed = false;
      }
      const unsigned preemptions = PreemptionBound::preemptions_after(f, q);
      run_->step(choice);
      ++out_.counts.steps;
      const Move moved = last_move(*run_, o_);
      // The end of an operation is known once it ran: its races now.
      if (o_.reduction && moved.op_end) reduction.race(path_, depth, unsigned(q), moved);
      f.taken = moved;
      const ThreadSet sleep = reduction.sleep_after(f, q, moved);
      path_.take(depth, q, moved);
      if (caching_) tracker_.push(*run_);
      const std::array<Move, kMaxScenarioThreads> asleep = f.asleep;
      push_frame(q, preemptions, sleep);
      path_.top().asleep = asleep;
    }
    if (cache_) out_.counts.states_cached += cache_->size();
    cache_.reset();
    run_.reset();
    out_.stopped = stop_;
    return std::move(out_);
  }

  bool bound_hit() const { return bound_hit_; }

 private:
  void push_frame(int last, unsigned preemptions, ThreadSet sleep) {
    Frame f;
    for (unsigned t = 0; t < threads_; ++t)
      if (run_->runnable(t)) {
        f.runnable.set(t);
        f.next[t] = next_move(*run_, t, o_);
        if (reads_) f.reads[t] = std::uint16_t(run_->read_choices(t));
      }
    f.sleep = f.entry_sleep = sleep;
    f.last_thread = last;
    f.preemptions = preemptions;
    if (caching_) f.key = tracker_.key();
    path_.push(f);
  }

  void pop_frame(bool& replay_needed) {
    const Frame& done = path_.top();
    const bool hit = done.bound_hit;
    if (caching_ && footprints_ok_) cache_->insert(done.key, done.entry_sleep.bits(), done.footprint);
    const Footprint footprint = caching_ ? done.footprint : Footprint{};
    replay_needed = true;
    const bool above_root = path_.frames() - 1 > root_;
    path_.pop(above_root);
    if (!above_root) return;
    Frame& parent = path_.top();
    if (caching_) {
      tracker_.pop();
      parent.footprint |= footprint;
    }
    reduction_->explored(parent, hit);
  }

  // With state caching: records what this state offers next, and says
  // whether its subtree is already known; if so the path stops here, and
  // every race the subtree could have with the path gets its backtrack
  // point.
  bool known_state(std::size_t depth) {
    Frame& f = path_.frame(depth);
    for (unsigned p = 0; p < threads_ && footprints_ok_; ++p) {
      if (!f.runnable[p]) continue;
      const auto i = accesses_.index(p, f.next[p]);
      if (i) f.footprint.set(*i);
      else footprints_ok_ = false;  // too many distinct accesses: stop adding states
    }
    const auto hit = cache_->find(f.key, f.sleep.bits());
    if (!hit) return false;
    const Footprint& fp = *hit->footprint;
    for (unsigned b = 0; b < AccessTable::kMax; ++b) {
      if (!fp[b]) continue;
      const auto& [p, a] = accesses_[b];
      for (std::size_t i = depth; i-- > 0;)
        if (!path_.frame(i).frozen && path_.step(i).thread != int(p) && depends(path_.step(i).move, a) &&
            !path_.happens_before(i, p))
          Reduction::add_backtrack(path_, i, p);
    }
    f.footprint |= fp;
    return true;
  }

  void finish_execution() {
    ExploreResult& c = out_.counts;
    ++c.executions;
    if (limits_.executions) limits_.executions->fetch_add(1, std::memory_order_relaxed);
    if (o_.count_traces) out_.traces.insert(trace_hash());
    subject_.on_execution(*run_);
    const Outcome out = subject_.judge(*run_);
    if (out.kind == FailureKind::too_long) {  // not judged, and no failure: the scenario is too long
      ++c.too_long_executions;
      halt(StopReason::too_long);
      return;
    }
    if (out.kind != FailureKind::none) {
      ++c.failing_executions;
      ++c.failures_by_kind[out.kind];
    }
    // With --want, only that kind is a finding; the others are counted.
    if (out.kind != FailureKind::none && (!o_.want || out.kind == *o_.want)) {
      const ScheduleShape sh = shape_of_path();
      const auto key = std::make_tuple(sh.preemptions, sh.context_switches, run_->schedule().size());
      Counterexample& best = out_.best;
      if (!out_.found || key < std::make_tuple(best.preemptions, best.context_switches, best.schedule.size())) {
        best.kind = out.kind;
        best.message = out.message;
        best.schedule = run_->schedule();
        best.preemptions = sh.preemptions;
        best.context_switches = sh.context_switches;
        best.history = check::history_from_log(run_->log());
      }
      if (!out_.found) out_.first_failure = c.executions;
      out_.found = true;
    }
    // After the first failure, look a little further for one with fewer
    // context switches (across subtrees: what the window leaves), then stop.
    if (o_.stop_at_first) {
      if (limits_.window ? c.executions >= *limits_.window
                         : out_.found && c.executions - out_.first_failure >= kMinimizeBudget)
        halt(StopReason::failure);
    }
    if (c.executions >= limits_.max_executions) halt(StopReason::budget);
    if (limits_.abort && limits_.abort->load(std::memory_order_relaxed)) halt(StopReason::cancelled);
    const std::uint64_t total = before_ + c.executions;
    if (limits_.report_progress && total % 64 == 0 && (o_.on_progress || o_.time_limit_seconds > 0)) {
      const double secs = std::chrono::duration<double>(SteadyClock::now() - start_).count();
      if (o_.time_limit_seconds > 0 && secs >= o_.time_limit_seconds) halt(StopReason::time_limit);
      if (o_.on_progress && !o_.on_progress({total, bound_.limit().value_or(0), secs})) {
        c.cancelled = true;
        halt(StopReason::cancelled);
      }
    }
  }

  // The first reason to stop is the one reported.
  void halt(StopReason why) {
    if (!stop_) out_.counts.stop = why;
    stop_ = true;
  }

  // The trace of the current path, up to reordering independent steps:
  // each step named by (thread, its index in the thread), with the count
  // of each thread's steps that happen before it. Summed, so the order of
  // the path does not matter.
  std::uint64_t trace_hash() const {
    const std::size_t n = path_.steps();
    std::vector<int> local(n);
    std::array<int, kMaxScenarioThreads> count{};
    for (std::size_t i = 0; i < n; ++i) local[i] = ++count[std::size_t(path_.step(i).thread)];
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t e = mix64(std::uint64_t(path_.step(i).thread) << 32 | std::uint64_t(local[i]));
      for (unsigned t = 0; t < threads_; ++t) {
        const int c = path_.step(i).clock[t];
        e = mix64(e ^ std::uint64_t(c < 0 ? 0 : local[std::size_t(c)]) ^ (std::uint64_t(t) << 40));
      }
      h += e;
    }
    return h;
  }

  ScheduleShape shape_of_path() const {
    ScheduleShape sh;
    sh.preemptions = path_.top().preemptions;
    for (std::size_t i = 1; i + 1 < path_.frames(); ++i)
      if (sim::thread_of(unsigned(path_.frame(i).chosen)) != sim::thread_of(unsigned(path_.frame(i - 1).chosen)))
        ++sh.context_switches;
    return sh;
  }

  const Subject& subject_;
  const ExploreOptions& o_;
  SteadyClock::time_point start_;
  unsigned threads_;
  SubtreeLimits limits_;
  std::uint64_t before_ = 0;
  SubtreeOutcome out_;
  PreemptionBound bound_;
  std::optional<Reduction> reduction_;
  std::unique_ptr<sim::Program> run_;
  Path path_;
  std::vector<unsigned> choices_;  // the path's, for a replay
  std::size_t root_ = 0;  // the depth of the task's root
  bool bound_hit_ = false, stop_ = false;
  bool reads_ = false;  // c11: read choices (sim::choice_of)
  // State caching.
  bool caching_ = false, footprints_ok_ = true;
  StateTracker tracker_;
  AccessTable accesses_;
  std::optional<StateCache> cache_;
};

Subtree::Subtree(const Subject& subject, const ExploreOptions& o, SteadyClock::time_point start)
    : impl_(std::make_unique<Impl>(subject, o, start)) {}
Subtree::~Subtree() = default;
SubtreeOutcome Subtree::search(const Task& task, std::optional<unsigned> bound, const SubtreeLimits& limits,
                               std::uint64_t executions_before) {
  return impl_->search(task, bound, limits, executions_before);
}
bool Subtree::bound_hit() const { return impl_->bound_hit(); }

}  // namespace lfv::explore::detail
