// The options the app remembers per user, in one plain struct.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "lfv/live/live_run.hpp"
#include "lfv/variant.hpp"

namespace lfv::gui {

struct Options {
  bool presenter = false;
  float play_speed = 4;  // steps per second while playing
  bool show_reads = true;
  // The Memory window: fit the graph to the window, or a fixed zoom (the
  // text size with it; Ctrl+wheel, Ctrl+= and Ctrl+-).
  bool memory_fit = true;
  float memory_zoom = 1;
  std::string last_scenario;
  // Where exports and saves go; empty: the default (app/export_folder.hpp).
  std::string export_folder;
  // The Live window's settings.
  Completion live_completion = Completion::versioned;
  Reclaim live_reclaim = Reclaim::hazard;
  live::LiveWorkload live_workload = live::LiveWorkload::mixed;
  int live_threads = 2;
  bool live_compare = true;

  // ~/.config/lfvlab/options.ini (or %APPDATA%). Every value is checked
  // (finite, in range); a bad one keeps its default, with a warning on stderr.
  static Options load();
  void save() const;
};

// Whether a file in the config folder may be read and written: missing, or
// a regular file of at most max_bytes. Says why not on stderr.
bool config_file_usable(const std::filesystem::path& file, std::uintmax_t max_bytes);

}  // namespace lfv::gui
