// The rounds of the search. A bounded round is one depth-first pass over
// the whole tree. The unbounded round, where an exhaustive search spends
// its time, is split: every schedule of the first few steps (sleep sets
// only, no race detection up there) ends in a task, a subtree searched
// with DPOR on its own, and the tasks run on the workers. The split does
// not depend on the number of workers, and outcomes are merged in task
// order, so the results are the same for any number: what a run that
// would have stopped differently in that order did (a budget, the look for
// a simpler failure after the first) is run again, in order, on one thread.
#include "search.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <tuple>
#include <unordered_set>


namespace lfv::explore::detail {
namespace {

// About this many tasks: enough to keep a few workers busy to the end,
// few enough that re-running each prefix costs nothing.
constexpr std::size_t kTasks = 256;
constexpr std::size_t kMaxSplitDepth = 32;
constexpr auto kPoll = std::chrono::milliseconds(50);

}  // namespace

class Search::Impl {
 public:
  Impl(const Subject& subject, const ExploreOptions& o, ExploreResult& result, SteadyClock::time_point start)
      : subject_(subject), o_(o), result_(result), start_(start), main_(subject, o, start) {}

  bool round(std::optional<unsigned> bound) {
    if (bound || !o_.split || !o_.reduction) {
      SubtreeLimits l;
      l.max_executions = remaining();
      const SubtreeOutcome out = main_.search({}, bound, l, result_.executions);
      bound_hit_ = main_.bound_hit();
      merge(out);
      return stop_;
    }
    bound_hit_ = false;
    std::vector<Task> tasks = split();
    unsigned workers = o_.workers ? o_.workers : std::max(1u, std::thread::hardware_concurrency());
    workers = unsigned(std::min<std::size_t>(workers, tasks.size()));
    result_.workers_used = std::max(result_.workers_used, workers);
    std::optional<std::uint64_t> window;
    std::size_t next = workers > 1 ? speculate(tasks, workers, window) : 0;
    for (; next < tasks.size() && !stop_; ++next) {
      SubtreeLimits l;
      l.max_executions = remaining();
      l.window = window;
      merge_task(main_.search(tasks[next], std::nullopt, l, result_.executions), window);
    }
    return stop_;
  }

  bool bound_hit() const { return bound_hit_; }
  bool found() const { return found_any_; }
  const Counterexample& best() const { return best_; }

 private:
  std::uint64_t remaining() const {
    return o_.max_executions > result_.executions ? o_.max_executions - result_.executions : 0;
  }

  void merge(const SubtreeOutcome& out) {
    const ExploreResult& c = out.counts;
    result_.executions += c.executions;
    result_.failing_executions += c.failing_executions;
    result_.too_long_executions += c.too_long_executions;
    for (const auto& [kind, n] : c.failures_by_kind) result_.failures_by_kind[kind] += n;
    result_.blocked += c.blocked;
    result_.steps += c.steps;
    result_.replayed_steps += c.replayed_steps;
    result_.cache_hits += c.cache_hits;
    result_.states_cached += c.states_cached;
    result_.cancelled = result_.cancelled || c.cancelled;
    for (std::uint64_t h : out.traces)
      if (traces_.insert(h).second) ++result_.traces;
    if (out.found) {
      const Counterexample& b = out.best;
      if (!found_any_ || std::make_tuple(b.preemptions, b.context_switches, b.schedule.size()) <
                             std::make_tuple(best_.preemptions, best_.context_switches, best_.schedule.size()))
        best_ = b;
      found_any_ = true;
    }
    if (out.stopped) halt(c.stop);
  }

  // Merges a task's outcome and carries the look for a simpler failure on
  // into the next tasks.
  void merge_task(const SubtreeOutcome& out, std::optional<std::uint64_t>& window) {
    merge(out);
    if (stop_ || !o_.stop_at_first) return;
    if (window) *window -= out.counts.executions;
    else if (out.found) window = kMinimizeBudget - (out.counts.executions - out.first_failure);
  }

  void halt(StopReason why) {
    if (!stop_) result_.stop = why;
    stop_ = true;
  }

  // The tasks: depth-first over every schedule of the first steps, with
  // sleep sets, as the search would go with every thread a backtrack
  // point; deepened until there are enough of them.
  std::vector<Task> split() {
    std::vector<Task> tasks;
    std::uint64_t blocked = 0, steps = 0;
    for (std::size_t depth = 1; depth <= kMaxSplitDepth; ++depth) {
      tasks.clear();
      blocked = steps = 0;
      bool open = false;  // a task still has steps to take
      std::vector<unsigned> prefix;
      enumerate(prefix, 0, std::vector<Move>(subject_.thread_count()), depth, tasks, open, blocked, steps);
      if (tasks.size() >= kTasks || !open) break;
    }
    result_.blocked += blocked;
    result_.steps += steps;
    result_.replayed_steps += steps;
    return tasks;
  }

  // The node at `prefix`, reached with the threads in `candidates` asleep
  // unless the last step woke them (asleep[t]: the step each would take).
  // Returns the step that led here.
  Move enumerate(std::vector<unsigned>& prefix, std::uint16_t candidates, std::vector<Move> asleep,
                 std::size_t depth_left, std::vector<Task>& out, bool& open, std::uint64_t& blocked,
                 std::uint64_t& steps) {
    auto run = subject_.replay(prefix);
    steps += prefix.size();
    const Move arrived = prefix.empty() ? Move{} : last_move(*run, o_);
    const unsigned threads = run->thread_count();
    std::uint16_t sleep = 0;
    for (unsigned t = 0; t < threads; ++t)
      if ((candidates >> t & 1u) && !depends(asleep[t], arrived)) sleep |= std::uint16_t(1u << t);
    if (run->finished() || depth_left == 0) {
      open = open || !run->finished();
      out.push_back({prefix, sleep, asleep});
      return arrived;
    }
    std::vector<bool> runnable(threads);
    for (unsigned t = 0; t < threads; ++t) runnable[t] = run->runnable(t);
    run.reset();
    const auto is_asleep = [&](unsigned t) { return (sleep >> t & 1u) != 0; };
    // The search's order: the last thread first if it can go on, then the
    // others by number.
    std::vector<unsigned> order;
    const int last = prefix.empty() ? -1 : int(prefix.back());
    if (last >= 0 && runnable[unsigned(last)] && !is_asleep(unsigned(last))) order.push_back(unsigned(last));
    for (unsigned t = 0; t < threads; ++t)
      if (int(t) != last && runnable[t] && !is_asleep(t)) order.push_back(t);
    if (order.empty()) {
      ++blocked;
      return arrived;
    }
    for (unsigned c : order) {
      std::uint16_t child = 0;
      for (unsigned t = 0; t < threads; ++t)
        if (is_asleep(t) && t != c && runnable[t]) child |= std::uint16_t(1u << t);
      prefix.push_back(c);
      asleep[c] = enumerate(prefix, child, asleep, depth_left - 1, out, open, blocked, steps);
      prefix.pop_back();
      sleep |= std::uint16_t(1u << c);  // explored: asleep for the siblings after it
    }
    return arrived;
  }

  // Runs the tasks on `workers` threads and merges their outcomes in
  // order, up to the first that the search in order would have run
  // differently: one that found a failure (what follows runs with the rest
  // of the window), or that ran into the budget. Returns the first task
  // not merged.
  std::size_t speculate(const std::vector<Task>& tasks, unsigned workers, std::optional<std::uint64_t>& window) {
    const std::size_t n = tasks.size();
    std::vector<std::optional<SubtreeOutcome>> done(n);
    std::mutex m;
    std::condition_variable cv;
    std::atomic<std::size_t> claim{0};
    std::atomic<bool> abort{false};
    std::atomic<std::uint64_t> counter{result_.executions};
    const std::uint64_t cap = remaining();
    std::size_t next = 0;
    {
      std::vector<std::jthread> pool;
      for (unsigned w = 0; w < workers; ++w)
        pool.emplace_back([&] {
          Subtree sub(subject_, o_, start_);
          for (std::size_t k; !abort.load() && (k = claim.fetch_add(1)) < n;) {
            SubtreeLimits l;
            l.max_executions = cap;
            l.abort = &abort;
            l.report_progress = false;
            l.executions = &counter;
            SubtreeOutcome out = sub.search(tasks[k], std::nullopt, l);
            std::lock_guard lock(m);
            done[k] = std::move(out);
            cv.notify_all();
          }
        });
      while (next < n && !stop_) {
        std::unique_lock lock(m);
        if (!cv.wait_for(lock, kPoll, [&] { return done[next].has_value(); })) {
          lock.unlock();
          poll(counter.load());
          continue;
        }
        SubtreeOutcome out = std::move(*done[next]);
        lock.unlock();
        const bool own_failure = out.stopped && out.counts.stop == StopReason::failure;
        if ((out.stopped && !own_failure) || out.counts.executions >= remaining()) break;  // run again in order
        merge_task(out, window);
        ++next;
        if (window) break;
      }
      abort = true;
    }  // joins the workers
    // Stopped by the clock or a cancel: what the workers did still counts
    // (not their failures: nothing in order vouches for them).
    if (stop_)
      for (std::size_t k = next; k < n; ++k)
        if (done[k]) {
          done[k]->found = false;
          done[k]->stopped = false;
          merge(*done[k]);
        }
    return next;
  }

  // While the workers run: the time limit and on_progress, on this thread.
  void poll(std::uint64_t executions) {
    const double secs = std::chrono::duration<double>(SteadyClock::now() - start_).count();
    if (o_.time_limit_seconds > 0 && secs >= o_.time_limit_seconds) halt(StopReason::time_limit);
    if (o_.on_progress && !o_.on_progress({executions, 0, secs})) {
      result_.cancelled = true;
      halt(StopReason::cancelled);
    }
  }

  const Subject& subject_;
  const ExploreOptions& o_;
  ExploreResult& result_;
  SteadyClock::time_point start_;
  Subtree main_;
  bool bound_hit_ = false, stop_ = false, found_any_ = false;
  Counterexample best_;
  std::unordered_set<std::uint64_t> traces_;
};

Search::Search(const Subject& subject, const ExploreOptions& o, ExploreResult& result,
               SteadyClock::time_point start)
    : impl_(std::make_unique<Impl>(subject, o, result, start)) {}
Search::~Search() = default;
bool Search::round(std::optional<unsigned> bound) { return impl_->round(bound); }
bool Search::bound_hit() const { return impl_->bound_hit(); }
bool Search::found() const { return impl_->found(); }
const Counterexample& Search::best() const { return impl_->best(); }

}  // namespace lfv::explore::detail
