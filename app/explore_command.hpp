// `lfvlab explore FILE`: searches the scenario's schedules for a failure
// and shows (and saves) a minimized counterexample.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "lfv/failure.hpp"
#include "lfv/sim/weakening.hpp"
#include "lfv/variant.hpp"

namespace lfv::app {

struct ExploreCommand {
  std::string file;
  std::optional<Completion> completion;
  std::optional<Reclaim> reclaim;
  std::optional<unsigned> preemptions;
  std::optional<unsigned> pct_runs;
  std::optional<unsigned> pct_depth;  // default: explore::default_pct_depth
  std::uint64_t seed = 1;
  std::optional<FailureKind> want;
  double time_limit_seconds = 0;      // 0: none
  std::optional<std::uint64_t> budget;
  unsigned workers = 0;               // 0: one per hardware thread (results do not depend on it)
  bool all = false;
  bool json = false;
  // Progress lines on stderr: when it is a terminal, or always with --progress.
  bool progress = false;
  std::optional<std::string> save;
  sim::MemoryChoice memory;  // --memory-model, --weaken: over the file's
};

// Exit status: 0 no failure found (within what the search covered, which
// it says), 1 one was found, 2 bad input.
int run_explore(const ExploreCommand& c, std::ostream& out, std::ostream& err);

}  // namespace lfv::app
