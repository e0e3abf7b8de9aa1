// The options the app remembers per user, in one plain struct.
#pragma once

#include <string>

#include "lfv/live/live_run.hpp"
#include "lfv/variant.hpp"

namespace lfv::gui {

struct Options {
  bool presenter = false;
  float play_speed = 4;  // steps per second while playing
  bool show_reads = true;
  std::string last_scenario;
  // The Live window's settings.
  Completion live_completion = Completion::versioned;
  Reclaim live_reclaim = Reclaim::hazard;
  live::LiveWorkload live_workload = live::LiveWorkload::mixed;
  int live_threads = 2;
  bool live_compare = true;

  // ~/.config/lfvlab/options.ini (or %APPDATA%); missing or bad lines are ignored.
  static Options load();
  void save() const;
};

}  // namespace lfv::gui
