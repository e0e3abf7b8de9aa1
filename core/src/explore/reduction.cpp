#include "reduction.hpp"

#include "lfv/sim/program.hpp"

namespace lfv::explore::detail {

void Reduction::detect_races(Path& path, std::size_t depth) {
  const Frame& f = path.frame(depth);
  for (unsigned p = 0; p < path.threads(); ++p) {
    if (!f.runnable[p]) continue;
    Move m = f.next[p];
    m.op_end = false;  // whether it ends its operation is known when it ran (race())
    race(path, depth, p, m);
  }
}

void Reduction::race(Path& path, std::size_t depth, unsigned p, const Move& m) {
  const int race = path.latest_race(m, depth, p);
  if (race < 0) return;
  const std::size_t i = std::size_t(race);
  // The prefix's frames try every thread already (search.cpp).
  if (path.frame(i).frozen) return;
  if (o_.source_sets && covered(path, i, p, depth)) return;
  add_backtrack(path, i, p);
  if (const auto j = bound_->conservative_point(path, i); j && !path.frame(*j).frozen) add_backtrack(path, *j, p);
}

bool Reduction::open(Frame& f) const {
  int first = -1;
  if (f.last_thread >= 0 && f.runnable[unsigned(f.last_thread)] && !f.sleep[unsigned(f.last_thread)])
    first = f.last_thread;
  for (unsigned t = 0; t < kMaxScenarioThreads && first < 0; ++t)
    if (f.runnable[t] && !f.sleep[t]) first = int(t);
  if (first < 0) return false;
  f.backtrack.set(unsigned(first));
  if (!o_.reduce)
    for (unsigned t = 0; t < kMaxScenarioThreads; ++t) f.backtrack.set(t, f.backtrack[t] || f.runnable[t]);
  return true;
}

int Reduction::next_choice(Frame& f) const {
  for (unsigned t = 0; t < kMaxScenarioThreads; ++t) {
    if (!f.backtrack[t] || f.done[t] || f.sleep[t] || !f.runnable[t]) continue;
    if (bound_->cuts(f, int(t))) {
      f.done.set(t);
      f.bound_hit = true;
      continue;
    }
    return int(t);
  }
  return -1;
}

ThreadSet Reduction::sleep_after(const Frame& f, int q, const Move& moved) const {
  ThreadSet sleep;
  if (!o_.reduce) return sleep;
  for (unsigned t = 0; t < kMaxScenarioThreads; ++t)
    sleep.set(t, f.sleep[t] && int(t) != q && f.runnable[t] &&
                     !(o_.op_order ? depends(f.asleep[t], moved) : depends(f.next[t], f.next[unsigned(q)])));
  return sleep;
}

void Reduction::explored(Frame& f, bool cut) const {
  // A subtree cut by the bound was not fully explored: its first thread
  // must not put equivalent paths to sleep.
  if (cut) {
    f.bound_hit = true;
  } else if (o_.reduce) {
    const unsigned t = sim::thread_of(unsigned(f.chosen));
    f.sleep.set(t);
    f.asleep[t] = f.taken;
  }
}

void Reduction::add_backtrack(Path& path, std::size_t i, unsigned p) {
  Frame& fi = path.frame(i);
  if (fi.runnable[p]) {
    fi.backtrack.set(p);
  } else {
    for (unsigned t = 0; t < path.threads(); ++t)
      if (fi.runnable[t]) fi.backtrack.set(t);
  }
}

bool Reduction::covered(const Path& path, std::size_t i, unsigned p, std::size_t depth) {
  const Frame& fi = path.frame(i);
  std::vector<std::size_t>& v = scratch_;
  v.clear();
  for (std::size_t k = i + 1; k < depth; ++k)
    if (!path.step_before(i, k)) v.push_back(k);
  ThreadSet initial, seen;
  for (std::size_t a = 0; a < v.size(); ++a) {
    const unsigned t = unsigned(path.step(v[a]).thread);
    if (seen[t]) continue;  // only a thread's first step in v can start it
    seen.set(t);
    bool first = true;
    for (std::size_t b = 0; b < a && first; ++b) first = !path.step_before(v[b], v[a]);
    initial.set(t, first);
  }
  bool p_first = true;
  for (std::size_t k : v) p_first = p_first && !path.happens_before(k, p);
  if (p_first) initial.set(p);
  for (unsigned t = 0; t < path.threads(); ++t)
    if (initial[t] && (fi.backtrack[t] || fi.done[t] || fi.sleep[t])) return true;
  return false;
}

}  // namespace lfv::explore::detail
