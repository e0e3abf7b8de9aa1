// The depth-first search behind explore(): dynamic partial-order
// reduction with sleep sets and source sets, under an optional preemption
// bound (subtree.hpp). Internal to the explorer (core/src/explore);
// explore() in explorer.cpp runs its rounds and says what they covered.
#pragma once

#include <memory>
#include <optional>

#include "lfv/explore/explorer.hpp"
#include "subtree.hpp"

namespace lfv::explore::detail {

// One search of a scenario, kept across rounds: each round is one
// depth-first pass under a preemption bound (none: unbounded).
class Search {
 public:
  Search(const Subject& subject, const ExploreOptions& o, ExploreResult& result, SteadyClock::time_point start);
  ~Search();
  Search(const Search&) = delete;
  Search& operator=(const Search&) = delete;

  // One depth-first round under `bound`. Returns true when the search must
  // stop: a failure (with stop_at_first), a cancel, or the execution cap.
  bool round(std::optional<unsigned> bound);
  // A choice in the last round was cut by its bound.
  bool bound_hit() const;
  bool found() const;
  const Counterexample& best() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// PCT random testing; fills `result`.
void explore_pct(const scenario::Scenario& s, const ExploreOptions& o, ExploreResult& result);

}  // namespace lfv::explore::detail
