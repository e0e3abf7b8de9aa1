// `lfvlab check FILE`: plays the scenario's script and checks its [expect] block.
#pragma once

#include <iosfwd>
#include <string>

#include "lfv/sim/weakening.hpp"

namespace lfv::app {

// Exit status: 0 every expectation holds, 1 one does not (the message names
// its line), 2 bad input. `json`: the expectations and the verdict as JSON.
// `memory`: --memory-model and --weaken, over the file's memory_model and [orders].
int run_check(const std::string& file, bool json, std::ostream& out, std::ostream& err,
              const sim::MemoryChoice& memory = {});

}  // namespace lfv::app
