// Dynamic partial-order reduction: Flanagan and Godefroid's race
// detection, sleep sets and source sets (Abdulla et al. 2014), with
// preemption bounding (Coons et al. 2013). Every path is re-run from the
// start (a run cannot be copied); a frame remembers what is left to try.
#include "search.hpp"

#include <algorithm>
#include <array>
#include <tuple>
#include <vector>

#include "lfv/sim/drive.hpp"

namespace lfv::explore::detail {
namespace {
// Scenarios have at most 9 threads: per-thread sets are bit masks and
// per-thread tables fixed arrays, so a frame allocates nothing.
constexpr unsigned kMaxScenarioThreads = 9;
using Clock = std::array<int, kMaxScenarioThreads>;

// A set of threads.
class ThreadSet {
 public:
  bool operator[](unsigned t) const { return bits_ >> t & 1u; }
  void set(unsigned t, bool on = true) { bits_ = on ? bits_ | (1u << t) : bits_ & ~(1u << t); }

 private:
  std::uint16_t bits_ = 0;
};

// A state on the current path: what each thread would do next, which
// threads are still to be tried from here (backtrack), tried (done), or
// known redundant (sleep); and the step the path takes from here.
struct Frame {
  std::array<sim::Access, kMaxScenarioThreads> next_access;
  ThreadSet runnable, backtrack, done, sleep;
  int last_thread = -1;  // the thread of the step that led here
  unsigned preemptions = 0;
  bool initialized = false;
  bool bound_hit = false;  // a choice in this subtree was cut by the bound
  int chosen = -1;
  sim::Access access;  // of the step taken from here
  Clock clock;         // its vector clock: the latest step of each thread that happens before it
};

}  // namespace

class Search::Impl {
 public:
  Impl(const scenario::Scenario& s, const ExploreOptions& o, ExploreResult& result, SteadyClock::time_point start)
      : s_(s), o_(o), result_(result), start_(start), threads_(unsigned(s.threads.size())) {}

  // One depth-first round under `bound`. Returns true when the search must
  // stop: a failure (with stop_at_first), a cancel, or the execution cap.
  bool round(std::optional<unsigned> bound) {
    bound_ = bound;
    bound_hit_ = false;
    found_in_round_ = false;
    run_ = sim::start_run(s_, o_.completion, o_.reclaim, {o_.step_limit});
    stack_.clear();
    push_frame(-1, 0, ThreadSet{});
    bool replay_needed = false;
    while (!stack_.empty()) {
      if (stop_) return true;
      Frame& f = stack_.back();
      const std::size_t depth = stack_.size() - 1;
      if (!f.initialized) {
        f.initialized = true;
        if (run_->finished()) {
          finish_execution();
          pop_frame(replay_needed);
          continue;
        }
        if (o_.reduction) detect_races(depth);
        const int first = first_choice(f);
        if (first < 0) {  // every runnable thread sleeps: an equivalent path was explored
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
        for (std::size_t i = 0; i < depth; ++i) prefix.push_back(unsigned(stack_[i].chosen));
        run_ = sim::replay(s_, o_.completion, o_.reclaim, prefix, {o_.step_limit});
        replay_needed = false;
      }
      ThreadSet sleep;
      if (o_.reduction)
        for (unsigned t = 0; t < threads_; ++t)
          sleep.set(t, f.sleep[t] && int(t) != q && f.runnable[t] &&
                           !dependent(f.next_access[t], f.next_access[unsigned(q)]));
      const unsigned preemptions = f.preemptions + (preempts(f, q) ? 1 : 0);
      run_->step(unsigned(q));
      Frame& g = stack_.back();  // f, still: no push since
      g.access = sim::access_of(run_->log().steps.back());
      g.clock = clock_of(depth, q, g.access);
      push_frame(q, preemptions, sleep);
    }
    return stop_;
  }

  bool bound_hit() const { return bound_hit_; }
  bool found() const { return found_any_; }
  const Counterexample& best() const { return best_; }

 private:
  void push_frame(int last, unsigned preemptions, ThreadSet sleep) {
    Frame f;
    for (unsigned t = 0; t < threads_; ++t)
      if (run_->runnable(t)) {
        f.runnable.set(t);
        f.next_access[t] = run_->next_access(t).value_or(sim::Access{});
      }
    f.sleep = sleep;
    f.last_thread = last;
    f.preemptions = preemptions;
    stack_.push_back(std::move(f));
  }

  void pop_frame(bool& replay_needed) {
    const bool hit = stack_.back().bound_hit;
    stack_.pop_back();
    replay_needed = true;
    if (stack_.empty()) return;
    Frame& parent = stack_.back();
    // A subtree cut by the bound was not fully explored: its first thread
    // must not put equivalent paths to sleep.
    if (hit) parent.bound_hit = true;
    else if (o_.reduction) parent.sleep.set(unsigned(parent.chosen));
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

  Clock clock_of(std::size_t depth, int q, const sim::Access& a) const {
    Clock c;
    c.fill(-1);
    for (std::size_t i = depth; i-- > 0;)
      if (stack_[i].chosen == q) {
        c = stack_[i].clock;
        break;
      }
    for (std::size_t i = 0; i < depth; ++i) {
      const Frame& fi = stack_[i];
      if (fi.chosen == q || !dependent(fi.access, a)) continue;
      for (unsigned t = 0; t < threads_; ++t) c[t] = std::max(c[t], fi.clock[t]);
    }
    c[std::size_t(q)] = int(depth);
    return c;
  }

  // Does step i happen before thread p's next step (through p's last one)?
  bool happens_before(std::size_t i, unsigned p, std::size_t depth) const {
    for (std::size_t k = depth; k-- > 0;)
      if (stack_[k].chosen == int(p)) return stack_[k].clock[std::size_t(stack_[i].chosen)] >= int(i);
    return false;
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
      for (std::size_t i = depth; i-- > 0;) {
        const Frame& fi = stack_[i];
        if (fi.chosen == int(p) || !dependent(fi.access, f.next_access[p]) || happens_before(i, p, depth)) continue;
        if (o_.source_sets && covered(i, p, depth)) break;
        add_backtrack(i, p);
        if (bound_) {
          std::size_t j = i;
          while (j > 0 && stack_[j - 1].chosen == fi.chosen) --j;
          add_backtrack(j, p);
        }
        break;
      }
    }
  }

  // Does step a happen before step b (both on the current path)?
  bool step_before(std::size_t a, std::size_t b) const {
    return stack_[b].clock[std::size_t(stack_[a].chosen)] >= int(a);
  }

  // Source sets (Abdulla et al. 2014): reversing the race (i, p) needs a
  // thread that can start v = the steps after i that do not depend on it,
  // then p. If such an initial of v is already scheduled, tried or asleep
  // at the state before i, nothing needs adding.
  bool covered(std::size_t i, unsigned p, std::size_t depth) const {
    const Frame& fi = stack_[i];
    std::vector<std::size_t> v;
    for (std::size_t k = i + 1; k < depth; ++k)
      if (!step_before(i, k)) v.push_back(k);
    ThreadSet initial, seen;
    for (std::size_t a = 0; a < v.size(); ++a) {
      const unsigned t = unsigned(stack_[v[a]].chosen);
      if (seen[t]) continue;  // only a thread's first step in v can start it
      seen.set(t);
      bool first = true;
      for (std::size_t b = 0; b < a && first; ++b) first = !step_before(v[b], v[a]);
      initial.set(t, first);
    }
    bool p_first = true;
    for (std::size_t k : v) p_first = p_first && !happens_before(k, p, depth);
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
    ++result_.executions;
    const Outcome out = judge(*run_);
    if (out.kind == FailureKind::too_long) {  // not judged, and no failure: the scenario is too long
      ++result_.too_long_executions;
      halt(StopReason::too_long);
      return;
    }
    if (out.kind != FailureKind::none) {
      ++result_.failing_executions;
      ++result_.failures_by_kind[out.kind];
    }
    // With --want, only that kind is a finding; the others are counted.
    if (out.kind != FailureKind::none && (!o_.want || out.kind == *o_.want)) {
      const ScheduleShape sh = shape_of_path();
      const auto key = std::make_tuple(sh.preemptions, sh.context_switches, run_->schedule().size());
      if (!found_any_ || key < std::make_tuple(best_.preemptions, best_.context_switches, best_.schedule.size())) {
        best_.kind = out.kind;
        best_.message = out.message;
        best_.schedule = run_->schedule();
        best_.preemptions = sh.preemptions;
        best_.context_switches = sh.context_switches;
        best_.history = check::history_from_log(run_->log());
      }
      if (!found_in_round_) executions_at_first_ = result_.executions;
      found_any_ = found_in_round_ = true;
    }
    // After the first failure, look a little further in this round for one
    // with fewer context switches, then stop.
    if (o_.stop_at_first && found_in_round_ && result_.executions - executions_at_first_ >= kMinimizeBudget)
      halt(StopReason::failure);
    if (result_.executions >= o_.max_executions) halt(StopReason::budget);
    if (result_.executions % 64 == 0 && (o_.on_progress || o_.time_limit_seconds > 0)) {
      const double secs = std::chrono::duration<double>(SteadyClock::now() - start_).count();
      if (o_.time_limit_seconds > 0 && secs >= o_.time_limit_seconds) halt(StopReason::time_limit);
      if (o_.on_progress && !o_.on_progress({result_.executions, bound_.value_or(0), secs})) {
        result_.cancelled = true;
        halt(StopReason::cancelled);
      }
    }
  }

  // The first reason to stop is the one reported.
  void halt(StopReason why) {
    if (!stop_) result_.stop = why;
    stop_ = true;
  }

  ScheduleShape shape_of_path() const {
    ScheduleShape sh;
    sh.preemptions = stack_.back().preemptions;
    for (std::size_t i = 1; i + 1 < stack_.size(); ++i)
      if (stack_[i].chosen != stack_[i - 1].chosen) ++sh.context_switches;
    return sh;
  }

  static constexpr std::uint64_t kMinimizeBudget = 300;

  const scenario::Scenario& s_;
  const ExploreOptions& o_;
  ExploreResult& result_;
  SteadyClock::time_point start_;
  unsigned threads_;
  std::optional<unsigned> bound_;
  std::unique_ptr<sim::Run> run_;
  std::vector<Frame> stack_;
  bool bound_hit_ = false, stop_ = false, found_any_ = false, found_in_round_ = false;
  std::uint64_t executions_at_first_ = 0;
  Counterexample best_;
};

Search::Search(const scenario::Scenario& s, const ExploreOptions& o, ExploreResult& result,
               SteadyClock::time_point start)
    : impl_(std::make_unique<Impl>(s, o, result, start)) {}
Search::~Search() = default;
bool Search::round(std::optional<unsigned> bound) { return impl_->round(bound); }
bool Search::bound_hit() const { return impl_->bound_hit(); }
bool Search::found() const { return impl_->found(); }
const Counterexample& Search::best() const { return impl_->best(); }

}  // namespace lfv::explore::detail
