#include "app.hpp"

#include <glad/gl.h>
// glad first: it provides the GL declarations GLFW would otherwise include.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <vector>

#include "../export_folder.hpp"
#include "../library.hpp"
#include "commands.hpp"
#include "embedded.hpp"
#include "headsup.hpp"
#include "icon.hpp"
#include "platform.hpp"
#include "windows.hpp"

namespace lfv::gui {
namespace {

struct PressedKey {
  int key;
  bool ctrl, shift;
};
std::vector<PressedKey> pending_keys;  // pressed this frame, when ImGui does not want them

void key_callback(GLFWwindow* w, int key, int scancode, int action, int mods) {
  ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
  if (action == GLFW_RELEASE || ImGui::GetIO().WantTextInput) return;
  pending_keys.push_back({key, (mods & GLFW_MOD_CONTROL) != 0, (mods & GLFW_MOD_SHIFT) != 0});
}


// The default layout is computed from the window size (ImGui 1.86 has no
// docking) and applied when the size or the mode changes, or on F6; in
// between, windows can be moved and resized, and ImGui's ini file in the
// user's config folder remembers where.
bool relayout = true;
void place(float x, float y, float w, float h) {
  if (!relayout) return;
  ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
}

bool write_png(const std::string& path, int width, int height) {
  std::vector<unsigned char> pixels(std::size_t(width) * std::size_t(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);
  return stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4) != 0;
}

}  // namespace

struct App::Impl {
  // The modes and the window around them (defined after the struct).
  int open_window(bool offscreen);
  void close_window();
  int load_first(bool offscreen);
  void run_interactive();
  int run_shot();
  int run_animate();
  void dump_state(std::ostream& out);

  AppOptions cli;
  Options options;
  GLFWwindow* window = nullptr;
  Session session;
  Theme theme;
  ControlsWindow controls;
  ThreadsWindow threads;
  MemoryWindow memory;
  TimelineWindow timeline;
  LedgerWindow ledger;
  SourceWindow source;
  NarrationWindow narration;
  HeadsUpWindow headsup;
  HistoryWindow history;
  HelpOverlay help;
  LiveWindow live;
  OrdersWindow orders;
  ViewsWindow views;
  float scale = 1;
  bool fonts_dirty = true;
  bool small_display = false;  // under 900 pixels high (in screen coordinates)

  void rebuild_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // Presenter type is large; on a 1024x768 projector a little less, so a
    // thread card's line holds a phrase, not a word.
    const float size = (options.presenter ? (small_display ? 22.0f : 26.0f) : 16.0f) * scale;
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the data is static
    const EmbeddedFile sans = font_sans(), mono = font_mono();
    std::snprintf(cfg.Name, sizeof cfg.Name, "%s", kSansFontName);  // the first is the default
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(sans.data), int(sans.size), size, &cfg);
    std::snprintf(cfg.Name, sizeof cfg.Name, "%s", kMonoFontName);  // the Source window's
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(mono.data), int(mono.size), size * 0.95f, &cfg);
    io.Fonts->Build();
#if IMGUI_VERSION_NUM < 19200  // from 1.92 the backend uploads font textures itself
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
#endif
    theme = apply_theme(options.presenter, scale);
    fonts_dirty = false;
  }

  // Keys and buttons both end here: the command table (commands.hpp) says
  // which key runs which command.
  void handle_keys(Requests& r) {
    for (const PressedKey& k : pending_keys)
      if (auto m = match_key(k.key, k.ctrl, k.shift)) run_command(m->command, m->offset, r);
    pending_keys.clear();
  }

  void run_command(Command c, int offset, Requests& r) {
    switch (c) {
      case Command::step_thread:
        if (unsigned(offset) < session.run().thread_count() && session.step_thread(unsigned(offset)))
          threads.selected = offset;
        break;
      case Command::next_stop: session.next_stop(); break;
      case Command::previous_stop: session.previous_stop(); break;
      case Command::forward: session.forward(); break;
      case Command::back: session.back(); break;
      case Command::reset: session.reset(); break;
      case Command::undo_choice: session.undo_choice(); break;
      case Command::back_to_script: session.back_to_script(); break;
      case Command::play: session.toggle_playing(); break;
      case Command::faster: options.play_speed = std::min(options.play_speed * 1.5f, 60.0f); break;
      case Command::slower: options.play_speed = std::max(options.play_speed / 1.5f, 0.5f); break;
      case Command::zoom_in: MemoryWindow::zoom_by(options, 1.15f); break;
      case Command::zoom_out: MemoryWindow::zoom_by(options, 1 / 1.15f); break;
      case Command::explore: session.start_explore(); break;
      case Command::cancel:
        session.cancel_explore();
        help.open = false;
        break;
      case Command::save_scenario: r.save_scenario = true; break;
      case Command::export_png: r.export_png = true; break;
      case Command::export_steps: r.export_steps = true; break;
      case Command::export_animation: r.export_animation = true; break;
      case Command::live: r.toggle_live = true; break;
      case Command::orders: r.toggle_orders = true; break;
      case Command::views: views.open = !views.open; break;
      case Command::presenter: r.toggle_presenter = true; break;
      case Command::relayout: relayout = true; break;
      case Command::help: r.toggle_help = true; break;
      case Command::quit: glfwSetWindowShouldClose(window, GLFW_TRUE); break;
    }
  }

  bool focus_live = false;
  void toggle_live() {
    live.open = !live.open;
    focus_live = live.open;
  }

  ImVec2 laid_out_for{0, 0};
  bool laid_out_presenter = false;
  float laid_out_hud = 0, laid_out_said = 0;  // presenter mode: the heights the layout was made for

  void draw_windows(Requests& r) {
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    if (d.x != laid_out_for.x || d.y != laid_out_for.y || options.presenter != laid_out_presenter) {
      // A new size or mode: the computed layout, unless the remembered one is for this very size.
      relayout = relayout || laid_out_for.x != 0 || options.presenter != laid_out_presenter;
      laid_out_for = d;
      laid_out_presenter = options.presenter;
    }
    if (const bool small = d.y < 900 * scale; small != small_display) {
      small_display = small;
      fonts_dirty = options.presenter;  // the next frame's fonts
    }
    const float m = 4 * scale;
    if (options.presenter) {
      // Only what matters at a projector: the heads-up line, threads,
      // memory, and the narration no taller than its words. The heads-up
      // line is a bar, always in place; its height (and the narration's)
      // lay the rest out again when they change.
      const float line = ImGui::GetTextLineHeightWithSpacing();
      const float hud = headsup.drawn_height > 0 ? headsup.drawn_height : 3.5f * line;
      const float said = std::min(NarrationWindow::height(session, d.x - 2 * m), d.y * 0.4f);
      if (std::abs(hud - laid_out_hud) > 1 || std::abs(said - laid_out_said) > 1) relayout = true;
      if (relayout) laid_out_hud = hud, laid_out_said = said;
      ImGui::SetNextWindowPos(ImVec2(m, m), ImGuiCond_Always);
      ImGui::SetNextWindowSize(ImVec2(d.x - 2 * m, hud), ImGuiCond_Always);
      headsup.draw(session, theme);
      const float top = hud + 2 * m, body = d.y - top - said - 2 * m;
      // Three threads or more get a little more of the width (the graph,
      // wide and short, loses least there).
      const float cards = session.run().thread_count() > 2 ? 0.42f : 0.36f;
      place(m, top, d.x * cards, body);
      threads.draw(session, theme);
      place(d.x * cards + 2 * m, top, d.x * (1 - cards) - 3 * m, body);
      memory.stale_view_of = views.open ? views.thread : -1;
      memory.draw(session, options, theme);
      place(m, top + body + m, d.x - 2 * m, said);
      narration.draw(session, theme);
      // Over the threads, the memory and the narration: its columns need the
      // width, its rows the height. On a small display (1024x768) over the
      // heads-up line too, or the last rows (H5, H6) fall under a scroll bar;
      // its first line repeats what the heads-up says of the orders.
      if (small_display) draw_orders(m, m, d.x - 2 * m, d.y - 2 * m, r);
      else draw_orders(m, top, d.x - 2 * m, body + m + said, r);
      draw_live(m, m, d.x - 2 * m, d.y - 2 * m);  // the whole screen: the plots are the point
    } else {
      const float left = std::max(300.0f * scale, d.x * 0.25f), right = std::max(320.0f * scale, d.x * 0.27f);
      const float mid = d.x - left - right - 4 * m, top = d.y * 0.64f;
      // Controls as tall as its rows (about 440 px), within limits; the
      // Threads window under it takes the rest.
      const float controls_h = std::clamp(440.0f * scale, top * 0.5f, top * 0.62f);
      place(m, m, left, controls_h - m);
      controls.draw(session, options, theme, r);
      place(m, controls_h + m, left, top - controls_h - m);
      threads.draw(session, theme);
      place(left + 2 * m, m, mid, top);
      memory.stale_view_of = views.open ? views.thread : -1;
      memory.draw(session, options, theme);
      place(left + mid + 3 * m, m, right, top * 0.3f);
      narration.draw(session, theme);
      place(left + mid + 3 * m, top * 0.3f + 2 * m, right, top * 0.7f - m);
      source.draw(session, theme);
      const float bottom = d.y - top - 3 * m;
      place(m, top + 2 * m, d.x * 0.5f - 1.5f * m, bottom);
      timeline.draw(session, theme);
      place(d.x * 0.5f + 0.5f * m, top + 2 * m, d.x * 0.25f - m, bottom);
      ledger.draw(session, theme);
      place(d.x * 0.75f + 0.5f * m, top + 2 * m, d.x * 0.25f - 1.5f * m, bottom);
      history.draw(session, theme);
      // Over the timeline row, the full width its columns need; taller
      // where every row would not fit (1024x768), so a weakened one shows.
      const float orders_h = std::clamp(OrdersWindow::height(session), bottom, d.y - 2 * m);
      draw_orders(m, d.y - m - orders_h, d.x - 2 * m, orders_h, r);
      draw_views(d.x * 0.5f + 0.5f * m, top + 2 * m, d.x * 0.5f - 2 * m, bottom);
      draw_live(left + 2 * m, m, mid, top);
    }
    help.draw(theme);
    draw_note();
    relayout = false;
  }

  // The Live window covers the Memory window's place when it opens, on top.
  void draw_live(float x, float y, float w, float h) {
    if (!live.open) return;
    const ImGuiCond cond = relayout ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
    ImGui::SetNextWindowPos(ImVec2(x, y), cond);
    ImGui::SetNextWindowSize(ImVec2(w, h), cond);
    if (focus_live) ImGui::SetNextWindowFocus();
    focus_live = false;
    live.draw(options, theme);
  }

  // The Orders window, on top where it opens (F6 puts it back there).
  bool focus_orders = false;
  void draw_orders(float x, float y, float w, float h, Requests& r) {
    if (!orders.open) return;
    const ImGuiCond cond = relayout || focus_orders ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
    ImGui::SetNextWindowPos(ImVec2(x, y), cond);
    ImGui::SetNextWindowSize(ImVec2(w, h), cond);
    if (focus_orders) ImGui::SetNextWindowFocus();
    focus_orders = false;
    orders.draw(session, theme, r);
  }

  // The window's title says when the run is deliberately broken by a
  // weakened order, as the heads-up line and the Controls window do.
  std::string title_shown;
  void update_title() {
    std::string title = "lfvlab: the Lock-Free Vector Lab";
    if (session.orders_weakened())
      title += " - deliberately broken (orders weakened: " + session.memory().weaken.text() + ")";
    if (title != title_shown) glfwSetWindowTitle(window, title.c_str());
    title_shown = title;
  }

  // The Views window covers the Ledger and History windows when it opens.
  bool views_shown = false;
  void draw_views(float x, float y, float w, float h) {
    if (!views.open) {
      views_shown = false;
      return;
    }
    const ImGuiCond cond = relayout || !views_shown ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
    ImGui::SetNextWindowPos(ImVec2(x, y), cond);
    ImGui::SetNextWindowSize(ImVec2(w, h), cond);
    ImGui::SetNextWindowBgAlpha(1);  // over the Ledger and History: they must not show through
    if (!views_shown) ImGui::SetNextWindowFocus();
    views_shown = true;
    views.draw(session, theme);
  }

  double last_build_ms = 0;  // building the frame: our windows and ImGui, not the rasterizer

  void render_frame(Requests& r) {
    glfwPollEvents();
    if (fonts_dirty) rebuild_fonts();
    const auto t0 = std::chrono::steady_clock::now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    session.poll_explore();
    // Playing is the app's, not a window's: presenter mode draws no Controls.
    // An export's frames neither take keys nor play on: they show the step
    // being exported.
    if (!exporting) {
      handle_keys(r);
      session.advance_play(ImGui::GetIO().DeltaTime, options.play_speed);
    }
    draw_windows(r);
    update_title();
    ImGui::Render();
    last_build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    int w, h;
    glfwGetFramebufferSize(window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.08f, 0.08f, 0.1f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  }

  // Acts on what windows and keys asked for; some need the frame just drawn.
  void act(Requests& r) {
    int w, h;
    glfwGetFramebufferSize(window, &w, &h);
    if (r.export_png) {
      if (auto file = reserve("lfvlab-step-" + std::to_string(session.position()), ".png")) {
        render_clean(1);  // this frame again, without the last export's note over it
        if (write_png(file->string(), w, h)) session_note("saved " + file->string());
        else failed_export(*file, "could not write " + file->string());
      }
    }
    if (r.export_steps) export_steps();
    if (r.export_animation) {
      session.set_playing(false);  // playing would move the position under the export
      const int fps = std::isfinite(options.play_speed) ? std::clamp(int(options.play_speed), 1, 60) : 4;
      if (auto file = reserve("lfvlab-animation", ".gif")) {
        std::string why;
        const std::size_t was = session.position();
        exporting = true;
        const bool ok = export_animation(file->string(), fps, &why);
        exporting = false;
        session.go_to(was);
        render_clean(1);  // the frame shown next is at the position again
        if (ok) session_note("saved " + file->string());
        else failed_export(*file, "could not write " + file->string() + ": " + why);
      }
    }
    if (r.save_scenario) {
      if (auto file = reserve("lfvlab-saved", ".toml")) {
        std::string err;
        if (session.save_as_scenario(file->string(), &err)) session_note("saved the interleaving as " + file->string());
        else failed_export(*file, err.empty() ? "could not write " + file->string() : err);
      }
    }
    if (r.export_folder) set_export_folder(*r.export_folder);
    if (r.toggle_presenter) {
      options.presenter = !options.presenter;
      fonts_dirty = true;
    }
    if (r.toggle_help) help.open = !help.open;
    if (r.toggle_live) toggle_live();
    if (r.toggle_orders) {
      orders.open = !orders.open;
      focus_orders = orders.open;
    }
    if (r.show_source) source.show(session, r.show_source->first, r.show_source->second);
    if (!r.open_path.empty() && session.load(r.open_path)) options.last_scenario = r.open_path;
    // What a change did unasked (a new variant dropped a weakening): the note says it.
    if (std::string n = session.take_notice(); !n.empty()) session_note(n);
  }

  // Exports and saves go to the folder the user chose, else the default
  // (computed once, at the start: it reads user-dirs.dirs).
  std::filesystem::path default_folder;
  std::filesystem::path export_dir() const {
    return options.export_folder.empty() ? default_folder : std::filesystem::path(options.export_folder);
  }
  void set_export_folder(const std::string& typed) {
    std::string why;
    if (typed.empty()) {
      options.export_folder.clear();
    } else if (auto folder = app::parse_export_folder(typed, &why)) {
      std::error_code ec;
      if (std::filesystem::exists(*folder, ec) && !std::filesystem::is_directory(*folder, ec))
        return session_note("cannot export to " + folder->string() + ": it is not a folder", false);
      options.export_folder = folder->string();
    } else {
      return session_note(why, false);
    }
    std::error_code ec;
    session_note("exports go to " + export_dir().string() + (typed.empty() ? " (the default)" : "") +
                 (std::filesystem::exists(export_dir(), ec) ? "" : "; it is made at the first export"));
  }
  // The next free numbered file there, made (empty) so that nothing else
  // takes the name; a failure is noted, naming the folder or the file.
  std::optional<std::filesystem::path> reserve(const std::string& stem, const std::string& tail) {
    const auto dir = export_dir();
    if (auto why = app::make_export_folder(dir)) {
      session_note(*why, false);
      return std::nullopt;
    }
    std::string why;
    auto file = app::reserve_numbered(dir, stem, tail, &why);
    if (!file) session_note(why, false);
    return file;
  }
  // A reserved file that could not be written is not left behind, empty.
  void failed_export(const std::filesystem::path& file, const std::string& why) {
    std::error_code ec;
    std::filesystem::remove(file, ec);
    session_note(why, false);
  }
  // Frames for an export: no note over them, and keys pressed meanwhile
  // wait for the export to end (a second Shift+F12 is not lost, a Right
  // does not move the steps being exported).
  bool exporting = false;
  void render_clean(int frames) {
    exporting = true;
    Requests none;
    for (int f = 0; f < frames; ++f) render_frame(none);
    exporting = false;
  }

  // What a save or an export did, on stderr and, for a while, in the window:
  // a failure (an unwritable folder) must not pass unseen.
  std::string note;
  bool note_ok = true;
  double note_until = 0;
  void session_note(const std::string& s, bool ok = true) {
    std::cerr << "lfvlab: " << s << '\n';
    note = s;
    note_ok = ok;
    note_until = ImGui::GetTime() + (ok ? 4 : 10);
  }
  void draw_note() {
    if (note.empty() || exporting || ImGui::GetTime() > note_until) return;
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(d.x * 0.5f, d.y - 12 * scale), ImGuiCond_Always, ImVec2(0.5f, 1));
    ImGui::SetNextWindowBgAlpha(0.92f);
    ImGui::Begin("##note", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PushTextWrapPos(d.x * 0.6f);
    if (note_ok) ImGui::TextUnformatted(note.c_str());
    else ImGui::TextColored(ImColor(theme.failure).Value, "%s", note.c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
  }

  // Renders every step of the timeline (at most 600 frames) and has ffmpeg
  // (Debian's package) turn them into a GIF or an MP4, by the file's name.
  bool export_animation(const std::string& out, int fps, std::string* why) {
    if (!platform::have_program("ffmpeg")) {
      *why = "the animation export needs ffmpeg (apt-get install ffmpeg)";
      return false;
    }
    std::error_code ec;
    const auto dir = std::filesystem::temp_directory_path(ec) / ("lfvlab-frames-" + platform::process_tag());
    if (!std::filesystem::create_directories(dir, ec) && ec) {
      *why = "cannot make a folder for the frames in " + dir.parent_path().string() + ": " + ec.message();
      return false;
    }
    int w, h;
    glfwGetFramebufferSize(window, &w, &h);
    const std::size_t steps = session.choices().size(), stride = std::max<std::size_t>(1, steps / 600);
    int frame = 0;
    for (std::size_t k = 0; k <= steps; k += stride) {
      session.go_to(k);
      Requests none;
      for (int f = 0; f < 2; ++f) render_frame(none);
      char name[32];
      std::snprintf(name, sizeof name, "frame-%05d.png", frame++);
      if (!write_png((dir / name).string(), w, h)) break;
    }
    const bool gif = out.size() >= 4 && out.substr(out.size() - 4) == ".gif";
    // Arguments, not a shell line: no quoting rules of any shell apply.
    std::vector<std::string> args{"-y", "-loglevel", "error", "-framerate", std::to_string(fps),
                                  "-i", (dir / "frame-%05d.png").string(), "-vf"};
    if (gif) {
      args.push_back("scale=960:-1:flags=lanczos,split[a][b];[a]palettegen[p];[b][p]paletteuse");
    } else {
      for (const char* a : {"scale=trunc(iw/2)*2:trunc(ih/2)*2", "-c:v", "libx264", "-pix_fmt", "yuv420p"})
        args.push_back(a);
    }
    args.push_back(out);
    const int rc = platform::run_program("ffmpeg", args);
    std::filesystem::remove_all(dir);
    if (rc != 0) *why = "ffmpeg failed (exit status " + std::to_string(rc) + ")";
    return rc == 0;
  }

  // 8 threads pushing and popping until the trace is past 10,000 steps;
  // frames are timed on the CPU (no vsync), scrubbing across the trace.
  int bench_ui() {
    scenario::Scenario sc;
    sc.title = "bench-ui: 8 threads";
    for (unsigned t = 0; t < 8; ++t) {
      scenario::ThreadSpec th{std::string(1, char('A' + t)), {}, {}};
      for (unsigned i = 0; i < 30; ++i)
        th.ops.push_back(i % 3 == 2 ? scenario::Op{scenario::OpKind::pop} : scenario::Op{scenario::OpKind::push, i});
      sc.threads.push_back(std::move(th));
    }
    if (!session.load_scenario(sc, "(bench-ui)")) return 2;
    const std::size_t steps = session.choices().size();
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
    std::mt19937 rng(1);
    std::vector<double> jumps, frames, builds;
    for (int i = 0; i < 60; ++i) {
      const std::size_t k = std::uniform_int_distribution<std::size_t>(0, steps)(rng);
      const auto t0 = Clock::now();
      session.go_to(k);
      jumps.push_back(ms(Clock::now() - t0));
    }
    session.go_to(steps / 2);
    for (int i = 0; i < 240; ++i) {
      if (i % 4 == 0 && !std::getenv("LFV_BENCH_STILL")) session.forward();  // moving, as while playing
      Requests none;
      const auto t0 = Clock::now();
      render_frame(none);
      glFinish();
      frames.push_back(ms(Clock::now() - t0));
      builds.push_back(last_build_ms);
      glfwSwapBuffers(window);
    }
    auto pct = [](std::vector<double> v, double p) {
      std::sort(v.begin(), v.end());
      return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
    };
    const char* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    std::printf("bench-ui: %zu-step trace, 8 threads, %dx%d, renderer %s\n", steps, cli.width, cli.height,
                renderer ? renderer : "?");
    std::printf("  frame CPU time, building it (windows + ImGui): median %.2f ms, 95th percentile %.2f ms (goal: median "
                "at most 8 ms)\n",
                pct(builds, 0.5), pct(builds, 0.95));
    std::printf("  whole frame with the rasterizer (glFinish): median %.2f ms, 95th percentile %.2f ms\n", pct(frames, 0.5),
                pct(frames, 0.95));
    std::printf("  jump to a random step (replay + snapshot): median %.2f ms, 95th percentile %.2f ms (goal: at most 16 ms)\n",
                pct(jumps, 0.5), pct(jumps, 0.95));
    return 0;
  }

  // Slides: the start, then the end of every script step that pauses, and
  // the end when no stop is there; one numbered set, lfvlab-slides-NN-00.png
  // (the start) on. The position stays where it was.
  void export_steps() {
    session.set_playing(false);  // playing would move the position under the export
    std::vector<std::size_t> at{0};
    for (const StopPoint& stop : session.stops())
      if (stop.step != at.back()) at.push_back(stop.step);
    if (session.choices().size() != at.back()) at.push_back(session.choices().size());
    const int digits = at.size() > 100 ? int(std::to_string(at.size() - 1).size()) : 2;
    auto tail = [&](std::size_t i) {
      char t[32];
      std::snprintf(t, sizeof t, "-%0*zu.png", digits, i);
      return std::string(t);
    };
    const auto first = reserve("lfvlab-slides", tail(0));
    if (!first) return;
    const std::string set = first->string().substr(0, first->string().size() - tail(0).size());
    const std::size_t was = session.position();
    int w, h;
    glfwGetFramebufferSize(window, &w, &h);
    std::size_t failed = 0;
    std::string why;
    for (std::size_t i = 0; i < at.size(); ++i) {
      const std::string file = set + tail(i);
      if (i > 0 && !app::create_new_file(file, &why)) {
        ++failed;
        continue;
      }
      session.go_to(at[i]);
      render_clean(2);
      if (!write_png(file, w, h)) {
        ++failed;
        std::error_code ec;
        std::filesystem::remove(file, ec);
      }
    }
    session.go_to(was);
    render_clean(1);  // the frame shown next is at the position again, not the last slide
    const std::string names = set + tail(0) + " to " + tail(at.size() - 1).substr(1);
    if (failed)
      session_note("could not write " + std::to_string(failed) + " of the " + std::to_string(at.size()) + " slides " +
                       names + (why.empty() ? "" : " (" + why + ")"),
                   false);
    else
      session_note("saved " + std::to_string(at.size()) + " slides (the start and each script step): " + names);
  }
};

App::App(AppOptions o) : impl_(std::make_unique<Impl>()) { impl_->cli = std::move(o); }
App::~App() = default;

// --- The window, and one function per mode ---------------------------------

// Opens the window (hidden when offscreen), its GL context and ImGui. 0, or
// 3 when there is no display or no OpenGL 3.3.
int App::Impl::open_window(bool offscreen) {
  if (!glfwInit()) {
    std::cerr << "lfvlab: no display could be opened\n";
    return 3;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  if (offscreen) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  window = glfwCreateWindow(cli.width, cli.height, "lfvlab: the Lock-Free Vector Lab", nullptr, nullptr);
  if (!window) {
    std::cerr << "lfvlab: no OpenGL 3.3 window could be opened\n";
    glfwTerminate();
    return 3;
  }
  {
    // The window's icon, from the same shapes as the desktop's (icon.cpp).
    const IconImage small = render_icon(32), large = render_icon(64);
    GLFWimage images[2] = {{small.size, small.size, const_cast<unsigned char*>(small.rgba.data())},
                           {large.size, large.size, const_cast<unsigned char*>(large.rgba.data())}};
    glfwSetWindowIcon(window, 2, images);
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  if (!gladLoadGL(glfwGetProcAddress)) {
    std::cerr << "lfvlab: no OpenGL 3.3 loader\n";
    return 3;
  }
  // The monitor's content scale, so text stays readable on dense screens.
  float sx = 1, sy = 1;
  glfwGetWindowContentScale(window, &sx, &sy);
  scale = std::max(1.0f, std::max(sx, sy));

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  // Window places are remembered per user (imgui.ini beside options.ini);
  // shots and benchmarks always use the computed layout.
  static std::string ini;
  const auto config = platform::config_dir();
  if (offscreen || config.empty()) {
    ImGui::GetIO().IniFilename = nullptr;
  } else {
    std::error_code ec;
    std::filesystem::create_directories(config, ec);
    ini = (config / "imgui.ini").string();
    // ImGui reads it with fopen: a FIFO there would keep the window from opening.
    ImGui::GetIO().IniFilename = config_file_usable(ini, 1 << 20) ? ini.c_str() : nullptr;
    relayout = !std::filesystem::exists(ini);
  }
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  glfwSetKeyCallback(window, key_callback);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  return 0;
}

void App::Impl::close_window() {
  session.cancel_explore();
  live.stop_and_wait();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
}

// The scenario asked for, or the library's first. Offscreen, a file that
// does not load, or whose script cannot be played, is exit status 2 (as
// play and check say); the app opens anyway and shows why.
int App::Impl::load_first(bool offscreen) {
  controls.library = app::library_files(cli.library_dir);
  default_folder = app::default_export_folder();
  controls.default_folder = default_folder.string();
  std::string first = cli.file;
  if (first.empty()) first = controls.library.empty() ? "" : controls.library.front();
  session.set_memory_flags(cli.memory);
  if (!first.empty() && !session.load(first)) {
    std::cerr << session.error() << '\n';
    return offscreen ? 2 : 0;
  }
  if (offscreen && !cli.bench_ui && !session.error().empty()) {
    std::cerr << session.error() << '\n';
    return 2;
  }
  return 0;
}

void App::Impl::run_interactive() {
  while (!glfwWindowShouldClose(window)) {
    Requests r;
    render_frame(r);
    act(r);
    glfwSwapBuffers(window);
  }
  options.save();
}

int App::Impl::run_animate() {
  std::string why;
  if (!export_animation(cli.animate_out, cli.animate_fps, &why)) {
    std::cerr << "lfvlab animate: cannot write " << cli.animate_out << ": " << why << '\n';
    return 2;
  }
  return 0;
}

// `lfvlab shot`: --step names a place the scenario has, or the shot is refused.
int App::Impl::run_shot() {
  const std::string& at = cli.shot_step;
  const std::size_t steps = session.choices().size();
  const auto& stops = session.stops();
  if (at == "end") {
    session.go_to(steps);
  } else if (at.rfind("pause:", 0) == 0) {
    const std::size_t k = std::stoul(at.substr(6));
    if (k < 1 || k > stops.size()) {
      std::cerr << "lfvlab shot: --step " << at << ": the scenario has " << stops.size() << " script step"
                << (stops.size() == 1 ? "" : "s") << " (pause:1 to pause:" << stops.size() << ")\n";
      return 2;
    }
    session.go_to(stops[k - 1].step);
  } else if (std::stoull(at) <= steps) {
    session.go_to(std::stoull(at));
  } else {
    std::cerr << "lfvlab shot: --step " << at << ": the scenario's run has " << steps << " steps (0 to " << steps
              << ", or end)\n";
    return 2;
  }
  if (cli.shot_orders) orders.open = focus_orders = true;
  if (!cli.shot_views.empty()) {
    const sim::Run& run = session.run();
    std::string names;
    for (unsigned t = 0; t < run.thread_count(); ++t) {
      if (run.thread_name(t) == cli.shot_views) {
        views.open = true;
        views.thread = int(t);
      }
      names += (t ? ", " : "") + run.thread_name(t);
    }
    if (!views.open) {
      std::cerr << "lfvlab shot: --views " << cli.shot_views << ": the scenario has no such thread (it has " << names
                << ")\n";
      return 2;
    }
  }
  Requests none;
  for (int f = 0; f < 3; ++f) render_frame(none);  // settle the layout
  if (cli.shot_live_ms > 0) {  // the Live window, after a run of that long
    toggle_live();
    live.start(options);
    if (!live.run) {
      std::cerr << "lfvlab shot: " << live.error << '\n';
      return 2;
    }
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(cli.shot_live_ms);
    while (std::chrono::steady_clock::now() < until) {
      render_frame(none);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    live.run->request_stop();  // the plots stay; the last frame says it stopped
    while (live.run->running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    for (int f = 0; f < 2; ++f) render_frame(none);
  }
  int w, h;
  glfwGetFramebufferSize(window, &w, &h);
  if (!write_png(cli.shot_out, w, h)) {
    std::cerr << "lfvlab shot: cannot write " << cli.shot_out << '\n';
    return 2;
  }
  return 0;
}

// --dump-state: what the app shows, a KEY=VALUE line each (tests assert these).
void App::Impl::dump_state(std::ostream& f) {
  f << "scenario=" << session.path() << "\nposition=" << session.position()
    << "\nsteps=" << session.choices().size() << "\npresenter=" << (options.presenter ? 1 : 0)
    << "\ncompletion=" << name(session.completion()) << "\nreclaim=" << name(session.reclaim()) << "\nstops=";
  for (std::size_t i = 0; i < session.stops().size(); ++i) f << (i ? "," : "") << session.stops()[i].step;
  f << "\nhelp=" << (help.open ? 1 : 0) << "\n";
  const int followed = source.followed(session);
  if (followed >= 0)
    f << "source=" << session.run().thread_name(unsigned(followed)) << (source.pinned >= 0 ? " pinned" : " following")
      << '\n';
  f << "source_font=" << source.code_font << '\n';
  // Under c11: what each thread's next load may read, the latest first.
  for (const sim::ThreadView& th : session.snapshot().threads)
    if (th.next && !th.next->may_read.empty()) {
      f << "may_read " << th.name << "=";
      for (std::size_t k = 0; k < th.next->may_read.size(); ++k) f << (k ? "," : "") << th.next->may_read[k];
      f << '\n';
    }
  // Under c11: each thread's stale locations, in thread_view.hpp's words.
  for (const sim::ThreadView& th : session.snapshot().threads)
    for (const sim::LocationView& l : th.memory)
      if (l.stale()) f << "view_stale " << th.name << "=" << sim::view_text(th.name, l) << '\n';
  threads.dump(f);  // the thread cards' read choices, and whether each is in view
  std::string said = session.narration();
  std::replace(said.begin(), said.end(), '\n', ' ');
  f << "narration=" << said << '\n';
  std::string last = note;  // the last export's or save's message, kept after it fades
  std::replace(last.begin(), last.end(), '\n', ' ');
  f << "note=" << last << "\nexport_folder=" << export_dir().string() << '\n';
  dump(heads_up(session), f);  // what presenter mode's top line says (the same words in normal mode)
  f << "playing=" << (session.playing() ? 1 : 0) << '\n';
  // What the picture means at this position: one line per object the
  // Memory window drew, what threads hold, marks.
  memory.dump(f);
  timeline.dump(f);  // whether the cursor is in view
  ledger.dump(f);    // headers shown or clipped, bytes, the chart's axes
  live.dump(f);      // the Live window's axes, when it is open
  f << "memory_model=" << (session.memory().memory_model == sim::MemoryModel::c11 ? "c11" : "sc")
    << "\nweakened=" << session.memory().weaken.text() << '\n';
  orders.dump(f);    // the Orders window's rows, when it is open
  views.dump(f);     // the Views window's rows, when it is open
}

int App::run() {
  Impl& a = *impl_;
  const bool offscreen = !a.cli.shot_out.empty() || !a.cli.animate_out.empty() || a.cli.bench_ui;
  // A shot depends on its flags alone, never on what a user last chose.
  if (!offscreen) a.options = Options::load();
  if (a.cli.presenter) a.options.presenter = true;
  if (const int status = a.open_window(offscreen)) return status;
  int status = a.load_first(offscreen);
  if (a.cli.bench_ui) {
    glfwSwapInterval(0);
    status = a.bench_ui();
  } else if (status == 0 && !a.cli.animate_out.empty()) {
    status = a.run_animate();
  } else if (status == 0 && offscreen) {
    status = a.run_shot();
  } else if (!offscreen) {
    a.run_interactive();
  }
  if (!a.cli.dump_state.empty()) {
    std::ofstream f(a.cli.dump_state);
    a.dump_state(f);
  }
  a.close_window();
  return status;
}

}  // namespace lfv::gui
