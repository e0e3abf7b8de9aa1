// Dynamic partial-order reduction: Flanagan and Godefroid's race
// detection, sleep sets and source sets (Abdulla et al. 2014), with
// preemption bounding (Coons et al. 2013), and optionally, unbounded,
// state caching (state_cache.hpp). Every path is re-run from the start (a
// run cannot be copied); a frame remembers what is left to try.
#include "subtree.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <tuple>
#include <vector>

#include "lfv/sim/drive.hpp"
#include "state_cache.hpp"
#include "state_key.hpp"

namespace lfv::explore::detail {
using sim::ActionKind;
namespace {
// Scenarios have at most 9 threads: per-thread sets are bit masks and
// per-thread tables fixed arrays, so a frame allocates nothing.
constexpr unsigned kMaxScenarioThreads = 9;
using Clock = std::array<int, kMaxScenarioThreads>;

// A set of threads.
class ThreadSet {
 public:
  ThreadSet() = default;
  explicit ThreadSet(std::uint16_t bits) : bits_(bits) {}
  bool operator[](unsigned t) const { return bits_ >> t & 1u; }
  void set(unsigned t, bool on = true) { bits_ = std::uint16_t(on ? bits_ | (1u << t) : bits_ & ~(1u << t)); }
  std::uint16_t bits() const { return bits_; }

 private:
  std::uint16_t bits_ = 0;
};

// A state on the current path: what each thread would do next, which
// threads are still to be tried from here (backtrack), tried (done), or
// known redundant (sleep).
struct Frame {
  std::array<Move, kMaxScenarioThreads> next;  // each thread's next step
  ThreadSet runnable, backtrack, done, sleep;
  ThreadSet entry_sleep;  // the sleep set it was reached with
  // The step each sleeping thread took from where it went to sleep: it is
  // its next step here too, and taking it told whether it ends its
  // operation, which its pending action cannot. (Without op_order the
  // search compares pending actions, as issue 10's did.)
  std::array<Move, kMaxScenarioThreads> asleep;
  Move taken;  // the step the path takes from here
  bool frozen = false;    // on the task's prefix: its choices are not this search's
  int last_thread = -1;   // the thread of the step that led here
  unsigned preemptions = 0;
  bool initialized = false;
  bool bound_hit = false;  // a choice in this subtree was cut by the bound
  int chosen = -1;
  StateKey key;            // with state caching
  Footprint footprint;     // of its subtree so far, with state caching
};

// A step on the current path, apart from its frame: the race detection
// scans these, and they are small.
struct PathStep {
  Move move;  // as it ran: a failed CAS only read
  int thread = -1;
  int previous = -1;  // the thread's step before it, or -1
  Clock clock;        // its vector clock: the latest step of each thread that happens before it
};

}  // namespace

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

Move next_move(const sim::Run& run, unsigned t, const ExploreOptions& o) {
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

Move last_move(const sim::Run& run, const ExploreOptions& o) {
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
  Impl(const scenario::Scenario& s, const ExploreOptions& o, SteadyClock::time_point start)
      : s_(s), o_(o), start_(start), threads_(unsigned(s.threads.size())) {}

  SubtreeOutcome search(const Task& task, std::optional<unsigned> bound, const SubtreeLimits& limits,
                        std::uint64_t executions_before) {
    out_ = SubtreeOutcome{};
    limits_ = limits;
    before_ = executions_before;
    bound_ = bound;
    bound_hit_ = false;
    stop_ = false;
    // Caching needs no bound (a cut subtree's bound is not kept), and
    // --all's counts are of executions, so it keeps every one.
    caching_ = o_.reduction && o_.state_cache && !bound && o_.stop_at_first;
    if (caching_) {
      cache_.emplace(o_.max_cached_states);
      accesses_ = AccessTable{};
      tracker_.reset(s_);
      footprints_ok_ = true;
    }
    run_ = sim::start_run(s_, o_.completion, o_.reclaim, {o_.step_limit});
    stack_.clear();
    path_.clear();
    last_of_.fill(-1);
    // The prefix: its frames are frozen, so nothing below adds choices to
    // them; its steps still count for races and clocks.
    push_frame(-1, 0, ThreadSet{});
    for (unsigned c : task.prefix) {
      Frame& f = stack_.back();
      f.frozen = f.initialized = true;
      f.chosen = int(c);
      const unsigned preemptions = f.preemptions + (preempts(f, int(c)) ? 1 : 0);
      if (!run_->step(c)) break;  // cannot happen: the prefix came from a run
      ++out_.counts.steps;
      push_step(stack_.size() - 1, int(c), last_move(*run_, o_));
      if (caching_) tracker_.push(*run_);
      push_frame(int(c), preemptions, ThreadSet{});
    }
    root_ = stack_.size() - 1;
    stack_.back().sleep = stack_.back().entry_sleep = ThreadSet(task.sleep);
    for (unsigned t = 0; t < threads_ && t < task.asleep.size(); ++t) stack_.back().asleep[t] = task.asleep[t];
    bool replay_needed = false;
    while (stack_.size() > root_) {
      if (stop_) break;
      Frame& f = stack_.back();
      const std::size_t depth = stack_.size() - 1;
      if (!f.initialized) {
        f.initialized = true;
        const bool finished = run_->finished();
        if (o_.reduction && !finished) detect_races(depth);
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
        const int first = first_choice(f);
        if (first < 0) {  // every runnable thread sleeps: an equivalent path was explored
          ++out_.counts.blocked;
          pop_frame(replay_needed);
          continue;
        }
        f.backtrack.set(unsigned(first));
        if (!o_.reduction)
          for (unsigned t = 0; t < threads_; ++t) f.backtrack.set(t, f.runnable[t]);
      }
      const int q = next_choice(f);
      if (q < 0) {
        pop_frame(replay_needed);
        continue;
      }
      f.done.set(unsigned(q));
      f.chosen = q;
      if (replay_needed) {
        std::vector<unsigned> prefix;
        prefix.reserve(depth);
        for (std::size_t i = 0; i < depth; ++i) prefix.push_back(unsigned(stack_[i].chosen));
        run_ = sim::replay(s_, o_.completion, o_.reclaim, prefix, {o_.step_limit});
        out_.counts.steps += prefix.size();
        out_.counts.replayed_steps += prefix.size();
        replay_needed = false;
      }
      const unsigned preemptions = f.preemptions + (preempts(f, q) ? 1 : 0);
      run_->step(unsigned(q));
      ++out_.counts.steps;
      const Move moved = last_move(*run_, o_);
      // The end of an operation is known once it ran: its races now.
      if (o_.reduction && moved.op_end) race(depth, unsigned(q), moved);
      f.taken = moved;
      ThreadSet sleep;
      if (o_.reduction)
        for (unsigned t = 0; t < threads_; ++t)
          sleep.set(t, f.sleep[t] && int(t) != q && f.runnable[t] &&
                           !(o_.op_order ? depends(f.asleep[t], moved) : depends(f.next[t], f.next[unsigned(q)])));
      push_step(depth, q, moved);
      if (caching_) tracker_.push(*run_);
      const std::array<Move, kMaxScenarioThreads> asleep = f.asleep;
      push_frame(q, preemptions, sleep);
      stack_.back().asleep = asleep;
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
      }
    f.sleep = f.entry_sleep = sleep;
    f.last_thread = last;
    f.preemptions = preemptions;
    if (caching_) f.key = tracker_.key();
    stack_.push_back(f);
  }

  void push_step(std::size_t depth, int q, const Move& a) {
    PathStep st;
    st.move = a;
    st.thread = q;
    st.previous = last_of_[std::size_t(q)];
    st.clock = clock_of(depth, q, a);
    path_.push_back(st);
    last_of_[std::size_t(q)] = int(depth);
  }

  void pop_frame(bool& replay_needed) {
    Frame& done = stack_.back();
    const bool hit = done.bound_hit;
    if (caching_ && footprints_ok_) cache_->insert(done.key, done.entry_sleep.bits(), done.footprint);
    const Footprint footprint = caching_ ? done.footprint : Footprint{};
    stack_.pop_back();
    replay_needed = true;
    if (stack_.size() <= root_) return;
    Frame& parent = stack_.back();
    last_of_[std::size_t(path_.back().thread)] = path_.back().previous;
    path_.pop_back();
    if (caching_) {
      tracker_.pop();
      parent.footprint |= footprint;
    }
    // A subtree cut by the bound was not fully explored: its first thread
    // must not put equivalent paths to sleep.
    if (hit) parent.bound_hit = true;
    else if (o_.reduction) {
      parent.sleep.set(unsigned(parent.chosen));
      parent.asleep[std::size_t(parent.chosen)] = parent.taken;
    }
  }

  // With state caching: records what this state offers next, and says
  // whether its subtree is already known; if so the path stops here, and
  // every race the subtree could have with the path gets its backtrack
  // point.
  bool known_state(std::size_t depth) {
    Frame& f = stack_[depth];
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
        if (!stack_[i].frozen && path_[i].thread != int(p) && depends(path_[i].move, a) &&
            !happens_before(i, p))
          add_backtrack(i, p);
    }
    f.footprint |= fp;
    return true;
  }

  // Switching away from a thread that could go on is a preemption.
  static bool preempts(const Frame& f, int q) {
    return f.last_thread >= 0 && q != f.last_thread && f.runnable[unsigned(f.last_thread)];
  }

  int first_choice(const Frame& f) const {
    if (f.last_thread >= 0 && f.runnable[unsigned(f.last_thread)] && !f.sleep[unsigned(f.last_thread)])
      return f.last_thread;
    for (unsigned t = 0; t < threads_; ++t)
      if (f.runnable[t] && !f.sleep[t]) return int(t);
    return -1;
  }

  int next_choice(Frame& f) {
    for (unsigned t = 0; t < threads_; ++t) {
      if (!f.backtrack[t] || f.done[t] || f.sleep[t] || !f.runnable[t]) continue;
      if (bound_ && preempts(f, int(t)) && f.preemptions + 1 > *bound_) {
        f.done.set(t);
        f.bound_hit = true;
        bound_hit_ = true;
        continue;
      }
      return int(t);
    }
    return -1;
  }

  // The join of the clocks of q's previous step and of every earlier step
  // it depends on; latest first, so a step already ordered before is skipped.
  Clock clock_of(std::size_t depth, int q, const Move& a) const {
    Clock c;
    c.fill(-1);
    if (const int prev = last_of_[std::size_t(q)]; prev >= 0) c = path_[std::size_t(prev)].clock;
    for (std::size_t i = depth; i-- > 0;) {
      const PathStep& st = path_[i];
      if (st.thread == q || c[std::size_t(st.thread)] >= int(i) || !depends(st.move, a)) continue;
      for (unsigned t = 0; t < threads_; ++t) c[t] = std::max(c[t], st.clock[t]);
    }
    c[std::size_t(q)] = int(depth);
    return c;
  }

  // Does step i happen before thread p's next step (through p's last one)?
  bool happens_before(std::size_t i, unsigned p) const {
    const int last = last_of_[p];
    return last >= 0 && path_[std::size_t(last)].clock[std::size_t(path_[i].thread)] >= int(i);
  }

  // Flanagan and Godefroid's race detection: for each thread's next step,
  // the latest earlier step it races with gets the thread as a backtrack
  // point, so the reversed order is explored too. Under a bound, also the
  // start of that step's run of one thread (Coons et al.), so the reversal
  // stays reachable within the bound.
  void detect_races(std::size_t depth) {
    const Frame& f = stack_[depth];
    for (unsigned p = 0; p < threads_; ++p) {
      if (!f.runnable[p]) continue;
      Move m = f.next[p];
      m.op_end = false;  // whether it ends its operation is known when it ran (round())
      race(depth, p, m);
    }
  }

  // The latest step before `depth` that p's step m races with.
  void race(std::size_t depth, unsigned p, const Move& m) {
    for (std::size_t i = depth; i-- > 0;) {
      const PathStep& st = path_[i];
      if (st.thread == int(p) || !depends(st.move, m) || happens_before(i, p)) continue;
      // The prefix's frames try every thread already (search.cpp).
      if (stack_[i].frozen) break;
      if (o_.source_sets && covered(i, p, depth)) break;
      add_backtrack(i, p);
      if (bound_) {
        std::size_t j = i;
        while (j > 0 && path_[j - 1].thread == st.thread) --j;
        if (!stack_[j].frozen) add_backtrack(j, p);
      }
      break;
    }
  }

  // Does step a happen before step b (both on the current path)?
  bool step_before(std::size_t a, std::size_t b) const {
    return path_[b].clock[std::size_t(path_[a].thread)] >= int(a);
  }

  // Source sets (Abdulla et al. 2014): reversing the race (i, p) needs a
  // thread that can start v = the steps after i that do not depend on it,
  // then p. If such an initial of v is already scheduled, tried or asleep
  // at the state before i, nothing needs adding.
  bool covered(std::size_t i, unsigned p, std::size_t depth) {
    const Frame& fi = stack_[i];
    std::vector<std::size_t>& v = scratch_;
    v.clear();
    for (std::size_t k = i + 1; k < depth; ++k)
      if (!step_before(i, k)) v.push_back(k);
    ThreadSet initial, seen;
    for (std::size_t a = 0; a < v.size(); ++a) {
      const unsigned t = unsigned(path_[v[a]].thread);
      if (seen[t]) continue;  // only a thread's first step in v can start it
      seen.set(t);
      bool first = true;
      for (std::size_t b = 0; b < a && first; ++b) first = !step_before(v[b], v[a]);
      initial.set(t, first);
    }
    bool p_first = true;
    for (std::size_t k : v) p_first = p_first && !happens_before(k, p);
    if (p_first) initial.set(p);
    for (unsigned t = 0; t < threads_; ++t)
      if (initial[t] && (fi.backtrack[t] || fi.done[t] || fi.sleep[t])) return true;
    return false;
  }

  void add_backtrack(std::size_t i, unsigned p) {
    Frame& fi = stack_[i];
    if (fi.runnable[p]) {
      fi.backtrack.set(p);
    } else {
      for (unsigned t = 0; t < threads_; ++t)
        if (fi.runnable[t]) fi.backtrack.set(t);
    }
  }

  void finish_execution() {
    ExploreResult& c = out_.counts;
    ++c.executions;
    if (limits_.executions) limits_.executions->fetch_add(1, std::memory_order_relaxed);
    if (o_.count_traces) out_.traces.insert(trace_hash());
    if (o_.on_execution) o_.on_execution(*run_);
    const Outcome out = judge(*run_);
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
      if (o_.on_progress && !o_.on_progress({total, bound_.value_or(0), secs})) {
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
    const std::size_t n = path_.size();
    std::vector<int> local(n);
    std::array<int, kMaxScenarioThreads> count{};
    for (std::size_t i = 0; i < n; ++i) local[i] = ++count[std::size_t(path_[i].thread)];
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t e = mix64(std::uint64_t(path_[i].thread) << 32 | std::uint64_t(local[i]));
      for (unsigned t = 0; t < threads_; ++t) {
        const int c = path_[i].clock[t];
        e = mix64(e ^ std::uint64_t(c < 0 ? 0 : local[std::size_t(c)]) ^ (std::uint64_t(t) << 40));
      }
      h += e;
    }
    return h;
  }

  ScheduleShape shape_of_path() const {
    ScheduleShape sh;
    sh.preemptions = stack_.back().preemptions;
    for (std::size_t i = 1; i + 1 < stack_.size(); ++i)
      if (stack_[i].chosen != stack_[i - 1].chosen) ++sh.context_switches;
    return sh;
  }

  const scenario::Scenario& s_;
  const ExploreOptions& o_;
  SteadyClock::time_point start_;
  unsigned threads_;
  SubtreeLimits limits_;
  std::uint64_t before_ = 0;
  SubtreeOutcome out_;
  std::optional<unsigned> bound_;
  std::unique_ptr<sim::Run> run_;
  std::vector<Frame> stack_;
  std::size_t root_ = 0;  // the depth of the task's root
  std::vector<PathStep> path_;
  std::array<int, kMaxScenarioThreads> last_of_{};  // each thread's latest step on the path
  std::vector<std::size_t> scratch_;
  bool bound_hit_ = false, stop_ = false;
  // State caching.
  bool caching_ = false, footprints_ok_ = true;
  StateTracker tracker_;
  AccessTable accesses_;
  std::optional<StateCache> cache_;
};

Subtree::Subtree(const scenario::Scenario& s, const ExploreOptions& o, SteadyClock::time_point start)
    : impl_(std::make_unique<Impl>(s, o, start)) {}
Subtree::~Subtree() = default;
SubtreeOutcome Subtree::search(const Task& task, std::optional<unsigned> bound, const SubtreeLimits& limits,
                               std::uint64_t executions_before) {
  return impl_->search(task, bound, limits, executions_before);
}
bool Subtree::bound_hit() const { return impl_->bound_hit(); }

}  // namespace lfv::explore::detail
