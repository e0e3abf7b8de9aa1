// `lfvlab live`: the Live window's run in the terminal, a line per second.
#pragma once

#include <iosfwd>

#include "lfv/live/live_run.hpp"

namespace lfv::app {

struct LiveCommand {
  live::LiveSpec spec;
  double seconds = 5;
  bool json = false;  // one JSON document at the end instead of a line per second
};

// 0 when it ran, 2 when the spec is refused (the message names the flag).
int run_live(const LiveCommand& c, std::ostream& out, std::ostream& err);

}  // namespace lfv::app
