// `lfvlab check FILE`: plays the scenario's script and checks its [expect] block.
#pragma once

#include <iosfwd>
#include <string>

namespace lfv::app {

// Exit status: 0 every expectation holds, 1 one does not (the message names
// its line), 2 bad input. `json`: the expectations and the verdict as JSON.
int run_check(const std::string& file, bool json, std::ostream& out, std::ostream& err);

}  // namespace lfv::app
