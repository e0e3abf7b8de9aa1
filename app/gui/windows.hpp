// The app's windows: one struct each, with a draw() that borrows what it
// shows. Each lives in its own file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lfv/live/live_run.hpp"
#include "options.hpp"
#include "session.hpp"
#include "theme.hpp"

namespace lfv::gui {

// What a window asks the app to do at the end of the frame.
struct Requests {
  bool export_png = false;
  bool export_steps = false;
  bool export_animation = false;
  bool save_scenario = false;
  bool toggle_presenter = false;
  bool toggle_help = false;
  bool toggle_live = false;
  bool toggle_orders = false;
  // The Orders window's "where": show this file's line in the Source window.
  std::optional<std::pair<std::string, int>> show_source;
  std::string open_path;
  std::optional<std::string> export_folder;  // typed in the Controls window: use it (empty: the default)
};

struct ControlsWindow {
  std::vector<std::string> library;  // scenario files found at start
  char path[512] = "";
  // The export folder box: what is typed, and the chosen folder it last
  // showed (it shows the option again when that changes). Empty shows the
  // default, greyed.
  std::string default_folder;
  char folder[4097] = "";
  std::string folder_shown;
  void draw(Session& s, Options& o, const Theme& t, Requests& r);
};

struct ThreadsWindow {
  int selected = 0;  // the thread last stepped by hand
  // Under c11, the choice buttons the last frame drew, whether each was
  // seen whole, and its label ("choice B 1 visible read 0 #0 (stale)"):
  // --dump-state.
  std::vector<std::string> drawn;
  int drawn_frame = -1;
  void draw(Session& s, const Theme& t);
  void dump(std::ostream& out) const;
};

struct MemoryWindow {
  bool show_gone = false;  // reclaimed and freed objects too
  // A short animation between steps: what changed state glows and fades.
  std::size_t last_position = std::size_t(-1);
  std::vector<sim::LifeState> last_states;
  std::vector<double> changed_at;  // by object id, in ImGui time
  float shown_zoom = 1;            // the zoom of the last frame (fit or chosen)
  // What the last frame drew, a line each ("object D1 private", "held B W0
  // about to perform", "mark W4 lost: never performed"): --dump-state.
  std::vector<std::string> drawn;
  // Under c11, the thread whose stale values are drawn next to the latest
  // ("D2  (B sees D1)"); -1: none. The app sets it while Views is open.
  int stale_view_of = -1;
  void draw(const Session& s, Options& o, const Theme& t);
  static void zoom_by(Options& o, float factor);  // leaves fit
  void dump(std::ostream& out) const;
};

struct TimelineWindow {
  float step_width = 14;
  // When the position moves (keys, play, a jump), the lanes scroll to show
  // the cursor; only then, so they can still be scrolled away by hand.
  std::size_t shown_position = std::size_t(-1);
  bool cursor_visible = false;  // in the last frame (--dump-state)
  int drawn_frame = -1;         // ImGui's frame count when it was last drawn
  void draw(Session& s, const Theme& t);
  void dump(std::ostream& out) const;
};

// Objects and bytes by state (and kind, where the width allows), and a
// chart of live, retired and leaked bytes over the steps.
struct LedgerWindow {
  // The chart's points: snapshots of a replay of the session's choices, a
  // sample every `stride` steps, extended as the position moves on and
  // started again when the run it replays is no longer the session's.
  struct Sample {
    float live = 0, retired = 0, leaked = 0;
  };
  std::unique_ptr<sim::Run> replay;
  std::uint64_t replay_generation = 0;  // Session::generation() of the run replayed
  std::size_t stride = 1;
  std::vector<Sample> samples;  // at steps 0, stride, 2 stride, ...
  // What the last frame drew ("ledger_header bytes shown", "ledger_bytes
  // leaked 416 B", "axis ledger bytes-y B 0 600"): --dump-state.
  std::vector<std::string> drawn;
  int drawn_frame = -1;  // ImGui's frame count when it was last drawn (presenter mode draws no ledger)
  void draw(const Session& s, const Theme& t);
  void dump(std::ostream& out) const;
  static Sample sample(const sim::Snapshot& snap);

 private:
  void follow(const Session& s);  // brings the samples up to the session's position
};

// The names app.cpp gives the fonts it loads (ImFontConfig::Name).
inline constexpr const char* kSansFontName = "DejaVu Sans";
inline constexpr const char* kMonoFontName = "DejaVu Sans Mono";

// The lines of an embedded core source ("vector.hpp") whose call carries
// the numbered comment "// (TAG)".
std::vector<int> lines_tagged(std::string_view file, Order tag);

struct SourceWindow {
  int followed_line = -1;
  // A line the Orders window asked for, shown until the session moves.
  struct Asked {
    std::string file;
    int line = 0;
    std::size_t position = 0;
    std::uint64_t generation = 0;
  };
  std::optional<Asked> asked;
  void show(const Session& s, const std::string& file, int line) {
    asked = Asked{file, line, s.position(), s.generation()};
  }
  std::string code_font;  // the font the last frame drew the code in (--dump-state)
  int pinned = -1;  // the thread the lecturer pinned, or -1: follow the thread that moves
  // The thread shown: the pinned one, else the one the last step moved
  // (at the start, the one the next step will move).
  int followed(const Session& s) const;
  void draw(const Session& s, const Theme& t);
};

struct NarrationWindow {
  // The pane's height at this width: its tallest text in this scenario.
  static float height(const Session& s, float width);
  void draw(const Session& s, const Theme& t);
};

// Presenter mode's top line (headsup.hpp says what it holds).
struct HeadsUpWindow {
  float drawn_height = 0;  // of the last frame's content, for the layout below it
  void draw(const Session& s, const Theme& t);
};

struct HistoryWindow {
  void draw(const Session& s, const Theme& t);
};

// Real threads on the real vector, plotted as they run (lfv/live/live_run.hpp).
struct LiveWindow {
  bool open = false;
  std::unique_ptr<live::LiveRun> run;  // the run shown: running, or stopped and kept for its plots
  std::string error;                   // why the last Start was refused
  void start(const Options& o);
  void stop_and_wait();  // the app closes: the threads end before it does
  std::vector<std::string> drawn;  // the plots' axes and legends in the last frame (--dump-state)
  int drawn_frame = -1;            // ImGui's frame count when it was last drawn
  void draw(Options& o, const Theme& t);
  void dump(std::ostream& out) const;
};

// Every numbered memory order of the variant: declared, paired, where; a
// combo weakens one (orders_window.cpp).
struct OrdersWindow {
  bool open = false;
  std::string refused;  // why the session refused the last choice
  // What the last frame drew ("row V1 access=load ... runs=relaxed
  // weakened"): --dump-state.
  std::vector<std::string> drawn;
  int drawn_frame = -1;
  // The height that shows every row of the variant at once.
  static float height(const Session& s);
  void draw(Session& s, const Theme& t, Requests& r);
  void dump(std::ostream& out) const;
};

// Under c11, a thread's view of memory: per location the store it has
// seen and the newer ones it has not (lfv/sim/thread_view.hpp). While it is
// open the Memory window shows that thread's stale values too.
struct ViewsWindow {
  bool open = false;
  int thread = 0;  // whose view
  std::vector<std::string> drawn;  // the rows of the last frame (--dump-state)
  int drawn_frame = -1;
  void draw(const Session& s, const Theme& t);
  void dump(std::ostream& out) const;
};

struct HelpOverlay {
  bool open = false;
  void draw(const Theme& t);
};

}  // namespace lfv::gui
