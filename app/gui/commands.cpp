#include "commands.hpp"

#define GLFW_INCLUDE_NONE  // the key codes only
#include <GLFW/glfw3.h>

#include <algorithm>
#include <iterator>

namespace lfv::gui {
namespace {

using M = Modifier;

constexpr Chord digits[] = {{GLFW_KEY_1, M::none, GLFW_KEY_9}};
constexpr Chord next[] = {{GLFW_KEY_RIGHT}, {GLFW_KEY_SPACE}, {GLFW_KEY_PAGE_DOWN}};
constexpr Chord previous[] = {{GLFW_KEY_LEFT}, {GLFW_KEY_PAGE_UP}};
constexpr Chord period[] = {{GLFW_KEY_PERIOD}};
constexpr Chord comma[] = {{GLFW_KEY_COMMA}};
constexpr Chord home[] = {{GLFW_KEY_HOME}};
constexpr Chord ctrl_z[] = {{GLFW_KEY_Z, M::ctrl}};
constexpr Chord b[] = {{GLFW_KEY_B}};
constexpr Chord p[] = {{GLFW_KEY_P}};
constexpr Chord plus[] = {{GLFW_KEY_EQUAL}, {GLFW_KEY_KP_ADD}};
constexpr Chord minus[] = {{GLFW_KEY_MINUS}, {GLFW_KEY_KP_SUBTRACT}};
constexpr Chord ctrl_plus[] = {{GLFW_KEY_EQUAL, M::ctrl}, {GLFW_KEY_KP_ADD, M::ctrl}};
constexpr Chord ctrl_minus[] = {{GLFW_KEY_MINUS, M::ctrl}, {GLFW_KEY_KP_SUBTRACT, M::ctrl}};
constexpr Chord e[] = {{GLFW_KEY_E}};
constexpr Chord esc[] = {{GLFW_KEY_ESCAPE}};
constexpr Chord ctrl_s[] = {{GLFW_KEY_S, M::ctrl}};
constexpr Chord f12[] = {{GLFW_KEY_F12}};
constexpr Chord shift_f12[] = {{GLFW_KEY_F12, M::shift}};
constexpr Chord shift_f11[] = {{GLFW_KEY_F11, M::shift}};
constexpr Chord l[] = {{GLFW_KEY_L}};
constexpr Chord o[] = {{GLFW_KEY_O}};
constexpr Chord v[] = {{GLFW_KEY_V}};
constexpr Chord f5[] = {{GLFW_KEY_F5}};
constexpr Chord f6[] = {{GLFW_KEY_F6}};
constexpr Chord f1[] = {{GLFW_KEY_F1}};
constexpr Chord ctrl_q[] = {{GLFW_KEY_Q, M::ctrl}};

const CommandRow table[] = {
    {Command::step_thread, digits, "step that thread one atomic action"},
    {Command::next_stop, next, "next script step or pause point"},
    {Command::previous_stop, previous, "previous script step"},
    {Command::forward, period, "one step forward"},
    {Command::back, comma, "one step back"},
    {Command::reset, home, "reset to the start"},
    {Command::undo_choice, ctrl_z, "undo the last thread chosen by hand"},
    {Command::back_to_script, b, "back to the script (when the steps so far are its own)"},
    {Command::play, p, "play / pause"},
    {Command::faster, plus, "play faster"},
    {Command::slower, minus, "play slower"},
    {Command::zoom_in, ctrl_plus, "zoom the Memory window in"},
    {Command::zoom_out, ctrl_minus, "zoom the Memory window out"},
    {Command::explore, e, "explore: search every interleaving for a failure"},
    {Command::cancel, esc, "cancel the search; close the help"},
    {Command::save_scenario, ctrl_s, "save the interleaving as a scenario"},
    {Command::export_png, f12, "export a PNG of the view"},
    {Command::export_steps, shift_f12, "export one PNG per script step"},
    {Command::export_animation, shift_f11, "export an animated GIF of the timeline (ffmpeg)"},
    {Command::live, l, "the Live window: real threads, plotted against a mutex"},
    {Command::orders, o, "the Orders window: weaken a numbered memory order (c11)"},
    {Command::views, v, "the Views window (c11): what each thread has seen; its stale values in the Memory window"},
    {Command::presenter, f5, "presenter mode"},
    {Command::relayout, f6, "back to the default layout"},
    {Command::help, f1, "show or hide the list of keys"},
    {Command::quit, ctrl_q, "quit"},
};

std::string key_name(int key) {
  if (key >= GLFW_KEY_A && key <= GLFW_KEY_Z) return std::string(1, char('A' + (key - GLFW_KEY_A)));
  if (key >= GLFW_KEY_0 && key <= GLFW_KEY_9) return std::string(1, char('0' + (key - GLFW_KEY_0)));
  if (key >= GLFW_KEY_F1 && key <= GLFW_KEY_F25) return "F" + std::to_string(key - GLFW_KEY_F1 + 1);
  switch (key) {
    case GLFW_KEY_RIGHT: return "Right";
    case GLFW_KEY_LEFT: return "Left";
    case GLFW_KEY_SPACE: return "Space";
    case GLFW_KEY_PAGE_DOWN: return "PageDown";
    case GLFW_KEY_PAGE_UP: return "PageUp";
    case GLFW_KEY_PERIOD: return ".";
    case GLFW_KEY_COMMA: return ",";
    case GLFW_KEY_HOME: return "Home";
    case GLFW_KEY_EQUAL: return "=";
    case GLFW_KEY_MINUS: return "-";
    case GLFW_KEY_KP_ADD: return "keypad +";
    case GLFW_KEY_KP_SUBTRACT: return "keypad -";
    case GLFW_KEY_ESCAPE: return "Esc";
  }
  return "key " + std::to_string(key);
}

std::string chord_text(const Chord& c) {
  const char* prefix = c.modifier == Modifier::ctrl ? "Ctrl+" : c.modifier == Modifier::shift ? "Shift+" : "";
  std::string keys = key_name(c.key);
  if (c.last_key) keys += " - " + key_name(c.last_key);
  return prefix + keys;
}

bool covers(const Chord& c, int key) { return c.last_key ? key >= c.key && key <= c.last_key : key == c.key; }

}  // namespace

std::span<const CommandRow> command_table() { return table; }

const CommandRow& command_row(Command c) {
  return *std::find_if(std::begin(table), std::end(table), [c](const CommandRow& r) { return r.command == c; });
}

std::optional<Match> match_key(int key, bool ctrl, bool shift) {
  const Modifier exact = ctrl ? Modifier::ctrl : shift ? Modifier::shift : Modifier::none;
  if (ctrl && shift) return std::nullopt;  // no command takes both
  for (const Modifier wanted : {exact, Modifier::none}) {
    if (wanted == Modifier::none && ctrl) break;  // Ctrl never falls back to the plain key
    for (const CommandRow& r : table)
      for (const Chord& c : r.chords)
        if (c.modifier == wanted && covers(c, key)) return Match{r.command, key - c.key};
  }
  return std::nullopt;
}

std::string keys_text(Command cmd) {
  std::string out;
  for (const Chord& c : command_row(cmd).chords) out += (out.empty() ? "" : ", ") + chord_text(c);
  return out;
}

std::string keys_markdown() {
  std::string out = "| Keys | What they do |\n| --- | --- |\n";
  for (const CommandRow& r : table) {
    std::string keys;
    for (const Chord& c : r.chords) keys += (keys.empty() ? "`" : ", `") + chord_text(c) + "`";
    out += "| " + keys + " | " + r.label + " |\n";
  }
  return out;
}

}  // namespace lfv::gui
