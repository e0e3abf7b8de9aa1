// lfvlab: the command line. Until the GUI lands, `lfvlab` with no argument
// runs the terminal demo.
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "check_command.hpp"
#include "gui/app.hpp"
#include "explore_command.hpp"
#include "live_command.hpp"
#include "output_path.hpp"
#include "play_command.hpp"
#include "terminal_demo.hpp"
#include "verify_command.hpp"

namespace {

// WIDTHxHEIGHT in digits only ("640x480junk" is refused), from 320x240 to
// 7680x4320: a frame of at most 127 MiB of pixels (shot, animate).
bool parse_size(const std::string& v, int* w, int* h) {
  const std::size_t x = v.find('x');
  auto digits = [](std::string_view d) {
    return !d.empty() && d.size() <= 5 && d.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (x == std::string::npos || !digits(std::string_view(v).substr(0, x)) || !digits(std::string_view(v).substr(x + 1)))
    return false;
  *w = std::stoi(v.substr(0, x));
  *h = std::stoi(v.substr(x + 1));
  return *w >= 320 && *h >= 240 && *w <= 7680 && *h <= 4320;
}

CLI::Validator size_validator() {
  return CLI::Validator(
      [](std::string& v) {
        int w = 0, h = 0;
        return parse_size(v, &w, &h) ? std::string() : std::string("expected WIDTHxHEIGHT between 320x240 and 7680x4320");
      },
      "WxH");
}

// A number CLI11 would otherwise wrap ("-1" as 2^64 - 1) or let through (nan).
CLI::Validator digits_only() {
  return CLI::Validator(
      [](std::string& v) {
        return !v.empty() && v.size() <= 19 && v.find_first_not_of("0123456789") == std::string::npos
                   ? std::string()
                   : std::string("expected a whole number from 0");
      },
      "N");
}

// Checks an output flag before the work starts; prints why and says false.
bool writable(const char* command, const char* flag, const std::string& path) {
  if (auto why = lfv::app::output_path_problem(path)) {
    std::cerr << "lfvlab" << (*command ? " " : "") << command << ": " << flag << ": " << *why << '\n';
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace lfv;
  CLI::App cli{"lfvlab: the Lock-Free Vector Lab"};
  cli.require_subcommand(0, 1);

  app::DemoOptions demo;
  std::string completion, reclaim;
  CLI::App* demo_cmd = cli.add_subcommand("demo", "Real threads push and pop on the vector in each variant");
  auto add_demo_options = [&](CLI::App* cmd) {
    cmd->add_option("--threads", demo.workload.threads, "Threads")->check(CLI::Range(1u, 64u));
    cmd->add_option("--ops", demo.workload.ops_per_thread, "Operations per thread")
        ->check(CLI::Range(1u, 1u << 24));
    cmd->add_option("--completion", completion, "Only this completion: book, paper or versioned")
        ->check(CLI::IsMember({"book", "paper", "versioned"}));
    cmd->add_option("--reclaim", reclaim, "Only this reclamation: leak, hazard or free-now")
        ->check(CLI::IsMember({"leak", "hazard", "free-now"}));
  };
  add_demo_options(demo_cmd);

  app::PlayOptions play;
  std::string play_schedule;
  std::string play_completion, play_reclaim;
  CLI::App* play_cmd = cli.add_subcommand("play", "Play a scenario in the simulator, one atomic step at a time");
  play_cmd->add_option("file", play.file, "Scenario file (TOML)")->required();
  play_cmd->add_option("--schedule", play_schedule, "Thread choices, e.g. \"A*12 B*5 A\" (default: the script)");
  play_cmd->add_option("--completion", play_completion, "Override the completion: book, paper or versioned")
      ->check(CLI::IsMember({"book", "paper", "versioned"}));
  play_cmd->add_option("--reclaim", play_reclaim, "Override the reclamation: leak, hazard or free-now")
      ->check(CLI::IsMember({"leak", "hazard", "free-now"}));
  play_cmd->add_flag("--json", play.json, "Print the event log as JSON");
  play_cmd->add_flag("--reads", play.show_reads, "Show plain-field reads in the table");

  app::ExploreCommand explore;
  std::string explore_completion, explore_reclaim, explore_save;
  unsigned explore_preemptions = 0, explore_pct = 0;
  CLI::App* explore_cmd = cli.add_subcommand("explore", "Search the scenario's schedules for a failure");
  explore_cmd->add_option("file", explore.file, "Scenario file (TOML)")->required();
  explore_cmd->add_option("--completion", explore_completion, "Override the completion: book, paper or versioned")
      ->check(CLI::IsMember({"book", "paper", "versioned"}));
  explore_cmd->add_option("--reclaim", explore_reclaim, "Override the reclamation: leak, hazard or free-now")
      ->check(CLI::IsMember({"leak", "hazard", "free-now"}));
  explore_cmd->add_option("--preemptions", explore_preemptions, "Stop raising the preemption bound at N")
      ->check(CLI::Range(0u, 64u));
  auto* pct = explore_cmd->add_option("--pct", explore_pct, "PCT random testing: this many runs")
                  ->check(CLI::Range(1u, 10'000'000u));
  explore_cmd->add_option("--seed", explore.seed, "PCT seed")->needs(pct)->check(digits_only());
  explore_cmd->add_flag("--all", explore.all, "Count every failing execution instead of stopping at the first");
  explore_cmd->add_flag("--json", explore.json, "Print the result as JSON");
  explore_cmd->add_option("--save", explore_save, "Save the counterexample as a replayable scenario");

  app::VerifyCommand verify;
  std::string verify_out, verify_check;
  CLI::App* verify_cmd =
      cli.add_subcommand("verify-library", "Explore every library scenario under every variant (docs/verification.md)");
  verify_cmd->add_option("directory", verify.directory, "The scenario library")->required();
  verify_cmd->add_option("--out", verify_out, "Write the table to this file");
  verify_cmd->add_option("--check", verify_check, "Fail if this table no longer holds (seconds aside)");
  verify_cmd->add_option("--budget", verify.budget, "Executions per search before it counts as incomplete")
      ->check(CLI::Range(1ull, 100'000'000ull));

  gui::AppOptions gui_options;
  std::string shot_size = "1920x1080";
  CLI::App* shot_cmd = cli.add_subcommand("shot", "Render a scenario's step to a PNG without a visible window");
  shot_cmd->add_option("file", gui_options.file, "Scenario file (TOML)")->required();
  shot_cmd->add_option("--step", gui_options.shot_step, "The step to show: a number, end, or pause:K (default 0)")
      ->check(CLI::Validator(
          [](std::string& v) {
            const bool number = !v.empty() && v.size() < 10 && v.find_first_not_of("0123456789") == std::string::npos;
            const bool pause = v.rfind("pause:", 0) == 0 && v.size() > 6 && v.size() < 12 &&
                               v.find_first_not_of("0123456789", 6) == std::string::npos && v != "pause:0" &&
                               v[6] != '0';
            // The scenario decides how far a step can go: App::run checks that.
            return number || pause || v == "end" ? std::string()
                                                 : std::string("expected a step number, end or pause:K (K from 1)");
          },
          "STEP"));
  shot_cmd->add_option("--out", gui_options.shot_out, "The PNG to write")->required();
  shot_cmd->add_option("--size", shot_size, "Width x height, from 320x240 to 7680x4320, e.g. 1280x720")
      ->check(size_validator());
  shot_cmd->add_flag("--presenter", gui_options.presenter, "Presenter mode");
  shot_cmd->add_option("--live", gui_options.shot_live_ms,
                       "Show the Live window after running it this many milliseconds (versioned + hazard, 2 threads, "
                       "push/pop 50/50, against the mutex)")
      ->check(CLI::Range(100, 60000));
  cli.add_option("scenario", gui_options.file, "Open this scenario in the app (default: the library's first)");
  cli.add_option("--dump-state", gui_options.dump_state, "Write the app's state to this file on exit");
  cli.add_flag("--presenter", gui_options.presenter, "Start in presenter mode");

  CLI::App* animate_cmd =
      cli.add_subcommand("animate", "Render every step of a scenario and make a GIF or MP4 of it (needs ffmpeg)");
  animate_cmd->add_option("file", gui_options.file, "Scenario file (TOML)")->required();
  animate_cmd->add_option("--out", gui_options.animate_out, "The .gif or .mp4 to write")
      ->required()
      ->check(CLI::Validator(
          [](std::string& v) {
            const bool ok = v.size() > 4 && (v.substr(v.size() - 4) == ".gif" || v.substr(v.size() - 4) == ".mp4");
            return ok ? std::string() : std::string("the output must end in .gif or .mp4");
          },
          "FILE.gif|FILE.mp4"));
  animate_cmd->add_option("--fps", gui_options.animate_fps, "Steps per second")->check(CLI::Range(1, 60));
  animate_cmd->add_option("--size", shot_size, "Width x height, from 320x240 to 7680x4320, e.g. 1280x720")
      ->check(size_validator());
  animate_cmd->add_flag("--presenter", gui_options.presenter, "Presenter mode");

  CLI::App* bench_ui_cmd =
      cli.add_subcommand("bench-ui", "Time the app's frames on an 8-thread, 10k-step trace at 1920x1080");

  app::LiveCommand live;
  std::string live_completion = "versioned", live_reclaim = "hazard", live_workload = "mixed";
  bool live_no_mutex = false;
  CLI::App* live_cmd =
      cli.add_subcommand("live", "Real threads on the real vector against a mutex, a line per second (the Live window)");
  live_cmd->add_option("--completion", live_completion, "book, paper or versioned (default versioned)")
      ->check(CLI::IsMember({"book", "paper", "versioned"}));
  live_cmd->add_option("--reclaim", live_reclaim, "leak or hazard (default hazard)")
      ->check(CLI::IsMember({"leak", "hazard", "free-now"}));
  live_cmd->add_option("--workload", live_workload, "mixed, read-heavy or bursts (default mixed)")
      ->check(CLI::IsMember({"mixed", "read-heavy", "bursts"}));
  live_cmd->add_option("--threads", live.spec.threads, "Threads, 1 to twice the hardware threads (default 2)");
  live_cmd->add_option("--seconds", live.seconds, "How long (default 5)")
      ->check(CLI::Validator(
          [](std::string& v) {
            // CLI::Range lets NaN through (no comparison with it is true).
            char* end = nullptr;
            const double d = std::strtod(v.c_str(), &end);
            return end && *end == '\0' && std::isfinite(d) && d >= 0.1 && d <= 3600 ? std::string()
                                                                                  : std::string("expected seconds from 0.1 to 3600");
          },
          "SECONDS"));
  live_cmd->add_flag("--no-mutex", live_no_mutex, "Measure the vector only, without the mutex baseline");

  std::string check_file;
  CLI::App* check_cmd = cli.add_subcommand("check", "Play the scenario's script and check its [expect] block");
  check_cmd->add_option("file", check_file, "Scenario file (TOML)")->required();

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : 2;  // bad input exits 2
  }

  if (!gui_options.dump_state.empty() && !writable("", "--dump-state", gui_options.dump_state)) return 2;
  if (shot_cmd->parsed()) {
    if (!writable("shot", "--out", gui_options.shot_out)) return 2;
    parse_size(shot_size, &gui_options.width, &gui_options.height);
    const int status = gui::App(gui_options).run();
    if (status == 3) std::cerr << "lfvlab shot: needs a display (run it under xvfb-run)\n";
    return status == 0 ? 0 : 2;
  }
  if (animate_cmd->parsed()) {
    if (!writable("animate", "--out", gui_options.animate_out)) return 2;
    parse_size(shot_size, &gui_options.width, &gui_options.height);
    const int status = gui::App(gui_options).run();
    if (status == 3) std::cerr << "lfvlab animate: needs a display (run it under xvfb-run)\n";
    return status == 0 ? 0 : 2;
  }
  if (bench_ui_cmd->parsed()) {
    gui_options.bench_ui = true;
    gui_options.width = 1920;
    gui_options.height = 1080;
    const int status = gui::App(gui_options).run();
    if (status == 3) std::cerr << "lfvlab bench-ui: needs a display (run it under xvfb-run)\n";
    return status == 0 ? 0 : 2;
  }
  if (explore_cmd->parsed()) {
    if (!explore_completion.empty()) explore.completion = parse_completion(explore_completion);
    if (!explore_reclaim.empty()) explore.reclaim = parse_reclaim(explore_reclaim);
    if (explore_cmd->count("--preemptions")) explore.preemptions = explore_preemptions;
    if (explore_cmd->count("--pct")) explore.pct_runs = explore_pct;
    if (explore_cmd->count("--save") && !writable("explore", "--save", explore_save)) return 2;
    if (!explore_save.empty()) explore.save = explore_save;
    return app::run_explore(explore, std::cout, std::cerr);
  }
  if (check_cmd->parsed()) return app::run_check(check_file, std::cout, std::cerr);
  if (live_cmd->parsed()) {
    live.spec.completion = *parse_completion(live_completion);
    live.spec.reclaim = *parse_reclaim(live_reclaim);
    live::parse_live_workload(live_workload, live.spec.workload);
    live.spec.compare_with_mutex = !live_no_mutex;
    return app::run_live(live, std::cout, std::cerr);
  }
  if (verify_cmd->parsed()) {
    if (!verify_out.empty()) verify.out = verify_out;
    if (!verify_check.empty()) verify.check = verify_check;
    return app::run_verify(verify, std::cout, std::cerr);
  }
  if (play_cmd->parsed()) {
    if (!play_schedule.empty() || play_cmd->count("--schedule")) play.schedule = play_schedule;
    if (!play_completion.empty()) play.completion = parse_completion(play_completion);
    if (!play_reclaim.empty()) play.reclaim = parse_reclaim(play_reclaim);
    return app::run_play(play, std::cout, std::cerr);
  }
  if (!demo_cmd->parsed()) {
    // No subcommand: the lecture app; with no display, play the scenario in the terminal.
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    const bool has_display = (display && *display) || (wayland && *wayland);
    int status = 3;
    if (has_display) status = gui::App(gui_options).run();
    if (status != 3) return status;
    std::string file = gui_options.file;
    if (file.empty()) {
      file = "scenarios/01-single-push.toml";
#ifdef LFV_DEFAULT_SCENARIOS
      if (!std::filesystem::exists(file)) file = LFV_DEFAULT_SCENARIOS "/01-single-push.toml";
#endif
    }
    std::cout << "lfvlab: no display, so the scenario plays in the terminal (" << file << ")\n\n";
    app::PlayOptions terminal;
    terminal.file = file;
    return app::run_play(terminal, std::cout, std::cerr);
  }
  if (!completion.empty()) demo.only_completion = parse_completion(completion);
  if (!reclaim.empty()) demo.only_reclaim = parse_reclaim(reclaim);
  // Filters that leave no variant to run on real threads are refused, as live refuses them.
  bool any = false;
  for (Completion c : kAllCompletions)
    for (Reclaim r : kAllReclaims)
      any = any || ((!demo.only_completion || *demo.only_completion == c) &&
                    (!demo.only_reclaim || *demo.only_reclaim == r) && memory_safe_on_real_threads(c, r));
  if (!any) {
    std::cerr << "lfvlab demo: --completion/--reclaim: " << (completion.empty() ? "" : completion + " + ")
              << (reclaim.empty() ? "any reclaim" : reclaim)
              << " is not run on real threads: it can use freed memory (lfvlab play shows how in the simulator)\n";
    return 2;
  }
  return app::run_terminal_demo(demo, std::cout);
}
