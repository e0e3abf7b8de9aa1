// The lecture app: a GLFW window with Dear ImGui, drawing the session.
#pragma once

#include <memory>
#include <string>

#include "lfv/sim/weakening.hpp"

namespace lfv::gui {

struct AppOptions {
  std::string file;                      // open this scenario; else the library's first
  std::string library_dir;               // the scenario library (app/library.hpp finds it)
  int width = 1600, height = 900;
  bool presenter = false;
  // `lfvlab shot`: render step `shot_step` without a visible window to a PNG, then exit.
  std::string shot_out;
  std::string shot_step = "0";  // a step number, "end", or "pause:K" (the K-th script stop)
  int shot_live_ms = 0;          // > 0: open the Live window, run it that long, then shoot
  bool shot_orders = false;      // open the Orders window
  std::string shot_views;        // a thread's name: open the Views window on its view
  std::string dump_state;                // write the state on exit (tests)
  sim::MemoryChoice memory;              // --memory-model, --weaken: over each file's (shot)
  // `lfvlab bench-ui`: frame times on an 8-thread, 10k-step trace, and the
  // time to jump to a step; printed, then exit.
  bool bench_ui = false;
  // `lfvlab animate`: every step (or every script stop) rendered offscreen,
  // then ffmpeg makes a GIF or MP4 of them.
  std::string animate_out;
  int animate_fps = 4;
};

class App {
 public:
  explicit App(AppOptions o);
  ~App();
  // Returns the exit status; 3 when no display or OpenGL 3.3 is available.
  int run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lfv::gui
