// The app drawn without a visible window (shot, animate, bench-ui): the
// same exit statuses and the same words when there is no display.
#pragma once

#include <iostream>

#include "../gui/app.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {

inline int run_offscreen(const char* command, gui::AppOptions o, const Context& context) {
  o.library_dir = context.library.string();
  const int status = gui::App(o).run();
  if (status == 3) std::cerr << "lfvlab " << command << ": needs a display (run it under xvfb-run)\n";
  return status == 0 ? 0 : 2;
}

}  // namespace lfv::app::cli
