// lfvlab: the command line. With no subcommand it opens the lecture app
// (with no display, it plays the scenario in the terminal).
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "check_command.hpp"
#include "gui/app.hpp"
#include "gui/commands.hpp"
#include "library.hpp"
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
  cli.option_defaults()->always_capture_default();  // every --help shows the defaults
  cli.set_version_flag("--version", "lfvlab " LFV_VERSION);
  std::string library_dir;
  cli.add_option("--library", library_dir,
                 "The scenario library folder (default: share/lfvlab/scenarios beside the installed program, or the "
                 "source tree of the build folder it runs from)")
      ->check(CLI::ExistingDirectory);

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
  demo_cmd->add_flag("--json", demo.json, "Print the figures of every variant as JSON instead of the table");

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
  play_cmd->footer(
      "After the steps: the verdict on the whole history, as check and explore give it.\n"
      "Exit status: 0 the history is fine, 1 it fails (a use-after-free or double free stopped it, or it "
      "is not linearizable; also when the scenario's [expect] says so: check validates expectations), 2 bad input.\n"
      "Example: lfvlab play scenarios/07-book-clear-pending-race.toml --schedule \"A*14 B*14\"");

  app::ExploreCommand explore;
  std::string explore_completion, explore_reclaim, explore_save, explore_want;
  unsigned explore_preemptions = 0, explore_pct = 0, explore_pct_depth = 0;
  double explore_time_limit = 0;
  std::uint64_t explore_budget = 0;
  CLI::App* explore_cmd = cli.add_subcommand("explore", "Search the scenario's schedules for a failure");
  explore_cmd->add_option("file", explore.file, "Scenario file (TOML)")->required();
  explore_cmd->add_option("--completion", explore_completion, "Override the completion: book, paper or versioned")
      ->check(CLI::IsMember({"book", "paper", "versioned"}));
  explore_cmd->add_option("--reclaim", explore_reclaim, "Override the reclamation: leak, hazard or free-now")
      ->check(CLI::IsMember({"leak", "hazard", "free-now"}));
  explore_cmd->add_option("--preemptions", explore_preemptions,
                          "Stop raising the preemption bound at N: the search is then bounded (default: bounds 0, "
                          "1, 2, then unbounded)")
      ->check(CLI::Range(0u, 64u))
      ->default_str("");
  explore_cmd->add_option("--want", explore_want,
                          "Only this failure kind counts (others are counted and the search goes on): "
                          "non-linearizable, use-after-free, double-free or leak")
      ->check(CLI::Validator(
          [](std::string& v) {
            const auto k = parse_failure_kind(v);
            return k && *k != FailureKind::none && *k != FailureKind::bad_input && *k != FailureKind::livelock &&
                           *k != FailureKind::too_long
                       ? std::string()
                       : "unknown failure kind \"" + v +
                             "\"; the kinds: non-linearizable, use-after-free, double-free, leak";
          },
          "KIND"));
  explore_cmd->add_option("--time-limit", explore_time_limit, "Stop after this many seconds (default: none)")
      ->check(CLI::Validator(
          [](std::string& v) {
            char* end = nullptr;
            const double x = std::strtod(v.c_str(), &end);
            return end && *end == 0 && std::isfinite(x) && x > 0 ? std::string()
                                                                 : std::string("expected a number of seconds > 0");
          },
          "SECONDS"))
      ->default_str("");
  explore_cmd->add_option("--budget", explore_budget, "Stop after this many executions (default 2000000)")
      ->check(CLI::Range(1ull, 1'000'000'000ull))
      ->default_str("");
  explore_cmd->add_option("--workers", explore.workers,
                          "Search threads, 0 = one per hardware thread (default 1); results do not depend on it")
      ->check(CLI::Range(0u, 256u));
  auto* pct = explore_cmd->add_option("--pct", explore_pct, "PCT random testing: this many runs (default: none, the search)")
                  ->check(CLI::Range(1u, 10'000'000u))
                  ->default_str("");
  explore_cmd->add_option("--pct-depth", explore_pct_depth,
                          "PCT depth d: d-1 priority change points, so up to d-1 preemptions (default: the "
                          "scenario's operations + 1, between 3 and 6)")
      ->check(CLI::Range(1u, 64u))
      ->default_str("")
      ->needs(pct);
  explore_cmd->add_option("--seed", explore.seed, "PCT seed (default 1)")->needs(pct)->check(digits_only());
  explore_cmd->add_flag("--all", explore.all,
                        "One unbounded round that counts every failing execution instead of stopping at the first "
                        "(a census of the schedules, not the quickest way to a failure)");
  explore_cmd->add_flag("--json", explore.json, "Print the result as JSON");
  explore_cmd->add_flag("--progress", explore.progress,
                        "Print progress to stderr even when it is not a terminal (on a terminal it always does)");
  explore_cmd->add_option("--save", explore_save, "Save the counterexample as a replayable scenario");
  explore_cmd->footer(
      "The result line says what was covered: \"complete\" (every schedule), \"no failure within preemption bound "
      "K\" (every schedule with at most K preemptions; what ran beyond it and why it stopped: execution budget, "
      "time limit), the preemptions a counterexample needs, or for PCT the probability that the runs missed a "
      "failure of the given depth.\n"
      "Exit status: 0 no failure found within what was covered, 1 a failure found, 2 bad input.\n"
      "Example: lfvlab explore scenarios/07-book-clear-pending-race.toml --reclaim hazard --want non-linearizable "
      "--save /tmp/cx.toml");

  app::VerifyCommand verify;
  std::string verify_out, verify_check;
  CLI::App* verify_cmd =
      cli.add_subcommand("verify-library", "Explore every library scenario under every variant (docs/verification.md)");
  verify_cmd->add_option("directory", verify.directory, "The scenario library")->required();
  verify_cmd->add_option("--out", verify_out, "Write the table to this file");
  verify_cmd->add_option("--check", verify_check, "Fail if this table no longer holds (seconds aside)");
  verify_cmd->add_flag("--json", verify.json, "Print every search's result (scenario, variant, result, search, executions) as JSON");
  verify_cmd->add_flag("--progress", verify.progress,
                       "Print progress to stderr even when it is not a terminal (on a terminal it always does)");
  verify_cmd->add_option("--budget", verify.budget, "Executions per search before it counts as incomplete")
      ->check(CLI::Range(1ull, 100'000'000ull));

  app::VerifyProgramsCommand programs;
  std::string programs_out;
  CLI::App* programs_cmd = cli.add_subcommand(
      "verify-programs", "Explore every generated two-thread program under every variant (the property sweep)");
  programs_cmd->add_option("--max-ops", programs.max_ops, "Operations in all, both threads (2 to 6; default 3)");
  programs_cmd->add_option("--every", programs.every, "Run only every k-th program (a deterministic slice)")
      ->check(CLI::Range(1ull, 1'000'000'000ull));
  programs_cmd->add_option("--budget", programs.budget, "Executions per search before it counts as incomplete")
      ->check(CLI::Range(1ull, 100'000'000ull));
  programs_cmd->add_flag("--every-failure", programs.every_failure,
                         "Broken variants: search every schedule and check every failing execution's kind");
  programs_cmd->add_flag("--three-threads", programs.three_threads,
                         "Also every three-thread program of one operation a thread, up to 2 preemptions");
  programs_cmd->add_option("--out", programs_out, "Rewrite this document's generated-programs section");

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
  shot_cmd->add_option("--dump-state", gui_options.dump_state,
                       "Also write what the picture shows (position, objects and their states) to this file");
  shot_cmd->add_option("--live", gui_options.shot_live_ms,
                       "Show the Live window after running it this many milliseconds (versioned + hazard, 2 threads, "
                       "push/pop 50/50, against the mutex)")
      ->check(CLI::Range(100, 60000))
      ->default_str("");
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
  // free-now is not offered: it frees memory other threads read, so it
  // exists only in the simulator.
  live_cmd->add_option("--reclaim", live_reclaim, "leak or hazard (default hazard)")
      ->check(CLI::IsMember({"leak", "hazard"}));
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
  live_cmd->add_flag("--json", live.json, "Print the figures of each second as one JSON document at the end");

  CLI::App* keys_cmd = cli.add_subcommand("keys", "Print the app's keys (the table README's key list is)");

  std::string check_file;
  CLI::App* check_cmd = cli.add_subcommand("check", "Play the scenario's script and check its [expect] block");
  check_cmd->add_option("file", check_file, "Scenario file (TOML)")->required();
  bool check_json = false;
  check_cmd->add_flag("--json", check_json, "Print each expectation (line, column, holds, message) and the verdict as JSON");

  // Every --help ends with the exit statuses and one example.
  {
    const std::string statuses = "Exit status: 0 ok; 1 a failure was found (or an expectation does not hold); "
                                 "2 bad input (a file, a flag), named in the message.";
    const std::pair<CLI::App*, const char*> examples[] = {
        {demo_cmd, "lfvlab demo --threads 4 --completion versioned"},
        {play_cmd, "lfvlab play scenarios/07-book-clear-pending-race.toml --schedule \"A*12 B*5 A\""},
        {explore_cmd, "lfvlab explore scenarios/07-book-clear-pending-race.toml --save cx.toml"},
        {verify_cmd, "lfvlab verify-library scenarios --out docs/verification.md"},
        {shot_cmd, "lfvlab shot scenarios/04-helping.toml --step pause:2 --out helping.png --size 1024x768"},
        {animate_cmd, "lfvlab animate scenarios/04-helping.toml --out helping.gif"},
        {bench_ui_cmd, "xvfb-run -a lfvlab bench-ui"},
        {live_cmd, "lfvlab live --threads 2 --seconds 5"},
        {check_cmd, "lfvlab check scenarios/07-book-clear-pending-race.toml"},
        {keys_cmd, "lfvlab keys"},
    };
    for (const auto& [cmd, example] : examples)
      if (cmd->get_footer().empty()) cmd->footer(statuses + "\nExample: " + example);
    cli.footer(statuses + "\nExample: lfvlab scenarios/04-helping.toml   (opens the app on that unit)");
  }

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : 2;  // bad input exits 2
  }
  const std::filesystem::path library =
      app::find_library(library_dir.empty() ? std::nullopt : std::optional<std::filesystem::path>(library_dir));
  gui_options.library_dir = library.string();
  // A word that names neither a subcommand nor a file: say which it could be.
  if (!cli.get_subcommands().size() && !gui_options.file.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists(gui_options.file, ec)) {
      const bool looks_like_file = gui_options.file.find('/') != std::string::npos ||
                                   std::filesystem::path(gui_options.file).has_extension();
      if (looks_like_file) {
        std::cerr << "lfvlab: " << gui_options.file << ": no such scenario file\n";
      } else {
        std::cerr << "lfvlab: \"" << gui_options.file << "\" is neither a subcommand nor a scenario file. Subcommands:";
        for (const CLI::App* sub : cli.get_subcommands([](const CLI::App*) { return true; })) std::cerr << ' ' << sub->get_name();
        std::cerr << "\n(lfvlab --help says what each does)\n";
      }
      return 2;
    }
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
    if (explore_cmd->count("--pct-depth")) explore.pct_depth = explore_pct_depth;
    if (!explore_want.empty()) explore.want = parse_failure_kind(explore_want);
    if (explore_cmd->count("--time-limit")) explore.time_limit_seconds = explore_time_limit;
    if (explore_cmd->count("--budget")) explore.budget = explore_budget;
    if (explore_cmd->count("--save") && !writable("explore", "--save", explore_save)) return 2;
    if (!explore_save.empty()) explore.save = explore_save;
    return app::run_explore(explore, std::cout, std::cerr);
  }
  if (keys_cmd->parsed()) {
    std::cout << gui::keys_markdown();
    return 0;
  }
  if (check_cmd->parsed()) return app::run_check(check_file, check_json, std::cout, std::cerr);
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
  if (programs_cmd->parsed()) {
    if (!programs_out.empty()) programs.out = programs_out;
    return app::run_verify_programs(programs, std::cout, std::cerr);
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
      const std::vector<std::string> units = app::library_files(library);
      if (units.empty()) {
        std::cerr << "lfvlab: no scenario library found (looked beside the program for share/lfvlab/scenarios); "
                     "name a scenario file or pass --library DIR\n";
        return 2;
      }
      file = units.front();
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
