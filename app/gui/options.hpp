// The options the app remembers per user, in one plain struct.
#pragma once

#include <string>

namespace lfv::gui {

struct Options {
  bool presenter = false;
  float play_speed = 4;  // steps per second while playing
  bool show_reads = true;
  std::string last_scenario;

  // ~/.config/lfvlab/options.ini (or %APPDATA%); missing or bad lines are ignored.
  static Options load();
  void save() const;
};

}  // namespace lfv::gui
