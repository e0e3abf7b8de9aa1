// Every keyboard command of the app in one table: the key handling, the
// help overlay, button tooltips and README's key list (`lfvlab keys`) are
// all read from it, so they cannot disagree.
#pragma once

#include <optional>
#include <span>
#include <string>

namespace lfv::gui {

enum class Command {
  step_thread,  // 1-9: the digit names the thread
  next_stop,
  previous_stop,
  forward,
  back,
  reset,
  undo_choice,
  back_to_script,
  play,
  faster,
  slower,
  zoom_in,
  zoom_out,
  explore,
  cancel,
  save_scenario,
  export_png,
  export_steps,
  export_animation,
  live,
  orders,
  views,
  presenter,
  relayout,
  help,
  quit,
};

// Which modifier a key needs: exactly this one (none means none).
enum class Modifier { none, ctrl, shift };

// A key, or a range of keys (1 to 9), with its modifier. Keys are GLFW key codes.
struct Chord {
  int key = 0;
  Modifier modifier = Modifier::none;
  int last_key = 0;  // a range key..last_key; 0: the one key
};

struct CommandRow {
  Command command;
  std::span<const Chord> chords;
  const char* label;  // what it does, as the help and README say it
};

std::span<const CommandRow> command_table();
const CommandRow& command_row(Command c);

// A pressed key: the command it runs, and for a range the offset in it (the
// thread of 1-9). An exact match of the modifiers wins; a key pressed with
// Shift that has no Shift chord runs its plain command (Shift+= is +).
struct Match {
  Command command;
  int offset = 0;
};
std::optional<Match> match_key(int key, bool ctrl, bool shift);

// "Right, Space, PageDown", "Ctrl+Z", "1 - 9".
std::string keys_text(Command c);
// The key list as a Markdown table, the text between README's key markers.
std::string keys_markdown();

}  // namespace lfv::gui
