// The bounding policy of the systematic search: preemption bounding
// (Musuvathi and Qadeer 2007; with DPOR, Coons et al. 2013). A round
// explores only schedules with at most `limit` preemptions (switches away
// from a thread that could have gone on); explore() deepens the limit
// 0, 1, 2, ... so the first failure found has the fewest. The other
// policy, PCT (pct.cpp), bounds by randomized priorities instead of
// searching systematically. The reduction (reduction.hpp) asks this one
// which choices it cuts and where a race needs its extra backtrack point.
#pragma once

#include <cstddef>
#include <optional>

#include "path.hpp"

namespace lfv::explore::detail {

class PreemptionBound {
 public:
  explicit PreemptionBound(std::optional<unsigned> limit = std::nullopt) : limit_(limit) {}
  bool active() const { return limit_.has_value(); }
  std::optional<unsigned> limit() const { return limit_; }

  // Switching away from a thread that could go on is a preemption.
  static bool preempts(const Frame& f, int q) {
    return f.last_thread >= 0 && q != f.last_thread && f.runnable[unsigned(f.last_thread)];
  }
  // The preemptions of the path after choosing q at f.
  static unsigned preemptions_after(const Frame& f, int q) { return f.preemptions + (preempts(f, q) ? 1 : 0); }
  // Choosing t at f would exceed the bound.
  bool cuts(const Frame& f, int t) const { return limit_ && preempts(f, t) && f.preemptions + 1 > *limit_; }

  // Reversing a race with step i may need a preemption the bound forbids
  // there; the start of step i's run of one thread reaches the reversal
  // with a switch that is not one (Coons et al.'s conservative point).
  // nullopt when unbounded: the race's own point is enough.
  std::optional<std::size_t> conservative_point(const Path& path, std::size_t i) const {
    if (!limit_) return std::nullopt;
    const int thread = path.step(i).thread;
    std::size_t j = i;
    while (j > 0 && path.step(j - 1).thread == thread) --j;
    return j;
  }

 private:
  std::optional<unsigned> limit_;
};

}  // namespace lfv::explore::detail
