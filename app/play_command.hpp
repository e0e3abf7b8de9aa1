// `lfvlab play FILE`: plays a scenario in the simulator and prints one
// column per thread (Lincheck-style), or the event log as JSON.
#pragma once

#include <iosfwd>
#include <optional>

#include "lfv/sim/weakening.hpp"
#include <string>

#include "lfv/variant.hpp"

namespace lfv::app {

struct PlayOptions {
  std::string file;
  std::optional<std::string> schedule;
  std::optional<Completion> completion;  // overrides the file's
  std::optional<Reclaim> reclaim;
  bool json = false;
  bool show_reads = false;  // plain-field reads are hidden by default
  sim::MemoryChoice memory;  // --memory-model, --weaken: over the file's
};

// Exit status: 0 played and no failure, 1 the played history fails (a
// use-after-free, double free or livelock stopped it, or it is not
// linearizable: `check`'s and `explore`'s verdict), 2 bad input.
int run_play(const PlayOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lfv::app
