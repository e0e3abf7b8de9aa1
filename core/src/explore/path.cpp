#include "path.hpp"

#include <algorithm>

namespace lfv::explore::detail {

void Path::reset(unsigned threads) {
  threads_ = threads;
  frames_.clear();
  steps_.clear();
  last_of_.fill(-1);
  index_.clear();
}

void Path::take(std::size_t depth, int q, const Move& moved) {
  PathStep st;
  st.move = moved;
  st.thread = q;
  st.previous = last_of_[std::size_t(q)];
  st.clock = clock_of(depth, q, moved);
  steps_.push_back(st);
  index_.add(steps_.size() - 1, moved);
  last_of_[std::size_t(q)] = int(depth);
}

void Path::pop(bool step) {
  frames_.pop_back();
  if (!step) return;
  last_of_[std::size_t(steps_.back().thread)] = steps_.back().previous;
  index_.remove(steps_.back().move);
  steps_.pop_back();
}

bool Path::happens_before(std::size_t i, unsigned p) const {
  const int last = last_of_[p];
  return last >= 0 && steps_[std::size_t(last)].clock[std::size_t(steps_[i].thread)] >= int(i);
}

void Path::choices(std::size_t depth, std::vector<unsigned>& out) const {
  out.clear();
  for (std::size_t i = 0; i < depth; ++i) out.push_back(unsigned(frames_[i].chosen));
}

int Path::latest_race(const Move& m, std::size_t end, unsigned p) const {
  int latest = -1;
  index_.visit(
      m, end, move_of(), [&](std::size_t i) { return steps_[i].thread == int(p) || happens_before(i, p); },
      [&](std::size_t i) {
        latest = std::max(latest, int(i));
        return false;  // the list's latest is all a race needs
      });
  return latest;
}

// The join of the clocks of q's previous step and of every earlier step
// it depends on; latest first, so a step already ordered before is skipped.
Clock Path::clock_of(std::size_t depth, int q, const Move& a) const {
  Clock c;
  c.fill(-1);
  if (const int prev = last_of_[std::size_t(q)]; prev >= 0) c = steps_[std::size_t(prev)].clock;
  index_.visit(
      a, depth, move_of(),
      [&](std::size_t i) { return steps_[i].thread == q || c[std::size_t(steps_[i].thread)] >= int(i); },
      [&](std::size_t i) {
        for (unsigned t = 0; t < threads_; ++t) c[t] = std::max(c[t], steps_[i].clock[t]);
        return true;
      });
  c[std::size_t(q)] = int(depth);
  return c;
}

}  // namespace lfv::explore::detail
